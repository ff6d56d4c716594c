#pragma once
// Changes an operator makes to a running cluster, as Kafka's admin tools do them: add a
// broker, alter a topic's dynamic configs, add partitions, reassign replicas to a new
// replication factor. Each returns the error Kafka would give, or nullopt when done.
// Contract: called only on the thread that owns the World (Simulation's dispatch and fault routing); not thread-safe.
#include "engine/world/world.h"

#include <optional>
#include <string>
#include <vector>

namespace streamscope::engine::kafka {

/// Kafka's rack-unaware placement without the random start: partition i's replicas start at
/// broker i mod B; the j-th follower sits 1 + (i / B + j) mod (B - 1) brokers further on, so
/// no broker holds two replicas of a partition.
std::vector<int> placeReplicas(int partition, int rf, int brokers);
/// A partition with its per-replica state sized for `replicas` (no leader yet).
Partition newPartition(int topic, int index, std::vector<int> replicas);

/// kafka-topics --create on a running cluster: partitions placed on the registered brokers,
/// each led by its first live replica. Refused if the name exists.
std::optional<std::string> createTopic(World &w, const TopicConfig &config);
/// kafka-topics --delete, for a topic no producer or group uses: every replica is deleted.
std::optional<std::string> deleteTopic(World &w, int topic);
/// Unregisters a broker that holds no replicas (reassign them away first, as in Kafka).
std::optional<std::string> removeBroker(World &w, int broker);

/// A new broker registers with the controller. Like a real one, it holds no replicas until
/// partitions are created on it or reassigned to it. Returns its id.
int addBroker(World &w);

using TopicSetting = TopicSettingKind;
/// A dynamic topic config (kafka-configs --alter). `value`: the count, 0/1, or microseconds
/// for flush.ms; -1 removes flush.messages / flush.ms. Enabling unclean election lets the
/// controller elect a leader for offline partitions at once.
std::optional<std::string> alterTopic(World &w, int topic, TopicSetting setting, std::int64_t value);

/// kafka-topics --alter --partitions: new partitions get replicas and a leader; keyed
/// records remap (murmur2 modulo the new count) and consumer groups rebalance.
std::optional<std::string> addPartitions(World &w, int topic, int total);

/// Reassignment to a new replication factor: added replicas start empty and join the ISR
/// once caught up; removed replicas (never the leader) are deleted with their logs.
std::optional<std::string> setReplicationFactor(World &w, int topic, int replicationFactor);

} // namespace streamscope::engine::kafka
