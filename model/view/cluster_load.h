#pragma once
// Summaries of a big cluster or stream for the canvas's far level of detail: how each broker
// is loaded (leaders, recent bytes in, partitions in trouble), each partition's health and
// consumer lag, and each shard's recent writes. Computed from one frame's view, on demand.
// Contract: GUI thread; valid for the frame whose view they came from.
#include "world_view.h"

#include <cstdint>
#include <vector>

namespace streamscope::model {

/// What a partition's replicas allow now.
enum class PartitionHealth : std::uint8_t {
  Healthy, ///< every replica in sync
  UnderReplicated, ///< fewer in sync than assigned, still at least min ISR
  UnderMinIsr, ///< fewer in sync than min ISR: acks=all writes are refused
  Offline, ///< no leader
};

struct BrokerLoad {
  int leaders = 0; ///< partitions it leads
  int replicas = 0; ///< replicas it hosts
  int underReplicated = 0; ///< partitions it leads that are under-replicated or below min ISR
  int offline = 0; ///< partitions it hosts that have no leader
  std::int64_t bytesIn = 0; ///< record bytes its leader logs took from producers over the last second
};

PartitionHealth healthOf(const KafkaView &k, const PartitionView &p);
/// Records the slowest group reading `p`'s topic has still to commit (high watermark minus its
/// committed offset, or minus the log start before its first commit); -1 when no group reads it.
Offset consumerLag(const KafkaView &k, const PartitionView &p);
/// One row per broker id (removed brokers included, empty); bytes in are read from each
/// broker's meter. REQUIRES: view.built() and view.hasKafka().
std::vector<BrokerLoad> brokerLoads(const WorldView &view);
/// The broker id that is the active controller (combined or ZooKeeper mode), or -1.
int controllerBroker(const KafkaView &k);
/// Records `shard` stored with an arrival time in (now - window, now].
std::int64_t recentRecords(const ShardView &shard, SimTime now, SimTime window);

} // namespace streamscope::model
