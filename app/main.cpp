// streamscope: the desktop app. Parses the command line, loads the scenario (the built-in calm
// cluster by default), shows the main window and starts playing.
#include "model/scenario_loader.h"
#include "model/simulation_controller.h"
#include "ui/main_window.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QFile>
#include <QTimer>

#include <cstdio>

using namespace streamscope;

int main(int argc, char **argv) {
  QApplication app(argc, argv);
  QApplication::setApplicationName(QStringLiteral("StreamScope"));
  QApplication::setApplicationVersion(QStringLiteral(PROJECT_VERSION));

  QCommandLineParser parser;
  parser.setApplicationDescription(QObject::tr("Kafka and Kinesis, simulated and animated."));
  parser.addHelpOption();
  parser.addVersionOption();
  parser.addPositionalArgument(QStringLiteral("scenario"), QObject::tr("Scenario file to open (default: a calm cluster)."));
  QCommandLineOption screenshot(QStringLiteral("screenshot"),
                                QObject::tr("Save a PNG of the main window after the first frames, then exit."),
                                QStringLiteral("file"));
  parser.addOption(screenshot);
  parser.process(app);
  if (parser.positionalArguments().size() > 1) {
    std::fprintf(stderr, "streamscope: give at most one scenario file\n");
    return 2;
  }

  model::SimulationController controller;
  ui::MainWindow window(controller);
  if (!parser.positionalArguments().isEmpty()) {
    const model::ScenarioLoadResult loaded = model::loadScenarioFile(parser.positionalArguments().first());
    if (!loaded.scenario) {
      std::fprintf(stderr, "%s\n", qPrintable(loaded.error));
      return 1;
    }
    controller.load(*loaded.scenario);
  } else {
    QFile builtin(QStringLiteral(":/scenarios/calm-cluster.json"));
    builtin.open(QIODevice::ReadOnly);
    const model::ScenarioLoadResult loaded = model::loadScenarioText(builtin.readAll(), builtin.fileName());
    if (!loaded.scenario) { // a broken build, not a user error
      std::fprintf(stderr, "%s\n", qPrintable(loaded.error));
      return 1;
    }
    controller.load(*loaded.scenario);
  }
  window.show();
  controller.play();

  if (parser.isSet(screenshot)) {
    const QString file = parser.value(screenshot);
    // Let the cluster run for a moment (about 90 frames) so the tables show live state.
    controller.setSpeed(4.0);
    QObject::connect(&controller, &model::SimulationController::frameReady, &window, [&] {
      if (controller.frames() < 90)
        return;
      controller.pause();
      if (!window.grab().save(file, "PNG")) {
        std::fprintf(stderr, "streamscope: cannot write screenshot to %s\n", qPrintable(file));
        QApplication::exit(1);
        return;
      }
      QApplication::exit(0);
    });
  }
  return QApplication::exec();
}
