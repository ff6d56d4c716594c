#include "engine/kafka/controller.h"

#include "engine/kafka/eligible_leaders.h"
#include "engine/kafka/partition_leader.h"
#include "engine/kafka/replica_fetcher.h"
#include "engine/kafka/storage.h"

#include <algorithm>

namespace streamscope::engine::kafka {
namespace {

Broker &brokerAt(World &w, int b) { return w.kafka.brokers[static_cast<std::size_t>(b)]; }

bool eligible(World &w, int b) { return !brokerAt(w, b).fenced && brokerAt(w, b).running(); }

/// Moves leadership of p to `leader` (-1 = offline) with a new epoch.
void changeLeader(World &w, int p, int leader, ElectionKind how) {
  Partition &part = w.kafka.partitions[static_cast<std::size_t>(p)];
  const int old = part.leader;
  ++part.leaderEpoch;
  part.leader = leader;
  noteLeadership(w, p, leader);
  if (old >= 0 && old != leader)
    abandonLeadership(w, p, old);
  if (leader < 0) {
    w.record(EventType::PartitionOffline, -1, p, part.leaderEpoch);
    for (int r : part.replicas)
      stopFollowing(w, p, r);
    return;
  }
  prepareElection(w, p, LeaderChoice{leader, how});
  w.record(EventType::LeaderElected, leader, p, part.leaderEpoch, 0, static_cast<std::uint8_t>(how));
  assumeLeadership(w, p, leader);
  for (int r : part.replicas)
    if (r != leader && eligible(w, r))
      startFollowing(w, p, r);
}

/// Clean election (ISR, then ELR and the last known leader); unclean if the topic allows it.
void elect(World &w, int p) {
  const LeaderChoice choice = chooseLeader(w, p);
  if (choice.leader >= 0)
    return changeLeader(w, p, choice.leader, choice.kind);
  if (w.kafka.partitions[static_cast<std::size_t>(p)].leader >= 0)
    changeLeader(w, p, -1, ElectionKind::Isr);
}

void fence(World &w, int broker) {
  Broker &b = brokerAt(w, broker);
  if (b.fenced)
    return;
  b.fenced = true;
  w.record(EventType::BrokerFenced, broker);
  for (std::size_t i = 0; i < w.kafka.partitions.size(); ++i) {
    Partition &part = w.kafka.partitions[i];
    const int p = static_cast<int>(i);
    if (part.slotOf(broker) < 0)
      continue;
    stopFollowing(w, p, broker);
    // KRaft keeps the last ISR member in the ISR so that it can come back as leader; with
    // eligible leader replicas the ISR may become empty (the ELR and last known leader remember).
    if (part.inIsr(broker) && (part.isr.size() > 1 || eligibleLeadersOn(w))) {
      const std::vector<int> before = part.isr;
      part.isr.erase(std::find(part.isr.begin(), part.isr.end(), broker));
      w.record(EventType::IsrShrunk, -1, p, static_cast<std::int64_t>(part.isr.size()), 0, 0, broker);
      updateEligibleLeaders(w, p, before);
    }
    if (part.leader == broker)
      elect(w, p);
    else
      maybeAdvanceHighWatermark(w, p); // a smaller ISR may let the HW move
  }
}

void unfence(World &w, int broker) {
  Broker &b = brokerAt(w, broker);
  b.fenced = false;
  for (std::size_t i = 0; i < w.kafka.partitions.size(); ++i) {
    Partition &part = w.kafka.partitions[i];
    const int p = static_cast<int>(i);
    if (part.slotOf(broker) < 0)
      continue;
    if (part.leader < 0 && eligibleLeadersOn(w)) {
      elect(w, p); // the KIP-966 order; its new leader starts the other replicas' fetchers
      if (part.leader >= 0)
        continue;
    } else if (part.leader < 0) {
      if (part.inIsr(broker)) {
        changeLeader(w, p, broker, ElectionKind::Isr);
        continue;
      }
      const bool isrAlive = std::any_of(part.isr.begin(), part.isr.end(), [&](int r) { return eligible(w, r); });
      if (!isrAlive && w.kafka.topicOf(p).uncleanLeaderElection) {
        changeLeader(w, p, broker, ElectionKind::Unclean);
        continue;
      }
    }
    if (part.leader != broker)
      startFollowing(w, p, broker);
  }
}

/// The broker stopped heartbeating: the controller fences it if it stays silent.
void startOutage(World &w, int broker) {
  Broker &b = brokerAt(w, broker);
  ++b.outage;
  w.after(w.kafka.config.brokerSessionTimeout, Action{ActionType::FenceCheck, -1, -1, broker, -1, b.outage});
}

void stopProcess(World &w, int broker, BrokerState state) {
  Broker &b = brokerAt(w, broker);
  b.state = state;
  for (std::size_t i = 0; i < w.kafka.partitions.size(); ++i)
    stopFollowing(w, static_cast<int>(i), broker);
  startOutage(w, broker);
}

} // namespace

void bootstrapLeadership(World &w) {
  for (std::size_t i = 0; i < w.kafka.partitions.size(); ++i)
    startPartition(w, static_cast<int>(i));
}

void startPartition(World &w, int p) {
  Partition &part = w.kafka.partitions[static_cast<std::size_t>(p)];
  part.isr.clear();
  for (int r : part.replicas)
    if (eligible(w, r))
      part.isr.push_back(r);
  std::sort(part.isr.begin(), part.isr.end());
  part.leaderEpoch = -1; // changeLeader bumps it to 0
  const auto live = std::find_if(part.replicas.begin(), part.replicas.end(), [&](int r) { return eligible(w, r); });
  if (live == part.replicas.end()) { // created while all its brokers are down: offline
    part.isr.assign(1, part.replicas.front());
    changeLeader(w, p, -1, ElectionKind::Isr);
    return;
  }
  changeLeader(w, p, *live, ElectionKind::Isr);
}

void electLeader(World &w, int p) { elect(w, p); }

bool canLead(World &w, int broker) { return eligible(w, broker); }

void crashBroker(World &w, int broker) {
  if (!brokerAt(w, broker).running())
    return;
  w.record(EventType::BrokerCrashed, broker);
  for (std::size_t i = 0; i < w.kafka.partitions.size(); ++i)
    if (w.kafka.partitions[i].leader == broker)
      failPendingRequests(w, static_cast<int>(i), ErrorCode::NetworkException);
  stopProcess(w, broker, BrokerState::Crashed);
}

void powerOffBroker(World &w, int broker) {
  if (brokerAt(w, broker).state == BrokerState::PoweredOff)
    return;
  w.record(EventType::BrokerPowerLost, broker);
  const bool wasRunning = brokerAt(w, broker).running();
  brokerAt(w, broker).state = BrokerState::PoweredOff;
  dropPageCache(w, broker);
  if (wasRunning) {
    for (std::size_t i = 0; i < w.kafka.partitions.size(); ++i)
      stopFollowing(w, static_cast<int>(i), broker);
    startOutage(w, broker);
  }
}

void restartBroker(World &w, int broker) {
  Broker &b = brokerAt(w, broker);
  if (b.running())
    return;
  b.state = BrokerState::Running;
  ++b.incarnation;
  b.diskBusyUntil = w.now;
  w.record(EventType::BrokerRestarted, broker, -1, b.incarnation);
  // Log recovery found whatever survived (power loss already dropped the page cache). The
  // new incarnation registers: the controller fences the old one, then unfences.
  fence(w, broker);
  forgetUncleanReplica(w, broker); // no clean-shutdown marker: it may have lost a suffix
  if (!w.net.isIsolated(b.node))
    unfence(w, broker);
}

void isolateBroker(World &w, int broker) {
  Broker &b = brokerAt(w, broker);
  if (w.net.isIsolated(b.node))
    return;
  w.net.isolate(b.node);
  w.record(EventType::BrokerIsolated, broker);
  if (b.running())
    startOutage(w, broker);
}

void healBroker(World &w, int broker) {
  Broker &b = brokerAt(w, broker);
  if (!w.net.isIsolated(b.node))
    return;
  w.net.heal(b.node);
  w.record(EventType::BrokerHealed, broker);
  ++b.outage; // heartbeats resume: a pending fence check no longer applies
  if (b.running() && b.fenced)
    unfence(w, broker);
  else if (b.running())
    for (std::size_t i = 0; i < w.kafka.partitions.size(); ++i)
      if (w.kafka.partitions[i].leader != broker && w.kafka.partitions[i].slotOf(broker) >= 0)
        startFollowing(w, static_cast<int>(i), broker);
}

void slowBroker(World &w, int broker, SimTime extraDelay) {
  w.net.setExtraDelay(brokerAt(w, broker).node, extraDelay);
  w.record(EventType::BrokerSlowed, broker, -1, extraDelay);
}

void onFenceCheck(World &w, const Action &a) {
  const Broker &b = brokerAt(w, a.a);
  const bool silent = !b.running() || w.net.isIsolated(b.node);
  if (b.outage == a.c && silent)
    fence(w, a.a);
}

} // namespace streamscope::engine::kafka
