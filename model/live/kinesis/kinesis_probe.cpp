// The probe's write phase and its bookkeeping; the read phase is in kinesis_probe_reader.cpp.
#include "kinesis_probe.h"

#include "kinesis_probe_reader.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QThread>
#include <QUuid>

#include <algorithm>
#include <cmath>

namespace streamscope::live::kinesis {
namespace {

constexpr int kMaxBatch = 500; // PutRecords' limit

bool retryable(const QString &errorCode) {
  return errorCode == QLatin1String("ProvisionedThroughputExceededException") || errorCode == QLatin1String("InternalFailure");
}

bool fatal(FailureKind kind) { return kind == FailureKind::Transport || kind == FailureKind::Authentication || kind == FailureKind::NotFound; }

} // namespace

QByteArray probeRecordData(const QString &probeId, int id, qint64 sentMs) {
  return QJsonDocument(QJsonObject{{QStringLiteral("probe"), probeId}, {QStringLiteral("id"), id}, {QStringLiteral("sent_ms"), sentMs}})
      .toJson(QJsonDocument::Compact);
}

int probeRecordId(const QByteArray &data, const QString &probeId) {
  const QJsonDocument doc = QJsonDocument::fromJson(data);
  if (!doc.isObject() || doc.object().value(QLatin1String("probe")).toString() != probeId)
    return -1;
  const QJsonValue id = doc.object().value(QLatin1String("id"));
  const double d = id.toDouble(-1);
  return id.isDouble() && d >= 0 && d < 1e9 && d == std::floor(d) ? static_cast<int>(d) : -1;
}

double percentile(std::vector<double> &values, double p) {
  if (values.empty())
    return 0;
  std::sort(values.begin(), values.end());
  const auto rank = static_cast<std::size_t>(std::ceil(p / 100.0 * static_cast<double>(values.size())));
  return values[std::clamp<std::size_t>(rank, 1, values.size()) - 1];
}

std::optional<ProbeReport> runProbe(KinesisClient &client, const QString &stream, const ProbeOptions &options, const ProbeProgressCallback &progress,
                                    LiveError *error) {
  ProbeReport report;
  report.probeId = QUuid::createUuid().toString(QUuid::WithoutBraces);
  ProbeLedger ledger(options.records);
  const int batchSize = std::clamp(static_cast<int>(std::lround(options.rate / 10.0)), 1, kMaxBatch); // about ten calls a second
  const int throttledCallsBefore = client.throttles(QStringLiteral("PutRecords"));
  QElapsedTimer clock;
  clock.start();
  auto reportProgress = [&](ProbeProgress::Phase phase) {
    if (!progress || progress({phase, options.records, report.produced, report.acknowledged, report.failed, report.consumed}))
      return true;
    report.cancelled = true;
    return false;
  };

  for (int next = 0; next < options.records && !report.cancelled;) {
    // Pace by the schedule, not by the previous call, so slow answers do not lower the rate.
    const auto due = static_cast<qint64>(1000.0 * next / options.rate);
    if (const qint64 wait = due - clock.elapsed(); wait > 0)
      QThread::msleep(static_cast<unsigned long>(wait));
    QList<int> pending;
    for (int id = next; id < std::min(next + batchSize, options.records); ++id)
      pending.append(id);
    next += static_cast<int>(pending.size());
    for (int attempt = 0; !pending.isEmpty(); ++attempt) {
      QList<PutEntry> entries;
      for (int id : pending) {
        if (ledger.firstSentMs[id] < 0) {
          ledger.firstSentMs[id] = clock.elapsed();
          ++report.produced;
        }
        entries.append({probeRecordData(report.probeId, id, QDateTime::currentMSecsSinceEpoch()),
                        QStringLiteral("probe-key-%1").arg(id % std::max(1, options.keys))});
      }
      const auto result = client.putRecords(stream, entries);
      const qint64 answeredMs = clock.elapsed();
      if (!result) {
        if (report.acknowledged == 0 && fatal(client.failure().kind)) {
          *error = client.liveError();
          return std::nullopt;
        }
        report.failed += static_cast<int>(pending.size()); // outcome unknown: counted as not acknowledged
        break;
      }
      QList<int> again;
      for (qsizetype i = 0; i < pending.size(); ++i) {
        const PutOutcome &outcome = result->records[i];
        const int id = pending[i];
        if (outcome.ok()) {
          ledger.acknowledge(id, outcome.shardId, outcome.sequenceNumber, answeredMs - ledger.firstSentMs[id]);
          ++report.acknowledged;
          continue;
        }
        if (outcome.errorCode == QLatin1String("ProvisionedThroughputExceededException"))
          ++report.throttled;
        if (retryable(outcome.errorCode) && attempt < options.recordRetries)
          again.append(id);
        else
          ++report.failed;
      }
      pending = again;
      if (!pending.isEmpty())
        QThread::msleep(std::min(2000UL, 50UL << attempt)); // back off before the retry
    }
    if (!reportProgress(ProbeProgress::Phase::Writing))
      break;
  }
  report.throttled += client.throttles(QStringLiteral("PutRecords")) - throttledCallsBefore;
  report.writeMs = clock.elapsed();

  std::vector<double> latencies = ledger.latencies();
  report.latencyP50Ms = percentile(latencies, 50);
  report.latencyP99Ms = percentile(latencies, 99);
  if (report.cancelled)
    return report;

  clock.restart();
  ProbeReader reader(client, stream, report.probeId, ledger, options.idleTimeoutMs);
  if (!reader.run([&](int consumed) {
        report.consumed = consumed;
        return reportProgress(ProbeProgress::Phase::Reading);
      })) {
    *error = client.liveError();
    return std::nullopt;
  }
  reader.fill(report);
  report.readMs = clock.elapsed();
  return report;
}

} // namespace streamscope::live::kinesis
