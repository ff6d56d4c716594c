#include "engine/kafka/partition_leader.h"

#include "engine/kafka/broker_heartbeats.h"
#include "engine/kafka/consumer_serving.h"
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

bool followerCaughtUp(const FollowerView &f, Offset leaderLeo, SimTime now, SimTime maxLag) {
  return f.leo == leaderLeo || now - f.lastCaughtUp <= maxLag;
}

} // namespace

void wakeParked(World &w, int p) {
  Partition &part = partitionAt(w, p);
  if (part.leader < 0 || part.parked.empty())
    return;
  const ReplicaLog &log = part.logOf(part.leader);
  bool consumers = false;
  std::vector<ParkedFetch> still;
  std::vector<ParkedFetch> ready;
  for (const ParkedFetch &f : part.parked) {
    consumers = consumers || f.consumer;
    (!f.consumer && f.offset < log.leo() ? ready : still).push_back(f);
  }
  if (!ready.empty()) {
    part.parked = std::move(still);
    for (const ParkedFetch &f : ready)
      followerHasNews(w, p, f);
  }
  if (consumers)
    wakeConsumerFetches(w, p);
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
  failConsumerFetches(w, p, error);
  part.parked.clear(); // follower fetchers are restarted by the controller
  dropHwWaiters(w, p);
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
