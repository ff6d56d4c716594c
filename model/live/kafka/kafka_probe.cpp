#include "kafka_probe.h"

#include "cluster_snapshot.h"
#include "kafka_admin.h"
#include "probe_payload.h"
#include "probe_readback.h"

#include <QObject>
#include <QRandomGenerator>

#include <librdkafka/rdkafka.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <memory>
#include <thread>
#include <vector>

namespace streamscope::live {
namespace {

using Clock = std::chrono::steady_clock;

/// What the delivery reports tell, filled on the producer's poll calls.
struct Deliveries {
  std::vector<Clock::time_point> sentAt;
  std::vector<char> acknowledged; ///< by record number
  std::vector<double> latencyMs;
  ProbeReport *report = nullptr;
};

void onDelivery(rd_kafka_t *, const rd_kafka_message_t *m, void *opaque) {
  auto &d = *static_cast<Deliveries *>(static_cast<KafkaClientEvents *>(opaque)->user);
  const auto id = reinterpret_cast<std::uintptr_t>(m->_private);
  if (id >= d.sentAt.size())
    return;
  if (m->err) {
    ++d.report->failed;
    ++d.report->failures[kafkaErrorText(m->err)];
    return;
  }
  d.acknowledged[id] = 1;
  ++d.report->acknowledged;
  d.latencyMs.push_back(std::chrono::duration<double, std::milli>(Clock::now() - d.sentAt[id]).count());
}

double percentile(std::vector<double> sorted, double q) {
  if (sorted.empty())
    return 0;
  std::ranges::sort(sorted);
  const auto rank = static_cast<std::size_t>(std::ceil(q * static_cast<double>(sorted.size())));
  return sorted[std::clamp<std::size_t>(rank, 1, sorted.size()) - 1];
}

/// Produces every record at the chosen rate and waits for their acknowledgements.
std::optional<LiveError> produce(const KafkaConnection &c, const KafkaProbeSettings &s, std::uint64_t nonce, Deliveries &d,
                                 const ProbeProgress &progress) {
  const QString acks = s.acks == QLatin1String("all") ? QStringLiteral("-1") : s.acks;
  KafkaProperties props = {{QStringLiteral("acks"), acks},
                           {QStringLiteral("enable.idempotence"), s.idempotence ? QStringLiteral("true") : QStringLiteral("false")},
                           {QStringLiteral("linger.ms"), QStringLiteral("5")},
                           {QStringLiteral("message.timeout.ms"), QString::number(s.messageTimeoutMs)}};
  KafkaClientResult r = makeKafkaClient(
      c, false, props, [](rd_kafka_conf_t *conf) { rd_kafka_conf_set_dr_msg_cb(conf, onDelivery); }, &d);
  if (!r.client)
    return r.error;
  rd_kafka_t *rk = r.client.get();
  const QByteArray topic = s.topic.toUtf8();
  const std::unique_ptr<rd_kafka_topic_t, decltype(&rd_kafka_topic_destroy)> rkt(rd_kafka_topic_new(rk, topic.constData(), nullptr),
                                                                                 &rd_kafka_topic_destroy);
  if (!rkt)
    return LiveError{2, QObject::tr("topic %1: %2").arg(s.topic, kafkaErrorText(rd_kafka_last_error()))};
  const Clock::time_point start = Clock::now();
  for (int i = 0; i < s.records; ++i) {
    const auto due = start + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(i / s.rate));
    while (Clock::now() < due)
      rd_kafka_poll(rk, std::max<int>(0, static_cast<int>(std::chrono::duration_cast<std::chrono::milliseconds>(due - Clock::now()).count())));
    const QByteArray key = QByteArrayLiteral("key-") + QByteArray::number(i % s.keys);
    const QByteArray value = probePayload(nonce, static_cast<std::uint64_t>(i), s.recordBytes);
    d.sentAt[static_cast<std::size_t>(i)] = Clock::now();
    // rd_kafka_produce, not rd_kafka_producev: the latter's macros are GNU statement expressions.
    rd_kafka_resp_err_t e = RD_KAFKA_RESP_ERR_NO_ERROR;
    for (;;) {
      if (rd_kafka_produce(rkt.get(), RD_KAFKA_PARTITION_UA, RD_KAFKA_MSG_F_COPY, const_cast<char *>(value.constData()),
                           static_cast<size_t>(value.size()), key.constData(), static_cast<size_t>(key.size()),
                           reinterpret_cast<void *>(static_cast<std::uintptr_t>(i))) == 0) {
        e = RD_KAFKA_RESP_ERR_NO_ERROR;
        break;
      }
      if ((e = rd_kafka_last_error()) != RD_KAFKA_RESP_ERR__QUEUE_FULL)
        break;
      rd_kafka_poll(rk, 10); // the queue is full: serve delivery reports, then try again
    }
    if (e) {
      ++d.report->failed;
      ++d.report->failures[kafkaErrorText(e)];
    }
    ++d.report->produced;
    if (progress && i % 100 == 99)
      progress(d.report->produced, d.report->acknowledged);
  }
  rd_kafka_flush(rk, s.messageTimeoutMs + 5000);
  if (progress)
    progress(d.report->produced, d.report->acknowledged);
  return std::nullopt;
}

} // namespace

std::optional<QString> probeSettingsProblem(const KafkaProbeSettings &s) {
  if (s.topic.isEmpty())
    return QObject::tr("the probe needs a topic");
  if (s.records < 1 || s.records > 10000000)
    return QObject::tr("records must be between 1 and 10000000, not %1").arg(s.records);
  if (!(s.rate > 0) || s.rate > 1e6)
    return QObject::tr("rate must be above 0 and at most 1000000 records/s, not %1").arg(s.rate);
  if (s.acks != QLatin1String("0") && s.acks != QLatin1String("1") && s.acks != QLatin1String("all"))
    return QObject::tr("acks must be 0, 1 or all, not %1").arg(s.acks);
  if (s.idempotence && s.acks != QLatin1String("all"))
    return QObject::tr("idempotence needs acks=all (acks is %1): turn idempotence off").arg(s.acks);
  if (s.keys < 1)
    return QObject::tr("keys must be at least 1, not %1").arg(s.keys);
  if (s.recordBytes < static_cast<int>(kProbeHeaderBytes) || s.recordBytes > 1000000)
    return QObject::tr("record bytes must be between %1 and 1000000, not %2").arg(kProbeHeaderBytes).arg(s.recordBytes);
  if (s.createTopic && (s.partitions < 1 || s.replicationFactor < 1 || s.minInsyncReplicas < 1 || s.minInsyncReplicas > s.replicationFactor))
    return QObject::tr("a new topic needs partitions >= 1, replication factor >= 1 and 1 <= min ISR <= replication factor");
  return std::nullopt;
}

QString probeGroupName() { return QStringLiteral("streamscope-probe-%1").arg(QRandomGenerator::global()->generate64(), 16, 16, QLatin1Char('0')); }

ProbeResult runKafkaProbe(const KafkaConnection &c, const KafkaProbeSettings &s, const ProbeProgress &progress) {
  ProbeResult out;
  if (const auto problem = probeSettingsProblem(s)) {
    out.error = LiveError{2, *problem};
    return out;
  }
  // Fail fast when the cluster cannot be reached, rather than after every record timed out.
  if (const SnapshotResult reachable = readCluster(c, s.topic); reachable.error) {
    out.error = reachable.error;
    return out;
  }
  if (s.createTopic)
    if (auto e = createTopic(c, s.topic, s.partitions, s.replicationFactor, s.minInsyncReplicas)) {
      out.error = e;
      return out;
    }
  const std::uint64_t nonce = QRandomGenerator::global()->generate64();
  Deliveries d;
  d.sentAt.resize(static_cast<std::size_t>(s.records));
  d.acknowledged.assign(static_cast<std::size_t>(s.records), 0);
  d.report = &out.report;
  if (auto e = produce(c, s, nonce, d, progress)) {
    out.error = e;
    return out;
  }
  out.report.latencyP50Ms = percentile(d.latencyMs, 0.50);
  out.report.latencyP99Ms = percentile(d.latencyMs, 0.99);
  out.report.group = s.group.isEmpty() ? probeGroupName() : s.group;
  const ReadBack back = readBack(c, s.topic, out.report.group, nonce, s.records, s.readIdleMs);
  if (back.error) {
    out.error = back.error;
    return out;
  }
  for (std::size_t i = 0; i < d.acknowledged.size(); ++i) {
    const int copies = back.copies[i];
    out.report.consumed += copies;
    out.report.duplicates += std::max(0, copies - 1);
    if (d.acknowledged[i] && copies == 0)
      ++out.report.acknowledgedLost;
  }
  return out;
}

} // namespace streamscope::live
