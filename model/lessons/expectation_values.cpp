// The value of each expectation subject in a World: the evaluating half of Expectation
// (expectation.cpp parses and checks the subjects; expectation_readouts.* answers the
// setting and position read-outs). Pure reads; any thread that owns the World.
#include "expectation.h"
#include "expectation_readouts.h"

#include "engine/kafka/consumer_client.h"
#include "engine/kafka/group_partitions.h"
#include "engine/kafka/murmur2.h"
#include "engine/kafka/partition_change.h"
#include "engine/kinesis/kcl_lease_assignment.h"
#include "engine/sim/report.h"
#include "engine/world/kinesis/hash_keys.h"

#include <QObject>

#include <algorithm>
#include <cmath>
#include <map>
#include <utility>

namespace streamscope::model {
namespace {

using namespace engine;

/// `N` (the first stream's shard N) or `STREAM/N`: the shard's slot.
int shardByName(const kinesis::KinesisState &k, const QString &name) {
  QString stream;
  QString index = name;
  if (name.contains(QLatin1Char('/'))) {
    stream = name.section(QLatin1Char('/'), 0, 0);
    index = name.section(QLatin1Char('/'), 1);
  }
  bool ok = false;
  const int n = index.toInt(&ok);
  if (!ok)
    return -1;
  for (const auto &st : k.streams)
    if (stream.isEmpty() || QString::fromStdString(st.config.name) == stream)
      for (int slot : st.shards)
        if (k.shardAt(slot).index == n)
          return slot;
  return -1;
}

} // namespace

std::optional<double> Expectation::valueOf(const QStringList &s, const World &w, QString *why) {
  if (readouts::answers(s))
    return readouts::value(s, w, why);
  const QString head = s[0];
  const auto missing = [&](const QString &what) {
    *why = QObject::tr("no %1 \"%2\"").arg(what, s.value(1));
    return std::nullopt;
  };
  if (s.size() == 1) {
    if (head == QLatin1String("time_ms"))
      return toMs(w.now);
    const Report r = makeReport(w);
    const std::pair<const char *, std::int64_t> totals[] = {{"produced", r.produced},
                                                            {"acknowledged", r.acknowledged},
                                                            {"acknowledged_lost", r.acknowledgedLost},
                                                            {"consumed", r.consumed},
                                                            {"duplicates", r.duplicatesDelivered},
                                                            {"throttled", r.throttled},
                                                            {"failed", r.failed},
                                                            {"retries", r.retries},
                                                            {"duplicates_stored", r.duplicatesStored},
                                                            {"reordered_stored", r.reorderedStored},
                                                            {"read_throttled", r.readThrottled},
                                                            {"produce_requests", r.produceRequests},
                                                            {"replica_fetch_requests", r.replicaFetchRequests},
                                                            {"consumer_fetch_requests", r.consumerFetchRequests}};
    for (const auto &[name, value] : totals)
      if (head == QLatin1String(name))
        return static_cast<double>(value);
    *why = QObject::tr("unknown total \"%1\"").arg(head);
    return std::nullopt;
  }
  if (head == QLatin1String("kafka") || head == QLatin1String("kinesis")) {
    const bool kafka = head == QLatin1String("kafka");
    const QString f = s[1];
    if (f.startsWith(QLatin1String("latency"))) {
      const Report r = makeReport(w);
      const auto &latency = kafka ? r.kafkaLatency : r.kinesisLatency;
      if (!latency || latency->acknowledged == 0) {
        *why = QObject::tr("no %1 record is acknowledged yet").arg(head);
        return std::nullopt;
      }
      return f == QLatin1String("latency_p50_ms") ? latency->p50Ms : latency->p99Ms;
    }
    const auto &kc = w.kafka.counters;
    const auto &nc = w.kinesis.counters;
    if (f == QLatin1String("produced"))
      return static_cast<double>(kafka ? kc.produced : nc.produced);
    if (f == QLatin1String("acknowledged"))
      return static_cast<double>(kafka ? kc.acknowledged : nc.acknowledged);
    if (f == QLatin1String("consumed"))
      return static_cast<double>(kafka ? kc.consumed : nc.consumed);
    if (f == QLatin1String("too_large"))
      return static_cast<double>(kafka ? kc.tooLarge : nc.tooLarge);
    return static_cast<double>(kafka ? kc.duplicatesDelivered : nc.duplicatesDelivered);
  }
  if (head == QLatin1String("partition") || head == QLatin1String("replica")) {
    const int p = w.kafka.partitionNamed(s[1].toStdString());
    if (p < 0)
      return missing(QObject::tr("partition"));
    const kafka::Partition &part = w.kafka.partitions[static_cast<std::size_t>(p)];
    if (head == QLatin1String("replica")) {
      const int broker = s[2].toInt();
      if (part.slotOf(broker) < 0) {
        *why = QObject::tr("broker %1 holds no replica of %2").arg(s[2], s[1]);
        return std::nullopt;
      }
      const kafka::ReplicaLog &log = part.logOf(broker);
      const QString f = s[3];
      if (f == QLatin1String("in_isr"))
        return part.inIsr(broker) ? 1 : 0;
      if (f == QLatin1String("in_elr"))
        return part.inElr(broker) ? 1 : 0;
      return static_cast<double>(f == QLatin1String("log_end_offset") ? log.leo()
                                     : f == QLatin1String("flushed")  ? log.flushed()
                                                                      : log.highWatermark());
    }
    const QString f = s[2];
    if (f == QLatin1String("leader"))
      return part.leader;
    if (f == QLatin1String("leader_epoch"))
      return part.leaderEpoch;
    if (f == QLatin1String("isr_size"))
      return static_cast<double>(part.isr.size());
    if (f == QLatin1String("elr_size"))
      return static_cast<double>(part.elr.size());
    if (f == QLatin1String("unavailable_ms"))
      return std::round(static_cast<double>(kafka::unavailableTime(w, p)) / kMillisecond); // whole ms: the narration shows it
    if (f == QLatin1String("last_known_leader"))
      return part.lastKnownElr.size() == 1 ? part.lastKnownElr.front() : -1;
    if (f == QLatin1String("replicas"))
      return static_cast<double>(part.replicas.size());
    if (part.leader < 0) {
      *why = QObject::tr("%1 has no leader").arg(s[1]);
      return std::nullopt;
    }
    const kafka::ReplicaLog &log = part.logOf(part.leader);
    if (f == QLatin1String("high_watermark"))
      return static_cast<double>(log.highWatermark());
    if (f == QLatin1String("log_end_offset"))
      return static_cast<double>(log.leo());
    if (f == QLatin1String("log_start_offset"))
      return static_cast<double>(log.logStart());
    if (f == QLatin1String("flushed"))
      return static_cast<double>(log.flushed());
    if (f == QLatin1String("records"))
      return static_cast<double>(log.entries().size());
    return static_cast<double>(log.leo() - log.flushed()); // unflushed
  }
  if (head == QLatin1String("broker")) {
    bool ok = false;
    const int b = s[1].toInt(&ok);
    if (!ok || b < 0 || b >= static_cast<int>(w.kafka.brokers.size()))
      return missing(QObject::tr("broker"));
    const kafka::Broker &broker = w.kafka.brokers[static_cast<std::size_t>(b)];
    const QString f = s[2];
    if (f == QLatin1String("state"))
      return static_cast<double>(broker.state);
    if (f == QLatin1String("fenced"))
      return broker.fenced ? 1 : 0;
    if (f == QLatin1String("isolated"))
      return w.net.isIsolated(broker.node) ? 1 : 0;
    int leads = 0;
    for (const auto &p : w.kafka.partitions)
      leads += p.leader == b ? 1 : 0;
    return leads;
  }
  if (head == QLatin1String("shard")) {
    const int slot = shardByName(w.kinesis, s[1]);
    if (slot < 0)
      return missing(QObject::tr("shard"));
    const kinesis::Shard &shard = w.kinesis.shardAt(slot);
    const QString f = s[2];
    if (f == QLatin1String("throttled_writes"))
      return static_cast<double>(shard.throttledWrites);
    if (f == QLatin1String("throttled_reads"))
      return static_cast<double>(shard.throttledReads);
    if (f == QLatin1String("throttled"))
      return static_cast<double>(shard.throttledWrites + shard.throttledReads);
    if (f == QLatin1String("read_throttled"))
      return static_cast<double>(shard.throttledReads);
    if (f == QLatin1String("records"))
      return static_cast<double>(shard.records.size());
    if (f == QLatin1String("sequence_digits")) {
      if (shard.records.empty()) {
        *why = QObject::tr("shard %1 holds no record").arg(s[1]);
        return std::nullopt;
      }
      return static_cast<double>(shard.sequenceOf(shard.records.back()).toDecimal().size());
    }
    if (f == QLatin1String("sequence_increasing")) { // every retained record's number above the one before
      for (std::size_t i = 1; i < shard.records.size(); ++i)
        if (!(shard.sequenceOf(shard.records[i - 1]) < shard.sequenceOf(shard.records[i])))
          return 0;
      return 1;
    }
    return shard.open() ? 1 : 0;
  }
  if (head == QLatin1String("stream")) {
    for (const auto &st : w.kinesis.streams)
      if (QString::fromStdString(st.config.name) == s[1]) {
        int open = 0;
        for (int slot : st.shards)
          open += w.kinesis.shardAt(slot).open() ? 1 : 0;
        return open;
      }
    return missing(QObject::tr("stream"));
  }
  if (head == QLatin1String("group")) {
    for (std::size_t g = 0; g < w.kafka.groups.size(); ++g) {
      const kafka::ConsumerGroup &group = w.kafka.groups[g];
      if (QString::fromStdString(group.config.group) != s[1])
        continue;
      const QString f = s[2];
      if (f == QLatin1String("lag")) {
        std::int64_t lag = 0;
        for (std::size_t i = 0; i < group.parts.size(); ++i)
          lag += kafka::groupLag(w, static_cast<int>(g), static_cast<int>(i));
        return static_cast<double>(lag);
      }
      if (f == QLatin1String("consumed"))
        return static_cast<double>(group.consumed);
      if (f == QLatin1String("duplicates"))
        return static_cast<double>(group.duplicates);
      if (f == QLatin1String("generation"))
        return group.generation;
      if (f == QLatin1String("group_epoch"))
        return group.groupEpoch;
      if (f == QLatin1String("unowned_ms")) {
        SimTime total = 0;
        for (const kafka::GroupPartition &gp : group.parts)
          total += kafka::unownedTime(gp, w.now);
        return toMs(total);
      }
      int members = 0;
      for (const auto &m : group.members)
        members += m.alive && m.inGroup ? 1 : 0;
      return members;
    }
    return missing(QObject::tr("group"));
  }
  if (head == QLatin1String("application")) {
    for (const auto &app : w.kinesis.apps) {
      if (QString::fromStdString(app.config.application) != s[1])
        continue;
      const QString f = s[2];
      if (f == QLatin1String("consumed"))
        return static_cast<double>(app.consumed);
      if (f == QLatin1String("duplicates"))
        return static_cast<double>(app.duplicates);
      if (f == QLatin1String("throttled") || f == QLatin1String("read_throttled"))
        return static_cast<double>(app.throttled);
      if (f == QLatin1String("registered"))
        return app.registrationError.empty() ? 1 : 0;
      if (f == QLatin1String("subscribe_to_shard_calls"))
        return static_cast<double>(app.subscribeCalls);
      if (f == QLatin1String("subscriptions_ended"))
        return static_cast<double>(app.subscriptionsEnded);
      if (f == QLatin1String("lease_moves"))
        return static_cast<double>(app.leaseMoves);
      if (f == QLatin1String("redelivered"))
        return static_cast<double>(app.duplicates);
      if (f == QLatin1String("leader"))
        return engine::kinesis::kcl3::leaderAssigns(app) ? engine::kinesis::kcl3::liveLeader(app) : -1;
      if (f == QLatin1String("millis_behind_latest")) {
        std::int64_t behind = 0;
        for (const auto &l : app.leases)
          behind = std::max(behind, l.millisBehindLatest);
        return static_cast<double>(behind);
      }
      int workers = 0;
      for (const auto &wk : app.workers)
        workers += wk.alive && wk.inApp ? 1 : 0;
      return workers;
    }
    return missing(QObject::tr("application"));
  }
  if (head == QLatin1String("topic")) {
    // The table a consumer builds by reading the topic: each key's latest value below the
    // high watermark, with tombstones deleting their key.
    for (const kafka::Topic &topic : w.kafka.topics) {
      if (topic.deleted || QString::fromStdString(topic.config.name) != s[1])
        continue;
      std::map<std::int32_t, bool> present;
      std::int64_t records = 0;
      for (int p : topic.partitionIds) {
        const kafka::Partition &part = w.kafka.partitions[static_cast<std::size_t>(p)];
        if (part.leader < 0)
          continue;
        const kafka::ReplicaLog &log = part.logOf(part.leader);
        for (const kafka::LogEntry &e : log.entries()) {
          if (e.offset >= log.highWatermark())
            break;
          ++records;
          const kafka::RecordInfo &r = w.kafka.records[e.record];
          if (r.key >= 0)
            present[r.key] = !r.has(kafka::RecordInfo::Tombstone);
        }
      }
      if (s[2] == QLatin1String("records"))
        return static_cast<double>(records);
      return static_cast<double>(std::count_if(present.begin(), present.end(), [](const auto &kv) { return kv.second; }));
    }
    return missing(QObject::tr("topic"));
  }
  if (head == QLatin1String("zone")) {
    const int z = s[1].toInt();
    if (z < 0 || z >= kinesis::kZones)
      return missing(QObject::tr("zone"));
    return w.kinesis.zoneUp[static_cast<std::size_t>(z)] ? 1 : 0;
  }
  // key KEY partition N | key KEY shard
  const std::string key = s[1].toStdString();
  if (s[2] == QLatin1String("partition"))
    return kafka::partitionForKey(key, std::max(1, s[3].toInt()));
  const Uint128 hash = kinesis::hashKeyOf(key);
  for (const auto &st : w.kinesis.streams)
    for (int slot : st.shards) {
      const kinesis::Shard &shard = w.kinesis.shardAt(slot);
      if (shard.open() && shard.range.contains(hash))
        return shard.index;
    }
  *why = QObject::tr("no open shard holds key \"%1\"").arg(s[1]);
  return std::nullopt;
}

} // namespace streamscope::model
