#include "engine/kafka/controller.h"

#include "engine/kafka/broker_heartbeats.h"
#include "engine/kafka/eligible_leaders.h"
#include "engine/kafka/metadata_log.h"
#include "engine/kafka/partition_change.h"
#include "engine/kafka/partition_leader.h"
#include "engine/kafka/raft_quorum.h"
#include "engine/kafka/replica_fetcher.h"
#include "engine/kafka/storage.h"

#include <algorithm>
#include <cmath>

namespace streamscope::engine::kafka {
namespace {

Broker &brokerAt(World &w, int b) { return w.kafka.brokers[static_cast<std::size_t>(b)]; }
PartitionImage &imageOf(World &w, int p) {
  growImage(w);
  return w.kafka.metadata.image[static_cast<std::size_t>(p)];
}

bool eligible(World &w, int b) { return !brokerAt(w, b).fenced && brokerAt(w, b).running(); }

/// A PartitionChangeRecord taking p from its image to `next` (or nothing if leader, ISR, ELR
/// and last known leader stay as they are). `how`: where a new leader came from.
void proposeChange(World &w, int p, PartitionImage next, ElectionKind how) {
  const PartitionImage &im = imageOf(w, p);
  std::sort(next.isr.begin(), next.isr.end());
  if (next.leader == im.leader && next.isr == im.isr && next.elr == im.elr && next.lastKnownElr == im.lastKnownElr)
    return;
  MetadataRecord r;
  r.type = MetadataRecordType::PartitionChange;
  r.partition = p;
  r.broker = next.leader;
  r.leaderEpoch = next.leader != im.leader ? im.leaderEpoch + 1 : im.leaderEpoch;
  r.partitionEpoch = im.partitionEpoch + 1;
  r.isr = std::move(next.isr);
  r.elr = std::move(next.elr);
  r.lastKnownElr = std::move(next.lastKnownElr);
  r.election = how;
  appendRecord(w, std::move(r));
}

/// `next` with a leader chosen by the election order (offline if nobody can lead); returns how.
ElectionKind elect(World &w, int p, PartitionImage &next) {
  const LeaderChoice choice = chooseLeader(w, p, next);
  applyElection(choice, next);
  return choice.kind;
}

void brokerRecord(World &w, MetadataRecordType type, int broker, std::int64_t value = 0) {
  MetadataRecord r;
  r.type = type;
  r.broker = broker;
  r.value = value;
  appendRecord(w, std::move(r));
}

/// The image after `broker` is fenced: out of every ISR (never the last member unless eligible
/// leader replicas remember it), and any partition it led gets a new leader. After an unclean
/// shutdown (a new incarnation registers) it also leaves every ELR.
void fenceInImage(World &w, int broker, bool uncleanShutdown) {
  for (std::size_t i = 0; i < w.kafka.partitions.size(); ++i) {
    const int p = static_cast<int>(i);
    if (w.kafka.partitions[i].slotOf(broker) < 0 || w.kafka.topics[static_cast<std::size_t>(w.kafka.partitions[i].topic)].deleted)
      continue;
    const PartitionImage &im = imageOf(w, p);
    PartitionImage next = im;
    // KRaft keeps the last ISR member in the ISR so that it can come back as leader; with
    // eligible leader replicas the ISR may become empty (the ELR and last known leader remember).
    if (next.isr.size() > 1 || eligibleLeadersOn(w))
      next.isr.erase(std::remove(next.isr.begin(), next.isr.end(), broker), next.isr.end());
    updateEligibleLeaders(w, p, im, next);
    if (uncleanShutdown)
      forgetUncleanReplica(broker, next);
    ElectionKind how = ElectionKind::Isr;
    if (next.leader == broker)
      how = elect(w, p, next);
    proposeChange(w, p, std::move(next), how);
  }
}

void stopProcess(World &w, int broker, BrokerState state) {
  Broker &b = brokerAt(w, broker);
  const bool wasRunning = b.running();
  b.state = state;
  if (wasRunning)
    for (std::size_t i = 0; i < w.kafka.partitions.size(); ++i)
      stopFollowing(w, static_cast<int>(i), broker);
  for (std::size_t c = 0; c < w.kafka.metadata.controllers.size(); ++c)
    if (w.kafka.metadata.controllers[c].broker == broker && w.kafka.metadata.controllers[c].running)
      stopVoter(w, static_cast<int>(c));
  noteBrokerAvailability(w, broker);
}

} // namespace

void bootstrapLeadership(World &w) {
  for (std::size_t i = 0; i < w.kafka.partitions.size(); ++i)
    startPartition(w, static_cast<int>(i));
}

void startPartition(World &w, int p) {
  const Partition &part = w.kafka.partitions[static_cast<std::size_t>(p)];
  std::vector<int> isr;
  for (int r : part.replicas)
    if (eligible(w, r))
      isr.push_back(r);
  if (isr.empty()) // created while all its brokers are down: offline
    isr.assign(1, part.replicas.front());
  std::sort(isr.begin(), isr.end());
  PartitionImage start;
  start.isr = isr;
  const LeaderChoice choice = chooseLeader(w, p, start);
  MetadataState &m = w.kafka.metadata;
  w.kafka.partitions[static_cast<std::size_t>(p)].unavailableSince = w.now;
  if (!m.bootstrapped) { // part of the bootstrap snapshot
    installLeader(w, p, choice.leader, 0, isr, ElectionKind::Isr);
    growImage(w);
    m.image[static_cast<std::size_t>(p)] = PartitionImage{choice.leader, 0, 0, isr, {}, {}};
    return;
  }
  growImage(w);
  m.image[static_cast<std::size_t>(p)] = PartitionImage{-1, -1, 0, {}, {}, {}};
  start.leader = choice.leader;
  proposeChange(w, p, std::move(start), ElectionKind::Isr);
}

void electLeader(World &w, int p) {
  PartitionImage next = imageOf(w, p);
  const ElectionKind how = elect(w, p, next);
  proposeChange(w, p, std::move(next), how);
}

bool canLead(World &w, int broker) { return eligible(w, broker); }

void fenceBroker(World &w, int broker) {
  if (brokerAt(w, broker).fenced)
    return;
  w.record(EventType::BrokerFenced, broker);
  brokerRecord(w, MetadataRecordType::FenceBroker, broker);
  fenceInImage(w, broker, false);
}

void registerBroker(World &w, int broker, std::uint32_t incarnation) {
  // The old incarnation's replicas are gone from ISRs and leadership; the new one is fenced.
  const bool wasFenced = brokerAt(w, broker).fenced;
  brokerRecord(w, MetadataRecordType::RegisterBroker, broker, incarnation); // fences it in the image
  // A new incarnation means the old one stopped without a clean shutdown (crash or power loss).
  fenceInImage(w, broker, true);
  if (!wasFenced)
    w.record(EventType::BrokerFenced, broker);
}

void unfenceBroker(World &w, int broker) {
  brokerRecord(w, MetadataRecordType::UnfenceBroker, broker);
  for (std::size_t i = 0; i < w.kafka.partitions.size(); ++i) {
    const int p = static_cast<int>(i);
    const Partition &part = w.kafka.partitions[i];
    if (part.slotOf(broker) < 0 || w.kafka.topics[static_cast<std::size_t>(part.topic)].deleted)
      continue;
    const PartitionImage &im = imageOf(w, p);
    if (im.leader >= 0)
      continue;
    PartitionImage next = im;
    if (eligibleLeadersOn(w)) { // the KIP-966 order among everyone who can lead now
      const ElectionKind how = elect(w, p, next);
      proposeChange(w, p, std::move(next), how);
      continue;
    }
    if (std::find(im.isr.begin(), im.isr.end(), broker) != im.isr.end()) {
      next.leader = broker;
      proposeChange(w, p, std::move(next), ElectionKind::Isr);
      continue;
    }
    const bool isrAlive = std::any_of(im.isr.begin(), im.isr.end(), [&](int r) { return eligible(w, r); });
    if (!isrAlive && w.kafka.topicOf(p).uncleanLeaderElection) {
      applyElection(LeaderChoice{broker, ElectionKind::Unclean}, next);
      proposeChange(w, p, std::move(next), ElectionKind::Unclean);
    }
  }
}

void changeIsr(World &w, int p, const std::vector<int> &isr) {
  const PartitionImage &im = imageOf(w, p);
  PartitionImage next = im;
  next.isr = isr;
  std::sort(next.isr.begin(), next.isr.end());
  updateEligibleLeaders(w, p, im, next); // a shrink below min ISR keeps the leavers eligible
  proposeChange(w, p, std::move(next), ElectionKind::Isr);
}

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
  stopProcess(w, broker, BrokerState::PoweredOff);
  dropPageCache(w, broker);
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
  // new incarnation leads nothing until the controller's changes reach it: it registers,
  // is fenced, catches up with the metadata log and is unfenced.
  for (std::size_t i = 0; i < w.kafka.partitions.size(); ++i) {
    Partition &part = w.kafka.partitions[i];
    if (part.leader == broker) {
      part.leader = -1;
      w.record(EventType::PartitionOffline, -1, static_cast<int>(i), part.leaderEpoch);
      noteAvailability(w, static_cast<int>(i));
    }
  }
  w.kafka.metadata.brokers[static_cast<std::size_t>(broker)].caughtUp = false;
  for (std::size_t c = 0; c < w.kafka.metadata.controllers.size(); ++c)
    if (w.kafka.metadata.controllers[c].broker == broker)
      startVoter(w, static_cast<int>(c));
  startObserverFetch(w, broker);
  sendHeartbeat(w, broker);
}

void isolateBroker(World &w, int broker) {
  Broker &b = brokerAt(w, broker);
  if (w.net.isIsolated(b.node))
    return;
  w.net.isolate(b.node);
  w.record(EventType::BrokerIsolated, broker);
  noteBrokerAvailability(w, broker);
}

void healBroker(World &w, int broker) {
  Broker &b = brokerAt(w, broker);
  if (!w.net.isIsolated(b.node))
    return;
  w.net.heal(b.node);
  w.record(EventType::BrokerHealed, broker);
  noteBrokerAvailability(w, broker);
  if (!b.running())
    return;
  startObserverFetch(w, broker);
  sendHeartbeat(w, broker);
  if (!b.fenced)
    for (std::size_t i = 0; i < w.kafka.partitions.size(); ++i)
      if (w.kafka.partitions[i].leader >= 0 && w.kafka.partitions[i].leader != broker && w.kafka.partitions[i].slotOf(broker) >= 0)
        startFollowing(w, static_cast<int>(i), broker);
}

void slowBroker(World &w, int broker, SimTime extraDelay, double dropResponseRatio) {
  w.net.setExtraDelay(brokerAt(w, broker).node, extraDelay);
  w.net.setResponseLoss(brokerAt(w, broker).node, dropResponseRatio);
  // b: the loss in millionths (0 without one, as before the link could lose responses).
  w.record(EventType::BrokerSlowed, broker, -1, extraDelay, std::llround(dropResponseRatio * 1e6));
}

} // namespace streamscope::engine::kafka
