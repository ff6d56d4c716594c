#include "kinesis_json.h"

#include <QJsonArray>
#include <QObject>

namespace streamscope::live::kinesis {
namespace {

QJsonValue stringOrNull(const QString &s) { return s.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(s); }
QJsonValue countOrNull(int n) { return n < 0 ? QJsonValue(QJsonValue::Null) : QJsonValue(n); }

} // namespace

QJsonObject shardJson(const ShardSnapshot &s) {
  return {{QStringLiteral("shard_id"), s.shard.shardId},
          {QStringLiteral("starting_hash_key"), s.shard.startingHashKey},
          {QStringLiteral("ending_hash_key"), s.shard.endingHashKey},
          {QStringLiteral("parent_shard_id"), stringOrNull(s.shard.parentShardId)},
          {QStringLiteral("adjacent_parent_shard_id"), stringOrNull(s.shard.adjacentParentShardId)},
          {QStringLiteral("open"), s.shard.open()},
          {QStringLiteral("starting_sequence_number"), stringOrNull(s.shard.startingSequenceNumber)},
          {QStringLiteral("ending_sequence_number"), stringOrNull(s.shard.endingSequenceNumber)},
          {QStringLiteral("latest_sequence_number"), stringOrNull(s.latestSequenceNumber)},
          {QStringLiteral("latest_sequence_number_known"), s.latestKnown}};
}

QJsonObject snapshotJson(const StreamSnapshot &snapshot, const QString &endpoint, const QString &region) {
  const StreamSummary &summary = snapshot.summary;
  QJsonArray shards;
  for (const ShardSnapshot &shard : snapshot.shards)
    shards.append(shardJson(shard));
  QJsonArray consumers;
  for (const ConsumerInfo &c : snapshot.consumers)
    consumers.append(QJsonObject{{QStringLiteral("name"), c.name}, {QStringLiteral("arn"), c.arn}, {QStringLiteral("status"), c.status}});
  return {{QStringLiteral("endpoint"), endpoint},
          {QStringLiteral("region"), region},
          {QStringLiteral("stream"),
           QJsonObject{{QStringLiteral("name"), summary.name},
                       {QStringLiteral("arn"), stringOrNull(summary.arn)},
                       {QStringLiteral("status"), summary.status},
                       {QStringLiteral("mode"), stringOrNull(summary.mode)},
                       {QStringLiteral("shard_count"), static_cast<int>(snapshot.shards.size())},
                       {QStringLiteral("open_shard_count"), countOrNull(summary.openShardCount)},
                       {QStringLiteral("retention_hours"), countOrNull(summary.retentionHours)},
                       {QStringLiteral("consumer_count"), countOrNull(summary.consumerCount)}}},
          {QStringLiteral("shards"), shards},
          {QStringLiteral("consumers"), snapshot.consumersKnown ? QJsonValue(consumers) : QJsonValue(QJsonValue::Null)}};
}

QJsonObject probeJson(const ProbeReport &r) {
  QJsonArray lost;
  for (const QString &id : r.lostSample)
    lost.append(id.toInt());
  return {{QStringLiteral("probe_id"), r.probeId},
          {QStringLiteral("produced"), r.produced},
          {QStringLiteral("acknowledged"), r.acknowledged},
          {QStringLiteral("failed"), r.failed},
          {QStringLiteral("consumed"), r.consumed},
          {QStringLiteral("acknowledged_lost"), r.acknowledgedLost},
          {QStringLiteral("duplicates"), r.duplicates},
          {QStringLiteral("unacknowledged_read"), r.unacknowledgedRead},
          {QStringLiteral("latency_ms"), QJsonObject{{QStringLiteral("p50"), r.latencyP50Ms}, {QStringLiteral("p99"), r.latencyP99Ms}}},
          {QStringLiteral("throttled"), r.throttled},
          {QStringLiteral("read_throttled"), r.readThrottled},
          {QStringLiteral("shards_read"), r.shardsRead},
          {QStringLiteral("write_ms"), r.writeMs},
          {QStringLiteral("read_ms"), r.readMs},
          {QStringLiteral("cancelled"), r.cancelled},
          {QStringLiteral("lost_ids_sample"), lost}};
}

QString probeToText(const ProbeReport &r) {
  QString text = QObject::tr("Probe %1: %2 produced, %3 acknowledged, %4 failed, %5 consumed (read back), %6 acknowledged but lost, "
                             "%7 duplicates\n")
                     .arg(r.probeId)
                     .arg(r.produced)
                     .arg(r.acknowledged)
                     .arg(r.failed)
                     .arg(r.consumed)
                     .arg(r.acknowledgedLost)
                     .arg(r.duplicates);
  text += QObject::tr("  put-to-acknowledgement latency p50 %1 ms, p99 %2 ms; %3 write throttles, %4 read throttles; wrote in %5 ms, "
                      "read %6 shards in %7 ms%8\n")
              .arg(r.latencyP50Ms)
              .arg(r.latencyP99Ms)
              .arg(r.throttled)
              .arg(r.readThrottled)
              .arg(r.writeMs)
              .arg(r.shardsRead)
              .arg(r.readMs)
              .arg(r.cancelled ? QObject::tr(" (stopped early)") : QString());
  if (!r.lostSample.isEmpty())
    text += QObject::tr("  lost record ids (first %1): %2\n").arg(r.lostSample.size()).arg(r.lostSample.join(QStringLiteral(", ")));
  return text;
}

} // namespace streamscope::live::kinesis
