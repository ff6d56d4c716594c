// streamscope-cli bench: the engine workloads of the performance targets (engine/sim/bench_workloads.h),
// timed.
#include "cli_commands.h"
#include "command_line.h"

#include "engine/sim/bench_workloads.h"
#include "engine/sim/report.h"
#include "engine/sim/simulation.h"
#include "model/history/run_history.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

#include <sys/resource.h>

namespace streamscope::app {
namespace {

using namespace engine;

/// Every record produced has been answered (acknowledged or failed) and every acknowledged
/// one has been read.
bool allConsumed(const World &w) {
  const auto &kc = w.kafka.counters;
  const bool kafkaDone = !w.scenario.kafka ||
      (w.kafka.producers.front().done && kc.acknowledged + kc.failed >= kc.produced &&
       w.kafka.groups.front().consumed - w.kafka.groups.front().duplicates >= w.kafka.counters.acknowledged);
  const bool kinesisDone = !w.scenario.kinesis ||
      (w.kinesis.producers.front().done && w.kinesis.counters.acknowledged >= w.kinesis.counters.produced &&
       w.kinesis.apps.front().consumed - w.kinesis.apps.front().duplicates >= w.kinesis.counters.acknowledged);
  return kafkaDone && kinesisDone;
}

std::size_t retainedRecords(const World &w) {
  std::size_t n = 0;
  for (const auto &p : w.kafka.partitions)
    for (const auto &log : p.logs)
      n += log.entries().size();
  for (const auto &s : w.kinesis.shards)
    n += s.records.size();
  return n;
}

long peakRssKiB() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

int runBenchCommand(const QStringList &args) {
  QTextStream out(stdout);
  CommandLine cli(kBenchCommand);
  const QCommandLineOption recordsOption(QStringLiteral("records"), QStringLiteral("Records per workload, 1000 to 100000000 (default 1000000)."),
                                         QStringLiteral("N"), QStringLiteral("1000000"));
  const QCommandLineOption brokersOption(QStringLiteral("brokers"), QStringLiteral("Brokers of K1 and K2's cluster, 3 to 100 (default 3)."),
                                         QStringLiteral("B"), QStringLiteral("3"));
  const QCommandLineOption partitionsOption(QStringLiteral("partitions"), QStringLiteral("Partitions of K1 and K2's topic, 1 to 10000 (default 6)."),
                                            QStringLiteral("P"), QStringLiteral("6"));
  const QCommandLineOption jsonOption(QStringLiteral("json"), QStringLiteral("Print one JSON array of the results."));
  for (const QCommandLineOption &option : {recordsOption, brokersOption, partitionsOption, jsonOption})
    cli.addOption(option);
  cli.addPositional(QStringLiteral("WORKLOAD"), QStringLiteral("K1, K2, KT, N1, S1, B1 or N2 (default: the first five)."),
                    QStringLiteral("[K1|K2|KT|N1|S1|B1|N2...]"));
  if (const auto exit = cli.parse(args))
    return *exit;
  const auto records = cli.wholeNumber(recordsOption, 1000, 100000000);
  if (!records)
    return 2;
  const auto brokers = cli.wholeNumber(brokersOption, 3, 100);
  if (!brokers)
    return 2;
  const auto partitions = cli.wholeNumber(partitionsOption, 1, 10000);
  if (!partitions)
    return 2;
  const WorkloadShape shape{static_cast<int>(*brokers), static_cast<int>(*partitions)};
  const bool json = cli.isSet(jsonOption);
  QStringList names;
  for (const QString &name : cli.positional()) {
    if (!isBenchWorkload(name.toStdString()))
      return cli.refuse(QStringLiteral("unknown workload '%1' (K1, K2, KT, N1, S1, B1 or N2)").arg(name));
    names << name;
  }
  if (names.isEmpty())
    names = {QStringLiteral("K1"), QStringLiteral("K2"), QStringLiteral("KT"), QStringLiteral("N1"), QStringLiteral("S1")};
  if (parseOnly())
    return 0;
  QJsonArray results;
  for (const QString &name : names) {
    // B1 has its own cluster; --brokers and --partitions shape the others.
    const WorkloadShape workloadShape = benchShape(name.toStdString(), shape);
    const Scenario scenario = benchWorkload(name.toStdString(), *records, shape);
    QElapsedTimer clock;
    clock.start();
    Simulation sim(scenario);
    while (!sim.finished() && !allConsumed(sim.world()))
      sim.runUntil(std::min(sim.duration(), sim.now() + kSecond));
    const double wall = static_cast<double>(clock.nsecsElapsed()) / 1e9;
    const World &w = sim.world();
    const auto produced = w.kafka.counters.produced + w.kinesis.counters.produced;
    const std::size_t retained = retainedRecords(w);
    QJsonObject r;
    r[QStringLiteral("workload")] = name;
    r[QStringLiteral("records")] = static_cast<qint64>(*records);
    r[QStringLiteral("brokers")] = workloadShape.brokers;
    r[QStringLiteral("partitions")] = workloadShape.partitions;
    r[QStringLiteral("all_consumed")] = allConsumed(w);
    r[QStringLiteral("wall_s")] = wall;
    r[QStringLiteral("sim_s")] = toMs(w.now) / 1000;
    r[QStringLiteral("records_per_s")] = static_cast<double>(produced) / wall;
    r[QStringLiteral("events_per_s")] = static_cast<double>(w.events.count()) / wall;
    r[QStringLiteral("sim_s_per_wall_s")] = toMs(w.now) / 1000 / wall;
    r[QStringLiteral("peak_rss_mib")] = static_cast<double>(peakRssKiB()) / 1024;
    r[QStringLiteral("bytes_per_retained_record")] =
        retained ? static_cast<double>(model::estimateWorldBytes(w)) / static_cast<double>(retained) : 0.0;
    const Report report = makeReport(w);
    r[QStringLiteral("acknowledged_lost")] = static_cast<qint64>(report.acknowledgedLost);
    r[QStringLiteral("event_hash")] = QString::fromStdString(report.eventHash);
    // What the run's records cost in engine events and client requests (--json only).
    r[QStringLiteral("events")] = static_cast<qint64>(w.events.count());
    r[QStringLiteral("produce_requests")] = static_cast<qint64>(report.produceRequests);
    r[QStringLiteral("replica_fetch_requests")] = static_cast<qint64>(report.replicaFetchRequests);
    r[QStringLiteral("consumer_fetch_requests")] = static_cast<qint64>(report.consumerFetchRequests);
    results.append(r);
    if (!json)
      out << QStringLiteral("%1  %2 records  %3 s wall  %4 sim s  %5 records/s  %6 events/s  %7 sim s/wall s  peak RSS %8 MiB  %9 B/retained record  "
                            "lost %10%11\n")
                 .arg(name)
                 .arg(*records)
                 .arg(wall, 0, 'f', 2)
                 .arg(toMs(w.now) / 1000, 0, 'f', 1)
                 .arg(static_cast<double>(produced) / wall, 0, 'f', 0)
                 .arg(static_cast<double>(w.events.count()) / wall, 0, 'f', 0)
                 .arg(toMs(w.now) / 1000 / wall, 0, 'f', 0)
                 .arg(static_cast<double>(peakRssKiB()) / 1024, 0, 'f', 0)
                 .arg(r[QStringLiteral("bytes_per_retained_record")].toDouble(), 0, 'f', 0)
                 .arg(r[QStringLiteral("acknowledged_lost")].toInteger())
                 .arg(allConsumed(w) ? QString() : QStringLiteral("  (NOT all consumed by the end)"));
    out.flush();
  }
  if (json)
    out << QJsonDocument(results).toJson(QJsonDocument::Indented);
  return 0;
}

} // namespace

const CliCommand kBenchCommand{"bench", "[--records N] [--brokers B] [--partitions P] [--json] [K1|K2|KT|N1|S1|B1|N2...]",
                               "Time the engine workloads of the performance targets (docs/benchmarks.md) and print "
                               "records/s, events/s, simulated seconds per second, peak RSS, bytes per retained record "
                               "and acknowledged records lost.",
                               runBenchCommand};

} // namespace streamscope::app
