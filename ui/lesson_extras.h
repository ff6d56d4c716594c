#pragma once
// The lesson player's step features beyond narration: a scrubbed setting (slider and plot), a
// fork's named futures to flip between, a followed record (the canvas points at it on every
// frame and says where it is), and a step that shows only some things (the rest hidden).
// The lesson panel hands it each step; it drives the canvas and the controller's branches.
// Contract: a widget; GUI thread only.
#include "model/lessons/lesson.h"
#include "model/lessons/lesson_runner.h"
#include "model/simulation_controller.h"

#include <QWidget>

#include <optional>

class QButtonGroup;
class QLabel;

namespace streamscope::ui {

class ScrubView;
class StreamCanvas;

class LessonExtras : public QWidget {
  Q_OBJECT
public:
  LessonExtras(model::SimulationController &controller, StreamCanvas &canvas, QWidget *parent = nullptr);

  /// A new step is on screen (nullopt: none); its show and follow take effect now.
  void enterStep(const std::optional<model::LessonStep> &step);
  /// After the step's actions and try-it: runs its scrub or fork (if any) and shows it. The
  /// returned details and pass join the step's own.
  model::StepResult runFutures();
  /// The step's fork, as one button per future (empty when the step has none).
  QButtonGroup *futures() const { return m_futures; }
  ScrubView *scrub() const { return m_scrub; }
  /// Where the followed record is now, in words (empty when the step follows none).
  QString followed() const;

private:
  void onFrame();
  /// The fork's futures run, one button each; their lines and pass go into `r`.
  void runFork(model::StepResult &r);

  model::SimulationController &m_controller;
  StreamCanvas &m_canvas;
  std::optional<model::LessonStep> m_step;
  std::vector<int> m_futureBranches;
  ScrubView *m_scrub = nullptr;
  QWidget *m_forkRow = nullptr;
  QButtonGroup *m_futures = nullptr;
  QLabel *m_follow = nullptr;
};

} // namespace streamscope::ui
