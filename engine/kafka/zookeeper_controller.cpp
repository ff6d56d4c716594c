#include "engine/kafka/zookeeper_controller.h"

#include "engine/kafka/controller.h"
#include "engine/kafka/metadata_log.h"

#include <cmath>

namespace streamscope::engine::kafka {
namespace {

MetadataState &meta(World &w) { return w.kafka.metadata; }
Broker &brokerAt(World &w, int b) { return w.kafka.brokers[static_cast<std::size_t>(b)]; }
BrokerMetadata &brokerMeta(World &w, int b) { return w.kafka.metadata.brokers[static_cast<std::size_t>(b)]; }

bool hasSession(World &w, int b) {
  const Broker &broker = brokerAt(w, b);
  return broker.running() && !broker.removed && !w.net.isIsolated(broker.node) && !brokerMeta(w, b).sessionExpired;
}

void electSoon(World &w) { w.after(0, Action{ActionType::ZkControllerElect}); }

void pushTo(World &w, int b) {
  MetadataState &m = meta(w);
  const Broker &broker = brokerAt(w, b);
  if (!broker.running() || broker.removed)
    return;
  const Offset upTo = m.committed();
  w.send(brokerAt(w, m.active).node, broker.node, TransferKind::UpdateMetadata, -1, brokerMeta(w, b).applied, upTo,
         Action{ActionType::ZkPushArrive, -1, -1, b, -1, 0, upTo});
}

} // namespace

void startZookeeper(World &w) {
  MetadataState &m = meta(w);
  m.zkEpoch = 1;
  m.active = 0;
  m.activeSince = 0;
}

void zookeeperPing(World &w, int b) {
  if (w.net.isIsolated(brokerAt(w, b).node))
    return; // the ping never reaches ZooKeeper
  MetadataState &m = meta(w);
  BrokerMetadata &bm = brokerMeta(w, b);
  bm.lastHeartbeat = w.now;
  const bool newSession = bm.sessionExpired || brokerAt(w, b).incarnation != bm.registeredIncarnation;
  bm.sessionExpired = false;
  if (m.active < 0) {
    electSoon(w);
    return;
  }
  if (!controllerReady(w))
    return; // the loading controller reads /brokers/ids when it is done
  if (newSession) {
    if (brokerAt(w, b).incarnation != bm.registeredIncarnation)
      registerBroker(w, b, brokerAt(w, b).incarnation);
    unfenceBroker(w, b); // ZooKeeper mode has no catch-up condition: LeaderAndIsr follows
  } else if (brokerAt(w, b).fenced) {
    unfenceBroker(w, b);
  }
  if (bm.applied < m.committed())
    pushTo(w, b);
}

void zookeeperSessionCheck(World &w, int b) {
  MetadataState &m = meta(w);
  BrokerMetadata &bm = brokerMeta(w, b);
  const SimTime timeout = w.kafka.config.zookeeperSessionTimeout;
  if (!bm.sessionExpired && w.now - bm.lastHeartbeat >= timeout) {
    bm.sessionExpired = true;
    if (m.active == b) { // the /controller znode goes with the session
      w.record(EventType::ControllerResigned, b, -1, m.zkEpoch);
      m.active = -1;
      electSoon(w);
    } else if (controllerReady(w)) {
      fenceBroker(w, b);
    }
  }
  const SimTime next = bm.sessionExpired ? w.now + timeout : bm.lastHeartbeat + timeout;
  w.at(next, Action{ActionType::SessionCheck, -1, -1, b});
}

void pushMetadata(World &w) {
  if (!controllerReady(w))
    return;
  for (std::size_t b = 0; b < w.kafka.brokers.size(); ++b)
    pushTo(w, static_cast<int>(b));
}

void onZkControllerElect(World &w, const Action &) {
  MetadataState &m = meta(w);
  if (m.active >= 0)
    return;
  int winner = -1;
  for (std::size_t b = 0; b < w.kafka.brokers.size() && winner < 0; ++b)
    if (hasSession(w, static_cast<int>(b)))
      winner = static_cast<int>(b);
  if (winner < 0)
    return; // the next broker to open a session triggers the election
  ++m.zkEpoch;
  m.active = winner;
  const double loadMs = w.kafka.config.zookeeperLoadMsPerPartition * static_cast<double>(w.kafka.partitions.size());
  m.activeSince = w.now + static_cast<SimTime>(std::llround(loadMs * 1000.0));
  w.record(EventType::ControllerElected, winner, -1, m.zkEpoch, m.committed());
  w.at(m.activeSince, Action{ActionType::ZkControllerReady, -1, -1, winner, -1, static_cast<std::uint32_t>(m.zkEpoch)});
}

void onZkControllerReady(World &w, const Action &a) {
  MetadataState &m = meta(w);
  if (static_cast<std::int32_t>(a.c) != m.zkEpoch || m.active != a.a)
    return;
  w.record(EventType::ControllerLoaded, a.a, -1, m.zkEpoch, static_cast<std::int64_t>(w.kafka.partitions.size()));
  // What changed while no controller acted: expired sessions are fenced, live ones unfenced.
  for (std::size_t b = 0; b < w.kafka.brokers.size(); ++b) {
    const int id = static_cast<int>(b);
    if (brokerAt(w, id).removed)
      continue;
    if (brokerMeta(w, id).sessionExpired) {
      fenceBroker(w, id);
      continue;
    }
    if (!brokerAt(w, id).running())
      continue;
    if (brokerAt(w, id).incarnation != brokerMeta(w, id).registeredIncarnation) // restarted meanwhile
      registerBroker(w, id, brokerAt(w, id).incarnation);
    if (brokerAt(w, id).fenced)
      unfenceBroker(w, id);
  }
  pushMetadata(w);
}

void onZkPushArrive(World &w, const Action &a) {
  if (!w.arrive(a, -1) || !brokerAt(w, a.a).running())
    return;
  applyMetadata(w, a.a, std::min<Offset>(a.d, meta(w).committed()));
}

} // namespace streamscope::engine::kafka
