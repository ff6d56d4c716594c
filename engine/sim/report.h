#pragma once
// The end-of-run (or any-time) summary that `streamscope-cli run` prints and lessons check:
// counts of produced, acknowledged, lost and duplicated records, latency percentiles, and
// the state of every partition and consumer group. Plain values, computed from a World.
// Contract: reads a World it is given (const); call it on the thread that owns that World, or on a copy.
#include "engine/sim/share_report.h"
#include "engine/world/world.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace streamscope::engine {

struct PartitionReport {
  std::string topic;
  int partition = 0;
  int leader = -1;
  int leaderEpoch = 0;
  std::vector<int> replicas;
  std::vector<int> isr;
  std::vector<int> elr; ///< eligible leader replicas (KIP-966)
  std::vector<int> lastKnownElr; ///< the last leader remembered while ISR is empty
  std::int64_t highWatermark = 0;
  std::int64_t logStartOffset = 0;
  std::vector<std::int64_t> logEndOffsets; ///< per replica, in replica order
  std::vector<std::int64_t> flushedOffsets;
  /// Simulated time with no serving leader: leader -1, or a leader that is down or cut off
  /// (until the new leader has applied its PartitionChangeRecord).
  double unavailableMs = 0;
  /// The leader's last stable offset: read_committed consumers read below it only.
  std::int64_t lastStableOffset = 0;
};

/// A KRaft controller (or ZooKeeper mode's controller broker) at the end of the run.
struct ControllerReport {
  int id = 0;
  std::string role; ///< "leader", "voter" or "offline"
  int epoch = 0;
  std::int64_t logEndOffset = 0;
  std::int64_t committedOffset = 0;
};

struct GroupReport {
  std::string group;
  std::string topic;
  int generation = 0;
  int members = 0;
  std::int64_t lag = 0;
  std::vector<std::int64_t> committed; ///< per partition, -1 = none
  std::vector<std::int64_t> lags;
  std::vector<std::int64_t> unownedMs; ///< per partition: time no live member read it
  std::vector<std::int64_t> interruptions; ///< per partition: times a live reader lost it
  bool consumerProtocol = false; ///< group.protocol=consumer (KIP-848)
  int groupEpoch = 0; ///< consumer protocol only
  struct MemberReport {
    std::string id;
    int epoch = 0;
    std::vector<int> assigned; ///< partitions it owns and reads now
    std::vector<int> revoking; ///< revoked, not yet acknowledged: still its own, not read
    std::vector<int> target; ///< partitions the target assignment gives it
  };
  std::vector<MemberReport> memberStates; ///< consumer protocol only: members still in the group
  std::string isolationLevel; ///< "read_uncommitted" or "read_committed"
  /// Records of transactions not committed when delivered (open or aborted): 0 under read_committed.
  std::int64_t uncommittedDelivered = 0;
};

struct PipelineReport {
  std::string name;
  bool exactlyOnce = false;
  std::int64_t outputs = 0; ///< outputs written (including those of aborted transactions)
  std::int64_t duplicatesProcessed = 0; ///< outputs visible downstream beyond the first for one input
};

struct TransactionsReport {
  std::int64_t committed = 0;
  std::int64_t aborted = 0;
  std::int64_t fenced = 0; ///< aborted because a newer instance fenced their producer
  std::int64_t timedOut = 0; ///< aborted by the coordinator after transaction.timeout.ms
  std::int64_t open = 0; ///< not yet complete at the end
  std::int64_t fencedWrites = 0; ///< requests refused for an old producer epoch
};

struct ShardReport {
  std::string stream;
  std::string shardId;
  bool open = true;
  std::string startingHashKey, endingHashKey; ///< decimal
  std::string parentShardId, adjacentParentShardId; ///< empty = none
  std::string startingSequenceNumber, endingSequenceNumber; ///< ending empty while open
  std::int64_t records = 0; ///< retained
  std::int64_t throttledWrites = 0; ///< records refused
  std::int64_t throttledReads = 0; ///< GetRecords calls refused
};

/// A Kinesis stream as DescribeStreamSummary shows it.
struct StreamReport {
  std::string name;
  std::string capacityMode; ///< "provisioned" or "on_demand"
  std::string status; ///< "ACTIVE" or "UPDATING"
  int openShards = 0;
  int closedShards = 0; ///< closed and still listed (not yet expired)
};

struct LeaseReport {
  std::string shardId;
  int owner = -1; ///< worker index
  std::string checkpoint;
  std::int64_t millisBehindLatest = 0;
};

struct ApplicationReport {
  std::string application;
  std::string stream;
  int workers = 0; ///< alive
  bool enhancedFanOut = false;
  std::int64_t consumed = 0;
  std::int64_t duplicates = 0;
  std::int64_t throttled = 0;
  std::int64_t millisBehindLatest = 0; ///< the largest over its leases
  std::vector<LeaseReport> leases;
  std::string registrationError; ///< RegisterStreamConsumer's refusal; empty = registered (or polling)
  std::int64_t subscribeCalls = 0; ///< SubscribeToShard calls accepted
  std::int64_t subscribeRefused = 0; ///< SubscribeToShard calls refused
  std::int64_t subscriptionsEnded = 0; ///< subscriptions that ran their 5 minutes
  int kclVersion = 3;
  std::int64_t leaseMoves = 0; ///< a lease given to a worker other than its last owner
  std::int64_t redelivered = 0; ///< records handed to a processor again (the same count as duplicates)
  int leader = -1; ///< KCL 3: the live worker holding the leader lock, -1 none
};

struct LatencyReport {
  std::int64_t acknowledged = 0;
  double p50Ms = 0;
  double p99Ms = 0;
};

struct LostRecord {
  std::string producer;
  std::string topic;
  int partition = 0;
  std::string key; ///< empty for a null key
  std::int64_t sequence = 0; ///< the record's number within its producer and partition
};

struct Report {
  std::int64_t produced = 0;
  std::int64_t acknowledged = 0;
  std::int64_t acknowledgedLost = 0;
  std::int64_t duplicatesDelivered = 0;
  /// Extra stored copies of one producer's record (same producer and sequence): in each Kafka
  /// partition's serving log (the leader's, committed or not) and among each Kinesis shard's
  /// acknowledged records. A retry after a lost response stores one unless idempotent.
  std::int64_t duplicatesStored = 0;
  /// Pipelines: outputs visible downstream more than once for one input.
  std::int64_t duplicatesProcessed = 0;
  TransactionsReport transactions;
  std::vector<PipelineReport> pipelines;
  /// Kinesis copies stored after (with a larger sequence number than) a record their
  /// producer created later, in the same shard: what retries do to producer order.
  std::int64_t reorderedStored = 0;
  /// duplicatesStored by producer name (every producer listed, 0 included; one name feeding
  /// both systems sums both).
  std::map<std::string, std::int64_t> duplicatesStoredByProducer;
  std::int64_t consumed = 0;
  std::int64_t throttled = 0; ///< Kinesis records refused for the write limits
  std::int64_t failed = 0; ///< Kafka records failed to their producer, plus Kinesis records refused
  std::int64_t retries = 0;
  std::int64_t produceRequests = 0; ///< Kafka ProduceRequests sent (one per broker connection drain)
  std::int64_t replicaFetchRequests = 0; ///< followers' Fetch requests sent (one per fetch session round trip)
  std::int64_t consumerFetchRequests = 0; ///< consumers' Fetch and ShareFetch requests sent
  std::int64_t tooLargeKafka = 0; ///< failed with MESSAGE_TOO_LARGE (max.request.size or max.message.bytes)
  std::int64_t tooLargeKinesis = 0; ///< refused with ValidationException (above the stream's maximum record size)
  double simTimeMs = 0;
  std::string eventHash;
  std::uint64_t events = 0;
  double latencyP50Ms = 0;
  double latencyP99Ms = 0;
  std::vector<PartitionReport> partitions;
  std::vector<ControllerReport> controllers;
  std::int64_t metadataOffset = 0; ///< committed metadata offset at the end
  std::vector<GroupReport> groups;
  std::vector<ShareGroupReport> shareGroups; ///< KIP-932 share groups
  std::vector<LostRecord> lost; ///< every acknowledged record that was lost
  std::vector<ShardReport> shards;
  std::vector<ApplicationReport> applications;
  std::optional<LatencyReport> kafkaLatency; ///< set when the scenario has that system
  std::optional<LatencyReport> kinesisLatency;
  std::vector<std::string> refusals; ///< faults the real system would refuse, with why
  std::vector<StreamReport> streams;
  std::int64_t readThrottled = 0; ///< Kinesis GetRecords calls refused (`throttled` counts writes only)
};

Report makeReport(const World &w);
/// The report's acknowledgedLost alone (acknowledged records with no copy left right now),
/// without the rest of the report: cheap enough for every frame of a status display.
std::int64_t acknowledgedLost(const World &w);

} // namespace streamscope::engine
