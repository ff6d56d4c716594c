// streamscope-cli soak: random scenarios with random faults, every invariant checked after
// every step, every run replayed; failing seeds are printed for reproduction.
#include "cli_commands.h"

#include "engine/check/checked_run.h"
#include "model/json/fault_json.h"

#include <QJsonDocument>

#include <QElapsedTimer>
#include <QTextStream>

namespace streamscope::app {

using namespace engine::check;

namespace {

/// What a generated scenario sets up and the faults it injects, for reproducing a failure.
void describe(QTextStream &out, const engine::Scenario &s) {
  out << "  scenario: " << QString::fromStdString(s.name) << ", " << s.duration / engine::kMillisecond << " ms\n";
  if (s.kafka) {
    const engine::TopicConfig &t = s.kafka->topics.front();
    out << "  kafka: " << s.kafka->brokers << " brokers, " << t.partitions << " partitions, RF " << t.replicationFactor
        << ", min ISR " << t.minInsyncReplicas << (t.uncleanLeaderElection ? ", unclean election" : "")
        << (t.flushIntervalMessages ? QStringLiteral(", flush.messages %1").arg(*t.flushIntervalMessages) : QString())
        << (t.flushInterval ? QStringLiteral(", flush.ms %1").arg(*t.flushInterval / engine::kMillisecond) : QString()) << '\n';
  }
  if (s.kinesis)
    out << "  kinesis: " << s.kinesis->streams.front().shards << " shards\n";
  for (const engine::ProducerConfig &p : s.producers) {
    out << "  producer: " << p.rate << " records/s, " << p.keyCount << " keys";
    if (!p.topic.empty())
      out << ", acks " << (p.acks == engine::Acks::All ? QStringLiteral("all") : QString::number(static_cast<int>(p.acks)))
          << (p.enableIdempotence ? ", idempotent" : "") << ", request timeout " << p.requestTimeout / engine::kMillisecond << " ms";
    out << '\n';
  }
  for (const engine::Fault &f : s.faults) {
    const std::string *group = engine::faultGroup(f);
    const bool application = !s.applications.empty() && group && !group->empty() && *group == s.applications.front().application;
    out << "  fault: " << QJsonDocument(model::faultToJson(f, application)).toJson(QJsonDocument::Compact) << '\n';
  }
}

} // namespace

int runSoakCommand(const QStringList &args) {
  QTextStream out(stdout), err(stderr);
  const QString usage = QStringLiteral("usage: streamscope-cli soak [--runs N] [--seed S] [--family NAME] [--describe]");
  bool describeRuns = false;
  long long runs = 50;
  unsigned long long firstSeed = 1;
  std::vector<RunFamily> families(std::begin(kAllFamilies), std::end(kAllFamilies));
  for (int i = 0; i < args.size(); ++i) {
    const QString option = args[i];
    const QString value = i + 1 < args.size() ? args[i + 1] : QString();
    bool ok = false;
    if (option == QLatin1String("--describe")) {
      describeRuns = true;
      continue;
    }
    if (option == QLatin1String("--runs")) {
      runs = value.toLongLong(&ok);
      if (!ok || runs < 1 || runs > 1000000) {
        err << "streamscope-cli soak: --runs needs a whole number from 1 to 1000000, not '" << value << "'\n" << usage << '\n';
        return 2;
      }
    } else if (option == QLatin1String("--seed")) {
      firstSeed = value.toULongLong(&ok);
      if (!ok) {
        err << "streamscope-cli soak: --seed needs a whole number from 0 to 18446744073709551615, not '" << value << "'\n"
            << usage << '\n';
        return 2;
      }
    } else if (option == QLatin1String("--family")) {
      const auto family = familyFromName(value.toStdString());
      if (!family) {
        err << "streamscope-cli soak: unknown family '" << value << "'; one of:";
        for (RunFamily f : kAllFamilies)
          err << ' ' << QString::fromUtf8(familyName(f).data(), static_cast<qsizetype>(familyName(f).size()));
        err << '\n' << usage << '\n';
        return 2;
      }
      families = {*family};
    } else {
      err << "streamscope-cli soak: unexpected argument '" << option << "'\n" << usage << '\n';
      return 2;
    }
    ++i;
  }

  if (parseOnly())
    return 0;
  int failures = 0;
  for (RunFamily family : families) {
    const QString name = QString::fromUtf8(familyName(family).data(), static_cast<qsizetype>(familyName(family).size()));
    QElapsedTimer timer;
    timer.start();
    std::uint64_t events = 0;
    std::int64_t acknowledged = 0, lost = 0, duplicates = 0, runsWithLoss = 0;
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
      runsWithLoss += checked.report.acknowledgedLost > 0 ? 1 : 0;
      if (!checked.violations.empty()) {
        ++failures;
        out << "FAIL " << name << " seed " << seed << " (reproduce: streamscope-cli soak --family " << name << " --seed "
            << seed << " --runs 1)\n";
        for (const std::string &v : checked.violations)
          out << "  " << QString::fromStdString(v) << '\n';
      }
      if (runs >= 200 && (n + 1) % 100 == 0) {
        err << name << ": " << (n + 1) << " of " << runs << " runs\n";
        err.flush();
      }
    }
    out << name << ": " << runs << " runs (seeds " << firstSeed << ".." << firstSeed + static_cast<std::uint64_t>(runs) - 1
        << "), " << events << " events checked, " << acknowledged << " acknowledged, " << lost << " lost in " << runsWithLoss
        << " runs, " << duplicates << " duplicates, " << QString::number(static_cast<double>(timer.elapsed()) / 1000.0, 'f', 1)
        << " s\n";
    out.flush();
  }
  out << (failures == 0 ? "every invariant held\n" : QStringLiteral("%1 runs broke an invariant\n").arg(failures));
  return failures == 0 ? 0 : 1;
}

} // namespace streamscope::app
