#include "student_session.h"

#include "model/json/controller_command_json.h"

namespace streamscope::classroom {
namespace {
constexpr int kStatusIntervalMs = 50; // 20 statuses a second at most: well inside the host's 50 messages
}

StudentSession::StudentSession(model::SimulationController &controller, QObject *parent)
    : QObject(parent), m_controller(controller), m_follower(controller) {
  connect(&m_client, &ClassroomClient::welcomed, this, &StudentSession::onWelcome);
  connect(&m_client, &ClassroomClient::message, this, &StudentSession::onMessage);
  connect(&m_client, &ClassroomClient::refused, this, &StudentSession::refused);
  m_statusTimer.setSingleShot(true);
  connect(&m_statusTimer, &QTimer::timeout, this, &StudentSession::sendStatusNow);
  // Anything the controller does that the follower did not ask for is the student's own.
  m_controller.setJournal([this](const model::ControllerCommand &c) {
    if (!m_applying && model::changesTheRun(c.kind))
      m_changedLocally = true;
  });
}

StudentSession::~StudentSession() { m_controller.setJournal({}); }

void StudentSession::join(const ClassroomClient::Options &options) { m_client.connectTo(options); }

void StudentSession::onWelcome(const Welcome &welcome) {
  m_session = welcome.session;
  m_log = welcome.log;
  m_applied = 0;
  m_step = -1;
  m_locked = welcome.locked;
  m_following = true;
  m_changedLocally = false;
  emit sessionStarted(m_session);
  emit lockChanged(m_locked);
  emit followingChanged(true);
  catchUp(true);
}

void StudentSession::onMessage(const HostMessage &message) {
  if (const auto *command = std::get_if<Command>(&message)) {
    m_log.append(*command);
    if (m_following)
      catchUp(false);
    else if (command->kind() == QLatin1String("lock")) // a lock brings everyone back to the teacher's run
      setFollowing(true);
  } else if (const auto *removed = std::get_if<Removed>(&message)) {
    emit ended(tr("The teacher removed you from the session: %1").arg(removed->reason));
  } else if (std::holds_alternative<End>(message)) {
    emit ended(tr("The teacher ended the session."));
  }
}

void StudentSession::catchUp(bool reportProgress) {
  const auto total = static_cast<int>(m_log.size());
  while (m_applied < m_log.size()) {
    if (!run(m_log[m_applied])) {
      replayAll(); // out of step: begin again from the session's first command
      return;
    }
    ++m_applied;
    if (reportProgress)
      emit catchingUp(static_cast<int>(m_applied), total);
  }
  sendStatus();
}

bool StudentSession::run(const Command &command) {
  const QString kind = command.kind();
  if (kind == QLatin1String("lesson_step")) {
    m_step = command.payload.value(QLatin1String("step")).toInt();
    emit lessonStep(m_step);
  } else if (kind == QLatin1String("reveal")) {
    std::map<int, int> counts;
    const QJsonObject answers = command.payload.value(QLatin1String("answers")).toObject();
    for (auto it = answers.begin(); it != answers.end(); ++it)
      counts[it.key().toInt()] = it.value().toInt();
    emit revealed(command.payload.value(QLatin1String("step")).toInt(), command.payload.value(QLatin1String("explanation")).toString(), counts);
  } else if (kind == QLatin1String("lock") || kind == QLatin1String("release")) {
    m_locked = kind == QLatin1String("lock");
    emit lockChanged(m_locked);
  } else {
    QString why;
    const auto c = model::commandFromJson(command.payload, m_controller.scenarioJson(), &why);
    if (c) {
      m_applying = true;
      if (const auto failed = m_follower.apply(*c))
        why = *failed;
      m_applying = false;
    }
    if (!why.isEmpty()) {
      qCWarning(lcClassroom) << "command" << command.seq << kind << "not followed:" << why;
      emit outOfStep(why);
      return false;
    }
  }
  return true;
}

void StudentSession::replayAll() {
  if (m_outOfStep)
    return; // the replay itself went out of step: wait for the next command rather than loop
  m_outOfStep = true;
  m_applied = 0;
  m_changedLocally = false;
  catchUp(true);
  m_outOfStep = false;
}

bool StudentSession::setFollowing(bool follow) {
  if (follow == m_following)
    return true;
  if (!follow && m_locked)
    return false;
  m_following = follow;
  emit followingChanged(follow);
  if (follow) {
    if (m_changedLocally)
      replayAll();
    else
      catchUp(true);
  }
  sendStatus();
  return true;
}

void StudentSession::answer(int choice, qint64 answerMs) { m_client.send(Answer{std::max(0, m_step), choice, answerMs}); }

void StudentSession::tried() { m_client.send(Tried{std::max(0, m_step)}); }

void StudentSession::sendStatus() {
  if (m_statusTimer.isActive())
    return; // the one due will carry the latest place
  if (m_sinceStatus.isValid() && m_sinceStatus.elapsed() < kStatusIntervalMs) {
    m_statusTimer.start(static_cast<int>(kStatusIntervalMs - m_sinceStatus.elapsed()));
    return;
  }
  sendStatusNow();
}

void StudentSession::sendStatusNow() {
  if (!m_controller.hasSimulation() || !m_client.isJoined())
    return;
  m_sinceStatus.start();
  m_client.send(Status{std::max(0, m_step), m_controller.world().now, QStringLiteral("%1").arg(m_controller.eventHash(), 16, 16, QLatin1Char('0')),
                       m_following});
}

} // namespace streamscope::classroom
