#include "kafka_view.h"

#include "stored_copies.h"

#include "engine/world/kafka_version.h"
#include "engine/world/world.h"
#include "model/history/ack_latency.h"

namespace streamscope::model {

bool PartitionView::inIsr(int broker) const {
  for (int b : isr)
    if (b == broker)
      return true;
  return false;
}

bool PartitionView::inElr(int broker) const {
  for (int b : elr)
    if (b == broker)
      return true;
  return false;
}

bool PartitionView::isLastKnownLeader(int broker) const { return lastKnownElr.size() == 1 && lastKnownElr.front() == broker; }

const ReplicaView *PartitionView::replicaOn(int broker) const {
  for (const ReplicaView &r : replicas)
    if (r.broker == broker)
      return &r;
  return nullptr;
}

const GroupPartitionView *GroupView::partition(const PartitionView &p) const {
  if (p.topic != topic || p.index < 0 || static_cast<std::size_t>(p.index) >= parts.size())
    return nullptr;
  return &parts[static_cast<std::size_t>(p.index)];
}

int KafkaView::brokerOfNode(NodeId node) const {
  for (const BrokerView &b : brokers)
    if (b.node == node)
      return b.id;
  return -1;
}

const ControllerView *KafkaView::controllerOfNode(NodeId node) const {
  for (const ControllerView &c : controllers)
    if (c.node == node)
      return &c;
  return nullptr;
}

void KafkaView::buildControllers(const engine::World &world) {
  const engine::kafka::MetadataState &m = world.kafka.metadata;
  zookeeper = m.zookeeper;
  metadataCommitted = m.committed();
  metadataBase = m.base;
  controllerReadyAt = m.activeSince;
  controllers.clear();
  if (m.zookeeper) {
    if (m.active >= 0) {
      const NodeId node = world.kafka.brokers[static_cast<std::size_t>(m.active)].node;
      controllers.push_back({m.active, node, ControllerView::Role::Leader, m.zkEpoch, m.committed(), m.committed(), world.net.isIsolated(node)});
    }
    return;
  }
  for (const engine::kafka::Controller &c : m.controllers) {
    using R = engine::kafka::ControllerRole;
    const ControllerView::Role role = !c.running ? ControllerView::Role::Offline
        : c.role == R::Leader                    ? ControllerView::Role::Leader
        : c.role == R::Candidate                 ? ControllerView::Role::Candidate
                                                 : ControllerView::Role::Voter;
    controllers.push_back({c.id, c.node, role, c.epoch, c.logEnd(m.base), c.committed, world.net.isIsolated(c.node)});
  }
}

TxnMark KafkaView::txnMarkOf(const LogEntry &entry) const {
  if (!m_records || entry.record >= m_records->size())
    return TxnMark::None;
  const engine::kafka::RecordInfo &r = (*m_records)[entry.record];
  if (r.txn < 0 || static_cast<std::size_t>(r.txn) >= m_transactions.size())
    return r.has(engine::kafka::RecordInfo::Control) ? TxnMark::CoordinatorLog : TxnMark::None;
  const engine::kafka::Transaction &t = m_transactions[static_cast<std::size_t>(r.txn)];
  const bool internal = r.partition >= 0 && static_cast<std::size_t>(r.partition) < partitions.size() &&
      topics[static_cast<std::size_t>(partitions[static_cast<std::size_t>(r.partition)].topic)].internal;
  if (r.has(engine::kafka::RecordInfo::Control))
    return internal ? TxnMark::CoordinatorLog : t.committing() ? TxnMark::CommitMarker : TxnMark::AbortMarker;
  return t.committing() ? TxnMark::Committed : t.aborting() ? TxnMark::Aborted : TxnMark::Open;
}

void KafkaView::buildTransactions(const engine::World &world) {
  const engine::kafka::KafkaState &k = world.kafka;
  m_records = &k.records;
  m_transactions = k.transactions;
  transactions = k.txnStateTopic >= 0;
  if (k.txnStateTopic >= 0 && static_cast<std::size_t>(k.txnStateTopic) < topics.size())
    topics[static_cast<std::size_t>(k.txnStateTopic)].internal = true;
  for (std::size_t p = 0; p < k.partitions.size(); ++p) {
    const engine::kafka::Partition &part = k.partitions[p];
    PartitionView &v = partitions[p];
    v.highWatermark = part.leader >= 0 ? part.logOf(part.leader).highWatermark() : 0;
    v.lastStable = part.leader >= 0 ? part.lastStableOffset(v.highWatermark) : 0;
    v.openTransactions = static_cast<int>(part.openTxns.size());
    v.transactional = !part.openTxns.empty();
  }
  for (const engine::kafka::Transaction &t : k.transactions)
    for (int p : t.partitions)
      if (p >= 0 && static_cast<std::size_t>(p) < partitions.size())
        partitions[static_cast<std::size_t>(p)].transactional = true;
}

std::vector<std::uint8_t> KafkaView::copyMarks(int p, const ReplicaLog &log, std::size_t begin, std::size_t end) const {
  return kafkaCopyMarks(m_world->kafka, m_world->kafka.partitions[static_cast<std::size_t>(p)], log, begin, end);
}

void KafkaView::build(const engine::World &world) {
  m_world = &world;
  const engine::kafka::KafkaState &k = world.kafka;
  resent = k.counters.retries > 0;
  version = std::string(kafkaVersionName(k.config.version));
  brokers.clear();
  for (const auto &b : k.brokers) {
    const auto &meta = k.metadata.brokers;
    const Offset applied = static_cast<std::size_t>(b.id) < meta.size() ? meta[static_cast<std::size_t>(b.id)].applied : 0;
    brokers.push_back({b.id, b.node, b.state, b.fenced, b.removed, world.net.isIsolated(b.node), world.net.extraDelay(b.node), applied});
  }
  buildControllers(world);
  activeBrokers = k.activeBrokers();
  topics.clear();
  for (const auto &t : k.topics)
    topics.push_back({t.config.name, t.config.partitions, t.config.replicationFactor, t.config.minInsyncReplicas, t.deleted, false});
  partitions.resize(k.partitions.size());
  for (std::size_t p = 0; p < k.partitions.size(); ++p) {
    const auto &part = k.partitions[p];
    PartitionView &v = partitions[p];
    v.id = static_cast<int>(p);
    v.topic = part.topic;
    v.index = part.index;
    v.name = k.partitionName(static_cast<int>(p));
    v.leader = part.leader;
    v.epoch = part.leaderEpoch;
    v.replicas.clear();
    for (std::size_t slot = 0; slot < part.replicas.size(); ++slot)
      v.replicas.push_back({part.replicas[slot], &part.logs[slot]});
    v.isr = part.isr;
    v.elr = part.elr;
    v.lastKnownElr = part.lastKnownElr;
  }
  producers.clear();
  for (const auto &p : k.producers) {
    KafkaProducerView pv;
    pv.name = p.config.name;
    pv.node = p.node;
    pv.acks = p.config.acks;
    pv.rate = p.schedule.rate;
    pv.transactionalId = p.config.transactionalId;
    pv.crashed = p.crashed;
    pv.instance = p.instance;
    pv.phase = p.txn.phase;
    pv.epoch = p.txn.epoch;
    pv.transaction = pv.transactional() ? p.txn.txn : -1;
    if (pv.transaction >= 0 && static_cast<std::size_t>(pv.transaction) < k.transactions.size())
      pv.transactionState = k.transactions[static_cast<std::size_t>(pv.transaction)].state;
    pv.zombieBatches = static_cast<int>(p.zombieBatches.size());
    pv.tooLarge = p.tooLarge;
    producers.push_back(std::move(pv));
  }
  groups.resize(k.groups.size());
  for (std::size_t gi = 0; gi < k.groups.size(); ++gi) {
    const auto &g = k.groups[gi];
    GroupView &v = groups[gi];
    v.name = g.config.group;
    v.topic = g.topic;
    v.parts.clear();
    for (const auto &gp : g.parts)
      v.parts.push_back({gp.owner, gp.position, gp.committed});
    v.consumerProtocol = g.config.protocol == engine::GroupProtocol::Consumer;
    v.readCommitted = g.config.isolationLevel == engine::IsolationLevel::ReadCommitted;
    v.groupEpoch = g.groupEpoch;
    v.members.clear();
    for (std::size_t m = 0; m < g.members.size(); ++m) {
      const auto &member = g.members[m];
      MemberView mv;
      mv.id = member.id;
      mv.node = member.node;
      mv.alive = member.alive;
      mv.inGroup = member.inGroup;
      mv.epoch = member.epoch;
      const int self = static_cast<int>(m);
      for (std::size_t i = 0; i < g.parts.size(); ++i) {
        const auto &gp = g.parts[i];
        mv.owned += gp.owner == self ? 1 : 0;
        if (!v.consumerProtocol)
          continue;
        if (gp.owner == self)
          (gp.revoking || gp.target != self ? mv.revoking : mv.reading).push_back(static_cast<int>(i));
        else if (gp.target == self)
          mv.pending.push_back(static_cast<int>(i));
      }
      v.members.push_back(std::move(mv));
    }
  }
  buildTransactions(world);
  buildShareGroupViews(world, shareGroups);
  ackLatencyMs = recentAckLatencyMs(k.records);
}

} // namespace streamscope::model
