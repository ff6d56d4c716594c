#include "cli_commands.h"

#include "engine/sim/report.h"
#include "engine/sim/simulation.h"
#include "model/history/recording_store.h"
#include "model/json/report_json.h"
#include "model/json/scenario_loader.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

namespace streamscope::app {

int runScenarioCommand(const QStringList &args) {
  QTextStream err(stderr);
  QString file;
  bool json = false, timing = false, haveSeed = false, events = false;
  QString record;
  quint64 seed = 0;
  for (int i = 0; i < args.size(); ++i) {
    const QString &a = args[i];
    if (a == QLatin1String("--json")) {
      json = true;
    } else if (a == QLatin1String("--timing")) {
      timing = true;
    } else if (a == QLatin1String("--events")) {
      events = true;
    } else if (a == QLatin1String("--record")) {
      if (i + 1 >= args.size() || args[i + 1].startsWith(QLatin1String("--"))) {
        err << "streamscope-cli run: --record needs an output file (OUT.db)\n";
        return 2;
      }
      record = args[++i];
    } else if (a == QLatin1String("--seed")) {
      bool ok = false;
      if (i + 1 < args.size())
        seed = args[++i].toULongLong(&ok);
      if (!ok || seed > (1ULL << 53)) {
        err << "streamscope-cli run: --seed needs a whole number from 0 to 9007199254740992\n";
        return 2;
      }
      haveSeed = true;
    } else if (a.startsWith(QLatin1String("--")) || !file.isEmpty()) {
      err << "streamscope-cli run: unexpected argument '" << a << "'\n"
          << "usage: streamscope-cli run FILE [--seed S] [--json] [--timing] [--events] [--record OUT.db]\n";
      return 2;
    } else {
      file = a;
    }
  }
  if (file.isEmpty()) {
    err << "streamscope-cli run: a scenario FILE is required\n"
        << "usage: streamscope-cli run FILE [--seed S] [--json] [--timing] [--events] [--record OUT.db]\n";
    return 2;
  }
  if (events && !record.isEmpty()) {
    err << "streamscope-cli run: --events and --record cannot be combined\n";
    return 2;
  }
  const model::ScenarioLoadResult loaded = model::loadScenarioFile(file);
  if (!loaded.scenario) {
    err << loaded.error << '\n';
    return 1;
  }
  engine::Scenario scenario = *loaded.scenario;
  if (haveSeed)
    scenario.seed = seed;
  if (parseOnly())
    return 0;

  QElapsedTimer clock;
  clock.start();
  engine::Simulation sim(scenario);
  if (!record.isEmpty()) {
    // Recorded: run through the history (snapshots, metrics) and commit one batch per
    // simulated second, so a killed run leaves a file that opens up to its last batch.
    model::RunHistory history;
    history.reset(sim);
    model::RecordingWriter writer;
    QString error;
    QByteArray text = loaded.text;
    if (haveSeed) {
      QJsonObject root = QJsonDocument::fromJson(text).object();
      root[QStringLiteral("seed")] = static_cast<qint64>(seed);
      text = QJsonDocument(root).toJson();
    }
    if (!writer.create(record, text, &error)) {
      err << "streamscope-cli run: " << error << '\n';
      return 1;
    }
    while (!sim.finished()) {
      history.runForward(sim, std::min(sim.duration(), sim.now() + engine::kSecond));
      if (!writer.writeBatch(history, sim, &error)) {
        err << "streamscope-cli run: " << record << ": " << error << '\n';
        return 1;
      }
    }
  }
  if (events) {
    // Stream the events in chunks so that long runs stay within memory.
    std::vector<engine::Event> buffer;
    sim.setEventSink(&buffer);
    QTextStream out(stdout);
    while (!sim.finished()) {
      sim.runUntil(std::min(sim.duration(), sim.now() + engine::kSecond));
      for (const engine::Event &e : buffer)
        out << model::eventToText(e) << '\n';
      buffer.clear();
    }
    sim.setEventSink(nullptr);
  }
  sim.runToEnd();
  const engine::Report report = engine::makeReport(sim.world());
  const double wallMs = static_cast<double>(clock.nsecsElapsed()) / 1e6;

  QTextStream out(stdout);
  if (json) {
    QJsonObject o = model::reportToJson(report);
    if (timing) {
      o[QStringLiteral("wall_time_ms")] = wallMs;
      o[QStringLiteral("records_per_second")] = wallMs > 0 ? static_cast<double>(report.produced) / (wallMs / 1000) : 0.0;
    }
    out << QJsonDocument(o).toJson(QJsonDocument::Indented);
  } else {
    out << model::reportToText(report);
    if (timing)
      out << QStringLiteral("wall_time_ms         %1\nrecords_per_second   %2\n")
                 .arg(wallMs, 0, 'f', 1)
                 .arg(wallMs > 0 ? static_cast<double>(report.produced) / (wallMs / 1000) : 0.0, 0, 'f', 0);
  }
  return 0;
}

} // namespace streamscope::app
