#include "engine/kafka/partition_change.h"

#include "engine/kafka/eligible_leaders.h"
#include "engine/kafka/partition_leader.h"
#include "engine/kafka/replica_fetcher.h"

#include <algorithm>

namespace streamscope::engine::kafka {
namespace {

Partition &partitionAt(World &w, int p) { return w.kafka.partitions[static_cast<std::size_t>(p)]; }

/// Running, unfenced, and (after a restart) caught up with the metadata log: a restarted
/// broker starts its fetchers only once it is unfenced, never from an older leader change.
bool canFollow(const World &w, int b) {
  const Broker &broker = w.kafka.brokers[static_cast<std::size_t>(b)];
  const auto &meta = w.kafka.metadata.brokers;
  const bool caughtUp = static_cast<std::size_t>(b) >= meta.size() || meta[static_cast<std::size_t>(b)].caughtUp;
  return broker.running() && !broker.fenced && caughtUp;
}

/// ISR membership changes as IsrShrunk / IsrExpanded events, in broker order.
void recordIsrDiff(World &w, int p, const std::vector<int> &before, const std::vector<int> &after) {
  Partition &part = partitionAt(w, p);
  for (int b : before)
    if (std::find(after.begin(), after.end(), b) == after.end())
      w.record(EventType::IsrShrunk, part.leader, p, static_cast<std::int64_t>(after.size()), 0, 0, b);
  for (int b : after)
    if (std::find(before.begin(), before.end(), b) == before.end())
      w.record(EventType::IsrExpanded, part.leader, p, static_cast<std::int64_t>(after.size()), 0, 0, b);
}

} // namespace

void installLeader(World &w, int p, int leader, std::int32_t leaderEpoch, const std::vector<int> &isr, ElectionKind how) {
  Partition &part = partitionAt(w, p);
  const int old = part.leader;
  part.leaderEpoch = leaderEpoch;
  part.leader = leader;
  part.isr = isr;
  part.pendingIsr.clear();
  part.alterInFlight = false;
  if (old >= 0 && old != leader)
    abandonLeadership(w, p, old);
  if (leader < 0) {
    w.record(EventType::PartitionOffline, -1, p, part.leaderEpoch);
    for (int r : part.replicas)
      stopFollowing(w, p, r);
  } else {
    if (how == ElectionKind::Unclean)
      ++w.kafka.counters.uncleanElections;
    w.record(EventType::LeaderElected, leader, p, part.leaderEpoch, 0, static_cast<std::uint8_t>(how));
    assumeLeadership(w, p, leader);
    for (int r : part.replicas)
      if (r != leader && canFollow(w, r))
        startFollowing(w, p, r);
  }
  noteAvailability(w, p);
}

void takeEffect(World &w, const MetadataRecord &r) {
  const int p = r.partition;
  Partition &part = partitionAt(w, p);
  if (r.partitionEpoch <= part.partitionEpoch || w.kafka.topics[static_cast<std::size_t>(part.topic)].deleted)
    return;
  part.partitionEpoch = r.partitionEpoch;
  if (r.broker != part.leader || r.leaderEpoch != part.leaderEpoch) {
    installEligibleLeaders(w, p, r.elr, r.lastKnownElr);
    installLeader(w, p, r.broker, r.leaderEpoch, r.isr, r.election);
    return;
  }
  const std::vector<int> before = part.isr;
  part.isr = r.isr;
  part.pendingIsr.clear();
  part.alterInFlight = false;
  recordIsrDiff(w, p, before, part.isr);
  installEligibleLeaders(w, p, r.elr, r.lastKnownElr);
  maybeAdvanceHighWatermark(w, p); // a smaller ISR may let the HW move
}

void noteAvailability(World &w, int p) {
  Partition &part = partitionAt(w, p);
  bool serving = part.leader >= 0;
  if (serving) {
    const Broker &b = w.kafka.brokers[static_cast<std::size_t>(part.leader)];
    serving = b.running() && !w.net.isIsolated(b.node);
  }
  if (!serving && part.unavailableSince < 0)
    part.unavailableSince = w.now;
  else if (serving && part.unavailableSince >= 0) {
    part.unavailableTotal += w.now - part.unavailableSince;
    part.unavailableSince = -1;
  }
}

void noteBrokerAvailability(World &w, int broker) {
  for (std::size_t i = 0; i < w.kafka.partitions.size(); ++i)
    if (w.kafka.partitions[i].leader == broker)
      noteAvailability(w, static_cast<int>(i));
}

SimTime unavailableTime(const World &w, int p) {
  const Partition &part = w.kafka.partitions[static_cast<std::size_t>(p)];
  return part.unavailableTotal + (part.unavailableSince >= 0 ? w.now - part.unavailableSince : 0);
}

} // namespace streamscope::engine::kafka
