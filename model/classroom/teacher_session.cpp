#include "teacher_session.h"

#include "model/json/controller_command_json.h"
#include "model/json/scenario_loader.h"

namespace streamscope::classroom {

namespace {
constexpr int kRunToIntervalMs = 100; // students move in steps this long while the teacher plays
}

std::map<int, int> StepAnswers::counts() const {
  std::map<int, int> out;
  for (const auto &[id, answer] : byStudent)
    ++out[answer.choice];
  return out;
}

TeacherSession::TeacherSession(model::SimulationController &controller, QObject *parent) : QObject(parent), m_controller(controller) {
  m_flush.setInterval(kRunToIntervalMs);
  connect(&m_flush, &QTimer::timeout, this, &TeacherSession::flush);
  connect(&m_server, &ClassroomServer::messageFrom, this, &TeacherSession::onMessage);
  for (auto signal :
       {&ClassroomServer::studentJoined, &ClassroomServer::studentLeft, &ClassroomServer::studentRejoined, &ClassroomServer::studentUpdated})
    connect(&m_server, signal, this, &TeacherSession::studentsChanged);
}

TeacherSession::~TeacherSession() { m_controller.setJournal({}); }

bool TeacherSession::start(const ClassroomServer::Options &options, const SessionInfo &session, const QByteArray &scenarioJson, QString *error) {
  const model::ScenarioLoadResult loaded = model::loadScenarioText(scenarioJson, QObject::tr("the session's scenario"));
  if (!loaded.scenario) {
    *error = loaded.error;
    return false;
  }
  if (!m_server.listen(options)) {
    *error = m_server.errorString();
    return false;
  }
  if (!m_server.setSession(session, error)) {
    m_server.close();
    return false;
  }
  m_controller.setJournal([this](const model::ControllerCommand &c) { onCommand(c); });
  m_controller.load(*loaded.scenario, loaded.playbackSpeed, scenarioJson); // the class's first command
  m_flush.start();
  return true;
}

void TeacherSession::onCommand(const model::ControllerCommand &c) {
  if (c.kind == model::ControllerCommand::Kind::RunTo && m_controller.isPlaying()) {
    m_pendingRun = c; // playing: only the latest place matters, sent at the next tick
    return;
  }
  flush();
  send(c);
}

void TeacherSession::flush() {
  if (m_pendingRun)
    send(*std::exchange(m_pendingRun, std::nullopt));
}

void TeacherSession::send(const model::ControllerCommand &c) {
  const QJsonObject fields = model::commandToJson(c, m_controller.scenario());
  m_server.broadcast(commandPayload(model::commandKindName(c.kind), c.after.at, static_cast<qint64>(c.after.processed), fields));
}

void TeacherSession::setRecord(ClassRecord *record, const QString &lesson) {
  m_record = record;
  m_lesson = lesson;
}

void TeacherSession::lessonStep(int step, int choices, int correctChoice) {
  flush();
  m_step = step;
  m_choices = choices;
  m_correct = correctChoice;
  const model::RunPlace here = m_controller.hasSimulation() ? m_controller.place() : model::RunPlace{};
  m_server.broadcast(commandPayload(QStringLiteral("lesson_step"), here.at, static_cast<qint64>(here.processed), {{QStringLiteral("step"), step}}));
}

void TeacherSession::reveal(int step, const QString &explanation) {
  flush();
  if (step == m_step)
    m_choices = 0; // answered: later answers do not change the tally shown
  QJsonObject counts;
  for (const auto &[choice, n] : answers(step).counts())
    counts.insert(QString::number(choice), n);
  const model::RunPlace here = m_controller.hasSimulation() ? m_controller.place() : model::RunPlace{};
  m_server.broadcast(
      commandPayload(QStringLiteral("reveal"), here.at, static_cast<qint64>(here.processed),
                     {{QStringLiteral("step"), step}, {QStringLiteral("explanation"), explanation}, {QStringLiteral("answers"), counts}}));
}

void TeacherSession::setLocked(bool locked) {
  flush();
  const model::RunPlace here = m_controller.hasSimulation() ? m_controller.place() : model::RunPlace{};
  m_server.broadcast(commandPayload(locked ? QStringLiteral("lock") : QStringLiteral("release"), here.at, static_cast<qint64>(here.processed)));
}

void TeacherSession::end() {
  flush();
  m_flush.stop();
  m_controller.setJournal({});
  m_server.end();
}

const StepAnswers &TeacherSession::answers(int step) const {
  static const StepAnswers none;
  const auto it = m_answers.find(step);
  return it == m_answers.end() ? none : it->second;
}

QStringList TeacherSession::tried(int step) const {
  QStringList names;
  if (const auto it = m_tried.find(step); it != m_tried.end())
    for (const QString &id : it->second)
      if (const auto s = m_server.student(id))
        names << s->name;
  return names;
}

void TeacherSession::onMessage(const QString &id, const StudentMessage &message) {
  if (const auto *answer = std::get_if<Answer>(&message)) {
    if (answer->step != m_step || answer->choice >= m_choices) {
      qCInfo(lcClassroom) << "answer of" << id << "to step" << answer->step << "choice" << answer->choice << "ignored: step" << m_step << "takes"
                          << m_choices << "choices now";
      return;
    }
    m_answers[answer->step].byStudent[id] = *answer; // a changed mind counts once, as its last choice
    if (m_record) {
      const auto student = m_server.student(id);
      if (!m_record->add(
              {m_sessionId, m_lesson, answer->step, student ? student->name : id, answer->choice, answer->choice == m_correct, answer->answerMs}))
        qCWarning(lcClassroom) << m_record->error();
    }
    emit answersChanged(answer->step);
  } else if (const auto *tried = std::get_if<Tried>(&message)) {
    if (m_tried[tried->step].insert(id).second)
      emit triedChanged(tried->step);
  }
}

} // namespace streamscope::classroom
