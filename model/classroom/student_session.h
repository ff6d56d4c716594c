#pragma once
// A student's side of a classroom session wired to the simulation: joins the teacher, then
// does every engine command the teacher's app does (ControllerFollower), checking place and
// event hash after each. A student may stop following to explore on their own (their actions
// stay local) and follow again: the commands that arrived meanwhile are then done, or, if the
// student changed the run, the whole session is replayed from its start (with progress).
// Contract: GUI thread (or the CLI's main thread), with the controller it drives.
#include "classroom_client.h"
#include "model/controller_follower.h"

#include <QElapsedTimer>
#include <QTimer>

namespace streamscope::classroom {

class StudentSession : public QObject {
  Q_OBJECT
public:
  explicit StudentSession(model::SimulationController &controller, QObject *parent = nullptr);
  ~StudentSession() override;

  void join(const ClassroomClient::Options &options);
  void leave() { m_client.leave(); }
  ClassroomClient &client() { return m_client; }
  const SessionInfo &session() const { return m_session; }

  bool following() const { return m_following; }
  /// Stops or resumes following the teacher. Refused (false) while the teacher has locked following.
  bool setFollowing(bool follow);
  bool locked() const { return m_locked; }
  /// The lesson step the teacher has open (-1 before any).
  int step() const { return m_step; }
  bool teacherPlaying() const { return m_follower.leaderPlaying(); }

  /// Sends the student's prediction for the open step.
  void answer(int choice, qint64 answerMs);
  /// Tells the teacher the student did the try-it of the open step.
  void tried();

signals:
  /// Joined (or the teacher began a new session): the app opens the lesson or scenario.
  void sessionStarted(const streamscope::classroom::SessionInfo &session);
  /// Catching up on a join or a replay: `done` of `total` commands.
  void catchingUp(int done, int total);
  /// The teacher opened lesson step `step` (the engine commands before it are done).
  void lessonStep(int step);
  void revealed(int step, const QString &explanation, const std::map<int, int> &answers);
  void lockChanged(bool locked);
  void followingChanged(bool following);
  /// The teacher's command could not be followed (it is replayed from the start next).
  void outOfStep(const QString &why);
  void refused(const QString &reason);
  /// The teacher ended the session, or removed this student (`reason` says which).
  void ended(const QString &reason);

private:
  void onWelcome(const Welcome &welcome);
  void onMessage(const HostMessage &message);
  /// Does the command if following (else keeps it for later); false if it could not be done.
  void take(const Command &command);
  /// Does commands [m_applied, end of log) in order.
  void catchUp(bool reportProgress);
  bool run(const Command &command);
  /// Back to the session's start, then every command again.
  void replayAll();
  /// Tells the teacher where this app is: at once, or, within kStatusIntervalMs of the last
  /// status, once that interval is over (the latest place then), so the host's message budget holds.
  void sendStatus();
  void sendStatusNow();

  model::SimulationController &m_controller;
  model::ControllerFollower m_follower;
  ClassroomClient m_client;
  SessionInfo m_session;
  QList<Command> m_log; ///< every command of the session, in order
  qsizetype m_applied = 0; ///< commands of m_log done
  bool m_following = true;
  bool m_locked = false;
  bool m_applying = false; ///< the follower is driving the controller (its journal is not the student's)
  bool m_changedLocally = false; ///< the student acted while exploring
  bool m_outOfStep = false;
  int m_step = -1;
  QTimer m_statusTimer; ///< a status due later
  QElapsedTimer m_sinceStatus;
};

} // namespace streamscope::classroom
