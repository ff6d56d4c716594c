#include "engine/kafka/broker_heartbeats.h"

#include "engine/kafka/controller.h"
#include "engine/kafka/metadata_log.h"
#include "engine/kafka/raft_quorum.h"
#include "engine/kafka/zookeeper_controller.h"

#include <algorithm>

namespace streamscope::engine::kafka {
namespace {

/// A metadata fetch loop silent this long is restarted (its request or reply was lost).
constexpr SimTime kStalledFetch = 2 * kSecond;

MetadataState &meta(World &w) { return w.kafka.metadata; }
BrokerMetadata &brokerMeta(World &w, int b) { return w.kafka.metadata.brokers[static_cast<std::size_t>(b)]; }
Broker &brokerAt(World &w, int b) { return w.kafka.brokers[static_cast<std::size_t>(b)]; }

SimTime sessionTimeout(const World &w) {
  return w.kafka.metadata.zookeeper ? w.kafka.config.zookeeperSessionTimeout : w.kafka.config.brokerSessionTimeout;
}

/// The node of the active controller, or -1.
NodeId controllerNode(World &w) {
  MetadataState &m = meta(w);
  if (m.active < 0)
    return -1;
  return m.zookeeper ? brokerAt(w, m.active).node : m.controllers[static_cast<std::size_t>(m.active)].node;
}

std::int32_t controllerEpoch(const World &w) {
  const MetadataState &m = w.kafka.metadata;
  return m.zookeeper ? m.zkEpoch : m.controllers[static_cast<std::size_t>(m.active)].epoch;
}

void sendAlterPartition(World &w, int p) {
  Partition &part = w.kafka.partitions[static_cast<std::size_t>(p)];
  const NodeId to = controllerNode(w);
  part.alterSentAt = w.now;
  if (to < 0 || part.leader < 0)
    return;
  w.send(brokerAt(w, part.leader).node, to, TransferKind::AlterPartition, p, static_cast<std::int64_t>(part.pendingIsr.size()), 0,
         Action{ActionType::AlterPartitionArrive, -1, -1, p, part.leader, static_cast<std::uint32_t>(part.leaderEpoch), part.partitionEpoch});
}

void scheduleSessionCheck(World &w, int b, SimTime at) {
  w.at(at, Action{ActionType::SessionCheck, -1, -1, b, -1, static_cast<std::uint32_t>(controllerEpoch(w))});
}

} // namespace

void startHeartbeats(World &w, int b) {
  while (meta(w).brokers.size() <= static_cast<std::size_t>(b))
    meta(w).brokers.emplace_back();
  brokerMeta(w, b).lastHeartbeat = w.now;
  w.after(w.kafka.config.brokerHeartbeatInterval, Action{ActionType::BrokerHeartbeatTick, -1, -1, b});
  if (meta(w).zookeeper || meta(w).active >= 0)
    scheduleSessionCheck(w, b, w.now + sessionTimeout(w));
}

void sendHeartbeat(World &w, int b) {
  const Broker &broker = brokerAt(w, b);
  if (!broker.running() || broker.removed)
    return;
  if (meta(w).zookeeper) {
    zookeeperPing(w, b);
    return;
  }
  const NodeId to = controllerNode(w);
  if (to < 0)
    return;
  w.send(broker.node, to, TransferKind::BrokerHeartbeat, -1, brokerMeta(w, b).applied, 0,
         Action{ActionType::HeartbeatArrive, -1, -1, b, -1, broker.incarnation, brokerMeta(w, b).applied});
}

void controllerActivated(World &w) {
  for (std::size_t b = 0; b < w.kafka.brokers.size(); ++b) {
    brokerMeta(w, static_cast<int>(b)).lastHeartbeat = w.now;
    scheduleSessionCheck(w, static_cast<int>(b), w.now + sessionTimeout(w));
  }
}

void proposeIsr(World &w, int p, std::vector<int> isr) {
  Partition &part = w.kafka.partitions[static_cast<std::size_t>(p)];
  if (part.alterInFlight)
    return;
  std::sort(isr.begin(), isr.end());
  part.pendingIsr = std::move(isr);
  part.alterInFlight = true;
  sendAlterPartition(w, p);
}

void onHeartbeatTick(World &w, const Action &a) {
  const int b = a.a;
  const Broker &broker = brokerAt(w, b);
  if (broker.removed)
    return;
  w.after(w.kafka.config.brokerHeartbeatInterval, a);
  if (!broker.running())
    return;
  sendHeartbeat(w, b);
  if (!meta(w).zookeeper && w.now - brokerMeta(w, b).lastResponse >= kStalledFetch)
    startObserverFetch(w, b);
  // AlterPartition requests still unanswered are sent again (to whichever controller is active).
  for (std::size_t p = 0; p < w.kafka.partitions.size(); ++p) {
    const Partition &part = w.kafka.partitions[p];
    if (part.leader == b && part.alterInFlight && w.now - part.alterSentAt >= w.kafka.config.brokerHeartbeatInterval)
      sendAlterPartition(w, static_cast<int>(p));
  }
}

void onHeartbeatArrive(World &w, const Action &a) {
  if (!w.arrive(a, -1))
    return;
  MetadataState &m = meta(w);
  if (m.active < 0 || controllerNode(w) != a.to || !controllerReady(w))
    return;
  const int b = a.a;
  BrokerMetadata &bm = brokerMeta(w, b);
  bm.lastHeartbeat = w.now;
  if (a.c != bm.registeredIncarnation)
    registerBroker(w, b, a.c);
  else if (brokerAt(w, b).fenced && a.d > bm.registeredAt)
    unfenceBroker(w, b);
}

void onSessionCheck(World &w, const Action &a) {
  MetadataState &m = meta(w);
  const int b = a.a;
  if (b >= static_cast<int>(m.brokers.size()) || brokerAt(w, b).removed)
    return;
  if (m.zookeeper) {
    zookeeperSessionCheck(w, b);
    return;
  }
  if (m.active < 0 || static_cast<std::int32_t>(a.c) != controllerEpoch(w))
    return; // a newer controller runs its own checks
  const BrokerMetadata &bm = brokerMeta(w, b);
  const SimTime timeout = sessionTimeout(w);
  if (w.now - bm.lastHeartbeat >= timeout) {
    fenceBroker(w, b);
    scheduleSessionCheck(w, b, w.now + timeout);
  } else {
    scheduleSessionCheck(w, b, bm.lastHeartbeat + timeout);
  }
}

void onAlterPartitionArrive(World &w, const Action &a) {
  if (!w.arrive(a, a.a) || controllerNode(w) != a.to || !controllerReady(w))
    return;
  const int p = a.a;
  const PartitionImage &im = meta(w).image[static_cast<std::size_t>(p)];
  const Partition &part = w.kafka.partitions[static_cast<std::size_t>(p)];
  // Stale requests (an older leader or partition epoch) are refused; the leader learns the
  // newer state from the metadata log.
  if (im.leader != a.b || im.leaderEpoch != static_cast<std::int32_t>(a.c) || im.partitionEpoch != a.d || !part.alterInFlight)
    return;
  std::vector<int> isr;
  for (int r : part.pendingIsr)
    if (!brokerAt(w, r).fenced || std::find(im.isr.begin(), im.isr.end(), r) != im.isr.end())
      isr.push_back(r); // a fenced broker may not join the ISR
  if (isr == im.isr) { // nothing to change: the leader's request is answered as done
    w.kafka.partitions[static_cast<std::size_t>(p)].alterInFlight = false;
    w.kafka.partitions[static_cast<std::size_t>(p)].pendingIsr.clear();
    return;
  }
  changeIsr(w, p, isr);
}

} // namespace streamscope::engine::kafka
