#pragma once
// Everything a simulated Kafka cluster and its clients hold, as plain copyable data. Logic
// lives in the free functions of the other kafka/ files; copying this struct (inside World)
// is a complete snapshot.
// Contract: a plain copyable value; any thread may use its own copy, and only the World's owner changes the World's.
#include "engine/core/chunked_vector.h"
#include "engine/core/event.h"
#include "engine/core/network.h"
#include "engine/core/pool.h"
#include "engine/core/rate_meter.h"
#include "engine/world/kafka/consumer_session.h"
#include "engine/world/kafka/fetch_session.h"
#include "engine/world/kafka/metadata_state.h"
#include "engine/world/kafka/produce_request.h"
#include "engine/world/kafka/replica_log.h"
#include "engine/world/kafka/share_state.h"
#include "engine/world/kafka/sticky_partitioner.h"
#include "engine/world/kafka/transaction_state.h"
#include "engine/world/scenario.h"
#include "engine/world/workload.h"

#include <cstdint>
#include <deque>
#include <map>
#include <string>
#include <vector>

namespace streamscope::engine::kafka {

enum class BrokerState : std::uint8_t { Running, Crashed, PoweredOff };

struct Broker {
  int id = 0;
  NodeId node = -1;
  BrokerState state = BrokerState::Running;
  bool fenced = false; ///< the controller considers it dead
  std::uint32_t incarnation = 0; ///< bumped on restart: in-flight messages to the old process die
  std::uint32_t outage = 0; ///< bumped when it stops heartbeating (crash, power, isolation)
  SimTime diskBusyUntil = 0; ///< fsyncs are serialised on the broker's disk
  bool removed = false; ///< unregistered from the cluster (it held no replicas)
  RateMeter bytesIn; ///< record bytes its leader logs took from producers (BytesInPerSec)
  bool running() const { return state == BrokerState::Running; }
};

/// What the engine remembers of each produced record; payloads are counted, not stored.
struct RecordInfo {
  enum Flag : std::uint8_t {
    Acked = 1, ///< the producer was told it succeeded
    Removed = 2, ///< legitimately deleted somewhere (retention, compaction)
    Stored = 4, ///< reached at least one log
    Dropped = 8, ///< an acks=0 send that never arrived
    Failed = 16, ///< the producer gave up (error reported to the application)
    LostSeen = 32, ///< a RecordsLost event was emitted for it
    Tombstone = 64, ///< null value: deletes its key from a compacted topic
    Control = 128, ///< a transaction marker or a coordinator's transaction-log record, not data
  };
  // Laid out for size (40 bytes: a 10^8-record run keeps 10^8 of these): the two times are
  // 48-bit microsecond counts (+-4 years), each sharing its 8 bytes with a 16-bit field.
  SimTime createdAt : 48 = 0; ///< also its CreateTime timestamp
  std::int16_t producer = -1;
  SimTime ackedAt : 48 = -1;
  std::uint16_t copies = 0; ///< entries holding it across every replica log
  std::int32_t partition = -1;
  std::int32_t key = -1; ///< index into KafkaState::keys; -1 = null key
  std::int32_t seq = -1; ///< idempotent producer sequence within its partition
  std::uint32_t bytes = 0;
  std::int32_t txn = -1; ///< its transaction (index in KafkaState::transactions), -1 = none
  std::uint8_t flags = 0;
  std::uint8_t pidGen = 0; ///< which producer id of its producer (a restarted non-transactional producer gets a new one)
  bool has(Flag f) const { return (flags & f) != 0; }
};
static_assert(sizeof(RecordInfo) == 40, "RecordInfo is kept at 40 bytes");

/// The leader's view of one follower (Kafka's remote replica state).
struct FollowerView {
  Offset leo = -1;
  SimTime lastCaughtUp = 0;
  Offset lastFetchLeaderLeo = -1;
  SimTime lastFetchTime = 0;
};

/// An acks=all produce request waiting for the high watermark (the produce purgatory).
struct PendingProduce {
  std::int32_t batch = -1;
  std::uint32_t attempt = 0;
  Offset baseOffset = 0;
  Offset required = 0; ///< HW must reach this (last offset + 1)
  SimTime deadline = 0;
  SimTime readyAt = 0; ///< the append's fsync (flush.messages) completes then
  std::int32_t request = -1; ///< the produce request (index in KafkaState::produceRequests)
  std::int32_t slot = -1; ///< this partition's place in that request
};

struct Partition {
  int topic = 0;
  int index = 0;
  std::vector<int> replicas; ///< assignment order; the first is the preferred leader
  std::vector<ReplicaLog> logs; ///< one per replica slot
  std::vector<FollowerView> followers; ///< leader's view, per slot
  std::vector<std::uint32_t> fetcherGen; ///< per slot: bumping it ends a follower's fetch loop
  std::vector<std::uint8_t> fetcherActive; ///< per slot: its fetch loop runs (through the session with the leader)
  int leader = -1; ///< broker id, -1 = offline
  std::int32_t leaderEpoch = 0;
  std::vector<int> isr;
  /// Eligible leader replicas (KIP-966): left the ISR while it was below min ISR, so they
  /// hold every committed record; sorted. Empty unless the rule is on.
  std::vector<int> elr;
  /// Kafka's LastKnownElr as 4.x fills it: the leader at the moment the ISR became empty,
  /// elected again if it returns while ISR and ELR are empty; cleared once there is a leader.
  std::vector<int> lastKnownElr;
  Offset leaderEpochStart = 0;
  std::vector<PendingProduce> purgatory;
  std::vector<ParkedFetch> parked;
  std::int32_t partitionEpoch = 0; ///< bumped by every applied leader or ISR change
  /// AlterPartition in flight: the ISR the leader proposed. Until the controller commits it
  /// the old ISR stays in force, but the high watermark uses both (Kafka's maximal ISR).
  std::vector<int> pendingIsr;
  bool alterInFlight = false;
  SimTime alterSentAt = 0;
  SimTime unavailableSince = 0; ///< no serving leader since then (-1: it has one)
  SimTime unavailableTotal = 0; ///< closed periods without a serving leader
  // Transactions (the leader's producer state; rebuilt from its log by a new leader).
  std::vector<OpenTxn> openTxns; ///< transactions whose marker is not yet below the HW
  std::vector<ProducerEpoch> producerEpochs;
  std::vector<HwWaiter> hwWaiters; ///< coordinator log writes and markers waiting for the HW

  /// The last stable offset: below it every transaction has its marker replicated; the
  /// first record of the oldest transaction still open holds it back.
  Offset lastStableOffset(Offset hw) const {
    Offset lso = hw;
    for (const OpenTxn &o : openTxns)
      lso = o.first < lso ? o.first : lso;
    return lso;
  }
  int slotOf(int broker) const {
    for (std::size_t i = 0; i < replicas.size(); ++i)
      if (replicas[i] == broker)
        return static_cast<int>(i);
    return -1;
  }
  bool inIsr(int broker) const {
    for (int b : isr)
      if (b == broker)
        return true;
    return false;
  }
  bool inElr(int broker) const {
    for (int b : elr)
      if (b == broker)
        return true;
    return false;
  }
  ReplicaLog &logOf(int broker) { return logs[static_cast<std::size_t>(slotOf(broker))]; }
  const ReplicaLog &logOf(int broker) const { return logs[static_cast<std::size_t>(slotOf(broker))]; }
};

struct Topic {
  TopicConfig config;
  bool deleted = false; ///< deleted during the run: its partitions hold no replicas any more
  std::vector<int> partitionIds; ///< by partition number: its index in KafkaState::partitions
};

/// Pool size at which finished batches are first reclaimed (then twice the live count).
inline constexpr std::size_t kFirstBatchReclaim = 1024;

struct Batch {
  std::int32_t producer = -1;
  std::int32_t partition = -1;
  std::vector<RecordId> records;
  std::int64_t bytes = 0;
  SimTime createdAt = 0;
  std::uint32_t attempt = 0; ///< 0 until sent, then unique per send: a response for an older attempt is stale
  std::uint32_t request = 0; ///< the attempt of the first batch of the request it was last sent in (names the request)
  std::int64_t retriesUsed = 0;
  SimTime retryAt = 0; ///< not sent again before this (retry back-off)
  bool resetSequence = false; ///< earlier batches are gone: the broker accepts a sequence gap
  Acks acks = Acks::All; ///< stamped on each send, as a real request carries it: set_acks later does not change it
  SimTime sentAt = -1; ///< the latest send (read only by client_waits: what the producer waits for)
  SimTime requestDeadline = -1; ///< that send's request.timeout.ms timer fires then (read only by client_waits)
  int sentTo = -1; ///< the broker that send went to
  SimTime failedAt = -1; ///< the latest failed attempt (its retry back-off starts here)
  bool inFlight = false;
  bool live = false; ///< slot in use
  std::int32_t instance = 0; ///< the producer instance that made it
  std::int32_t epoch = -1; ///< transactional: the producer epoch it carries
  std::uint8_t pidGen = 0; ///< the producer id it carries (see RecordInfo::pidGen)
  bool zombie = false; ///< sent by an old instance that came back after a restart
};

/// Kafka's per-partition deque in the RecordAccumulator: records go into the last batch until
/// it is full or sent; linger.ms only makes a batch sendable. Retried batches go to the front.
struct ProducerPartition {
  std::deque<std::int32_t> queue;
  std::vector<std::int32_t> unresolved; ///< batches neither acknowledged nor failed, oldest first
  int inFlight = 0;
  std::int32_t nextSeq = 0;
  bool waitScheduled = false; ///< a retry-after-backoff wake-up is pending
  int listedOn = -1; ///< the broker whose drain list holds it (it has queued batches), -1 none
};

struct Producer {
  ProducerConfig config;
  int topic = 0;
  NodeId node = -1;
  int workload = 0; ///< index in the scenario's producers (keys are chosen per workload)
  RateSchedule schedule;
  std::int64_t produced = 0;
  std::int64_t tooLarge = 0; ///< records failed with MESSAGE_TOO_LARGE
  std::vector<std::int32_t> keyIds; ///< key pool (indices into KafkaState::keys)
  std::vector<int> keyPartition; ///< murmur2 partition of each key in the pool
  StickyPartitioner sticky;
  std::vector<ProducerPartition> parts;
  bool done = false;
  std::int32_t instance = 0; ///< bumped by restart_producer
  bool crashed = false; ///< crash_producer: the process is gone (until restart_producer)
  std::uint8_t pidGen = 0;
  TxnClient txn; ///< transactional producers only
  std::vector<std::int32_t> zombieBatches; ///< an old instance's batches, sent when it comes back
  std::vector<SimTime> connectionArrival; ///< per broker, when the last produce request sent to it arrives
  std::vector<int> brokerInFlight; ///< per broker connection: produce requests awaiting an answer
  std::vector<std::vector<std::int32_t>> queuedOn; ///< per broker: local partitions with queued batches led there
};

struct Member {
  std::string id;
  NodeId node = -1;
  bool alive = true; ///< process running
  bool inGroup = true; ///< the coordinator counts it (until leave or session expiry)
  std::uint32_t incarnation = 0;
  // Consumer protocol (KIP-848) only.
  std::int32_t epoch = 0; ///< member epoch: the group epoch it has reconciled to
  std::uint32_t heartbeatToken = 0; ///< the heartbeat in flight; an older one is stale
  SimTime lastHeartbeat = -1; ///< the coordinator's session timer runs from here
  SimTime sessionExpiresAt = -1; ///< dead: the coordinator's session timer fires then (read only by client_waits)
  std::vector<std::int32_t> sessions; ///< per broker: its fetch session (index in KafkaState::consumerSessions), -1 none
};

struct GroupPartition {
  int owner = -1; ///< member index, -1 unassigned
  int pendingOwner = -1; ///< assigned when the running rebalance completes
  bool secondRound = false; ///< cooperative: revoked now, assigned in the follow-up round
  Offset position = -1; ///< next offset to fetch (owner's)
  Offset committed = -1; ///< next offset to read after a restart; -1 = none
  std::uint32_t fetchGen = 0;
  bool fetching = false;
  bool stopped = false; ///< auto.offset.reset=none hit an out-of-range position
  int target = -1; ///< consumer protocol: the member the target assignment gives it to
  bool revoking = false; ///< consumer protocol: its owner revoked it and has not yet acknowledged
  SimTime unownedSince = -1; ///< no live member reads it since then (-1: one does)
  SimTime unownedTotal = 0; ///< closed stretches of unowned time (see unownedTime)
  std::int32_t interruptions = 0; ///< times a live reader lost it (revoked, moved, owner died)
  int fetchBroker = -1; ///< the leader it is fetched from: the member's session with that broker carries it
  SimTime retryAt = -1; ///< a metadata back-off runs until then and no request carries it (-1: none)
  // Read only by client_waits (what the member waits for); they decide nothing.
  SimTime fetchSentAt = -1; ///< the latest fetch request that carried it
  SimTime leaderlessSince = -1; ///< the fetch loop has found no leader since then (-1: it has one)
};

struct ConsumerGroup {
  ConsumerGroupConfig config;
  int topic = 0;
  std::vector<Member> members;
  std::vector<GroupPartition> parts;
  std::int32_t generation = 0;
  std::int32_t groupEpoch = 0; ///< consumer protocol: bumped on every membership or metadata change
  std::uint32_t rebalanceToken = 0;
  bool rebalancing = false;
  std::vector<std::uint8_t> deliveries; ///< per record id: times delivered to this group
  std::int64_t consumed = 0;
  std::int64_t duplicates = 0;
  std::int64_t uncommittedDelivered = 0; ///< records of transactions not committed when delivered
  int pipeline = -1; ///< the pipeline it reads for (index in World::pipelines), -1 none
};

struct Counters {
  std::int64_t produced = 0;
  std::int64_t acknowledged = 0;
  std::int64_t failed = 0;
  std::int64_t retries = 0;
  std::int64_t consumed = 0;
  std::int64_t duplicatesDelivered = 0;
  std::int64_t lostSeen = 0; ///< acknowledged records seen vanishing (the report recounts exactly)
  std::int64_t uncleanElections = 0; ///< leaders elected from outside ISR, ELR and the last known leader
  std::int64_t tooLarge = 0; ///< records failed with MESSAGE_TOO_LARGE (max.request.size or max.message.bytes)
  std::int64_t produceRequests = 0; ///< ProduceRequests sent (each carries one batch per partition)
  std::int64_t replicaFetchRequests = 0; ///< followers' Fetch requests sent
  std::int64_t consumerFetchRequests = 0; ///< consumers' Fetch and ShareFetch requests sent
};

struct KafkaState {
  KafkaConfig config;
  std::vector<Broker> brokers;
  std::vector<Topic> topics;
  std::vector<Partition> partitions;
  ChunkedVector<RecordInfo> records; ///< by RecordId
  std::vector<std::string> keys;
  std::map<std::string, std::int32_t> keyIndex;
  std::vector<Producer> producers;
  std::vector<ConsumerGroup> groups;
  std::vector<ShareGroup> shareGroups; ///< KIP-932
  Pool<ShareMessage> shareMessages; ///< ShareFetch requests and responses in flight
  Pool<Batch> batches;
  std::size_t batchReclaimAt = kFirstBatchReclaim; ///< pool size that triggers the next reclaim
  Pool<ProduceRequest> produceRequests; ///< produce requests and their responses in flight
  std::size_t requestReclaimAt = kFirstBatchReclaim; ///< pool size that triggers the next reclaim of answered requests
  std::uint32_t sendSerial = 0; ///< produce attempt numbers: unique, so a stale message never matches
  Pool<ConsumerFetchMessage> consumerMessages; ///< consumer fetch requests and responses in flight
  std::vector<ConsumerSession> consumerSessions; ///< group members' fetch sessions with brokers
  Pool<SessionMessage> sessionMessages; ///< replica fetch requests and responses in flight
  std::vector<FetchSession> fetchSessions;
  std::vector<std::int32_t> sessionIndex; ///< [follower * sessionStride + leader]: index in fetchSessions, -1 none
  std::size_t sessionStride = 0;
  Counters counters;
  MetadataState metadata;
  std::vector<Transaction> transactions;
  std::vector<TransactionalId> txnIds;
  TransactionCounters txnCounters;
  int txnStateTopic = -1; ///< index of __transaction_state in topics, -1 = none

  std::string partitionName(int p) const {
    const Partition &part = partitions[static_cast<std::size_t>(p)];
    return topics[static_cast<std::size_t>(part.topic)].config.name + "-" + std::to_string(part.index);
  }
  /// Index in `partitions` of partition `local` of `topic` (partitions added later sit at the end).
  int partitionId(int topic, int local) const { return topics[static_cast<std::size_t>(topic)].partitionIds[static_cast<std::size_t>(local)]; }
  /// The partition number of `partitions[p]` within its topic.
  int localIndex(int p) const { return partitions[static_cast<std::size_t>(p)].index; }
  /// Brokers still registered (not removed), by id.
  std::vector<int> activeBrokers() const {
    std::vector<int> ids;
    for (const Broker &b : brokers)
      if (!b.removed)
        ids.push_back(b.id);
    return ids;
  }
  /// The broker a node is, or -1 (brokers added during a run get nodes after the clients').
  int brokerOfNode(NodeId node) const {
    for (const Broker &b : brokers)
      if (b.node == node)
        return b.id;
    return -1;
  }
  /// The live topic called `name`, or -1.
  int topicIndex(const std::string &name) const {
    for (std::size_t i = 0; i < topics.size(); ++i)
      if (topics[i].config.name == name && !topics[i].deleted)
        return static_cast<int>(i);
    return -1;
  }
  /// The partition called `name` ("topic-N", as partitionName), or -1 (deleted topics' too).
  int partitionNamed(const std::string &name) const {
    for (std::size_t p = 0; p < partitions.size(); ++p)
      if (!partitions[p].replicas.empty() && partitionName(static_cast<int>(p)) == name)
        return static_cast<int>(p);
    return -1;
  }
  /// The consumer group called `name`, or -1.
  int groupIndex(const std::string &name) const {
    for (std::size_t i = 0; i < groups.size(); ++i)
      if (groups[i].config.group == name)
        return static_cast<int>(i);
    return -1;
  }
  /// The share group called `name`, or -1.
  int shareGroupIndex(const std::string &name) const {
    for (std::size_t i = 0; i < shareGroups.size(); ++i)
      if (shareGroups[i].name == name)
        return static_cast<int>(i);
    return -1;
  }
  const TopicConfig &topicOf(int p) const { return topics[static_cast<std::size_t>(partitions[static_cast<std::size_t>(p)].topic)].config; }
  /// min(min.insync.replicas, replication factor), as the broker applies it.
  int effectiveMinIsr(int p) const {
    const TopicConfig &t = topicOf(p);
    return t.minInsyncReplicas < t.replicationFactor ? t.minInsyncReplicas : t.replicationFactor;
  }
};

} // namespace streamscope::engine::kafka
