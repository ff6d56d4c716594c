#include "engine/kafka/controller.h"

#include "engine/kafka/broker_heartbeats.h"
#include "engine/kafka/metadata_log.h"
#include "engine/kafka/partition_change.h"
#include "engine/kafka/partition_leader.h"
#include "engine/kafka/raft_quorum.h"
#include "engine/kafka/replica_fetcher.h"
#include "engine/kafka/storage.h"

#include <algorithm>

namespace streamscope::engine::kafka {
namespace {

Broker &brokerAt(World &w, int b) { return w.kafka.brokers[static_cast<std::size_t>(b)]; }
PartitionImage &imageOf(World &w, int p) {
  growImage(w);
  return w.kafka.metadata.image[static_cast<std::size_t>(p)];
}

bool eligible(World &w, int b) { return !brokerAt(w, b).fenced && brokerAt(w, b).running(); }

/// The one place that picks p's leader from `isr`: the first live ISR replica in assignment
/// order; else, if the topic allows unclean election, the first live replica (unclean = true);
/// else -1 (offline).
int chooseLeader(World &w, int p, const std::vector<int> &isr, bool &unclean) {
  const Partition &part = w.kafka.partitions[static_cast<std::size_t>(p)];
  unclean = false;
  for (int r : part.replicas)
    if (std::find(isr.begin(), isr.end(), r) != isr.end() && eligible(w, r))
      return r;
  if (w.kafka.topicOf(p).uncleanLeaderElection)
    for (int r : part.replicas)
      if (eligible(w, r)) {
        unclean = true;
        return r;
      }
  return -1;
}

/// A PartitionChangeRecord (or nothing if leader and ISR stay as they are).
void proposeChange(World &w, int p, int leader, std::vector<int> isr, bool unclean) {
  const PartitionImage &im = imageOf(w, p);
  std::sort(isr.begin(), isr.end());
  if (leader == im.leader && isr == im.isr)
    return;
  MetadataRecord r;
  r.type = MetadataRecordType::PartitionChange;
  r.partition = p;
  r.broker = leader;
  r.leaderEpoch = leader != im.leader ? im.leaderEpoch + 1 : im.leaderEpoch;
  r.partitionEpoch = im.partitionEpoch + 1;
  r.isr = std::move(isr);
  r.unclean = unclean;
  appendRecord(w, std::move(r));
}

void brokerRecord(World &w, MetadataRecordType type, int broker, std::int64_t value = 0) {
  MetadataRecord r;
  r.type = type;
  r.broker = broker;
  r.value = value;
  appendRecord(w, std::move(r));
}

/// The image after `broker` is fenced: out of every ISR (never the last member), and any
/// partition it led gets a new leader.
void fenceInImage(World &w, int broker) {
  for (std::size_t i = 0; i < w.kafka.partitions.size(); ++i) {
    const int p = static_cast<int>(i);
    if (w.kafka.partitions[i].slotOf(broker) < 0 || w.kafka.topics[static_cast<std::size_t>(w.kafka.partitions[i].topic)].deleted)
      continue;
    const PartitionImage &im = imageOf(w, p);
    std::vector<int> isr = im.isr;
    // KRaft keeps the last ISR member in the ISR so that it can come back as leader.
    if (isr.size() > 1)
      isr.erase(std::remove(isr.begin(), isr.end(), broker), isr.end());
    int leader = im.leader;
    bool unclean = false;
    if (leader == broker) {
      leader = chooseLeader(w, p, isr, unclean);
      if (unclean)
        isr.assign(1, leader);
    }
    proposeChange(w, p, leader, isr, unclean);
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
  bool unclean = false;
  const int leader = chooseLeader(w, p, isr, unclean);
  std::sort(isr.begin(), isr.end());
  MetadataState &m = w.kafka.metadata;
  w.kafka.partitions[static_cast<std::size_t>(p)].unavailableSince = w.now;
  if (!m.bootstrapped) { // part of the bootstrap snapshot
    installLeader(w, p, leader, 0, isr, false);
    growImage(w);
    m.image[static_cast<std::size_t>(p)] = PartitionImage{leader, 0, 0, isr};
    return;
  }
  growImage(w);
  m.image[static_cast<std::size_t>(p)] = PartitionImage{-1, -1, 0, {}};
  proposeChange(w, p, leader, isr, false);
}

void electLeader(World &w, int p) {
  const PartitionImage &im = imageOf(w, p);
  bool unclean = false;
  const int leader = chooseLeader(w, p, im.isr, unclean);
  if (leader >= 0)
    proposeChange(w, p, leader, unclean ? std::vector<int>{leader} : im.isr, unclean);
  else if (im.leader >= 0)
    proposeChange(w, p, -1, im.isr, false);
}

bool canLead(World &w, int broker) { return eligible(w, broker); }

void fenceBroker(World &w, int broker) {
  if (brokerAt(w, broker).fenced)
    return;
  w.record(EventType::BrokerFenced, broker);
  brokerRecord(w, MetadataRecordType::FenceBroker, broker);
  fenceInImage(w, broker);
}

void registerBroker(World &w, int broker, std::uint32_t incarnation) {
  // The old incarnation's replicas are gone from ISRs and leadership; the new one is fenced.
  const bool wasFenced = brokerAt(w, broker).fenced;
  brokerRecord(w, MetadataRecordType::RegisterBroker, broker, incarnation); // fences it in the image
  fenceInImage(w, broker);
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
    if (std::find(im.isr.begin(), im.isr.end(), broker) != im.isr.end()) {
      proposeChange(w, p, broker, im.isr, false);
      continue;
    }
    const bool isrAlive = std::any_of(im.isr.begin(), im.isr.end(), [&](int r) { return eligible(w, r); });
    if (!isrAlive && w.kafka.topicOf(p).uncleanLeaderElection)
      proposeChange(w, p, broker, {broker}, true);
  }
}

void changeIsr(World &w, int p, const std::vector<int> &isr) {
  const PartitionImage &im = imageOf(w, p);
  proposeChange(w, p, im.leader, isr, false);
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

void slowBroker(World &w, int broker, SimTime extraDelay) {
  w.net.setExtraDelay(brokerAt(w, broker).node, extraDelay);
  w.record(EventType::BrokerSlowed, broker, -1, extraDelay);
}

} // namespace streamscope::engine::kafka
