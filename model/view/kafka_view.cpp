#include "kafka_view.h"

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

void KafkaView::build(const engine::World &world) {
  const engine::kafka::KafkaState &k = world.kafka;
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
    topics.push_back({t.config.name, t.config.partitions, t.config.replicationFactor, t.config.minInsyncReplicas, t.deleted});
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
  for (const auto &p : k.producers)
    producers.push_back({p.config.name, p.node, p.config.acks, p.schedule.rate});
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
  buildShareGroupViews(world, shareGroups);
  ackLatencyMs = recentAckLatencyMs(k.records);
}

} // namespace streamscope::model
