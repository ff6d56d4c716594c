#include "probe_readback.h"

#include "cluster_snapshot.h"
#include "probe_payload.h"

#include <QObject>

#include <librdkafka/rdkafka.h>

#include <chrono>
#include <map>

namespace streamscope::live {

ReadBack readBack(const KafkaConnection &c, const QString &topic, const QString &group, std::uint64_t nonce, int records, int idleMs) {
  ReadBack out;
  out.copies.assign(static_cast<std::size_t>(records), 0);
  // Where reading is done: each partition's high watermark now (the probe's writes are over).
  const SnapshotResult now = readCluster(c, topic);
  if (now.error) {
    out.error = now.error;
    return out;
  }
  std::map<int, std::int64_t> remaining; // partition -> high watermark still to reach
  for (const LivePartition &p : now.snapshot.partitions)
    if (p.topic == topic && p.highWatermark > std::max<std::int64_t>(0, p.lowWatermark))
      remaining[p.partition] = p.highWatermark;
  KafkaClientResult r = makeKafkaClient(c, true,
                                        {{QStringLiteral("group.id"), group},
                                         {QStringLiteral("auto.offset.reset"), QStringLiteral("earliest")},
                                         {QStringLiteral("enable.auto.commit"), QStringLiteral("false")},
                                         {QStringLiteral("enable.partition.eof"), QStringLiteral("false")}});
  if (!r.client) {
    out.error = r.error;
    return out;
  }
  rd_kafka_t *rk = r.client.get();
  rd_kafka_poll_set_consumer(rk);
  // Assigned, not subscribed: reading back must not depend on the group's coordinator (the
  // probe measures the data, and a coordinator may be on the broker that was taken down).
  rd_kafka_topic_partition_list_t *assignment = rd_kafka_topic_partition_list_new(static_cast<int>(remaining.size()) + 1);
  for (const auto &[partition, end] : remaining)
    rd_kafka_topic_partition_list_add(assignment, topic.toUtf8().constData(), partition)->offset = RD_KAFKA_OFFSET_BEGINNING;
  const rd_kafka_resp_err_t e = rd_kafka_assign(rk, assignment);
  rd_kafka_topic_partition_list_destroy(assignment);
  if (e) {
    out.error = LiveError{3, r.withCause(QObject::tr("cannot read %1 back from %2: %3").arg(topic, c.bootstrap, kafkaErrorText(e)))};
    return out;
  }
  using Clock = std::chrono::steady_clock;
  Clock::time_point lastRecord = Clock::now();
  while (!remaining.empty() && Clock::now() - lastRecord < std::chrono::milliseconds(idleMs)) {
    rd_kafka_message_t *m = rd_kafka_consumer_poll(rk, 100);
    if (!m)
      continue;
    if (!m->err) {
      if (const auto id = probeRecordId(m->payload, m->len, nonce); id && *id < out.copies.size()) {
        ++out.copies[*id];
        lastRecord = Clock::now();
      }
      if (const auto it = remaining.find(m->partition); it != remaining.end() && m->offset + 1 >= it->second)
        remaining.erase(it);
    }
    rd_kafka_message_destroy(m);
  }
  rd_kafka_commit(rk, nullptr, 1); // best effort, asynchronous: the group then shows what it read
  rd_kafka_consumer_close(rk);
  return out;
}

} // namespace streamscope::live
