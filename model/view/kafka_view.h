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
  /// The leader's last stable offset: read_committed consumers read below it only. Equal to
  /// the leader's high watermark while no transaction is open (0 with no leader).
  Offset lastStable = 0;
  Offset highWatermark = 0; ///< the leader's (0 with no leader)
  int openTransactions = 0; ///< transactions whose marker is not yet below the high watermark
  bool transactional = false; ///< some transaction has written to it
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
  bool internal = false; ///< a broker's own topic (__transaction_state), not the application's
};

struct KafkaProducerView {
  std::string name;
  NodeId node = -1;
  Acks acks = Acks::All;
  double rate = 0; ///< records per second it is set to produce
  std::string transactionalId; ///< "" = not transactional
  bool crashed = false; ///< its process is gone until it is restarted
  int instance = 0; ///< 0 for the first process; each restart adds one
  TxnPhase phase = TxnPhase::Initialising; ///< transactional only
  std::int32_t epoch = -1; ///< transactional: its producer epoch (-1 before InitProducerId)
  std::int32_t transaction = -1; ///< its current transaction's number, -1 none
  TxnState transactionState = TxnState::Open; ///< of `transaction`
  int zombieBatches = 0; ///< an old instance's batches held until it comes back
  std::int64_t tooLarge = 0; ///< records failed with MESSAGE_TOO_LARGE
  bool transactional() const { return !transactionalId.empty(); }
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
  bool readCommitted = false; ///< isolation.level=read_committed: reads below the last stable offset only
  int groupEpoch = 0;
  /// The group's state for `p`, or nullptr if it does not read p's topic.
  const GroupPartitionView *partition(const PartitionView &p) const;
};

/// What a log entry is with respect to transactions.
enum class TxnMark : std::uint8_t {
  None, ///< an ordinary record
  Open, ///< data of a transaction not yet decided
  Committed, ///< data of a committed (or committing) transaction
  Aborted, ///< data of an aborted (or aborting) transaction: read_committed consumers skip it
  CommitMarker, ///< a control record closing a committed transaction on this partition
  AbortMarker, ///< a control record closing an aborted transaction on this partition
  CoordinatorLog, ///< a transaction coordinator's record in __transaction_state
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
  bool transactions = false; ///< some producer is transactional (the cluster has __transaction_state)

  /// What `entry` (from one of this view's logs) is with respect to transactions.
  TxnMark txnMarkOf(const LogEntry &entry) const;
  static bool isMarker(TxnMark m) { return m == TxnMark::CommitMarker || m == TxnMark::AbortMarker; }
  bool resent = false; ///< some producer has resent a batch: a record may be stored twice

  /// The broker a node is, or -1.
  int brokerOfNode(NodeId node) const;
  /// The controller a node is (dedicated ones have nodes of their own), or nullptr.
  const ControllerView *controllerOfNode(NodeId node) const;
  /// Fills the view from `world`, reusing this one's storage.
  void build(const engine::World &world);
  /// CopyMark of entries [begin, end) of `log`, a replica log of partition `p`: which are
  /// second copies of a record (see stored_copies.h).
  std::vector<std::uint8_t> copyMarks(int p, const ReplicaLog &log, std::size_t begin, std::size_t end) const;

private:
  void buildControllers(const engine::World &world);
  void buildTransactions(const engine::World &world);
  const engine::ChunkedVector<engine::kafka::RecordInfo> *m_records = nullptr;
  std::span<const engine::kafka::Transaction> m_transactions;
  const engine::World *m_world = nullptr;
};

} // namespace streamscope::model
