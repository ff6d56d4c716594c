#pragma once
// The metrics dock: stacked, time-aligned QCustomPlot charts of the current branch's metric
// series (Kafka in blues, Kinesis in oranges, on the same axes), a cursor at the current
// time, click to seek, and export as PNG, PDF or CSV or copy to the clipboard. New points
// are appended once per frame and drawn with one queued replot.
// Contract: a widget; GUI thread only. It reads the world through the controller's view when it paints or refreshes.
#include "model/simulation_controller.h"

#include <QWidget>

#include <map>

class QCustomPlot;
class QCPAxisRect;
class QCPGraph;
class QCPItemStraightLine;

namespace streamscope::ui {

class MetricsPanel : public QWidget {
  Q_OBJECT
public:
  explicit MetricsPanel(model::SimulationController &controller, QWidget *parent = nullptr);

  QCustomPlot *plot() const { return m_plot; }
  bool exportPng(const QString &path) const;
  bool exportPdf(const QString &path) const;
  bool exportCsv(const QString &path) const;
  /// The x (seconds) a widget position on the plot stands for.
  double secondsAt(int x) const;

public slots:
  /// Appends new samples (or rebuilds after a jump or a branch switch) and replots.
  void refresh();
  void rebuild();
  void copyToClipboard() const;

protected:
  void contextMenuEvent(QContextMenuEvent *event) override;

private:
  void ensureLayout();
  void clearGraphs();
  QCPGraph *graphFor(const model::MetricSeries &series);

  model::SimulationController &m_controller;
  QCustomPlot *m_plot = nullptr;
  std::map<QString, QCPAxisRect *> m_rects; ///< by plot key
  std::map<QString, QCPGraph *> m_graphs; ///< by series key
  std::map<QString, QCPItemStraightLine *> m_cursors; ///< by plot key
  std::size_t m_drawn = 0; ///< samples already in the graphs
  int m_branch = -1; ///< the branch they came from
};

} // namespace streamscope::ui
