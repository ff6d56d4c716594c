#include "engine/check/invariant_checker.h"

#include "engine/kafka/record_ledger.h"

#include <algorithm>

namespace streamscope::engine::check {
namespace {

std::string num(std::int64_t v) { return std::to_string(v); }

/// consumed - distinct records delivered: what "duplicates" must be, however they arose.
template <typename Deliveries> std::int64_t duplicatesFrom(const Deliveries &deliveries, std::int64_t consumed, bool &saturated) {
  std::int64_t distinct = 0;
  for (std::uint8_t times : deliveries) {
    distinct += times > 0 ? 1 : 0;
    saturated = saturated || times == 255;
  }
  return consumed - distinct;
}

} // namespace

namespace {

/// The controller has already committed an ISR without broker `b` for p that p's leader has
/// not applied yet (its metadata lags, e.g. over a very slow link): the leader's ISR is stale,
/// as a real leader's would be, and is not held to the invariant for `b`.
bool removedByCommittedChange(const World &w, int p, int b) {
  const kafka::MetadataState &m = w.kafka.metadata;
  const kafka::Partition &part = w.kafka.partitions[static_cast<std::size_t>(p)];
  for (std::int32_t index : m.committedLog) {
    const kafka::MetadataRecord &r = m.records[static_cast<std::size_t>(index)];
    if (r.type == kafka::MetadataRecordType::PartitionChange && r.partition == p && r.partitionEpoch > part.partitionEpoch &&
        std::find(r.isr.begin(), r.isr.end(), b) == r.isr.end())
      return true;
  }
  return false;
}

} // namespace

void InvariantChecker::fail(const World &w, std::string what) {
  if (m_violations.size() < 20) // the first few tell the story; the rest repeat it
    m_violations.push_back("at " + num(w.now / kMillisecond) + " ms: " + std::move(what));
}

void InvariantChecker::afterStep(const World &w, std::span<const Event> events) {
  if (w.scenario.kafka) {
    checkKafka(w, events);
    checkGroupOwners(w, events);
    std::vector<std::string> problems;
    m_controlPlane.afterStep(w, events, problems);
    if (!w.kafka.shareGroups.empty())
      m_shareGroups.afterStep(w, events, problems);
    for (std::string &p : problems)
      fail(w, std::move(p));
  }
  if (w.scenario.kinesis) {
    checkKinesis(w);
    std::vector<std::string> problems;
    m_kclLeases.afterStep(w, events, problems);
    for (std::string &p : problems)
      fail(w, std::move(p));
  }
}

void InvariantChecker::checkKafka(const World &w, std::span<const Event> events) {
  using namespace kafka;
  const KafkaState &k = w.kafka;
  for (const ConsumerGroup &g : k.groups) // read_committed: never a record of an open or aborted transaction
    if (g.config.isolationLevel == IsolationLevel::ReadCommitted && g.uncommittedDelivered > 0)
      fail(w, "read_committed group " + g.config.group + " received " + num(g.uncommittedDelivered) + " records of transactions not committed");
  m_maxHighWatermark.resize(k.partitions.size(), 0);
  m_leaderMarks.resize(k.partitions.size());
  for (std::size_t p = 0; p < k.partitions.size(); ++p) {
    const Partition &part = k.partitions[p];
    if (part.leader < 0 || part.replicas.empty() || !k.brokers[static_cast<std::size_t>(part.leader)].running())
      continue;
    const std::string name = k.partitionName(static_cast<int>(p));
    const ReplicaLog &log = part.logOf(part.leader);
    const Offset hw = log.highWatermark();
    if (hw > log.leo())
      fail(w, name + ": HW " + num(hw) + " is above the leader's log end " + num(log.leo()));
    if (part.lastStableOffset(hw) > hw)
      fail(w, name + ": last stable offset " + num(part.lastStableOffset(hw)) + " is above the HW " + num(hw));
    for (int b : part.isr) {
      if (b == part.leader)
        continue;
      // The leader's view of the follower, or (unknown to a new leader until the first
      // fetch) the follower's own log, while its process runs. A restarted broker that has
      // not caught up with its registration yet is no replica yet (it may have lost its log
      // to a power cut while the controller could not fence it).
      const Offset seen = part.followers[static_cast<std::size_t>(part.slotOf(b))].leo;
      const bool running = k.brokers[static_cast<std::size_t>(b)].running() && k.metadata.brokers[static_cast<std::size_t>(b)].caughtUp;
      const Offset end = seen >= 0 ? seen : running ? part.logOf(b).leo() : hw;
      if (hw > end && !removedByCommittedChange(w, static_cast<int>(p), b))
        fail(w, name + ": HW " + num(hw) + " is above ISR member broker " + num(b) + "'s log end " + num(end));
    }
    LeaderMark &mark = m_leaderMarks[p];
    const bool sameLeader = mark.leader == part.leader && mark.epoch == part.leaderEpoch;
    if (sameLeader && hw < mark.highWatermark)
      fail(w,
           name + ": HW moved back from " + num(mark.highWatermark) + " to " + num(hw) + " under leader " + num(part.leader) + " in epoch " +
               num(part.leaderEpoch));
    const auto isrSize = static_cast<std::int64_t>(part.isr.size());
    if (k.config.strictMinIsr && sameLeader && hw > mark.highWatermark && isrSize < k.effectiveMinIsr(static_cast<int>(p)))
      fail(w,
           name + ": HW advanced from " + num(mark.highWatermark) + " to " + num(hw) + " while the ISR has " + num(isrSize) +
               " members, below min ISR " + num(k.effectiveMinIsr(static_cast<int>(p))));
    mark = LeaderMark{part.leader, part.leaderEpoch, hw};
    m_maxHighWatermark[p] = std::max(m_maxHighWatermark[p], hw);
  }
  checkElections(w, events);
  for (const Event &e : events) {
    if (e.partition < 0 || static_cast<std::size_t>(e.partition) >= m_maxHighWatermark.size())
      continue;
    const Offset highest = m_maxHighWatermark[static_cast<std::size_t>(e.partition)];
    if (e.type == EventType::Fetched && e.a + e.b > highest)
      fail(w,
           k.partitionName(e.partition) + ": a consumer received offsets up to " + num(e.a + e.b - 1) + ", at or above every HW reached (" +
               num(highest) + ")");
    if (e.type == EventType::Committed && e.a > highest)
      fail(w, k.partitionName(e.partition) + ": committed offset " + num(e.a) + " is above every HW reached (" + num(highest) + ")");
  }
}

void InvariantChecker::checkElections(const World &w, std::span<const Event> events) {
  const kafka::KafkaState &k = w.kafka;
  const auto holds = [](const std::vector<int> &v, int b) { return std::find(v.begin(), v.end(), b) != v.end(); };
  std::int64_t unclean = 0;
  for (const Event &e : events) {
    if (e.type != EventType::LeaderElected)
      continue;
    if (static_cast<ElectionKind>(e.sub) == ElectionKind::Unclean) {
      ++unclean;
      continue;
    }
    // Creation (epoch 0) and partitions that did not exist a step ago have no earlier members.
    if (e.a == 0 || e.partition < 0 || static_cast<std::size_t>(e.partition) >= m_electable.size())
      continue;
    const Electable &before = m_electable[static_cast<std::size_t>(e.partition)];
    if (!holds(before.isr, e.node) && !holds(before.elr, e.node) && !holds(before.lastKnownLeader, e.node))
      fail(w,
           k.partitionName(e.partition) + ": broker " + num(e.node) +
               " was elected cleanly but was in neither the ISR, the ELR nor the last known leader");
  }
  if (m_watchedElections && k.counters.uncleanElections - m_uncleanElections != unclean)
    fail(w, num(unclean) + " unclean elections happened, the count grew by " + num(k.counters.uncleanElections - m_uncleanElections));
  m_uncleanElections = k.counters.uncleanElections;
  m_watchedElections = true;
  m_electable.resize(k.partitions.size());
  for (std::size_t p = 0; p < k.partitions.size(); ++p)
    m_electable[p] = Electable{k.partitions[p].isr, k.partitions[p].elr, k.partitions[p].lastKnownElr};
}

void InvariantChecker::checkKinesis(const World &w) {
  using namespace kinesis;
  const KinesisState &k = w.kinesis;
  m_shardLast.resize(k.shards.size(), 0);
  for (std::size_t slot = 0; slot < k.shards.size(); ++slot) {
    const Shard &s = k.shards[slot];
    // Records not yet checked are the ones past the last counter checked, all at the back.
    std::size_t first = s.records.size();
    while (first > 0 && s.records[first - 1].counter > m_shardLast[slot])
      --first;
    std::uint64_t previous = m_shardLast[slot];
    for (std::size_t i = first; i < s.records.size(); ++i) {
      if (i > first && s.records[i].counter <= previous)
        fail(w, k.shardName(static_cast<int>(slot)) + ": sequence numbers out of order at " + num(static_cast<std::int64_t>(i)));
      previous = s.records[i].counter;
    }
    m_shardLast[slot] = previous;
  }
  for (const Application &app : k.apps) {
    for (const Lease &lease : app.leases) {
      if (!lease.processedAny)
        continue;
      const Shard &child = k.shardAt(lease.shard);
      const Stream &st = k.streams[static_cast<std::size_t>(child.stream)];
      for (int parentIndex : {child.parent, child.adjacentParent}) {
        if (parentIndex < 0)
          continue;
        const int parentSlot = st.shards[static_cast<std::size_t>(parentIndex)];
        const auto parentLease = std::find_if(app.leases.begin(), app.leases.end(), [&](const Lease &l) { return l.shard == parentSlot; });
        if (parentLease != app.leases.end() && parentLease->checkpoint != CheckpointKind::ShardEnd)
          fail(w,
               app.config.application + " processed " + k.shardName(lease.shard) + " before its parent " + k.shardName(parentSlot) +
                   " reached SHARD_END");
      }
    }
  }
}

void InvariantChecker::atEnd(const World &w, const Report &report, SimTime settle) {
  // Kafka: recount the lost records from the logs themselves.
  const kafka::KafkaState &k = w.kafka;
  std::vector<bool> present(k.records.size(), false);
  for (const kafka::Partition &part : k.partitions)
    for (const kafka::ReplicaLog &log : part.logs)
      for (const kafka::LogEntry &e : log.entries())
        present[e.record] = true;
  std::int64_t lost = 0;
  for (std::size_t id = 0; id < k.records.size(); ++id) {
    const kafka::RecordInfo &r = k.records[id];
    const bool reachedALog = r.has(kafka::RecordInfo::Stored) || r.has(kafka::RecordInfo::Dropped);
    if (r.has(kafka::RecordInfo::Acked) && !r.has(kafka::RecordInfo::Removed) && reachedALog && !present[id])
      ++lost;
    if (kafka::isLost(r) && present[id])
      fail(w, "record " + num(static_cast<std::int64_t>(id)) + " is reported lost but a replica still holds it");
  }
  if (lost != static_cast<std::int64_t>(report.lost.size()))
    fail(w, "Kafka lost " + num(lost) + " acknowledged records by recount, the report says " + num(static_cast<std::int64_t>(report.lost.size())));
  const std::int64_t kinesisLost = report.acknowledgedLost - static_cast<std::int64_t>(report.lost.size());
  if (kinesisLost != 0)
    fail(w, "Kinesis lost " + num(kinesisLost) + " acknowledged records (at most one zone is ever down)");

  bool saturated = false;
  std::int64_t duplicates = 0;
  for (const kafka::ConsumerGroup &g : k.groups) {
    const std::int64_t expected = duplicatesFrom(g.deliveries, g.consumed, saturated);
    if (!saturated && expected != g.duplicates)
      fail(w, "group " + g.config.group + " counted " + num(g.duplicates) + " duplicates, deliveries say " + num(expected));
    duplicates += g.duplicates;
  }
  if (duplicates != k.counters.duplicatesDelivered)
    fail(w, "Kafka duplicate total " + num(k.counters.duplicatesDelivered) + " is not the groups' sum " + num(duplicates));

  for (const kinesis::Application &app : w.kinesis.apps) {
    const std::int64_t expected = duplicatesFrom(app.deliveries, app.consumed, saturated);
    if (!saturated && expected != app.duplicates)
      fail(w, app.config.application + " counted " + num(app.duplicates) + " duplicates, deliveries say " + num(expected));
    const bool working = std::any_of(app.workers.begin(), app.workers.end(), [](const kinesis::Worker &x) { return x.alive && x.inApp; });
    if (settle < 0 || !working || app.config.initialPosition != IteratorType::TrimHorizon)
      continue;
    std::int64_t missed = 0;
    for (std::size_t id = 0; id < w.kinesis.records.size(); ++id) {
      const kinesis::RecordInfo &r = w.kinesis.records[id];
      const auto &producer = w.kinesis.producers[static_cast<std::size_t>(r.producer)];
      if (producer.stream != app.stream || !r.has(kinesis::RecordInfo::Acked) || r.has(kinesis::RecordInfo::Expired) || r.ackedAt > w.now - settle)
        continue;
      if (id >= app.deliveries.size() || app.deliveries[id] == 0)
        ++missed;
    }
    if (missed > 0)
      fail(w,
           app.config.application + " never processed " + num(missed) + " records acknowledged more than " + num(settle / kMillisecond) +
               " ms before the end");
  }
}

} // namespace streamscope::engine::check
