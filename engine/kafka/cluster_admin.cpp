#include "engine/kafka/cluster_admin.h"

#include "engine/world/config_rules.h"

#include "engine/kafka/broker_heartbeats.h"
#include "engine/kafka/consumer_client.h"
#include "engine/kafka/controller.h"
#include "engine/kafka/eligible_leaders.h"
#include "engine/kafka/metadata_log.h"
#include "engine/kafka/partition_leader.h"
#include "engine/kafka/producer_client.h"
#include "engine/kafka/raft_quorum.h"
#include "engine/kafka/record_ledger.h"
#include "engine/kafka/replica_fetcher.h"
#include "engine/kafka/storage.h"

#include <algorithm>

namespace streamscope::engine::kafka {
namespace {

/// Replicas each broker holds, to place new ones on the least loaded.
std::vector<int> replicaCounts(const KafkaState &k) {
  std::vector<int> count(k.brokers.size(), 0);
  for (const Partition &p : k.partitions)
    for (int r : p.replicas)
      ++count[static_cast<std::size_t>(r)];
  return count;
}

/// A topic's partition count changed: producers re-partition keys, groups rebalance.
void topicResized(World &w, int topic) {
  KafkaState &k = w.kafka;
  const int partitions = k.topics[static_cast<std::size_t>(topic)].config.partitions;
  for (std::size_t i = 0; i < k.producers.size(); ++i) {
    if (k.producers[i].topic != topic)
      continue;
    k.producers[i].parts.resize(static_cast<std::size_t>(partitions));
    useKeys(w, static_cast<int>(i));
  }
  for (std::size_t g = 0; g < k.groups.size(); ++g)
    if (k.groups[g].topic == topic)
      topicPartitionsChanged(w, static_cast<int>(g));
}

void addReplica(World &w, int p, int broker) {
  Partition &part = w.kafka.partitions[static_cast<std::size_t>(p)];
  Offset start = 0;
  if (part.leader >= 0)
    start = part.logOf(part.leader).logStart();
  part.replicas.push_back(broker);
  part.logs.emplace_back();
  part.logs.back().resetTo(start);
  part.followers.emplace_back();
  part.fetcherGen.push_back(0);
  part.fetcherActive.push_back(0);
  if (part.leader >= 0 && canLead(w, broker))
    startFollowing(w, p, broker);
}

void removeReplica(World &w, int p, int slot) {
  Partition &part = w.kafka.partitions[static_cast<std::size_t>(p)];
  const int broker = part.replicas[static_cast<std::size_t>(slot)];
  stopFollowing(w, p, broker);
  const std::vector<LogEntry> removed = part.logs[static_cast<std::size_t>(slot)].truncateTo(0);
  const auto at = static_cast<std::ptrdiff_t>(slot);
  part.replicas.erase(part.replicas.begin() + at);
  part.logs.erase(part.logs.begin() + at);
  part.followers.erase(part.followers.begin() + at);
  part.fetcherGen.erase(part.fetcherGen.begin() + at);
  part.fetcherActive.erase(part.fetcherActive.begin() + at);
  noteRemoved(w, p, removed, Removal::Destroyed);
  // Slot numbers moved: end every fetch loop and parked fetch that names an old slot.
  part.parked.erase(std::remove_if(part.parked.begin(), part.parked.end(), [](const ParkedFetch &f) { return !f.consumer; }), part.parked.end());
  for (std::size_t s = 0; s < part.replicas.size(); ++s) {
    part.fetcherGen[s] += 1u << 20;
    part.fetcherActive[s] = 0;
  }
  const auto inIsr = std::find(part.isr.begin(), part.isr.end(), broker);
  if (inIsr != part.isr.end()) {
    part.isr.erase(inIsr);
    w.record(EventType::IsrShrunk, -1, p, static_cast<std::int64_t>(part.isr.size()), 0, 0, broker);
  }
  // The reassignment takes effect at once (see docs/fidelity.md): the controller's image follows.
  growImage(w);
  std::vector<int> &imageIsr = w.kafka.metadata.image[static_cast<std::size_t>(p)].isr;
  imageIsr.erase(std::remove(imageIsr.begin(), imageIsr.end(), broker), imageIsr.end());
  part.pendingIsr.erase(std::remove(part.pendingIsr.begin(), part.pendingIsr.end(), broker), part.pendingIsr.end());
  dropEligibleReplica(w, p, broker);
  for (int r : part.replicas)
    if (r != part.leader && canLead(w, r))
      startFollowing(w, p, r);
  maybeAdvanceHighWatermark(w, p); // a smaller ISR may let the HW move
}

/// placeReplicas over the registered brokers (removed ones keep their ids but take nothing).
std::vector<int> placeOnActive(const KafkaState &k, int partition, int rf) {
  const std::vector<int> active = k.activeBrokers();
  std::vector<int> replicas = placeReplicas(partition, rf, static_cast<int>(active.size()));
  for (int &r : replicas)
    r = active[static_cast<std::size_t>(r)];
  return replicas;
}

/// Admin requests go to the active controller; without one they time out.
std::optional<std::string> controllerUnavailable(const World &w) {
  if (controllerReady(w))
    return std::nullopt;
  if (w.kafka.metadata.zookeeper)
    return std::string("TimeoutException: no controller is available (ZooKeeper controller election or metadata load in progress)");
  return std::string("TimeoutException: the controller quorum has no leader (a majority of controllers is unreachable)");
}

void appendTopicRecord(World &w, MetadataRecordType type, int topic, std::int64_t value) {
  MetadataRecord r;
  r.type = type;
  r.partition = topic;
  r.value = value;
  appendRecord(w, std::move(r));
}

bool topicInUse(const KafkaState &k, int topic, std::string &user) {
  for (const Producer &p : k.producers)
    if (p.topic == topic) {
      user = "producer " + p.config.name;
      return true;
    }
  for (const ConsumerGroup &g : k.groups)
    if (g.topic == topic) {
      user = "group " + g.config.group;
      return true;
    }
  return false;
}

} // namespace

std::vector<int> placeReplicas(int partition, int rf, int brokers) {
  std::vector<int> replicas;
  const int first = partition % brokers;
  replicas.push_back(first);
  for (int j = 0; j < rf - 1; ++j)
    replicas.push_back((first + 1 + (partition / brokers + j) % (brokers - 1)) % brokers);
  return replicas;
}

Partition newPartition(int topic, int index, std::vector<int> replicas) {
  Partition part;
  part.topic = topic;
  part.index = index;
  part.replicas = std::move(replicas);
  const std::size_t n = part.replicas.size();
  part.logs.resize(n);
  part.followers.resize(n);
  part.fetcherGen.assign(n, 0);
  part.fetcherActive.assign(n, 0);
  return part;
}

std::optional<std::string> createTopic(World &w, const TopicConfig &config) {
  KafkaState &k = w.kafka;
  for (const Topic &t : k.topics)
    if (!t.deleted && t.config.name == config.name)
      return "TopicExistsException: Topic '" + config.name + "' already exists.";
  const int brokers = static_cast<int>(k.activeBrokers().size());
  if (auto refused = replicationFactorError(config.replicationFactor, brokers))
    return refused;
  if (config.partitions < 1)
    return std::string("InvalidPartitionsException: Number of partitions must be larger than 0.");
  if (auto refused = controllerUnavailable(w))
    return refused;
  const int topic = static_cast<int>(k.topics.size());
  k.topics.push_back(Topic{config, false, {}});
  Topic &t = k.topics.back();
  appendTopicRecord(w, MetadataRecordType::Topic, topic, config.partitions);
  for (int i = 0; i < config.partitions; ++i) {
    const int p = static_cast<int>(k.partitions.size());
    k.partitions.push_back(newPartition(topic, i, placeOnActive(k, i, config.replicationFactor)));
    t.partitionIds.push_back(p);
    startPartition(w, p);
  }
  w.record(EventType::PartitionsAdded, -1, topic, config.partitions);
  return std::nullopt;
}

std::optional<std::string> deleteTopic(World &w, int topic) {
  KafkaState &k = w.kafka;
  Topic &t = k.topics[static_cast<std::size_t>(topic)];
  std::string user;
  if (t.deleted)
    return "UnknownTopicOrPartitionException: This server does not host this topic-partition.";
  if (topicInUse(k, topic, user))
    return "topic '" + t.config.name + "' is in use by " + user + ": the simulation deletes only unused topics";
  if (auto refused = controllerUnavailable(w))
    return refused;
  appendTopicRecord(w, MetadataRecordType::Topic, topic, 0);
  for (int p : t.partitionIds) {
    Partition &part = k.partitions[static_cast<std::size_t>(p)];
    for (int r : part.replicas)
      stopFollowing(w, p, r);
    for (ReplicaLog &log : part.logs)
      noteRemoved(w, p, log.truncateTo(0), Removal::Deleted);
    part = newPartition(part.topic, part.index, {});
  }
  t.deleted = true;
  w.record(EventType::PartitionsAdded, -1, topic, 0);
  return std::nullopt;
}

std::optional<std::string> removeBroker(World &w, int broker) {
  KafkaState &k = w.kafka;
  Broker &b = k.brokers[static_cast<std::size_t>(broker)];
  if (b.removed)
    return "BrokerIdNotRegisteredException: Broker " + std::to_string(broker) + " is not registered.";
  for (std::size_t p = 0; p < k.partitions.size(); ++p)
    if (k.partitions[p].slotOf(broker) >= 0)
      return "broker " + std::to_string(broker) + " still holds a replica of " + k.partitionName(static_cast<int>(p)) +
          ": reassign its replicas first";
  b.removed = true;
  b.state = BrokerState::PoweredOff;
  w.net.isolate(b.node);
  w.record(EventType::BrokerPowerLost, broker);
  return std::nullopt;
}

int addBroker(World &w) {
  KafkaState &k = w.kafka;
  Broker b;
  b.id = static_cast<int>(k.brokers.size());
  b.node = w.net.addNode();
  k.brokers.push_back(b);
  w.record(EventType::BrokerAdded, b.id);
  // It starts from a snapshot of the committed metadata, registered and unfenced.
  startHeartbeats(w, b.id);
  k.metadata.brokers[static_cast<std::size_t>(b.id)].applied = k.metadata.committed();
  startObserverFetch(w, b.id);
  scheduleStorageTasks(w, b.id);
  w.after(k.config.replicaLagTimeMax / 2, Action{ActionType::IsrCheck, -1, -1, b.id});
  return b.id;
}

std::optional<std::string> alterTopic(World &w, int topic, TopicSetting setting, std::int64_t value) {
  TopicConfig &t = w.kafka.topics[static_cast<std::size_t>(topic)].config;
  if (auto refused = controllerUnavailable(w))
    return refused;
  switch (setting) {
  case TopicSetting::MinInsyncReplicas:
    if (value < 1)
      return "InvalidConfigurationException: Invalid value " + std::to_string(value) +
          " for configuration min.insync.replicas: Value must be at least 1";
    t.minInsyncReplicas = static_cast<int>(value);
    clearEligibleLeaders(w, topic);
    // A lower min ISR may free the high watermark (strict min ISR). Kafka sees it at the
    // followers' next fetch, which for an idle partition lists nothing new: decide it here.
    for (int p : w.kafka.topics[static_cast<std::size_t>(topic)].partitionIds)
      maybeAdvanceHighWatermark(w, p);
    break;
  case TopicSetting::UncleanLeaderElection:
    t.uncleanLeaderElection = value != 0;
    if (t.uncleanLeaderElection)
      for (int p : w.kafka.topics[static_cast<std::size_t>(topic)].partitionIds)
        if (w.kafka.metadata.image[static_cast<std::size_t>(p)].leader < 0)
          electLeader(w, p);
    break;
  case TopicSetting::FlushMessages:
    if (value == 0 || value < -1)
      return "InvalidConfigurationException: Invalid value " + std::to_string(value) + " for configuration flush.messages: Value must be at least 1";
    t.flushIntervalMessages = value < 0 ? std::nullopt : std::optional<std::int64_t>(value);
    break;
  case TopicSetting::FlushMs:
    if (value == 0 || value < -1)
      return "InvalidConfigurationException: Invalid value for configuration flush.ms: Value must be at least 1 ms";
    // Takes effect at the log flusher's next run; without log.flush.scheduler.interval.ms it never runs.
    t.flushInterval = value < 0 ? std::nullopt : std::optional<SimTime>(value);
    break;
  }
  // A ConfigRecord; brokers use the new value at once (see docs/fidelity.md).
  appendTopicRecord(w, MetadataRecordType::Config, topic, value);
  w.record(EventType::ConfigChanged, -1, topic, value, 0, static_cast<std::uint8_t>(setting));
  return std::nullopt;
}

std::optional<std::string> addPartitions(World &w, int topic, int total) {
  KafkaState &k = w.kafka;
  Topic &t = k.topics[static_cast<std::size_t>(topic)];
  const int current = t.config.partitions;
  if (total == current)
    return "InvalidPartitionsException: Topic already has " + std::to_string(current) + " partitions.";
  if (total < current)
    return "InvalidPartitionsException: Topic currently has " + std::to_string(current) + " partitions, which is higher than the requested " +
        std::to_string(total) + ".";
  const int brokers = static_cast<int>(k.activeBrokers().size());
  if (t.deleted)
    return "UnknownTopicOrPartitionException: This server does not host this topic-partition.";
  if (auto refused = replicationFactorError(t.config.replicationFactor, brokers))
    return refused;
  if (auto refused = controllerUnavailable(w))
    return refused;
  for (int i = current; i < total; ++i) {
    const int p = static_cast<int>(k.partitions.size());
    k.partitions.push_back(newPartition(topic, i, placeOnActive(k, i, t.config.replicationFactor)));
    t.partitionIds.push_back(p);
    startPartition(w, p);
  }
  t.config.partitions = total;
  w.record(EventType::PartitionsAdded, -1, topic, total);
  topicResized(w, topic);
  return std::nullopt;
}

std::optional<std::string> setReplicationFactor(World &w, int topic, int rf) {
  KafkaState &k = w.kafka;
  Topic &t = k.topics[static_cast<std::size_t>(topic)];
  const std::vector<int> active = k.activeBrokers();
  const int brokers = static_cast<int>(active.size());
  if (t.deleted)
    return "UnknownTopicOrPartitionException: This server does not host this topic-partition.";
  if (auto refused = replicationFactorError(rf, brokers))
    return refused;
  if (auto refused = controllerUnavailable(w))
    return refused;
  for (int p : t.partitionIds) {
    Partition &part = k.partitions[static_cast<std::size_t>(p)];
    while (static_cast<int>(part.replicas.size()) < rf) {
      const std::vector<int> count = replicaCounts(k);
      int best = -1;
      for (int b : active)
        if (part.slotOf(b) < 0 && (best < 0 || count[static_cast<std::size_t>(b)] < count[static_cast<std::size_t>(best)]))
          best = b;
      addReplica(w, p, best);
    }
    while (static_cast<int>(part.replicas.size()) > rf) {
      int slot = static_cast<int>(part.replicas.size()) - 1; // the newest non-leader replica goes
      while (part.replicas[static_cast<std::size_t>(slot)] == part.leader)
        --slot;
      removeReplica(w, p, slot);
    }
  }
  t.config.replicationFactor = rf;
  w.record(EventType::ReplicasReassigned, -1, topic, rf);
  return std::nullopt;
}

} // namespace streamscope::engine::kafka
