// streamscope-cli soak: random scenarios with random faults, every invariant checked after
// every step, every run replayed; failing seeds are printed for reproduction.
#include "cli_commands.h"
#include "command_line.h"

#include "engine/check/checked_run.h"
#include "engine/world/config_rules.h"
#include "model/json/fault_json.h"

#include <QJsonDocument>

#include <QElapsedTimer>
#include <QTextStream>

#include <limits>

namespace streamscope::app {

using namespace engine::check;

namespace {

/// What a generated scenario sets up and the faults it injects, for reproducing a failure.
void describe(QTextStream &out, const engine::Scenario &s) {
  out << "  scenario: " << QString::fromStdString(s.name) << ", " << s.duration / engine::kMillisecond << " ms\n";
  if (s.kafka) {
    const engine::TopicConfig &t = s.kafka->topics.front();
    out << "  kafka: " << s.kafka->brokers << " brokers, " << t.partitions << " partitions, RF " << t.replicationFactor << ", min ISR "
        << t.minInsyncReplicas << (t.uncleanLeaderElection ? ", unclean election" : "")
        << (t.flushIntervalMessages ? QStringLiteral(", flush.messages %1").arg(*t.flushIntervalMessages) : QString())
        << (t.flushInterval ? QStringLiteral(", flush.ms %1").arg(*t.flushInterval / engine::kMillisecond) : QString())
        << (s.kafka->logFlushSchedulerInterval != engine::kNever
                ? QStringLiteral(", log.flush.scheduler.interval.ms %1").arg(s.kafka->logFlushSchedulerInterval / engine::kMillisecond)
                : QString())
        << ", " << s.kafka->controllers << (s.kafka->controllerMode == engine::ControllerMode::Combined ? " combined" : " dedicated")
        << " controller(s)" << '\n';
  }
  if (s.kinesis)
    out << "  kinesis: " << s.kinesis->streams.front().shards << " shards\n";
  for (const engine::ProducerConfig &p : s.producers) {
    out << "  producer: " << p.rate << " records/s, " << p.keyCount << " keys";
    if (!p.topic.empty())
      out << ", acks " << engine::acksName(p.acks) << (p.enableIdempotence ? ", idempotent" : "") << ", request timeout "
          << p.requestTimeout / engine::kMillisecond << " ms, " << p.maxInFlight << " in flight";
    out << '\n';
  }
  for (const engine::ConsumerGroupConfig &g : s.consumers) {
    const bool consumer = g.protocol == engine::GroupProtocol::Consumer;
    const char *assignor = g.assignor == engine::AssignorKind::Range ? "range"
        : g.assignor == engine::AssignorKind::Uniform                ? "uniform"
                                                                     : "cooperative-sticky";
    out << "  consumer group: " << g.members << " members, group_protocol " << (consumer ? "consumer" : "classic") << ", assignor " << assignor
        << '\n';
  }
  for (const engine::ShareConsumerConfig &c : s.shareConsumers)
    out << "  share group " << QString::fromStdString(c.group) << ": " << c.members << " members, share_record_lock_ms "
        << c.recordLock / engine::kMillisecond << ", delivery_count_limit " << c.deliveryCountLimit << ", max_record_locks " << c.maxRecordLocks
        << ", max_poll_records " << c.maxPollRecords << ", reject_ratio " << c.rejectRatio << ", release_ratio " << c.releaseRatio
        << ", processing_ms " << engine::toMs(c.processing) << '\n';
  if (s.dropResponseRatio > 0)
    out << "  drop_response_ratio: " << s.dropResponseRatio << '\n';
  for (const engine::Fault &f : s.faults) {
    const std::string *group = engine::faultGroup(f);
    const bool application = !s.applications.empty() && group && !group->empty() && *group == s.applications.front().application;
    out << "  fault: " << QJsonDocument(model::faultToJson(f, application)).toJson(QJsonDocument::Compact) << '\n';
  }
}

/// The family names, "kafka-safe, kafka-anything, ...".
QString familyNames() {
  QStringList names;
  for (RunFamily f : kAllFamilies)
    names << QString::fromUtf8(familyName(f).data(), static_cast<qsizetype>(familyName(f).size()));
  return names.join(QStringLiteral(", "));
}

int runSoakCommand(const QStringList &args) {
  QTextStream out(stdout), err(stderr);
  CommandLine cli(kSoakCommand);
  const QCommandLineOption runsOption(QStringLiteral("runs"), QStringLiteral("Scenarios per family, 1 to 1000000 (default 50)."), QStringLiteral("N"),
                                      QStringLiteral("50"));
  const QCommandLineOption seedOption(QStringLiteral("seed"), QStringLiteral("Seed of the first scenario (default 1); the others follow it."),
                                      QStringLiteral("S"), QStringLiteral("1"));
  const QCommandLineOption familyOption(QStringLiteral("family"), QStringLiteral("Only this family: %1.").arg(familyNames()), QStringLiteral("NAME"));
  const QCommandLineOption describeOption(QStringLiteral("describe"),
                                          QStringLiteral("Print each scenario's settings and faults (as scenario-file faults entries)."));
  for (const QCommandLineOption &option : {runsOption, seedOption, familyOption, describeOption})
    cli.addOption(option);
  if (const auto exit = cli.parse(args))
    return *exit;
  if (!cli.positional().isEmpty())
    return cli.refuse(QStringLiteral("unexpected argument '%1'").arg(cli.positional().front()));
  const bool describeRuns = cli.isSet(describeOption);
  const auto runCount = cli.wholeNumber(runsOption, 1, 1000000);
  if (!runCount)
    return 2;
  const long long runs = *runCount;
  const auto seed = cli.seed(seedOption, std::numeric_limits<unsigned long long>::max());
  if (!seed)
    return 2;
  const unsigned long long firstSeed = *seed;
  std::vector<RunFamily> families(std::begin(kAllFamilies), std::end(kAllFamilies));
  if (cli.isSet(familyOption)) {
    const auto family = familyFromName(cli.value(familyOption).toStdString());
    if (!family)
      return cli.refuse(QStringLiteral("unknown family '%1'; one of: %2").arg(cli.value(familyOption), familyNames()));
    families = {*family};
  }

  if (parseOnly())
    return 0;
  int failures = 0;
  for (RunFamily family : families) {
    const QString name = QString::fromUtf8(familyName(family).data(), static_cast<qsizetype>(familyName(family).size()));
    QElapsedTimer timer;
    timer.start();
    std::uint64_t events = 0;
    std::int64_t acknowledged = 0, lost = 0, duplicates = 0, storedTwice = 0, runsWithLoss = 0;
    for (long long n = 0; n < runs; ++n) {
      const std::uint64_t seed = firstSeed + static_cast<std::uint64_t>(n);
      const GeneratedRun run = randomRun(family, seed);
      if (describeRuns)
        describe(out, run.scenario);
      const CheckedRun checked = checkRun(run);
      events += checked.report.events;
      acknowledged += checked.report.acknowledged;
      lost += checked.report.acknowledgedLost;
      duplicates += checked.report.duplicatesDelivered;
      storedTwice += checked.report.duplicatesStored;
      runsWithLoss += checked.report.acknowledgedLost > 0 ? 1 : 0;
      if (!checked.violations.empty()) {
        ++failures;
        out << "FAIL " << name << " seed " << seed << " (reproduce: streamscope-cli soak --family " << name << " --seed " << seed << " --runs 1)\n";
        for (const std::string &v : checked.violations)
          out << "  " << QString::fromStdString(v) << '\n';
      }
      if (runs >= 200 && (n + 1) % 100 == 0) {
        err << name << ": " << (n + 1) << " of " << runs << " runs\n";
        err.flush();
      }
    }
    out << name << ": " << runs << " runs (seeds " << firstSeed << ".." << firstSeed + static_cast<std::uint64_t>(runs) - 1 << "), " << events
        << " events checked, " << acknowledged << " acknowledged, " << lost << " lost in " << runsWithLoss << " runs, " << duplicates
        << " duplicates delivered, " << storedTwice << " stored twice, " << QString::number(static_cast<double>(timer.elapsed()) / 1000.0, 'f', 1)
        << " s\n";
    out.flush();
  }
  out << (failures == 0 ? "every invariant held\n" : QStringLiteral("%1 runs broke an invariant\n").arg(failures));
  return failures == 0 ? 0 : 1;
}

} // namespace

const CliCommand kSoakCommand{"soak", "[--runs N] [--seed S] [--family NAME] [--describe]",
                              "Generate N random scenarios per family (seeds S to S+N-1) with random faults, check the "
                              "invariants after every step and replay each run from its seed and from a halfway "
                              "snapshot; print the failing seeds and exit 1 if any invariant breaks.",
                              runSoakCommand};

} // namespace streamscope::app
