#include "engine/kafka/partition_leader.h"

#include "engine/kafka/broker_heartbeats.h"
#include "engine/kafka/produce_serving.h"
#include "engine/kafka/record_ledger.h"
#include "engine/kafka/replica_serving.h"
#include "engine/kafka/storage.h"
#include "engine/kafka/txn_coordinator.h"
#include "engine/kafka/txn_partition.h"

#include <algorithm>

namespace streamscope::engine::kafka {
namespace {

Partition &partitionAt(World &w, int p) { return w.kafka.partitions[static_cast<std::size_t>(p)]; }
Broker &brokerAt(World &w, int b) { return w.kafka.brokers[static_cast<std::size_t>(b)]; }

/// How far a consumer of group g may read p: the high watermark, or with read_committed the
/// last stable offset.
Offset readLimit(const World &w, int p, const ConsumerGroup &g) {
  const Partition &part = w.kafka.partitions[static_cast<std::size_t>(p)];
  const Offset hw = part.logOf(part.leader).highWatermark();
  return g.config.isolationLevel == IsolationLevel::ReadCommitted ? part.lastStableOffset(hw) : hw;
}

/// Builds and sends a consumer's fetch response for a (possibly parked) fetch.
void answerFetch(World &w, int p, const ParkedFetch &f, ErrorCode error = ErrorCode::None) {
  Partition &part = partitionAt(w, p);
  const int leader = part.leader;
  const ReplicaLog &log = part.logOf(leader);
  const std::int32_t id = w.kafka.payloads.acquire();
  FetchPayload &pl = w.kafka.payloads[id];
  pl.error = error;
  pl.highWatermark = log.highWatermark();
  pl.logStart = log.logStart();
  pl.nextOffset = f.offset;
  const ConsumerGroup &g = w.kafka.groups[static_cast<std::size_t>(f.who)];
  const GroupPartition &gp = g.parts[static_cast<std::size_t>(part.index)];
  const NodeId to = gp.owner >= 0 ? g.members[static_cast<std::size_t>(gp.owner)].node : -1;
  if (error == ErrorCode::None) {
    const Offset limit = readLimit(w, p, g);
    pl.entries = log.read(f.offset, limit, g.config.maxPartitionFetchBytes);
    // Nothing below the limit from here means a compaction gap: continue at the limit.
    pl.nextOffset = pl.entries.empty() ? std::max(f.offset, limit) : pl.entries.back().offset + 1;
  }
  const Action resp{ActionType::ConsumerFetchResponse, -1, -1, p, f.who, f.token, id};
  const std::int64_t first = pl.entries.empty() ? f.offset : pl.entries.front().offset;
  if (to < 0 ||
      !w.send(brokerAt(w, leader).node, to, TransferKind::ConsumerFetchResponse, p, first, static_cast<std::int64_t>(pl.entries.size()), resp))
    w.kafka.payloads.release(id);
}

void park(World &w, int p, ParkedFetch f) {
  partitionAt(w, p).parked.push_back(f);
  w.at(f.deadline, Action{ActionType::ParkedFetchExpire, -1, -1, p});
}

bool followerCaughtUp(const FollowerView &f, Offset leaderLeo, SimTime now, SimTime maxLag) {
  return f.leo == leaderLeo || now - f.lastCaughtUp <= maxLag;
}

} // namespace

void wakeParked(World &w, int p) {
  Partition &part = partitionAt(w, p);
  if (part.leader < 0 || part.parked.empty())
    return;
  const ReplicaLog &log = part.logOf(part.leader);
  std::vector<ParkedFetch> still;
  std::vector<ParkedFetch> ready;
  for (const ParkedFetch &f : part.parked) {
    const bool hasData = f.consumer ? f.offset < readLimit(w, p, w.kafka.groups[static_cast<std::size_t>(f.who)]) : f.offset < log.leo();
    (hasData ? ready : still).push_back(f);
  }
  if (ready.empty())
    return;
  part.parked = std::move(still);
  for (const ParkedFetch &f : ready) {
    if (f.consumer)
      answerFetch(w, p, f);
    else
      followerHasNews(w, p, f);
  }
}

void appendAsLeader(World &w, int p, const std::vector<LogEntry> &entries) {
  Partition &part = partitionAt(w, p);
  appendToReplica(w, p, part.leader, entries);
  wakeParked(w, p);
  maybeAdvanceHighWatermark(w, p);
}

void maybeAdvanceHighWatermark(World &w, int p) {
  Partition &part = partitionAt(w, p);
  if (part.leader < 0 || !brokerAt(w, part.leader).running())
    return;
  ReplicaLog &log = part.logOf(part.leader);
  // Strict min ISR (KAFKA-15583, 3.7+): below min ISR nothing new becomes visible, whatever
  // the acks, so a replica that left the ISR still holds every committed record.
  if (w.kafka.config.strictMinIsr && static_cast<int>(part.isr.size()) < w.kafka.effectiveMinIsr(p))
    return;
  Offset hw = log.leo();
  for (int b : part.isr) {
    if (b == part.leader || part.slotOf(b) < 0) // a replica reassigned away, until the controller's ISR change applies
      continue;
    hw = std::min(hw, part.followers[static_cast<std::size_t>(part.slotOf(b))].leo);
  }
  // An ISR change in flight: the high watermark waits for the maximal ISR (old and proposed).
  for (int b : part.pendingIsr)
    if (b != part.leader && !part.inIsr(b) && part.slotOf(b) >= 0)
      hw = std::min(hw, part.followers[static_cast<std::size_t>(part.slotOf(b))].leo);
  if (hw <= log.highWatermark())
    return;
  log.setHighWatermark(hw);
  w.record(EventType::HighWatermark, part.leader, p, log.highWatermark());
  queueHighWatermarkNews(w, p);
  settleTransactions(w, p);
  completePurgatory(w, p);
  wakeParked(w, p);
}

void onConsumerFetchArrive(World &w, const Action &a) {
  const int p = a.a;
  Partition &part = partitionAt(w, p);
  const int brokerId = w.kafka.brokerOfNode(a.to);
  const Broker &broker = brokerAt(w, brokerId);
  const ConsumerGroup &g = w.kafka.groups[static_cast<std::size_t>(a.b)];
  ParkedFetch f{true, a.b, a.c, a.d, w.now + g.config.fetchMaxWait};
  if (!w.arrive(a, p) || broker.state == BrokerState::PoweredOff)
    return; // the consumer's request timeout resends it
  if (broker.state == BrokerState::Crashed || part.leader != brokerId) {
    // Answer from this broker even though it is not (or no longer) able to serve.
    const std::int32_t id = w.kafka.payloads.acquire();
    w.kafka.payloads[id].error = broker.state == BrokerState::Crashed ? ErrorCode::NetworkException : ErrorCode::NotLeaderOrFollower;
    const GroupPartition &gp = g.parts[static_cast<std::size_t>(part.index)];
    const NodeId to = gp.owner >= 0 ? g.members[static_cast<std::size_t>(gp.owner)].node : -1;
    if (to < 0 ||
        !w.send(broker.node, to, TransferKind::ConsumerFetchResponse, p, a.d, 0, Action{ActionType::ConsumerFetchResponse, -1, -1, p, a.b, a.c, id}))
      w.kafka.payloads.release(id);
    return;
  }
  const ReplicaLog &log = part.logOf(brokerId);
  if (f.offset < log.logStart() || f.offset > log.leo())
    answerFetch(w, p, f, ErrorCode::OffsetOutOfRange);
  else if (f.offset < readLimit(w, p, g))
    answerFetch(w, p, f);
  else
    park(w, p, f);
}

void onParkedFetchExpire(World &w, const Action &a) {
  Partition &part = partitionAt(w, a.a);
  if (part.leader < 0 || !brokerAt(w, part.leader).running())
    return;
  std::vector<ParkedFetch> still;
  std::vector<ParkedFetch> expired;
  for (const ParkedFetch &f : part.parked)
    (f.deadline <= w.now ? expired : still).push_back(f);
  part.parked = std::move(still);
  for (const ParkedFetch &f : expired)
    answerFetch(w, a.a, f);
}

void onIsrCheck(World &w, const Action &a) {
  const int brokerId = a.a;
  const Broker &broker = brokerAt(w, brokerId);
  const SimTime maxLag = w.kafka.config.replicaLagTimeMax;
  // Shrinking the ISR needs the controller (AlterPartition): an isolated leader cannot.
  if (broker.running() && !w.net.isIsolated(broker.node)) {
    for (std::size_t p = 0; p < w.kafka.partitions.size(); ++p) {
      Partition &part = w.kafka.partitions[p];
      if (part.leader != brokerId || part.alterInFlight)
        continue;
      const Offset leo = part.logOf(brokerId).leo();
      std::vector<int> kept;
      for (int b : part.isr)
        if (b == brokerId || followerCaughtUp(part.followers[static_cast<std::size_t>(part.slotOf(b))], leo, w.now, maxLag))
          kept.push_back(b);
      // The shrink is an AlterPartition request: the old ISR holds until it is committed.
      if (kept.size() != part.isr.size())
        proposeIsr(w, static_cast<int>(p), std::move(kept));
    }
  }
  w.after(maxLag / 2, a);
}

void failPendingRequests(World &w, int p, ErrorCode error) {
  Partition &part = partitionAt(w, p);
  failPurgatory(w, p, error);
  std::vector<ParkedFetch> parked = std::move(part.parked);
  part.parked.clear(); // follower fetchers are restarted by the controller
  dropHwWaiters(w, p);
  for (const ParkedFetch &f : parked)
    if (f.consumer)
      answerFetch(w, p, f, error);
}

void abandonLeadership(World &w, int p, int oldLeader) {
  Partition &part = partitionAt(w, p);
  if (!brokerAt(w, oldLeader).running()) {
    part.purgatory.clear();
    part.parked.clear();
    dropHwWaiters(w, p);
    return;
  }
  const int current = part.leader;
  part.leader = oldLeader; // answer from the old leader's point of view
  failPendingRequests(w, p, ErrorCode::NotLeaderOrFollower);
  part.leader = current;
}

void assumeLeadership(World &w, int p, int broker) {
  Partition &part = partitionAt(w, p);
  ReplicaLog &log = part.logOf(broker);
  log.assignEpoch(part.leaderEpoch, log.leo());
  part.leaderEpochStart = log.leo();
  for (std::size_t s = 0; s < part.replicas.size(); ++s) {
    part.followers[s] = FollowerView{};
    part.followers[s].lastCaughtUp = w.now; // ISR members get a full lag window
  }
  ++part.fetcherGen[static_cast<std::size_t>(part.slotOf(broker))];
  part.fetcherActive[static_cast<std::size_t>(part.slotOf(broker))] = 0;
  rebuildProducerState(w, p);
  maybeAdvanceHighWatermark(w, p);
  if (part.topic == w.kafka.txnStateTopic)
    loadCoordinator(w, p);
}

} // namespace streamscope::engine::kafka
