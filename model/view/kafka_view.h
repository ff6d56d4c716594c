#pragma once
// The Kafka cluster as the UI sees it in one frame: brokers with their network state,
// topics, partitions with each replica's log, producers and consumer groups. Logs are
// referenced, not copied. GUI thread (built by WorldView); valid until the next frame.
#include "engine_types.h"
#include "share_view.h"

#include <optional>
#include <span>
#include <string>
#include <vector>

namespace streamscope::engine {
struct World;
}

namespace streamscope::model {

struct BrokerView {
  int id = 0;
  NodeId node = -1;
  BrokerState state = BrokerState::Running;
  bool fenced = false; ///< the controller considers it dead
  bool removed = false; ///< unregistered from the cluster
  bool isolated = false; ///< every network link to it is cut
  SimTime extraDelay = 0; ///< added to every message to or from it
  Offset metadataApplied = 0; ///< how far its copy of the metadata log is applied
  bool running() const { return state == BrokerState::Running; }
};

/// A KRaft controller (or, in ZooKeeper mode, the broker acting as controller).
struct ControllerView {
  enum class Role : std::uint8_t { Leader, Voter, Candidate, Offline };
  int id = 0; ///< 3000.. dedicated, the broker id when combined or in ZooKeeper mode
  NodeId node = -1;
  Role role = Role::Voter;
  std::int32_t epoch = 0;
  Offset logEnd = 0;
  Offset committed = 0;
  bool isolated = false;
};

struct ReplicaView {
  int broker = -1;
  const ReplicaLog *log = nullptr; ///< the broker's copy of the log; never null in a built view
};

struct PartitionView {
  int id = 0; ///< index among all partitions (WorldItem's numbering)
  int topic = 0; ///< index in KafkaView::topics
  int index = 0; ///< partition number within its topic
  std::string name; ///< "orders-3"
  int leader = -1; ///< broker id, -1 = offline
  std::int32_t epoch = 0;
  std::vector<ReplicaView> replicas; ///< assignment order; the first is the preferred leader
  std::span<const int> isr; ///< broker ids in the in-sync replica set
  std::span<const int> elr; ///< eligible leader replicas (KIP-966): out of the ISR, still safe leaders
  std::span<const int> lastKnownElr; ///< the last leader, remembered while the ISR is empty
  bool inIsr(int broker) const;
  bool inElr(int broker) const;
  bool isLastKnownLeader(int broker) const;
  /// The replica on `broker`, or nullptr if it hosts none.
  const ReplicaView *replicaOn(int broker) const;
  /// REQUIRES: replicaOn(broker).
  const ReplicaLog &logOf(int broker) const { return *replicaOn(broker)->log; }
};

struct TopicView {
  std::string name;
  int partitions = 0;
  int replicationFactor = 0;
  int minInsyncReplicas = 0;
  bool deleted = false;
};

struct KafkaProducerView {
  std::string name;
  NodeId node = -1;
  Acks acks = Acks::All;
  double rate = 0; ///< records per second it is set to produce
};

struct MemberView {
  std::string id;
  NodeId node = -1;
  bool alive = true; ///< process running
  bool inGroup = true; ///< the coordinator counts it
  int owned = 0; ///< partitions assigned to it
  // Consumer protocol (KIP-848) only: where its reconciliation stands.
  int epoch = 0; ///< member epoch
  std::vector<int> reading; ///< partitions it owns and reads
  std::vector<int> revoking; ///< revoked, the acknowledgement not yet sent
  std::vector<int> pending; ///< in its target assignment, not yet handed to it
};

struct GroupPartitionView {
  int owner = -1; ///< member index, -1 unassigned
  Offset position = -1; ///< next offset the owner fetches
  Offset committed = -1; ///< -1 = none
};

struct GroupView {
  std::string name;
  int topic = 0;
  std::vector<MemberView> members;
  std::vector<GroupPartitionView> parts; ///< by partition number within the topic
  bool consumerProtocol = false; ///< group.protocol=consumer (KIP-848)
  int groupEpoch = 0;
  /// The group's state for `p`, or nullptr if it does not read p's topic.
  const GroupPartitionView *partition(const PartitionView &p) const;
};

struct KafkaView {
  std::string version; ///< kafka.version: whose replication rules apply ("4.1")
  std::vector<BrokerView> brokers; ///< by id (removed ones included)
  std::vector<int> activeBrokers; ///< ids of brokers still registered
  std::vector<TopicView> topics;
  std::vector<PartitionView> partitions;
  std::vector<KafkaProducerView> producers;
  std::vector<GroupView> groups;
  std::vector<ShareGroupView> shareGroups; ///< KIP-932
  std::vector<ControllerView> controllers;
  bool zookeeper = false; ///< ZooKeeper mode: `controllers` is the controller broker, if any
  Offset metadataCommitted = 0; ///< committed offset of __cluster_metadata
  Offset metadataBase = 0; ///< offsets below it are the bootstrap snapshot
  SimTime controllerReadyAt = 0; ///< ZooKeeper mode: the new controller acts from then (it loads the metadata first)
  std::optional<double> ackLatencyMs; ///< recent produce-to-acknowledgement time

  /// The broker a node is, or -1.
  int brokerOfNode(NodeId node) const;
  /// The controller a node is (dedicated ones have nodes of their own), or nullptr.
  const ControllerView *controllerOfNode(NodeId node) const;
  /// Fills the view from `world`, reusing this one's storage.
  void build(const engine::World &world);

private:
  void buildControllers(const engine::World &world);
};

} // namespace streamscope::model
