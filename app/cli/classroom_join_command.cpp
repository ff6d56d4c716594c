// `streamscope-cli classroom join`: a student without a window. Follows the teacher's run
// command by command (checking the event hash after each), answers every prediction with a
// fixed choice or the right one, prints one line per step with the event hash at its end,
// and exits when the teacher ends the session.
#include "classroom_commands.h"
#include "command_line.h"

#include "model/classroom/student_session.h"
#include "model/lessons/lesson.h"
#include "model/lessons/lesson_runner.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

namespace streamscope::app {

int runClassroomJoin(const QStringList &args) {
  using namespace streamscope::classroom;
  CommandLine cli(kClassroomJoinCommand);
  const QCommandLineOption code(QStringLiteral("code"), QStringLiteral("The join code the teacher gives."), QStringLiteral("C"));
  const QCommandLineOption name(QStringLiteral("name"), QStringLiteral("The name the class sees (up to 32 characters)."), QStringLiteral("N"));
  const QCommandLineOption answer(QStringLiteral("answer"), QStringLiteral("Answer every prediction with choice K (from 0)."), QStringLiteral("K"));
  const QCommandLineOption answerCorrect(QStringLiteral("answer-correct"), QStringLiteral("Answer every prediction with its right choice."));
  const QCommandLineOption fingerprint(QStringLiteral("fingerprint"),
                                       QStringLiteral("The SHA-256 fingerprint the teacher shows for a TLS session (connects with TLS)."),
                                       QStringLiteral("F"));
  const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Print one JSON object per step."));
  for (const auto *o : {&code, &name, &answer, &answerCorrect, &fingerprint, &json})
    cli.addOption(*o);
  cli.addPositional(QStringLiteral("HOST:PORT"), QStringLiteral("Where the teacher hosts the session."));
  if (const auto exit = cli.parse(args))
    return *exit;
  const QStringList positional = cli.positional();
  if (positional.size() != 1)
    return cli.refuse(positional.isEmpty() ? QStringLiteral("HOST:PORT is required") : QStringLiteral("unexpected argument '%1'").arg(positional[1]));
  const qsizetype colon = positional[0].lastIndexOf(QLatin1Char(':'));
  bool portOk = false;
  const int port = colon > 0 ? positional[0].mid(colon + 1).toInt(&portOk) : 0;
  if (!portOk || port < 1 || port > 65535)
    return cli.refuse(QStringLiteral("HOST:PORT needs a host and a port from 1 to 65535, not '%1'").arg(positional[0]));
  if (!cli.isSet(code) || !cli.isSet(name))
    return cli.refuse(QStringLiteral("--code C and --name N are required"));
  if (cli.isSet(answer) && cli.isSet(answerCorrect))
    return cli.refuse(QStringLiteral("give --answer K or --answer-correct, not both"));
  std::optional<long long> fixed;
  if (cli.isSet(answer) && !(fixed = cli.wholeNumber(answer, 0, 99)))
    return 2;
  if (parseOnly())
    return 0;

  model::SimulationController controller;
  StudentSession student(controller);
  QTextStream out(stdout), err(stderr);
  std::optional<model::Lesson> lesson;
  int exitCode = -1;
  int shownStep = -1; // the step whose line is printed when the next one opens (or the session ends)
  const auto printStep = [&] {
    if (shownStep < 0 || !controller.hasSimulation())
      return;
    const QString hash = QStringLiteral("%1").arg(controller.eventHash(), 16, 16, QLatin1Char('0'));
    if (cli.isSet(json))
      out << QJsonDocument(QJsonObject{{QStringLiteral("step"), shownStep}, {QStringLiteral("event_hash"), hash}}).toJson(QJsonDocument::Compact)
          << '\n';
    else
      out << "step " << shownStep << "  event_hash " << hash << '\n';
    out.flush();
  };
  QObject::connect(&student, &StudentSession::sessionStarted, [&](const SessionInfo &session) {
    lesson.reset();
    shownStep = -1;
    if (session.kind != SessionInfo::Kind::Lesson)
      return;
    QString why;
    const auto file = model::lessonFileById(session.lessonId, &why);
    const model::LessonLoadResult loaded = file ? model::loadLessonFile(*file) : model::LessonLoadResult{};
    if (loaded.lesson && loaded.lesson->id == session.lessonId)
      lesson = *loaded.lesson;
    else
      err << "streamscope-cli classroom join: this copy of StreamScope has no lesson " << session.lessonId
          << " to answer from: " << (file ? loaded.error : why) << '\n';
  });
  QObject::connect(&student, &StudentSession::lessonStep, [&](int step) {
    printStep();
    shownStep = step;
    if (!lesson || step >= static_cast<int>(lesson->steps.size()) || !lesson->steps[static_cast<std::size_t>(step)].prediction)
      return;
    const model::Prediction &p = *lesson->steps[static_cast<std::size_t>(step)].prediction;
    if (fixed)
      student.answer(static_cast<int>(*fixed), 0);
    else if (cli.isSet(answerCorrect))
      student.answer(p.answer, 0);
  });
  QObject::connect(&student, &StudentSession::outOfStep,
                   [&](const QString &why) { err << "streamscope-cli classroom join: out of step: " << why << '\n'; });
  QObject::connect(&student, &StudentSession::refused, [&](const QString &reason) {
    err << "streamscope-cli classroom join: " << reason << '\n';
    exitCode = 3;
  });
  QObject::connect(&student, &StudentSession::ended, [&](const QString &) {
    printStep();
    exitCode = 0;
  });
  ClassroomClient::Options options;
  options.host = positional[0].left(colon);
  options.port = static_cast<quint16>(port);
  options.code = cli.value(code);
  options.name = cli.value(name);
  options.fingerprint = cli.value(fingerprint);
  QEventLoop loop; // sleeps until the socket or a timer has something
  QObject::connect(&student, &StudentSession::ended, &loop, &QEventLoop::quit, Qt::QueuedConnection);
  QObject::connect(&student, &StudentSession::refused, &loop, &QEventLoop::quit, Qt::QueuedConnection);
  student.join(options);
  loop.exec();
  return exitCode;
}

} // namespace streamscope::app
