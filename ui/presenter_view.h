#pragma once
// The presenter view: the window on the lecturer's own screen while the canvas fills the
// projector. It shows the lesson step the room sees, the step's teacher notes (never on the
// projector), what comes next, the clocks (wall clock, time presenting, simulated time) and
// the controls. It reads the lesson player's state and follows it live; its buttons trigger
// the main window's own actions, so a step taken here or there is the same step.
// GUI thread; the controller, the lesson panel and the actions outlive it.
#include "model/simulation_controller.h"

#include <QElapsedTimer>
#include <QWidget>

class QAction;
class QLabel;

namespace streamscope::model {
struct Lesson;
}

namespace streamscope::ui {

class LessonPanel;

/// The main window's actions the presenter view offers as buttons.
struct PresenterControls {
  QAction *play = nullptr;
  QAction *stepBack = nullptr;
  QAction *step = nullptr;
  QAction *previousStep = nullptr; ///< the lesson's previous step
  QAction *nextStep = nullptr; ///< the lesson's next step
  QAction *leave = nullptr; ///< leave presentation mode
};

class PresenterView : public QWidget {
  Q_OBJECT
public:
  PresenterView(model::SimulationController &controller, LessonPanel &lessons, const PresenterControls &controls, QWidget *parent = nullptr);

  /// What each part shows now, as plain text (for tests and accessibility).
  QString stepText() const;
  QString notesText() const;
  QString nextText() const;
  QString clockText() const;

  /// "Step 2 — Cut the leader's power: Now the leader loses power." for what follows
  /// `stepIndex` (-1: the summary) in `lesson`; the closing comparison after the last step.
  static QString nextStepMarkdown(const model::Lesson &lesson, int stepIndex);

private:
  void showLesson(); ///< the step, its notes and what is next, from the lesson panel
  void showClocks();

  model::SimulationController &m_controller;
  LessonPanel &m_lessons;
  QElapsedTimer m_presenting; ///< since presenting began (this view opens with it)
  QLabel *m_lessonTitle = nullptr;
  QLabel *m_step = nullptr;
  QLabel *m_notes = nullptr;
  QLabel *m_next = nullptr;
  QLabel *m_wallClock = nullptr;
  QLabel *m_elapsed = nullptr;
  QLabel *m_simClock = nullptr;
};

} // namespace streamscope::ui
