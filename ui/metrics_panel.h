#pragma once
// The metrics dock: stacked, time-aligned QCustomPlot charts of the current branch's metric
// series (one colour-blind-safe hue per line; Kafka drawn wider under Kinesis on shared axes),
// a cursor at the current time at one x in every plot, click to seek, the wheel scrolls the
// stack, and export as PNG, PDF or CSV or copy to the clipboard. New points are appended once
// per frame and drawn with one queued replot.
// Contract: a widget; GUI thread only. It reads the world through the controller's view when it paints or refreshes.
#include "model/simulation_controller.h"

#include <QWidget>

#include <map>
#include <vector>

class QCustomPlot;
class QCPAxisRect;
class QCPGraph;
class QCPItemStraightLine;
class QScrollArea;

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
  bool eventFilter(QObject *watched, QEvent *event) override;
  void contextMenuEvent(QContextMenuEvent *event) override;

private:
  void ensureLayout();
  void clearGraphs();
  QCPGraph *graphFor(const model::MetricSeries &series);
  /// Colours and widths of a plot's lines, given how many things it shows.
  void restyle(QCPAxisRect *rect, std::size_t entities);

  model::SimulationController &m_controller;
  QScrollArea *m_scroll = nullptr;
  QCustomPlot *m_plot = nullptr;
  std::map<QString, QCPAxisRect *> m_rects; ///< by plot key
  std::map<QString, QCPGraph *> m_graphs; ///< by series key
  std::map<QString, QCPItemStraightLine *> m_cursors; ///< by plot key
  std::map<QString, std::vector<QString>> m_entities; ///< by plot key: what each colour stands for, in order
  std::size_t m_drawn = 0; ///< samples already in the graphs
  int m_branch = -1; ///< the branch they came from
};

} // namespace streamscope::ui
