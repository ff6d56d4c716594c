#include "cluster_load.h"

#include "engine/world/world.h"

#include <algorithm>

namespace streamscope::model {

PartitionHealth healthOf(const KafkaView &k, const PartitionView &p) {
  if (p.leader < 0)
    return PartitionHealth::Offline;
  const auto inSync = static_cast<int>(p.isr.size());
  if (inSync < k.topics[static_cast<std::size_t>(p.topic)].minInsyncReplicas)
    return PartitionHealth::UnderMinIsr;
  return inSync < static_cast<int>(p.replicas.size()) ? PartitionHealth::UnderReplicated : PartitionHealth::Healthy;
}

Offset consumerLag(const KafkaView &k, const PartitionView &p) {
  Offset lag = -1;
  for (const GroupView &g : k.groups)
    if (const GroupPartitionView *gp = g.partition(p)) {
      const Offset from = gp->committed >= 0 ? gp->committed : (p.leader >= 0 ? p.logOf(p.leader).logStart() : p.highWatermark);
      lag = std::max(lag, std::max<Offset>(0, p.highWatermark - from));
    }
  return lag;
}

std::vector<BrokerLoad> brokerLoads(const WorldView &view) {
  const KafkaView &k = view.kafka();
  std::vector<BrokerLoad> loads(k.brokers.size());
  const auto &brokers = view.source().kafka.brokers;
  for (std::size_t b = 0; b < loads.size() && b < brokers.size(); ++b)
    loads[b].bytesIn = brokers[b].bytesIn.lastSecond(view.now());
  for (const PartitionView &p : k.partitions) {
    const bool offline = p.leader < 0;
    for (const ReplicaView &r : p.replicas) {
      BrokerLoad &load = loads[static_cast<std::size_t>(r.broker)];
      ++load.replicas;
      load.offline += offline ? 1 : 0;
    }
    if (offline)
      continue;
    BrokerLoad &leader = loads[static_cast<std::size_t>(p.leader)];
    ++leader.leaders;
    leader.underReplicated += healthOf(k, p) == PartitionHealth::Healthy ? 0 : 1;
  }
  return loads;
}

int controllerBroker(const KafkaView &k) {
  for (const ControllerView &c : k.controllers) // dedicated controllers have ids from 3000, beyond the brokers
    if (c.role == ControllerView::Role::Leader && c.id >= 0 && static_cast<std::size_t>(c.id) < k.brokers.size())
      return c.id;
  return -1;
}

std::int64_t recentRecords(const ShardView &shard, SimTime now, SimTime window) {
  const std::deque<StoredRecord> &records = *shard.records;
  // Stored in sequence-number order, which follows arrival: a binary search finds the window.
  const auto first = std::partition_point(records.begin(), records.end(), [&](const StoredRecord &r) { return r.arrival <= now - window; });
  return records.end() - first;
}

} // namespace streamscope::model
