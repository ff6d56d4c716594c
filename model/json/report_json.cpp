#include "report_json.h"

#include "share_report_json.h"

#include <QJsonArray>
#include <QStringList>

namespace streamscope::model {
namespace {

template <typename T> QJsonArray toArray(const std::vector<T> &values) {
  QJsonArray a;
  for (const T &v : values)
    a.append(static_cast<qint64>(v));
  return a;
}

QString joinNumbers(const std::vector<std::int64_t> &values) {
  QStringList parts;
  for (std::int64_t v : values)
    parts << QString::number(v);
  return parts.join(QLatin1Char(','));
}

QString joinInts(const std::vector<int> &values) {
  QStringList parts;
  for (int v : values)
    parts << QString::number(v);
  return parts.join(QLatin1Char(','));
}

QJsonObject latencyToJson(const engine::LatencyReport &l) {
  return QJsonObject{
      {QStringLiteral("acknowledged"), static_cast<qint64>(l.acknowledged)}, {QStringLiteral("p50"), l.p50Ms}, {QStringLiteral("p99"), l.p99Ms}};
}

QJsonValue orNull(const std::string &s) { return s.empty() ? QJsonValue() : QJsonValue(QString::fromStdString(s)); }

QJsonArray shardsToJson(const std::vector<engine::ShardReport> &shards) {
  QJsonArray out;
  for (const engine::ShardReport &s : shards)
    out.append(QJsonObject{{QStringLiteral("stream"), QString::fromStdString(s.stream)},
                           {QStringLiteral("shard_id"), QString::fromStdString(s.shardId)},
                           {QStringLiteral("open"), s.open},
                           {QStringLiteral("starting_hash_key"), QString::fromStdString(s.startingHashKey)},
                           {QStringLiteral("ending_hash_key"), QString::fromStdString(s.endingHashKey)},
                           {QStringLiteral("parent_shard_id"), orNull(s.parentShardId)},
                           {QStringLiteral("adjacent_parent_shard_id"), orNull(s.adjacentParentShardId)},
                           {QStringLiteral("starting_sequence_number"), QString::fromStdString(s.startingSequenceNumber)},
                           {QStringLiteral("ending_sequence_number"), orNull(s.endingSequenceNumber)},
                           {QStringLiteral("records"), static_cast<qint64>(s.records)},
                           {QStringLiteral("throttled_writes"), static_cast<qint64>(s.throttledWrites)},
                           {QStringLiteral("throttled_reads"), static_cast<qint64>(s.throttledReads)},
                           {QStringLiteral("read_throttled"), static_cast<qint64>(s.throttledReads)}});
  return out;
}

QJsonArray applicationsToJson(const std::vector<engine::ApplicationReport> &apps) {
  QJsonArray out;
  for (const engine::ApplicationReport &a : apps) {
    QJsonArray leases;
    for (const engine::LeaseReport &l : a.leases)
      leases.append(QJsonObject{{QStringLiteral("shard_id"), QString::fromStdString(l.shardId)},
                                {QStringLiteral("owner"), l.owner},
                                {QStringLiteral("checkpoint"), QString::fromStdString(l.checkpoint)},
                                {QStringLiteral("millis_behind_latest"), static_cast<qint64>(l.millisBehindLatest)}});
    out.append(QJsonObject{{QStringLiteral("application"), QString::fromStdString(a.application)},
                           {QStringLiteral("stream"), QString::fromStdString(a.stream)},
                           {QStringLiteral("workers"), a.workers},
                           {QStringLiteral("enhanced_fan_out"), a.enhancedFanOut},
                           {QStringLiteral("consumed"), static_cast<qint64>(a.consumed)},
                           {QStringLiteral("duplicates"), static_cast<qint64>(a.duplicates)},
                           {QStringLiteral("throttled"), static_cast<qint64>(a.throttled)},
                           {QStringLiteral("millis_behind_latest"), static_cast<qint64>(a.millisBehindLatest)},
                           {QStringLiteral("leases"), leases},
                           {QStringLiteral("read_throttled"), static_cast<qint64>(a.throttled)},
                           {QStringLiteral("registration_error"), orNull(a.registrationError)},
                           {QStringLiteral("subscribe_to_shard_calls"), static_cast<qint64>(a.subscribeCalls)},
                           {QStringLiteral("subscribe_to_shard_refused"), static_cast<qint64>(a.subscribeRefused)},
                           {QStringLiteral("subscriptions_ended"), static_cast<qint64>(a.subscriptionsEnded)},
                           {QStringLiteral("kcl_version"), a.kclVersion},
                           {QStringLiteral("lease_moves"), static_cast<qint64>(a.leaseMoves)},
                           {QStringLiteral("redelivered"), static_cast<qint64>(a.redelivered)},
                           {QStringLiteral("leader"), a.leader >= 0 ? QJsonValue(a.leader) : QJsonValue()}});
  }
  return out;
}

} // namespace

QJsonObject reportToJson(const engine::Report &r) {
  QJsonObject o;
  o[QStringLiteral("produced")] = static_cast<qint64>(r.produced);
  o[QStringLiteral("acknowledged")] = static_cast<qint64>(r.acknowledged);
  o[QStringLiteral("acknowledged_lost")] = static_cast<qint64>(r.acknowledgedLost);
  o[QStringLiteral("duplicates_delivered")] = static_cast<qint64>(r.duplicatesDelivered);
  o[QStringLiteral("duplicates_stored")] = static_cast<qint64>(r.duplicatesStored);
  QJsonObject storedBy;
  for (const auto &[producer, count] : r.duplicatesStoredByProducer)
    storedBy[QString::fromStdString(producer)] = static_cast<qint64>(count);
  o[QStringLiteral("duplicates_stored_by_producer")] = storedBy;
  o[QStringLiteral("reordered_stored")] = static_cast<qint64>(r.reorderedStored);
  o[QStringLiteral("duplicates_processed")] = static_cast<qint64>(r.duplicatesProcessed);
  QJsonArray pipelines;
  for (const engine::PipelineReport &p : r.pipelines)
    pipelines.append(QJsonObject{{QStringLiteral("name"), QString::fromStdString(p.name)},
                                 {QStringLiteral("exactly_once"), p.exactlyOnce},
                                 {QStringLiteral("outputs"), static_cast<qint64>(p.outputs)},
                                 {QStringLiteral("duplicates_processed"), static_cast<qint64>(p.duplicatesProcessed)}});
  o[QStringLiteral("pipelines")] = pipelines;
  o[QStringLiteral("transactions")] = QJsonObject{{QStringLiteral("committed"), static_cast<qint64>(r.transactions.committed)},
                                                  {QStringLiteral("aborted"), static_cast<qint64>(r.transactions.aborted)},
                                                  {QStringLiteral("fenced"), static_cast<qint64>(r.transactions.fenced)},
                                                  {QStringLiteral("timed_out"), static_cast<qint64>(r.transactions.timedOut)},
                                                  {QStringLiteral("open"), static_cast<qint64>(r.transactions.open)},
                                                  {QStringLiteral("fenced_writes"), static_cast<qint64>(r.transactions.fencedWrites)}};
  o[QStringLiteral("consumed")] = static_cast<qint64>(r.consumed);
  o[QStringLiteral("throttled")] = static_cast<qint64>(r.throttled);
  o[QStringLiteral("read_throttled")] = static_cast<qint64>(r.readThrottled);
  o[QStringLiteral("failed")] = static_cast<qint64>(r.failed);
  o[QStringLiteral("too_large")] = QJsonObject{{QStringLiteral("kafka"), static_cast<qint64>(r.tooLargeKafka)},
                                               {QStringLiteral("kinesis"), static_cast<qint64>(r.tooLargeKinesis)}};
  o[QStringLiteral("retries")] = static_cast<qint64>(r.retries);
  o[QStringLiteral("produce_requests")] = static_cast<qint64>(r.produceRequests);
  o[QStringLiteral("replica_fetch_requests")] = static_cast<qint64>(r.replicaFetchRequests);
  o[QStringLiteral("consumer_fetch_requests")] = static_cast<qint64>(r.consumerFetchRequests);
  o[QStringLiteral("sim_time_ms")] = r.simTimeMs;
  o[QStringLiteral("event_hash")] = QString::fromStdString(r.eventHash);
  o[QStringLiteral("events")] = static_cast<qint64>(r.events);
  o[QStringLiteral("latency_ms")] = QJsonObject{{QStringLiteral("p50"), r.latencyP50Ms}, {QStringLiteral("p99"), r.latencyP99Ms}};

  QJsonArray partitions;
  for (const engine::PartitionReport &p : r.partitions) {
    QJsonObject po;
    po[QStringLiteral("topic")] = QString::fromStdString(p.topic);
    po[QStringLiteral("partition")] = p.partition;
    po[QStringLiteral("leader")] = p.leader;
    po[QStringLiteral("leader_epoch")] = p.leaderEpoch;
    po[QStringLiteral("replicas")] = toArray(p.replicas);
    po[QStringLiteral("isr")] = toArray(p.isr);
    po[QStringLiteral("elr")] = toArray(p.elr);
    po[QStringLiteral("last_known_elr")] = toArray(p.lastKnownElr);
    po[QStringLiteral("high_watermark")] = static_cast<qint64>(p.highWatermark);
    po[QStringLiteral("last_stable_offset")] = static_cast<qint64>(p.lastStableOffset);
    po[QStringLiteral("log_start_offset")] = static_cast<qint64>(p.logStartOffset);
    po[QStringLiteral("log_end_offsets")] = toArray(p.logEndOffsets);
    po[QStringLiteral("flushed_offsets")] = toArray(p.flushedOffsets);
    po[QStringLiteral("unavailable_ms")] = p.unavailableMs;
    partitions.append(po);
  }
  o[QStringLiteral("partitions")] = partitions;
  QJsonArray controllers;
  for (const engine::ControllerReport &c : r.controllers)
    controllers.append(QJsonObject{{QStringLiteral("id"), c.id},
                                   {QStringLiteral("role"), QString::fromStdString(c.role)},
                                   {QStringLiteral("epoch"), c.epoch},
                                   {QStringLiteral("log_end_offset"), static_cast<qint64>(c.logEndOffset)},
                                   {QStringLiteral("committed_offset"), static_cast<qint64>(c.committedOffset)}});
  o[QStringLiteral("controllers")] = controllers;
  o[QStringLiteral("metadata_offset")] = static_cast<qint64>(r.metadataOffset);
  o[QStringLiteral("shards")] = shardsToJson(r.shards);
  o[QStringLiteral("applications")] = applicationsToJson(r.applications);
  QJsonObject bySystem;
  if (r.kafkaLatency)
    bySystem[QStringLiteral("kafka")] = latencyToJson(*r.kafkaLatency);
  if (r.kinesisLatency)
    bySystem[QStringLiteral("kinesis")] = latencyToJson(*r.kinesisLatency);
  o[QStringLiteral("latency_by_system")] = bySystem;
  QJsonArray refusals;
  for (const std::string &why : r.refusals)
    refusals.append(QString::fromStdString(why));
  o[QStringLiteral("refused_faults")] = refusals;
  QJsonArray streams;
  for (const engine::StreamReport &st : r.streams)
    streams.append(QJsonObject{{QStringLiteral("name"), QString::fromStdString(st.name)},
                               {QStringLiteral("capacity_mode"), QString::fromStdString(st.capacityMode)},
                               {QStringLiteral("status"), QString::fromStdString(st.status)},
                               {QStringLiteral("open_shards"), st.openShards},
                               {QStringLiteral("closed_shards"), st.closedShards}});
  o[QStringLiteral("streams")] = streams;

  QJsonArray groups;
  for (const engine::GroupReport &g : r.groups) {
    QJsonObject go;
    go[QStringLiteral("group")] = QString::fromStdString(g.group);
    go[QStringLiteral("topic")] = QString::fromStdString(g.topic);
    go[QStringLiteral("generation")] = g.generation;
    go[QStringLiteral("members")] = g.members;
    go[QStringLiteral("lag")] = static_cast<qint64>(g.lag);
    go[QStringLiteral("committed_offsets")] = toArray(g.committed);
    go[QStringLiteral("partition_lags")] = toArray(g.lags);
    go[QStringLiteral("unowned_ms")] = toArray(g.unownedMs);
    go[QStringLiteral("interruptions")] = toArray(g.interruptions);
    go[QStringLiteral("protocol")] = g.consumerProtocol ? QStringLiteral("consumer") : QStringLiteral("classic");
    go[QStringLiteral("isolation_level")] = QString::fromStdString(g.isolationLevel);
    go[QStringLiteral("uncommitted_delivered")] = static_cast<qint64>(g.uncommittedDelivered);
    if (g.consumerProtocol) {
      go[QStringLiteral("group_epoch")] = g.groupEpoch;
      QJsonArray states;
      for (const engine::GroupReport::MemberReport &m : g.memberStates)
        states.append(QJsonObject{{QStringLiteral("member"), QString::fromStdString(m.id)},
                                  {QStringLiteral("member_epoch"), m.epoch},
                                  {QStringLiteral("assignment"), toArray(m.assigned)},
                                  {QStringLiteral("revoking"), toArray(m.revoking)},
                                  {QStringLiteral("target_assignment"), toArray(m.target)}});
      go[QStringLiteral("member_states")] = states;
    }
    groups.append(go);
  }
  o[QStringLiteral("consumer_groups")] = groups;
  o[QStringLiteral("share_groups")] = shareGroupsToJson(r.shareGroups);

  QJsonArray lost;
  for (const engine::LostRecord &l : r.lost) {
    lost.append(QJsonObject{{QStringLiteral("producer"), QString::fromStdString(l.producer)},
                            {QStringLiteral("topic"), QString::fromStdString(l.topic)},
                            {QStringLiteral("partition"), l.partition},
                            {QStringLiteral("key"), l.key.empty() ? QJsonValue() : QJsonValue(QString::fromStdString(l.key))},
                            {QStringLiteral("sequence"), static_cast<qint64>(l.sequence)}});
  }
  o[QStringLiteral("acknowledged_lost_records")] = lost;
  return o;
}

QString reportToText(const engine::Report &r) {
  QString out;
  out += QStringLiteral("produced             %1\n").arg(r.produced);
  out += QStringLiteral("acknowledged         %1\n").arg(r.acknowledged);
  out += QStringLiteral("acknowledged_lost    %1\n").arg(r.acknowledgedLost);
  out += QStringLiteral("failed               %1\n").arg(r.failed);
  out += QStringLiteral("retries              %1\n").arg(r.retries);
  out += QStringLiteral("consumed             %1\n").arg(r.consumed);
  out += QStringLiteral("duplicates_delivered %1\n").arg(r.duplicatesDelivered);
  out += QStringLiteral("duplicates_stored    %1\n").arg(r.duplicatesStored);
  if (r.reorderedStored > 0)
    out += QStringLiteral("reordered_stored     %1\n").arg(r.reorderedStored);
  out += QStringLiteral("throttled            %1\n").arg(r.throttled);
  if (r.readThrottled > 0)
    out += QStringLiteral("read_throttled       %1\n").arg(r.readThrottled);
  out += QStringLiteral("latency_ms           p50 %1  p99 %2\n").arg(r.latencyP50Ms, 0, 'f', 3).arg(r.latencyP99Ms, 0, 'f', 3);
  out += QStringLiteral("sim_time_ms          %1\n").arg(r.simTimeMs, 0, 'f', 0);
  out += QStringLiteral("events               %1\n").arg(r.events);
  out += QStringLiteral("event_hash           %1\n").arg(QString::fromStdString(r.eventHash));
  if (r.kafkaLatency && r.kinesisLatency) {
    out += QStringLiteral("kafka latency_ms     p50 %1  p99 %2\n").arg(r.kafkaLatency->p50Ms, 0, 'f', 3).arg(r.kafkaLatency->p99Ms, 0, 'f', 3);
    out += QStringLiteral("kinesis latency_ms   p50 %1  p99 %2\n").arg(r.kinesisLatency->p50Ms, 0, 'f', 3).arg(r.kinesisLatency->p99Ms, 0, 'f', 3);
  }
  for (const std::string &why : r.refusals)
    out += QStringLiteral("refused              %1\n").arg(QString::fromStdString(why));
  if (!r.partitions.empty())
    out += QStringLiteral("\npartition        leader epoch isr        hw         log_end_offsets\n");
  for (const engine::PartitionReport &p : r.partitions) {
    out += QStringLiteral("%1 %2 %3 %4 %5 %6 (replicas %7)\n")
               .arg(QStringLiteral("%1-%2").arg(QString::fromStdString(p.topic)).arg(p.partition), -16)
               .arg(p.leader, 6)
               .arg(p.leaderEpoch, 5)
               .arg(QLatin1Char('[') + joinInts(p.isr) + QLatin1Char(']'), -10)
               .arg(p.highWatermark, -10)
               .arg(joinNumbers(p.logEndOffsets), -15)
               .arg(joinInts(p.replicas));
    if (!p.elr.empty() || !p.lastKnownElr.empty()) // only where the ISR fell below min ISR
      out.insert(out.size() - 1, QStringLiteral(" elr [%1] last known leader [%2]").arg(joinInts(p.elr), joinInts(p.lastKnownElr)));
  }
  if (!r.groups.empty()) {
    out += QStringLiteral("\ngroup            generation members lag        committed\n");
    for (const engine::GroupReport &g : r.groups)
      out += QStringLiteral("%1 %2 %3 %4 %5\n")
                 .arg(QString::fromStdString(g.group), -16)
                 .arg(g.generation, 10)
                 .arg(g.members, 7)
                 .arg(g.lag, -10)
                 .arg(joinNumbers(g.committed));
  }
  out += shareGroupsText(r.shareGroups);
  if (!r.shards.empty()) {
    out += QStringLiteral("\nshard                         state  records  throttled(w/r)  parents                     hash keys\n");
    for (const engine::ShardReport &s : r.shards)
      out += QStringLiteral("%1 %2 %3 %4 %5 %6..%7\n")
                 .arg(QString::fromStdString(s.stream) + QLatin1Char('/') + QString::fromStdString(s.shardId), -29)
                 .arg(s.open ? QStringLiteral("OPEN") : QStringLiteral("CLOSED"), -6)
                 .arg(s.records, 8)
                 .arg(QStringLiteral("%1/%2").arg(s.throttledWrites).arg(s.throttledReads), 15)
                 .arg(QStringList{QString::fromStdString(s.parentShardId), QString::fromStdString(s.adjacentParentShardId)}
                          .filter(QStringLiteral("shardId"))
                          .join(QLatin1Char('+')),
                      -27)
                 .arg(QString::fromStdString(s.startingHashKey), QString::fromStdString(s.endingHashKey));
  }
  for (const engine::ApplicationReport &a : r.applications) {
    out += QStringLiteral("\napplication %1 (%2 workers%3): consumed %4, duplicates %5, throttled %6, millis_behind_latest %7\n")
               .arg(QString::fromStdString(a.application))
               .arg(a.workers)
               .arg(a.enhancedFanOut ? QStringLiteral(", enhanced fan-out") : QString())
               .arg(a.consumed)
               .arg(a.duplicates)
               .arg(a.throttled)
               .arg(a.millisBehindLatest);
    if (!a.registrationError.empty())
      out += QStringLiteral("  RegisterStreamConsumer refused: %1\n").arg(QString::fromStdString(a.registrationError));
    for (const engine::LeaseReport &l : a.leases)
      out += QStringLiteral("  %1 owner %2 checkpoint %3\n")
                 .arg(QString::fromStdString(l.shardId))
                 .arg(l.owner, 2)
                 .arg(QString::fromStdString(l.checkpoint));
    out += QStringLiteral("  kcl %1: leader %2, lease_moves %3, redelivered %4\n")
               .arg(a.kclVersion)
               .arg(a.leader >= 0 ? QString::number(a.leader) : QStringLiteral("none"))
               .arg(a.leaseMoves)
               .arg(a.redelivered);
  }
  return out;
}

QString eventToText(const engine::Event &e) {
  using engine::EventType;
  QString line = QStringLiteral("%1 %2").arg(engine::toMs(e.time), 12, 'f', 3).arg(QString::fromLatin1(engine::eventTypeName(e.type).data()), -18);
  switch (e.type) {
  case EventType::TransferStarted:
  case EventType::TransferArrived:
  case EventType::TransferDropped:
    line += QStringLiteral(" %1 node=%2 peer=%3 p=%4 offset=%5 count=%6 arrival=%7")
                .arg(QString::fromLatin1(engine::transferKindName(static_cast<engine::TransferKind>(e.sub)).data()))
                .arg(e.node)
                .arg(e.peer)
                .arg(e.partition)
                .arg(e.a)
                .arg(e.b)
                .arg(engine::toMs(e.arrival), 0, 'f', 3);
    break;
  case EventType::ProduceFailed:
  case EventType::ProduceRetried:
    line += QStringLiteral(" node=%1 p=%2 count=%3 error=%4")
                .arg(e.node)
                .arg(e.partition)
                .arg(e.b)
                .arg(QString::fromLatin1(engine::errorCodeName(static_cast<engine::ErrorCode>(e.sub)).data()));
    break;
  default: line += QStringLiteral(" node=%1 peer=%2 p=%3 a=%4 b=%5 sub=%6").arg(e.node).arg(e.peer).arg(e.partition).arg(e.a).arg(e.b).arg(e.sub);
  }
  return line;
}

} // namespace streamscope::model
