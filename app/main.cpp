// streamscope: the desktop app. Parses the command line, opens the scenario (a small
// side-by-side one by default), shows the main window and starts playing; or, with
// --screenshot, runs to --at and saves a picture of the window for docs and tests.
#include "classroom_startup.h"
#include "live_startup.h"
#include "model/explain/english_plurals.h"
#include "model/history/recording_store.h"
#include "model/json/fault_json.h"
#include "model/json/scenario_loader.h"
#include "model/lessons/lesson_runner.h"
#include "model/simulation_controller.h"
#include "ui/canvas/stream_canvas.h"
#include "ui/lesson_panel.h"
#include "ui/main_window.h"

#include <QDockWidget>
#include <QStatusBar>

#include <QApplication>
#include <QCommandLineParser>
#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QIcon>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimer>

#include <cstdio>
#include <memory>

#include <sys/resource.h>

using namespace streamscope;

namespace {

/// Processor time this process has used, in seconds.
double cpuSeconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

/// --measure-fps: play for `seconds`, report frames per second and CPU use, then the same
/// while paused, then quit.
void measureFrameRate(model::SimulationController &controller, ui::MainWindow &window, double seconds) {
  struct Sample {
    QElapsedTimer wall;
    double cpu = 0;
    std::uint64_t frames = 0;
    int painted = 0;
  };
  auto sample = std::make_shared<Sample>();
  QObject::connect(window.canvas(), &ui::StreamCanvas::painted, &window, [sample] { ++sample->painted; });
  const auto start = [sample, &controller] {
    sample->wall.start();
    sample->cpu = cpuSeconds();
    sample->frames = controller.frames();
    sample->painted = 0;
  };
  const auto report = [sample, &controller](const char *what) {
    const double wall = static_cast<double>(sample->wall.nsecsElapsed()) / 1e9;
    std::printf("%s: %.1f frames/s (%.1f painted/s), CPU %.1f%% of one core\n", what,
                static_cast<double>(controller.frames() - sample->frames) / wall, sample->painted / wall, 100 * (cpuSeconds() - sample->cpu) / wall);
    std::fflush(stdout);
  };
  const int ms = static_cast<int>(seconds * 1000);
  QTimer::singleShot(500, &window, [=, &controller] { // after startup
    controller.play();
    start();
    QTimer::singleShot(ms, &controller, [=, &controller] {
      report("playing");
      controller.pause();
      start();
      QTimer::singleShot(ms, &controller, [=] {
        report("paused");
        QApplication::quit();
      });
    });
  });
}

/// `--help`, `--version` and `--screenshot` need no display: without one (a terminal, a build
/// machine), use the offscreen platform rather than abort for want of X11 or Wayland.
void useOffscreenWithoutADisplay(int argc, char **argv) {
  if (qEnvironmentVariableIsSet("QT_QPA_PLATFORM") || qEnvironmentVariableIsSet("DISPLAY") || qEnvironmentVariableIsSet("WAYLAND_DISPLAY"))
    return;
  for (int i = 1; i < argc; ++i) {
    const QByteArray a(argv[i]);
    if (a == "--help" || a == "-h" || a == "--help-all" || a == "--version" || a == "-v" || a.startsWith("--screenshot")) {
      qputenv("QT_QPA_PLATFORM", "offscreen");
      return;
    }
  }
}

/// Qt takes "-name" and "--name" as the X11 window class and removes them from the
/// arguments; the classroom's --name is renamed before Qt sees it (see ClassroomStartupOptions).
void keepClassroomName(int argc, char **argv) {
  static char renamed[] = "--student-name";
  for (int i = 1; i < argc; ++i)
    if (QByteArray(argv[i]) == "--name")
      argv[i] = renamed;
}

int fail(const QString &message) {
  std::fprintf(stderr, "streamscope: %s\n", qPrintable(message));
  return 2;
}

} // namespace

int main(int argc, char **argv) {
  QElapsedTimer sinceLaunch; // --measure-startup: launch to first painted frame
  sinceLaunch.start();
  useOffscreenWithoutADisplay(argc, argv);
  keepClassroomName(argc, argv);
  QApplication app(argc, argv);
  QApplication::setApplicationName(QStringLiteral("StreamScope"));
  QApplication::setOrganizationName(QStringLiteral("StreamScope"));
  QApplication::setApplicationVersion(QStringLiteral(PROJECT_VERSION));
  QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/streamscope.svg")));
  QApplication::setDesktopFileName(QStringLiteral("io.github.streamscope.StreamScope"));
  streamscope::model::installEnglishPlurals(app);

  QCommandLineParser parser;
  parser.setApplicationDescription(QObject::tr("Apache Kafka and Amazon Kinesis Data Streams, simulated and animated."));
  parser.addHelpOption();
  parser.addVersionOption();
  parser.addPositionalArgument(QStringLiteral("scenario"), QObject::tr("Scenario file to open (default: the built-in side-by-side first look)."),
                               QStringLiteral("[scenario]"));
  const QCommandLineOption scenario(QStringLiteral("scenario"), QObject::tr("Scenario file to open (same as the positional argument)."),
                                    QStringLiteral("file"));
  const QCommandLineOption open(QStringLiteral("open"), QObject::tr("Recording (SQLite) to open: it replays exactly and seeks at once."),
                                QStringLiteral("file"));
  const QCommandLineOption present(QStringLiteral("present"), QObject::tr("Start in presentation mode (full screen, large type)."));
  const QCommandLineOption metrics(QStringLiteral("metrics"), QObject::tr("Show the metrics dock (plots) at start."));
  const QCommandLineOption welcome(QStringLiteral("welcome"),
                                   QObject::tr("Show the welcome page (what a plain start shows; with --screenshot, pictures it)."));
  const QCommandLineOption screenshot(QStringLiteral("screenshot"),
                                      QObject::tr("Run the scenario to --at, save a PNG of the window to <file>, and exit."), QStringLiteral("file"));
  const QCommandLineOption screenshotPresenter(
      QStringLiteral("screenshot-presenter"),
      QObject::tr("Also (or only) save a PNG of the presenter view (what the lecturer's screen shows while presenting) to <file>, and exit."),
      QStringLiteral("file"));
  const QCommandLineOption at(QStringLiteral("at"), QObject::tr("Simulated milliseconds to run before --screenshot (default 1000)."),
                              QStringLiteral("ms"), QStringLiteral("1000"));
  const QCommandLineOption size(QStringLiteral("size"), QObject::tr("Window size for --screenshot, as WIDTHxHEIGHT (default 1600x900)."),
                                QStringLiteral("size"), QStringLiteral("1600x900"));
  const QCommandLineOption thenSeek(QStringLiteral("then-seek"), QObject::tr("After --at, go back (or forward) to this simulated millisecond."),
                                    QStringLiteral("ms"));
  const QCommandLineOption thenAct(
      QStringLiteral("then-act"),
      QObject::tr("Then apply this fault, given as a scenario \"faults\" entry in JSON (acting in the past forks a branch)."),
      QStringLiteral("json"));
  const QCommandLineOption thenRun(QStringLiteral("then-run"), QObject::tr("Then run on to this simulated millisecond."), QStringLiteral("ms"));
  const QCommandLineOption lessonOption(QStringLiteral("lesson"), QObject::tr("Open the lesson whose file name starts with <id> (e.g. 07)."),
                                        QStringLiteral("id"));
  const QCommandLineOption lessonSteps(QStringLiteral("lesson-steps"), QObject::tr("Play this many of the lesson's steps first (default 0)."),
                                       QStringLiteral("n"), QStringLiteral("0"));
  const QCommandLineOption measureStartup(QStringLiteral("measure-startup"),
                                          QObject::tr("Print the milliseconds from launch to the first painted frame, then exit."));
  const QCommandLineOption measureFps(QStringLiteral("measure-fps"),
                                      QObject::tr("Play for <seconds> and print frames per second and CPU use, then the same paused; exit."),
                                      QStringLiteral("seconds"));
  parser.addOptions({scenario, open, present, metrics, welcome, screenshot, screenshotPresenter, at, size, thenSeek, thenAct, thenRun, lessonOption,
                     lessonSteps, measureStartup, measureFps});
  const app::LiveStartupOptions liveOptions;
  liveOptions.addTo(parser);
  const app::ClassroomStartupOptions classroomOptions;
  classroomOptions.addTo(parser);
  parser.process(app);

  QStringList files = parser.positionalArguments();
  if (parser.isSet(scenario))
    files.prepend(parser.value(scenario));
  if (parser.isSet(open))
    files.prepend(parser.value(open));
  if (files.size() > 1)
    return fail(QObject::tr("give at most one scenario file"));
  bool atOk = false;
  const double atMs = parser.value(at).toDouble(&atOk);
  if (!atOk || atMs < 0)
    return fail(QObject::tr("--at needs a non-negative number of milliseconds, not \"%1\"").arg(parser.value(at)));
  const QStringList wh = parser.value(size).split(QLatin1Char('x'));
  const int width = wh.size() == 2 ? wh[0].toInt() : 0, height = wh.size() == 2 ? wh[1].toInt() : 0;
  if (width < 480 || height < 320 || width > 8192 || height > 8192)
    return fail(QObject::tr("--size needs WIDTHxHEIGHT between 480x320 and 8192x8192, not \"%1\"").arg(parser.value(size)));

  const auto msOption = [&](const QCommandLineOption &option) -> std::optional<engine::SimTime> {
    if (!parser.isSet(option))
      return std::nullopt;
    bool ok = false;
    const double ms = parser.value(option).toDouble(&ok);
    if (!ok || ms < 0)
      return -1;
    return static_cast<engine::SimTime>(ms * engine::kMillisecond);
  };
  for (const QCommandLineOption *option : {&thenSeek, &thenRun})
    if (msOption(*option).value_or(0) < 0)
      return fail(QObject::tr("--%1 needs a non-negative number of milliseconds, not \"%2\"").arg(option->names().first(), parser.value(*option)));

  model::SimulationController controller;
  ui::MainWindow window(controller);
  const bool shooting = parser.isSet(screenshot) || parser.isSet(screenshotPresenter);
  window.setInteractive(!shooting);
  bool openedRecording = false;
  if (!files.isEmpty()) {
    // Check first, so that a bad file is reported here rather than in a dialog.
    const bool recording = parser.isSet(open) || model::isSqliteFile(files.first());
    openedRecording = recording;
    QString error;
    if (recording) {
      if (!model::readRecording(files.first(), &error)) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return 1;
      }
    } else if (const model::ScenarioLoadResult loaded = model::loadScenarioFile(files.first()); !loaded.scenario) {
      std::fprintf(stderr, "%s\n", qPrintable(loaded.error));
      return 1;
    }
    window.setInteractive(false);
    const bool opened = window.openFile(files.first());
    window.setInteractive(!shooting);
    if (!opened) {
      std::fprintf(stderr, "streamscope: %s\n", qPrintable(window.statusBar()->currentMessage()));
      return 1;
    }
  } else {
    QFile builtin(QStringLiteral(":/scenarios/first-look.json"));
    if (!builtin.open(QIODevice::ReadOnly) || !window.openScenarioText(builtin.readAll(), QStringLiteral("first-look.json")))
      return fail(QObject::tr("the built-in scenario is missing or broken")); // a broken build, not a user error
  }

  if (shooting) {
    window.resize(width, height);
  } else {
    window.restoreSettings();
  }
  if (parser.isSet(measureStartup))
    QObject::connect(window.canvas(), &ui::StreamCanvas::painted, &app, [&sinceLaunch] {
      // Also the wall clock, so a script can include the time before main() (loading, linking).
      std::printf("first frame after %.1f ms in main, at %lld ms since the epoch\n", static_cast<double>(sinceLaunch.nsecsElapsed()) / 1e6,
                  static_cast<long long>(QDateTime::currentMSecsSinceEpoch()));
      std::fflush(stdout);
      QApplication::exit(0);
    });
  window.show();
  if (parser.isSet(metrics))
    window.metricsDock()->show();
  if (parser.isSet(present))
    window.setPresenting(true);

  if (parser.isSet(lessonOption)) {
    window.lessonDock()->show();
    if (!window.lessons()->selectLessonById(parser.value(lessonOption)))
      return fail(QObject::tr("no lesson starts with \"%1\" in %2").arg(parser.value(lessonOption), model::lessonDirectory()));
    bool ok = false;
    const int steps = parser.value(lessonSteps).toInt(&ok);
    if (!ok || steps < 0)
      return fail(QObject::tr("--lesson-steps needs a whole number, not \"%1\"").arg(parser.value(lessonSteps)));
    window.lessons()->playSteps(steps);
  }
  // A prepared situation: run, go back, act (which forks when it is in the past), run on.
  const bool scripted = parser.isSet(thenSeek) || parser.isSet(thenAct) || parser.isSet(thenRun) || parser.isSet(lessonOption);
  const auto atTime = static_cast<engine::SimTime>(atMs * engine::kMillisecond);
  if (shooting || scripted) {
    if (!openedRecording)
      controller.runTo(atTime);
    else if (parser.isSet(at)) // a recording opens where it was saved, unless told otherwise
      controller.seek(atTime);
  }
  if (const auto t = msOption(thenSeek))
    controller.seek(*t);
  if (parser.isSet(thenAct)) {
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(parser.value(thenAct).toUtf8(), &parseError);
    QString error = doc.isObject() ? QString() : QObject::tr("--then-act needs a JSON object: %1").arg(parseError.errorString());
    std::optional<engine::Fault> fault;
    if (error.isEmpty())
      fault = model::faultFromJson(window.scenarioText(), doc.object(), &error);
    if (!fault)
      return fail(error);
    if (const auto refused = controller.applyUserAction(*fault))
      return fail(QObject::tr("--then-act was refused: %1").arg(*refused));
  }
  if (const auto t = msOption(thenRun))
    controller.runTo(*t);
  if (parser.isSet(measureFps)) {
    bool ok = false;
    const double seconds = parser.value(measureFps).toDouble(&ok);
    if (!ok || seconds <= 0 || seconds > 600)
      return fail(QObject::tr("--measure-fps needs a number of seconds from 0 to 600, not \"%1\"").arg(parser.value(measureFps)));
    measureFrameRate(controller, window, seconds);
    return QApplication::exec();
  }
  // A plain start shows the welcome page; anything asked for on the command line wins.
  const bool welcoming =
      parser.isSet(welcome) || (files.isEmpty() && !shooting && !scripted && !parser.isSet(present) && !parser.isSet(measureStartup));
  if (welcoming)
    window.showWelcome();
  if (classroomOptions.anySet(parser))
    if (const auto status = app::startClassroom(parser, classroomOptions, window, parser.value(lessonSteps).toInt(), parser.value(screenshot)))
      return *status;
  if (liveOptions.anySet(parser))
    if (const auto status = app::openLiveWindows(parser, liveOptions, window, parser.value(screenshot), QSize(width, height)))
      return *status;
  if (!shooting) {
    if (!scripted && !welcoming)
      controller.play();
    return QApplication::exec();
  }
  // The presenter view as the lecturer's screen would show it (with a second screen it opens
  // by itself; a picture needs none).
  QWidget *presenter = nullptr;
  if (parser.isSet(screenshotPresenter)) {
    presenter = window.presenterView() ? window.presenterView() : window.makePresenterView();
    presenter->resize(width, height);
    presenter->show();
  }
  int status = 0;
  const auto save = [&status](QWidget *widget, const QString &file) {
    if (widget->grab().save(file, "PNG"))
      return;
    std::fprintf(stderr, "streamscope: cannot write screenshot to %s\n", qPrintable(file));
    status = 1;
  };
  // Let the windows lay themselves out and paint once before grabbing them.
  QTimer::singleShot(300, &window, [&] {
    if (parser.isSet(screenshot))
      save(&window, parser.value(screenshot));
    if (presenter)
      save(presenter, parser.value(screenshotPresenter));
    QApplication::quit();
  });
  QApplication::exec();
  return status;
}
