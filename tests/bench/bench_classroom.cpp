// The classroom's follow latency and the teacher's CPU, with N headless students (processes
// of `streamscope-cli classroom join`, default 100) on 127.0.0.1: the teacher runs the first
// lesson's scenario on in 100 ms steps of simulated time, and for each step measures the time
// from its command to the moment every student reported (in its status) the teacher's event
// hash there: the command's trip, the student applying it, and the status's trip back. The
// teacher's CPU is its process's user + system time over the wall time of the rounds.
// Run: bench_classroom [students] [rounds]; prints p50, p99, max and the CPU share.
#include "model/classroom/teacher_session.h"
#include "model/lessons/lesson.h"
#include "model/lessons/lesson_runner.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QProcess>
#include <QTcpServer>
#include <QTimer>

#include <sys/resource.h>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <set>
#include <vector>

using namespace streamscope;

namespace {

double cpuSeconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) + static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

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

} // namespace

int main(int argc, char **argv) {
  QCoreApplication app(argc, argv);
  const int students = argc > 1 ? std::atoi(argv[1]) : 100;
  const int rounds = argc > 2 ? std::atoi(argv[2]) : 100;
  QString why;
  const auto file = model::lessonFileById(QStringLiteral("01"), &why);
  const auto lesson = file ? model::loadLessonFile(*file) : model::LessonLoadResult{};
  if (!lesson.lesson) {
    std::fprintf(stderr, "%s\n", qPrintable(why));
    return 1;
  }
  model::SimulationController run;
  classroom::TeacherSession teacher(run);
  classroom::ClassroomServer::Options options;
  options.code = QStringLiteral("BENCH2");
  options.maxStudents = students + 10;
  classroom::SessionInfo session{classroom::SessionInfo::Kind::Lesson, lesson.lesson->id, {}, {}};
  if (!teacher.start(options, session, lesson.lesson->scenarioJson, &why)) {
    std::fprintf(stderr, "%s\n", qPrintable(why));
    return 1;
  }
  std::vector<std::unique_ptr<QProcess>> processes;
  for (int i = 0; i < students; ++i) {
    auto p = std::make_unique<QProcess>();
    p->setProcessChannelMode(QProcess::ForwardedErrorChannel);
    p->start(QStringLiteral(CLI_PATH),
             {QStringLiteral("classroom"), QStringLiteral("join"), QStringLiteral("127.0.0.1:%1").arg(teacher.server().port()),
              QStringLiteral("--code"), options.code, QStringLiteral("--name"), QStringLiteral("s%1").arg(i)});
    processes.push_back(std::move(p));
    if (i % 20 == 19) // in waves, as a class joins: the host admits at most 64 unintroduced connections at once
      waitFor([&] { return static_cast<int>(teacher.server().students().size()) > i; }, 60000);
  }
  if (!waitFor([&] { return static_cast<int>(teacher.server().students().size()) == students; }, 120000)) {
    std::fprintf(stderr, "only %lld of %d students joined\n", static_cast<long long>(teacher.server().students().size()), students);
    return 1;
  }
  // A round: the teacher acts, then every student's next status shows it was applied. Rounds
  // are 100 ms apart, as a teacher playing sends ten commands a second; nothing polls.
  QString targetHash;
  int targetStep = -1;
  bool engineWork = false;
  std::set<QString> reached;
  QEventLoop roundLoop;
  QObject::connect(&teacher.server(), &classroom::ClassroomServer::messageFrom, &roundLoop,
                   [&](const QString &id, const classroom::StudentMessage &m) {
                     const auto *status = std::get_if<classroom::Status>(&m);
                     if (!status || (engineWork ? status->eventHash != targetHash : status->step != targetStep))
                       return;
                     reached.insert(id);
                     if (static_cast<int>(reached.size()) == students)
                       roundLoop.quit();
                   });
  const auto pause = [](int ms) {
    QEventLoop idle;
    QTimer::singleShot(ms, &idle, &QEventLoop::quit);
    idle.exec();
  };
  for (const bool withEngine : {false, true}) {
    engineWork = withEngine;
    std::vector<double> latencies;
    const double cpuBefore = cpuSeconds();
    QElapsedTimer wall;
    wall.start();
    for (int r = 0; r < rounds; ++r) {
      pause(100);
      reached.clear();
      QElapsedTimer trip;
      trip.start();
      if (engineWork) {
        run.runTo(run.world().now + 100 * engine::kMillisecond);
        targetHash = QStringLiteral("%1").arg(run.eventHash(), 16, 16, QLatin1Char('0'));
      } else {
        targetStep = r % 2 + 1; // alternate, so each round is a change
        teacher.lessonStep(targetStep, 0);
      }
      QTimer::singleShot(30000, &roundLoop, &QEventLoop::quit);
      roundLoop.exec();
      if (static_cast<int>(reached.size()) < students) {
        std::fprintf(stderr, "round %d: %zu of %d students got there within 30 s\n", r, reached.size(), students);
        return 1;
      }
      latencies.push_back(static_cast<double>(trip.nsecsElapsed()) / 1e6);
    }
    const double cpu = cpuSeconds() - cpuBefore;
    const double seconds = static_cast<double>(wall.elapsed()) / 1000;
    std::ranges::sort(latencies);
    const auto at = [&](double q) {
      return latencies[std::min(latencies.size() - 1, static_cast<std::size_t>(q * static_cast<double>(latencies.size())))];
    };
    std::printf("%s, %d students, %d rounds 100 ms apart: follow latency p50 %.1f ms, p99 %.1f ms, max %.1f ms; teacher CPU %.2f s over %.2f s "
                "wall = %.1f%% of a core\n",
                engineWork ? "run on 100 ms" : "lesson step", students, rounds, at(0.5), at(0.99), latencies.back(), cpu, seconds,
                100 * cpu / seconds);
  }
  teacher.end();
  waitFor([&] { return std::ranges::all_of(processes, [](const auto &p) { return p->state() == QProcess::NotRunning; }); }, 30000);
  return 0;
}
