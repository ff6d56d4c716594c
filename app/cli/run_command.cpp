#include "cli_commands.h"
#include "command_line.h"

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

namespace {

int runScenarioCommand(const QStringList &args) {
  QTextStream err(stderr);
  CommandLine cli(kRunCommand);
  const QCommandLineOption seedOption(QStringLiteral("seed"), QStringLiteral("Seed instead of the scenario's own (0 to 9007199254740992)."),
                                      QStringLiteral("S"));
  const QCommandLineOption jsonOption(QStringLiteral("json"), QStringLiteral("Print the report as one JSON object (docs/cli.md lists its keys)."));
  const QCommandLineOption timingOption(QStringLiteral("timing"), QStringLiteral("Add the wall-clock time and records per second."));
  const QCommandLineOption eventsOption(QStringLiteral("events"), QStringLiteral("First print every engine event, one per line."));
  const QCommandLineOption recordOption(
      QStringLiteral("record"), QStringLiteral("Also write the run as a recording (SQLite) that the app replays exactly."), QStringLiteral("OUT.db"));
  for (const QCommandLineOption &option : {seedOption, jsonOption, timingOption, eventsOption, recordOption})
    cli.addOption(option);
  cli.addPositional(QStringLiteral("FILE"), QStringLiteral("The scenario file (JSON, docs/scenario-format.md)."));
  if (const auto exit = cli.parse(args))
    return *exit;
  const bool json = cli.isSet(jsonOption), timing = cli.isSet(timingOption), events = cli.isSet(eventsOption);
  const bool haveSeed = cli.isSet(seedOption);
  const QString record = cli.value(recordOption);
  if (cli.isSet(recordOption) && (record.isEmpty() || record.startsWith(QLatin1String("--"))))
    return cli.refuse(QStringLiteral("--record needs an output file (OUT.db)"));
  quint64 seed = 0;
  if (haveSeed) {
    const auto given = cli.seed(seedOption, 1ULL << 53);
    if (!given)
      return 2;
    seed = *given;
  }
  const QStringList positional = cli.positional();
  if (positional.size() > 1)
    return cli.refuse(QStringLiteral("unexpected argument '%1'").arg(positional[1]));
  if (positional.isEmpty())
    return cli.refuse(QStringLiteral("a scenario FILE is required"));
  const QString file = positional.front();
  if (events && !record.isEmpty())
    return cli.refuse(QStringLiteral("--events and --record cannot be combined"));
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

} // namespace

const CliCommand kRunCommand{"run", "FILE [--seed S] [--json] [--timing] [--events] [--record OUT.db]",
                             "Run a scenario to its end and print the report: what was produced, acknowledged, lost, "
                             "delivered twice and throttled, the event hash, and the state of every partition, shard, "
                             "consumer group and application.",
                             runScenarioCommand};

} // namespace streamscope::app
