// `streamscope-cli classroom host`: a teacher without a window. Hosts a session for a lesson
// (or a scenario), plays the lesson's steps through a journaled controller, waits at each
// prediction for the class's answers, and prints one line per step (JSON with --json).
#include "classroom_commands.h"
#include "command_line.h"

#include "model/classroom/join_code.h"
#include "model/classroom/teacher_session.h"
#include "model/lessons/lesson.h"
#include "model/lessons/lesson_runner.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>
#include <QThread>
#include <QTimer>

#include <algorithm>

namespace streamscope::app {
namespace {

using namespace streamscope::classroom;

/// Runs the event loop until `done` holds or `timeoutMs` pass; whether it held. Sleeps in the
/// event loop between checks (a loop of processEvents would spin a core).
bool waitFor(const std::function<bool()> &done, int timeoutMs) {
  if (done())
    return true;
  QEventLoop loop;
  QTimer poll;
  QElapsedTimer clock;
  clock.start();
  QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
    if (done() || clock.elapsed() >= timeoutMs)
      loop.quit();
  });
  poll.start(2);
  loop.exec();
  return done();
}

QString hex(std::uint64_t hash) { return QStringLiteral("%1").arg(hash, 16, 16, QLatin1Char('0')); }

void printStep(QTextStream &out, bool json, int step, const std::map<int, int> &answers, std::uint64_t hash) {
  QJsonObject counts;
  for (const auto &[choice, n] : answers)
    counts.insert(QString::number(choice), n);
  if (json)
    out << QJsonDocument(QJsonObject{{QStringLiteral("step"), step}, {QStringLiteral("answers"), counts}, {QStringLiteral("event_hash"), hex(hash)}})
               .toJson(QJsonDocument::Compact)
        << '\n';
  else
    out << "step " << step << "  answers " << QJsonDocument(counts).toJson(QJsonDocument::Compact) << "  event_hash " << hex(hash) << '\n';
  out.flush();
}

} // namespace

int runClassroomHost(const QStringList &args) {
  CommandLine cli(kClassroomHostCommand);
  const QCommandLineOption lesson(QStringLiteral("lesson"), QStringLiteral("The lesson to teach, by id or its first characters (\"09\")."),
                                  QStringLiteral("ID"));
  const QCommandLineOption scenario(QStringLiteral("scenario"), QStringLiteral("A scenario file to run with the class instead of a lesson."),
                                    QStringLiteral("FILE"));
  const QCommandLineOption port(QStringLiteral("port"), QStringLiteral("The port to listen on (1 to 65535)."), QStringLiteral("P"));
  const QCommandLineOption bind(QStringLiteral("bind"), QStringLiteral("The interface address to listen on (default: every interface)."),
                                QStringLiteral("ADDRESS"), QStringLiteral("0.0.0.0"));
  const QCommandLineOption code(QStringLiteral("code"), QStringLiteral("The join code (6 characters; default: a new one, printed on stderr)."),
                                QStringLiteral("C"));
  const QCommandLineOption untilAnswers(QStringLiteral("until-answers"),
                                        QStringLiteral("Wait at each prediction until N students answered (default 0: do not wait)."),
                                        QStringLiteral("N"), QStringLiteral("0"));
  const QCommandLineOption answerTimeout(QStringLiteral("answer-timeout"), QStringLiteral("Seconds to wait for the answers at most (default 120)."),
                                         QStringLiteral("S"), QStringLiteral("120"));
  const QCommandLineOption stepMs(QStringLiteral("step-ms"), QStringLiteral("With --scenario: simulated milliseconds per step (default 1000)."),
                                  QStringLiteral("MS"), QStringLiteral("1000"));
  const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Print one JSON object per step."));
  for (const auto *o : {&lesson, &scenario, &port, &bind, &code, &untilAnswers, &answerTimeout, &stepMs, &json})
    cli.addOption(*o);
  if (const auto exit = cli.parse(args))
    return *exit;
  if (!cli.positional().isEmpty())
    return cli.refuse(QStringLiteral("unexpected argument '%1'").arg(cli.positional().front()));
  if (cli.isSet(lesson) == cli.isSet(scenario))
    return cli.refuse(QStringLiteral("give either --lesson ID or --scenario FILE"));
  if (!cli.isSet(port))
    return cli.refuse(QStringLiteral("--port P is required"));
  const auto portNumber = cli.wholeNumber(port, 1, 65535);
  const auto answers = portNumber ? cli.wholeNumber(untilAnswers, 0, 10000) : std::nullopt;
  const auto timeout = answers ? cli.wholeNumber(answerTimeout, 1, 86400) : std::nullopt;
  const auto step = timeout ? cli.wholeNumber(stepMs, 1, 3600000) : std::nullopt;
  if (!step)
    return 2;
  ClassroomServer::Options options;
  if (!options.address.setAddress(cli.value(bind)))
    return cli.refuse(QStringLiteral("--bind needs an IP address, not '%1'").arg(cli.value(bind)));
  options.port = static_cast<quint16>(*portNumber);
  options.code = cli.isSet(code) ? normalizeJoinCode(cli.value(code)) : generateJoinCode();
  const auto validCode = [](const QString &c) {
    return c.size() == kJoinCodeLength && std::ranges::all_of(c, [](QChar ch) { return QByteArray(kJoinCodeAlphabet).contains(ch.toLatin1()); });
  };
  if (!validCode(options.code))
    return cli.refuse(
        QStringLiteral("--code needs %1 characters from %2, not '%3'").arg(kJoinCodeLength).arg(QLatin1String(kJoinCodeAlphabet), cli.value(code)));

  QTextStream out(stdout), err(stderr);
  SessionInfo session;
  QByteArray scenarioJson;
  std::optional<model::Lesson> taught;
  if (cli.isSet(lesson)) {
    QString why;
    const auto file = model::lessonFileById(cli.value(lesson), &why);
    const model::LessonLoadResult loaded = file ? model::loadLessonFile(*file) : model::LessonLoadResult{};
    if (!loaded.lesson) {
      err << "streamscope-cli classroom host: " << (file ? loaded.error : why) << '\n';
      return 1;
    }
    taught = *loaded.lesson;
    session.kind = SessionInfo::Kind::Lesson;
    session.lessonId = taught->id;
    scenarioJson = taught->scenarioJson;
  } else {
    QFile file(cli.value(scenario));
    if (!file.open(QIODevice::ReadOnly)) {
      err << "streamscope-cli classroom host: cannot read " << cli.value(scenario) << ": " << file.errorString() << '\n';
      return 1;
    }
    scenarioJson = file.readAll();
    session.scenarioText = scenarioJson;
  }
  if (parseOnly())
    return 0;

  model::SimulationController controller;
  TeacherSession teacher(controller);
  QString why;
  if (!teacher.start(options, session, scenarioJson, &why)) {
    err << "streamscope-cli classroom host: cannot host on " << options.address.toString() << ':' << options.port << ": " << why << '\n';
    return 3;
  }
  err << "Hosting on " << options.address.toString() << ':' << teacher.server().port() << " with code " << options.code << '\n';
  err.flush();

  if (taught) {
    for (int i = 0; i < static_cast<int>(taught->steps.size()); ++i) {
      const model::LessonStep &s = taught->steps[static_cast<std::size_t>(i)];
      const int choices = s.prediction ? static_cast<int>(s.prediction->choices.size()) : 0;
      teacher.lessonStep(i, choices);
      if (choices > 0 && *answers > 0 &&
          !waitFor([&] { return static_cast<long long>(teacher.answers(i).byStudent.size()) >= *answers; }, static_cast<int>(*timeout * 1000)))
        err << "step " << i << ": " << teacher.answers(i).byStudent.size() << " of " << *answers << " answers after " << *timeout << " s; going on\n";
      const model::StepResult result = model::runStepHeadless(controller, s);
      if (!result.passed)
        err << "step " << i << " (" << s.title << "): " << result.details.join(QStringLiteral("; ")) << '\n';
      if (choices > 0)
        teacher.reveal(i, result.rendered.explanation);
      teacher.flush();
      QCoreApplication::processEvents();
      printStep(out, cli.isSet(json), i, teacher.answers(i).counts(), controller.eventHash());
    }
  } else {
    int i = 0;
    while (!controller.simulation().finished()) {
      teacher.lessonStep(i, 0);
      controller.runTo(controller.world().now + *step * engine::kMillisecond);
      teacher.flush();
      QCoreApplication::processEvents();
      printStep(out, cli.isSet(json), i++, {}, controller.eventHash());
    }
  }
  teacher.end();
  // Let the last frames leave before the sockets close with the process.
  waitFor([] { return false; }, 300);
  return 0;
}

} // namespace streamscope::app
