#pragma once
// The teacher's side of a classroom session wired to the simulation: every command of the
// teacher's controller (its journal) goes to the class as it happens — the run_to commands of
// playing at most ten times a second, always before any other command — and the lesson's
// steps, reveals and locks go with them. Answers and tried steps are tallied per step.
// Contract: GUI thread (or the CLI's main thread), with the controller it journals.
#include "class_record.h"
#include "classroom_server.h"
#include "model/simulation_controller.h"

#include <QTimer>

#include <map>
#include <set>

namespace streamscope::classroom {

/// The class's answers to one step's prediction.
struct StepAnswers {
  std::map<QString, Answer> byStudent; ///< the latest answer of each student id
  std::map<int, int> counts() const; ///< choice -> students
};

class TeacherSession : public QObject {
  Q_OBJECT
public:
  explicit TeacherSession(model::SimulationController &controller, QObject *parent = nullptr);
  ~TeacherSession() override;

  /// Listens and starts the session: `session` says what the class works on. The controller
  /// (re)loads `scenarioJson` so the class starts where the teacher does; a lesson then plays
  /// its steps through the controller. False with the reason if it cannot listen or load.
  bool start(const ClassroomServer::Options &options, const SessionInfo &session, const QByteArray &scenarioJson, QString *error);
  ClassroomServer &server() { return m_server; }
  const ClassroomServer &server() const { return m_server; }

  /// The teacher opened lesson step `step` (before its actions run); `choices` is the number
  /// of its prediction's choices (0: none). Answers count for the open step's prediction only,
  /// until it is revealed.
  void lessonStep(int step, int choices, int correctChoice = -1);
  /// Keeps every counted answer in `record` under `lesson` from now on (none: stop).
  void setRecord(ClassRecord *record, const QString &lesson);
  /// This session's id in the class record.
  const QString &sessionId() const { return m_sessionId; }
  int currentStep() const { return m_step; }
  /// Shows the class the prediction's answer, with `explanation` and the tally of answers.
  void reveal(int step, const QString &explanation);
  void setLocked(bool locked);
  /// Tells every student the session is over.
  void end();

  const StepAnswers &answers(int step) const;
  /// Names of the students who did the try-it of `step`.
  QStringList tried(int step) const;
  /// Sends what is pending now (a coalesced run_to) instead of at the next tick.
  void flush();

signals:
  void answersChanged(int step);
  void triedChanged(int step);
  void studentsChanged();

private:
  void onCommand(const model::ControllerCommand &c);
  void send(const model::ControllerCommand &c);
  void onMessage(const QString &id, const StudentMessage &message);

  model::SimulationController &m_controller;
  ClassroomServer m_server;
  QTimer m_flush; ///< sends the latest run_to of playing
  std::optional<model::ControllerCommand> m_pendingRun;
  int m_step = -1;
  int m_choices = 0; ///< of the open step's prediction, until it is revealed
  int m_correct = -1; ///< the open step's right choice
  ClassRecord *m_record = nullptr;
  QString m_lesson;
  QString m_sessionId = newSessionId();
  std::map<int, StepAnswers> m_answers;
  std::map<int, std::set<QString>> m_tried; ///< student ids
};

} // namespace streamscope::classroom
