#pragma once
// A scrubbed setting in the lesson player: a slider over the setting's values and a plot of
// each outcome measure against them. Every value has already been run on its own branch
// (model/lessons/lesson_futures.h); moving the slider shows that value's branch on the canvas.
// Contract: a widget; GUI thread only.
#include "model/lessons/lesson.h"
#include "model/lessons/lesson_futures.h"
#include "model/simulation_controller.h"

#include <QWidget>

class QCustomPlot;
class QCPItemStraightLine;
class QLabel;
class QSlider;

namespace streamscope::ui {

class ScrubView : public QWidget {
  Q_OBJECT
public:
  ScrubView(model::SimulationController &controller, QWidget *parent = nullptr);

  /// Shows the outcome of a scrub already run; the slider starts on the last value (where the
  /// controller is).
  void setResult(const model::Scrub &scrub, const model::ScrubResult &result);
  QSlider *slider() const { return m_slider; }
  QCustomPlot *plot() const { return m_plot; }
  /// The value shown, in words ("flush.ms = 100: acknowledged_lost 12").
  QString caption() const;

private:
  void moveTo(int index);

  model::SimulationController &m_controller;
  QLabel *m_caption = nullptr;
  QSlider *m_slider = nullptr;
  QCustomPlot *m_plot = nullptr;
  QCPItemStraightLine *m_cursor = nullptr;
  QString m_setting;
  QStringList m_labels, m_measures;
  std::vector<int> m_branches;
  std::vector<std::vector<std::optional<double>>> m_series;
};

} // namespace streamscope::ui
