#pragma once
// The lesson player: pick a lesson, read each step, predict before it runs, do the try-it on
// the canvas (or press "Show me"), and see every expectation checked against the engine.
// A prediction is revealed after the step has run (right or not, and why), with "Try again".
// Back rebuilds the state the previous step started from by replaying the lesson (the
// engine is deterministic). Progress and predictions are kept in the user's library.
// Live numbers in the narration ({{SUBJECT}}) show "…" until the step has run, then the values
// of that moment, kept even if the simulation runs on. GUI thread only.
#include "model/lessons/lesson.h"
#include "model/lessons/lesson_runner.h"
#include "model/simulation_controller.h"

#include <QWidget>

#include <functional>

class QButtonGroup;
class QComboBox;
class QLabel;
class QPushButton;
class QTextBrowser;

namespace streamscope::ui {

class ChallengeBox;
class LessonExtras;
class PredictionBox;
class StreamCanvas;

class LessonPanel : public QWidget {
  Q_OBJECT
public:
  LessonPanel(model::SimulationController &controller, StreamCanvas &canvas, QWidget *parent = nullptr);

  /// Loads every lesson in `dir` into the list (errors are listed, not fatal).
  void loadLessons(const QString &dir);
  int lessonCount() const { return static_cast<int>(m_lessons.size()); }
  /// Every lesson loaded as (id, title with its progress mark: ✓ done, or steps so far).
  QList<QPair<QString, QString>> lessonsWithProgress() const;
  const std::vector<model::Lesson> &lessons() const { return m_lessons; }
  /// The ids of the lessons played to the end (kept in the settings).
  static QStringList passedLessons();
  /// -1: the lesson's summary, steps.size(): its closing comparison.
  int stepIndex() const { return m_step; }
  bool stepPassed() const { return m_passed; }
  /// The step waits for the learner's prediction, or for their try-it.
  bool asking() const { return m_phase == Phase::Predicting; }
  bool waitingForTryIt() const { return m_phase == Phase::Trying; }
  QPushButton *nextButton() const { return m_next; }
  QPushButton *answerButton() const;
  QPushButton *tryAgainButton() const;
  QButtonGroup *choices() const;
  QTextBrowser *view() const { return m_view; }
  LessonExtras *extras() const { return m_extras; }
  ChallengeBox *challenge() const { return m_challenge; }

  /// The id of the lesson being played, or empty.
  QString currentLessonId() const;
  /// The lesson being played, or nullptr (the presenter view reads it from here).
  const model::Lesson *currentLesson() const { return lesson(); }
  /// The current step's narration as the panel shows it: the values of the step's moment once
  /// it has been checked, "…" before. Empty outside a step.
  model::RenderedStep stepNarration() const;
  /// While presenting on the room's screen the teacher notes stay hidden; the toggle keeps its
  /// state, so they come back afterwards.
  void setNotesAllowed(bool allowed);
  /// True when the teacher notes are part of the view (toggled on and allowed).
  bool notesShown() const;
  QPushButton *notesButton() const { return m_notes; }
  /// Asked before a different lesson is loaded; false keeps the current run and lesson.
  void setLeaveGuard(std::function<bool()> mayLoad) { m_mayLoad = std::move(mayLoad); }
  /// Selects the lesson whose file name starts with `id` (e.g. "07"); false if none, or if
  /// the leave guard said no.
  bool selectLessonById(const QString &id);
  /// Plays `steps` steps the way "Show me" would (predictions answered correctly).
  void playSteps(int steps);
  /// Ends the lesson being played (if any): no lesson chosen, and the canvas clean (no
  /// highlights, nothing dimmed). Called when the dock closes, and by itself whenever a
  /// scenario is loaded that the lesson did not load (a file, a recording, the demo).
  void leaveLesson();

public slots:
  void selectLesson(int index);
  void next();
  void back();
  void restart();
  void showMe();
  void answer();
  /// After a prediction's reveal: the step again from its own start, asking again.
  void tryAgain();

signals:
  /// The lesson or step changed (the window updates its title and highlights).
  void stepChanged();
  /// The view was drawn again: a step ran or was checked, a prediction answered, notes toggled.
  void rendered();

private:
  const model::Lesson *lesson() const;
  void enterStep(int index);
  void runStep(); ///< the step's actions, then waits for the try-it or checks at once
  void finishStep(); ///< expectations checked, Next enabled
  void checkTryIt(); ///< on every frame while a try-it waits
  void render();
  void saveProgress();
  void replayTo(int target); ///< the lesson restarted and steps before `target` replayed
  /// The order this learner sees the current step's choices in (lesson_checks.h).
  QList<int> choiceOrder() const;

  model::SimulationController &m_controller;
  StreamCanvas &m_canvas;
  std::vector<model::Lesson> m_lessons;
  QStringList m_loadErrors;
  int m_current = -1;
  int m_step = -1;
  enum class Phase { Reading, Predicting, Trying, Done } m_phase = Phase::Reading;
  int m_chosen = -1;
  bool m_passed = false;
  std::function<bool()> m_mayLoad;
  bool m_notesAllowed = true;
  bool m_loading = false; ///< while the lesson drives the controller (it may load its own scenarios)
  QString m_failure;
  QStringList m_results;
  model::RenderedStep m_rendered; ///< the step's narration as of when it was checked
  std::vector<QStringList> m_comparison; ///< rendered when the lesson ends
  QStringList m_answers;

  QComboBox *m_list = nullptr;
  QLabel *m_progress = nullptr;
  QTextBrowser *m_view = nullptr;
  PredictionBox *m_prediction = nullptr;
  LessonExtras *m_extras = nullptr; ///< scrub, fork, follow and show of the step
  ChallengeBox *m_challenge = nullptr; ///< after the last step, above the comparison
  QPushButton *m_hint = nullptr, *m_showMe = nullptr, *m_back = nullptr, *m_next = nullptr, *m_restart = nullptr, *m_notes = nullptr;
};

} // namespace streamscope::ui
