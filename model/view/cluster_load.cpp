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

namespace {

/// The first entry of `entries` whose record was created after `since`. Appends are in
/// creation order but for retries, and the window is at the log's end: a search galloping back
/// from the end reads only recent records (the newest of the ledger, in cache), where a binary
/// search from the start would touch cold, old ones. Only the record column is read.
std::size_t firstSince(const engine::kafka::LogEntries &entries, const engine::ChunkedVector<engine::kafka::RecordInfo> &records, SimTime since) {
  const auto older = [&](std::size_t i) {
    const engine::kafka::RecordId id = entries.recordAt(i);
    return id >= records.size() || records[id].createdAt <= since;
  };
  std::size_t hi = entries.size(); // entries [hi, size) are recent
  for (std::size_t step = 1; hi > 0; step *= 2) {
    const std::size_t lo = hi > step ? hi - step : 0;
    if (older(lo)) { // the window starts in (lo, hi]: a binary search there
      std::size_t first = lo + 1;
      while (first < hi) {
        const std::size_t mid = first + (hi - first) / 2;
        if (older(mid))
          first = mid + 1;
        else
          hi = mid;
      }
      return first;
    }
    hi = lo;
  }
  return 0;
}

} // namespace

std::vector<BrokerLoad> brokerLoads(const WorldView &view, SimTime window) {
  const KafkaView &k = view.kafka();
  const auto &records = view.source().kafka.records;
  const SimTime since = view.now() - window;
  std::vector<BrokerLoad> loads(k.brokers.size());
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
    const auto &entries = p.logOf(p.leader).entries();
    for (std::size_t i = firstSince(entries, records, since); i < entries.size(); ++i)
      leader.bytesIn += entries.bytesAt(i);
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
