#include "engine/sim/report.h"

#include "engine/kafka/consumer_client.h"
#include "engine/kafka/group_partitions.h"
#include "engine/kafka/partition_change.h"
#include "engine/kafka/record_ledger.h"
#include "engine/kinesis/kcl_application.h"
#include "engine/kinesis/kcl_lease_assignment.h"
#include "engine/sim/pipeline_runner.h"

#include <algorithm>
#include <unordered_map>

namespace streamscope::engine {
namespace {

/// Latencies as counts per distinct value: a percentile is exact, and a 10^8-record run
/// needs memory for its distinct latencies, not one entry per record.
struct LatencyCounts {
  std::unordered_map<SimTime, std::int64_t> counts;
  std::int64_t n = 0;
  void add(SimTime v) {
    ++counts[v];
    ++n;
  }
  void add(const LatencyCounts &other) {
    for (const auto &[v, c] : other.counts)
      counts[v] += c;
    n += other.n;
  }
  /// The value at rank round(q * (n - 1)) in sorted order, in ms.
  double percentile(double q) const {
    if (n == 0)
      return 0;
    std::vector<std::pair<SimTime, std::int64_t>> sorted(counts.begin(), counts.end());
    std::sort(sorted.begin(), sorted.end());
    const auto rank = static_cast<std::int64_t>(q * static_cast<double>(n - 1) + 0.5);
    std::int64_t below = 0;
    for (const auto &[v, c] : sorted) {
      below += c;
      if (below > rank)
        return toMs(v);
    }
    return toMs(sorted.back().first);
  }
};

LatencyReport latencyOf(const LatencyCounts &values) {
  LatencyReport l;
  l.acknowledged = values.n;
  l.p50Ms = values.percentile(0.50);
  l.p99Ms = values.percentile(0.99);
  return l;
}

std::string shardIdOrEmpty(int index) { return index >= 0 ? kinesis::shardId(index) : std::string(); }

/// Per Kinesis record: whether a durable copy is left in a zone that is up.
std::vector<bool> kinesisHeld(const kinesis::KinesisState &k) {
  std::uint8_t upMask = 0;
  for (int z = 0; z < kinesis::kZones; ++z)
    upMask |= k.zoneUp[static_cast<std::size_t>(z)] ? static_cast<std::uint8_t>(1u << z) : 0;
  std::vector<bool> held(k.records.size(), false);
  for (const kinesis::Shard &s : k.shards)
    for (const kinesis::StoredRecord &stored : s.records)
      if (stored.durable && (stored.zones & upMask) != 0)
        held[stored.record] = true;
  return held;
}

/// Lost: acknowledged, not expired, and no durable copy left in a zone that is up.
bool kinesisLost(const kinesis::RecordInfo &rec, bool held) {
  return rec.has(kinesis::RecordInfo::Acked) && !held && !rec.has(kinesis::RecordInfo::Expired);
}

/// Counts, in each shard, acknowledged copies of a record already stored there (duplicates)
/// and copies stored after a record their producer created later (reordered). Record ids
/// follow each producer's creation order.
void countKinesisStored(const kinesis::KinesisState &k, Report &r) {
  std::vector<std::uint8_t> seen(k.records.size(), 0);
  std::vector<std::int64_t> latestOfProducer(k.producers.size(), -1);
  for (const kinesis::Producer &p : k.producers)
    r.duplicatesStoredByProducer[p.config.name] += 0;
  for (const kinesis::Shard &s : k.shards) {
    std::fill(latestOfProducer.begin(), latestOfProducer.end(), -1);
    for (const kinesis::StoredRecord &stored : s.records) {
      if (!stored.durable)
        continue;
      const auto producer = static_cast<std::size_t>(k.records[stored.record].producer);
      if (producer >= latestOfProducer.size())
        continue;
      r.duplicatesStored += seen[stored.record];
      r.duplicatesStoredByProducer[k.producers[producer].config.name] += seen[stored.record];
      seen[stored.record] = 1;
      std::int64_t &latest = latestOfProducer[producer];
      if (static_cast<std::int64_t>(stored.record) < latest)
        ++r.reorderedStored;
      latest = std::max(latest, static_cast<std::int64_t>(stored.record));
    }
    for (const kinesis::StoredRecord &stored : s.records)
      seen[stored.record] = 0;
  }
}

/// Extra copies of a record in each Kafka partition's serving log (a retried batch reuses
/// its records, so a record id names one producer's record and sequence).
void countKafkaStored(const kafka::KafkaState &k, Report &r) {
  for (const kafka::Producer &p : k.producers)
    r.duplicatesStoredByProducer[p.config.name] += 0;
  std::vector<std::uint8_t> seen(k.records.size(), 0);
  for (const kafka::Partition &part : k.partitions) {
    if (part.replicas.empty())
      continue;
    const kafka::ReplicaLog &serving = part.leader >= 0 ? part.logOf(part.leader) : part.logs.front();
    for (const kafka::LogEntry &e : serving.entries()) {
      if (seen[e.record] != 0) {
        ++r.duplicatesStored;
        ++r.duplicatesStoredByProducer[k.producers[static_cast<std::size_t>(k.records[e.record].producer)].config.name];
      }
      seen[e.record] = 1;
    }
  }
}

void addKinesis(const World &w, Report &r, LatencyCounts &allLatencies) {
  const kinesis::KinesisState &k = w.kinesis;
  r.produced += k.counters.produced;
  r.acknowledged += k.counters.acknowledged;
  r.consumed += k.counters.consumed;
  r.duplicatesDelivered += k.counters.duplicatesDelivered;
  r.retries += k.counters.retries;
  r.throttled += k.counters.throttledWrites; // reads apart: readThrottled
  r.readThrottled += k.counters.throttledReads;
  countKinesisStored(k, r);

  const std::vector<bool> held = kinesisHeld(k);
  LatencyCounts latencies;
  for (std::size_t id = 0; id < k.records.size(); ++id) {
    const kinesis::RecordInfo &rec = k.records[id];
    if (!rec.has(kinesis::RecordInfo::Acked))
      continue;
    latencies.add(rec.ackedAt - rec.createdAt);
    if (kinesisLost(rec, held[id]))
      ++r.acknowledgedLost;
  }
  allLatencies.add(latencies);
  r.kinesisLatency = latencyOf(latencies);

  for (const kinesis::Stream &st : k.streams) {
    StreamReport &summary = r.streams.emplace_back();
    summary.name = st.config.name;
    summary.capacityMode = st.capacity.mode == CapacityMode::OnDemand ? "on_demand" : "provisioned";
    summary.status = st.capacity.status == kinesis::StreamStatus::Updating ? "UPDATING" : "ACTIVE";
    for (int slot : st.shards) {
      const kinesis::Shard &s = k.shardAt(slot);
      if (!s.open() && w.now - s.closedAt >= st.config.retention)
        continue; // EXPIRED: no longer listed
      ++(s.open() ? summary.openShards : summary.closedShards);
      ShardReport sr;
      sr.stream = st.config.name;
      sr.shardId = kinesis::shardId(s.index);
      sr.open = s.open();
      sr.startingHashKey = toDecimal(s.range.start);
      sr.endingHashKey = toDecimal(s.range.end);
      sr.parentShardId = shardIdOrEmpty(s.parent);
      sr.adjacentParentShardId = shardIdOrEmpty(s.adjacentParent);
      sr.startingSequenceNumber = s.startingSequence().toDecimal();
      sr.endingSequenceNumber = s.open() ? std::string() : s.endingSequence().toDecimal();
      sr.records = static_cast<std::int64_t>(s.records.size());
      sr.throttledWrites = s.throttledWrites;
      sr.throttledReads = s.throttledReads;
      r.shards.push_back(std::move(sr));
    }
  }
  for (std::size_t a = 0; a < k.apps.size(); ++a) {
    const kinesis::Application &app = k.apps[a];
    ApplicationReport ar;
    ar.application = app.config.application;
    ar.stream = app.config.stream;
    ar.workers = static_cast<int>(std::count_if(app.workers.begin(), app.workers.end(), [](const kinesis::Worker &x) { return x.alive; }));
    ar.enhancedFanOut = app.config.enhancedFanOut;
    ar.consumed = app.consumed;
    ar.duplicates = app.duplicates;
    ar.throttled = app.throttled;
    for (std::size_t l = 0; l < app.leases.size(); ++l) {
      const kinesis::Lease &lease = app.leases[l];
      ar.leases.push_back(LeaseReport{kinesis::shardId(k.shardAt(lease.shard).index), lease.owner,
                                      kinesis::checkpointText(w, static_cast<int>(a), static_cast<int>(l)), lease.millisBehindLatest});
      ar.millisBehindLatest = std::max(ar.millisBehindLatest, lease.millisBehindLatest);
    }
    ar.registrationError = app.registrationError;
    ar.subscribeCalls = app.subscribeCalls;
    ar.subscribeRefused = app.subscribeRefused;
    ar.subscriptionsEnded = app.subscriptionsEnded;
    ar.kclVersion = app.config.kclVersion;
    ar.leaseMoves = app.leaseMoves;
    ar.redelivered = app.duplicates;
    ar.leader = kinesis::kcl3::leaderAssigns(app) ? kinesis::kcl3::liveLeader(app) : -1;
    r.applications.push_back(std::move(ar));
  }
}

} // namespace

std::int64_t acknowledgedLost(const World &w) {
  std::int64_t lost = 0;
  for (const kafka::RecordInfo &rec : w.kafka.records)
    lost += kafka::isLost(rec) ? 1 : 0;
  if (w.scenario.kinesis) {
    const std::vector<bool> held = kinesisHeld(w.kinesis);
    for (std::size_t id = 0; id < w.kinesis.records.size(); ++id)
      lost += kinesisLost(w.kinesis.records[id], held[id]) ? 1 : 0;
  }
  return lost;
}

namespace {

/// The quorum's voters (or ZooKeeper mode's controller broker) and the committed offset.
void addControllers(const World &w, Report &r) {
  const kafka::MetadataState &m = w.kafka.metadata;
  r.metadataOffset = m.committed();
  if (m.zookeeper) {
    if (m.active >= 0)
      r.controllers.push_back(ControllerReport{m.active, "leader", m.zkEpoch, m.committed(), m.committed()});
    return;
  }
  for (const kafka::Controller &c : m.controllers) {
    const bool leads = c.running && c.role == kafka::ControllerRole::Leader;
    r.controllers.push_back(ControllerReport{c.id, !c.running ? "offline" : leads ? "leader" : "voter", c.epoch, c.logEnd(m.base), c.committed});
  }
}

} // namespace

Report makeReport(const World &w) {
  const kafka::KafkaState &k = w.kafka;
  Report r;
  r.produced = k.counters.produced;
  r.acknowledged = k.counters.acknowledged;
  r.duplicatesDelivered = k.counters.duplicatesDelivered;
  countKafkaStored(k, r);
  const std::vector<std::int64_t> processedTwice = duplicatesProcessed(w);
  for (std::size_t i = 0; i < w.pipelines.size(); ++i) {
    const PipelineConfig &c = w.scenario.pipelines[i];
    r.pipelines.push_back(PipelineReport{c.name, c.exactlyOnce, w.pipelines[i].outputs, processedTwice[i]});
    r.duplicatesProcessed += processedTwice[i];
  }
  r.transactions =
      TransactionsReport{k.txnCounters.committed, k.txnCounters.aborted, k.txnCounters.fenced, k.txnCounters.timedOut, 0, k.txnCounters.fencedWrites};
  for (const kafka::Transaction &t : k.transactions)
    r.transactions.open += t.ended() || t.state == kafka::TxnState::Open ? 0 : 1;
  r.consumed = k.counters.consumed;
  r.failed = k.counters.failed + w.kinesis.counters.tooLarge;
  r.tooLargeKafka = k.counters.tooLarge;
  r.tooLargeKinesis = w.kinesis.counters.tooLarge;
  r.retries = k.counters.retries;
  r.produceRequests = k.counters.produceRequests;
  r.replicaFetchRequests = k.counters.replicaFetchRequests;
  r.consumerFetchRequests = k.counters.consumerFetchRequests;
  r.simTimeMs = toMs(w.now);
  r.eventHash = w.events.hashHex();
  r.events = w.events.count();

  LatencyCounts latencies;
  for (const kafka::RecordInfo &rec : k.records) {
    if (rec.has(kafka::RecordInfo::Acked))
      latencies.add(rec.ackedAt - rec.createdAt);
    if (kafka::isLost(rec)) {
      ++r.acknowledgedLost;
      const kafka::Producer &pr = k.producers[static_cast<std::size_t>(rec.producer)];
      r.lost.push_back(LostRecord{pr.config.name, k.topicOf(rec.partition).name, k.partitions[static_cast<std::size_t>(rec.partition)].index,
                                  rec.key >= 0 ? k.keys[static_cast<std::size_t>(rec.key)] : std::string(), rec.seq});
    }
  }
  if (w.scenario.kafka)
    r.kafkaLatency = latencyOf(latencies);
  if (w.scenario.kinesis)
    addKinesis(w, r, latencies);
  r.latencyP50Ms = latencies.percentile(0.50);
  r.latencyP99Ms = latencies.percentile(0.99);
  for (const Refusal &refusal : w.refusals)
    r.refusals.push_back("at " + std::to_string(refusal.at / kMillisecond) + " ms, fault " + std::to_string(refusal.fault) + ": " + refusal.message);

  addControllers(w, r);
  for (std::size_t i = 0; i < k.partitions.size(); ++i) {
    const kafka::Partition &part = k.partitions[i];
    if (part.replicas.empty())
      continue; // its topic was deleted
    PartitionReport pr;
    pr.topic = k.topics[static_cast<std::size_t>(part.topic)].config.name;
    pr.partition = part.index;
    pr.leader = part.leader;
    pr.leaderEpoch = part.leaderEpoch;
    pr.unavailableMs = toMs(kafka::unavailableTime(w, static_cast<int>(i)));
    pr.replicas = part.replicas;
    pr.isr = part.isr;
    pr.elr = part.elr;
    pr.lastKnownElr = part.lastKnownElr;
    const kafka::ReplicaLog &serving = part.leader >= 0 ? part.logOf(part.leader) : part.logs.front();
    pr.highWatermark = serving.highWatermark();
    pr.lastStableOffset = part.lastStableOffset(serving.highWatermark());
    pr.logStartOffset = serving.logStart();
    for (const kafka::ReplicaLog &log : part.logs) {
      pr.logEndOffsets.push_back(log.leo());
      pr.flushedOffsets.push_back(log.flushed());
    }
    r.partitions.push_back(std::move(pr));
  }
  for (std::size_t g = 0; g < k.groups.size(); ++g) {
    const kafka::ConsumerGroup &group = k.groups[g];
    GroupReport gr;
    gr.group = group.config.group;
    gr.topic = group.config.topic;
    gr.generation = group.generation;
    gr.members = static_cast<int>(std::count_if(group.members.begin(), group.members.end(), [](const kafka::Member &m) { return m.inGroup; }));
    for (std::size_t i = 0; i < group.parts.size(); ++i) {
      gr.committed.push_back(group.parts[i].committed);
      gr.lags.push_back(kafka::groupLag(w, static_cast<int>(g), static_cast<int>(i)));
      gr.lag += gr.lags.back();
      gr.unownedMs.push_back(kafka::unownedTime(group.parts[i], w.now) / kMillisecond);
      gr.interruptions.push_back(group.parts[i].interruptions);
    }
    gr.isolationLevel = group.config.isolationLevel == IsolationLevel::ReadCommitted ? "read_committed" : "read_uncommitted";
    gr.uncommittedDelivered = group.uncommittedDelivered;
    gr.consumerProtocol = group.config.protocol == GroupProtocol::Consumer;
    gr.groupEpoch = group.groupEpoch;
    for (std::size_t m = 0; gr.consumerProtocol && m < group.members.size(); ++m) {
      if (!group.members[m].inGroup)
        continue;
      GroupReport::MemberReport mr;
      mr.id = group.members[m].id;
      mr.epoch = group.members[m].epoch;
      for (std::size_t i = 0; i < group.parts.size(); ++i) {
        if (group.parts[i].owner == static_cast<int>(m))
          (group.parts[i].revoking ? mr.revoking : mr.assigned).push_back(static_cast<int>(i));
        if (group.parts[i].target == static_cast<int>(m))
          mr.target.push_back(static_cast<int>(i));
      }
      gr.memberStates.push_back(std::move(mr));
    }
    r.groups.push_back(std::move(gr));
  }
  r.shareGroups = shareGroupReports(w);
  return r;
}

} // namespace streamscope::engine
