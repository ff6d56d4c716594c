#pragma once
// A scenario as plain data: the cluster, the clients and the timed faults. The model layer
// fills it from JSON and validates every value; the engine trusts it (REQUIRES: validated).
// Defaults are the real systems' defaults (Kafka 3.x/4.0) unless noted.
// Contract: a plain copyable value; any thread may use its own copy, the engine only reads it.
#include "engine/core/sim_time.h"
#include "engine/world/config_enums.h"
#include "engine/world/fault.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace streamscope::engine {

struct TopicConfig {
  std::string name;
  int partitions = 1;
  int replicationFactor = 1;
  int minInsyncReplicas = 1;
  bool uncleanLeaderElection = false;
  std::optional<std::int64_t> flushIntervalMessages; ///< flush.messages; unset = never
  /// flush.ms; unset = the broker's log.flush.interval.ms, which defaults to
  /// log.flush.scheduler.interval.ms (KafkaConfig.logFlushIntervalMs). Only the broker's
  /// log flusher looks at it, so it does nothing while the flusher never runs.
  std::optional<SimTime> flushInterval;
  std::int64_t segmentBytes = 1073741824;
  SimTime retention = 168LL * 3600 * kSecond; ///< retention.ms; kNever = -1 (unlimited)
  std::int64_t retentionBytes = -1;
  CleanupPolicy cleanupPolicy = CleanupPolicy::Delete;
  double minCleanableDirtyRatio = 0.5;
  SimTime deleteRetention = 24LL * 3600 * kSecond; ///< delete.retention.ms: tombstone lifetime
  /// max.message.bytes: the largest record batch the topic accepts (Kafka's default, 1 MiB + 12).
  std::int64_t maxMessageBytes = 1048588;
};

struct KafkaConfig {
  int brokers = 3;
  /// The HW does not advance while the ISR is below min ISR, whatever the acks (3.7+).
  bool strictMinIsr = true;
  /// KIP-966 eligible leader replicas (on by default from 4.1).
  bool eligibleLeaderReplicas = true;
  SimTime latencyMin = 500; ///< one-way network latency range
  SimTime latencyMax = 1500;
  SimTime fsyncLatency = 2 * kMillisecond;
  SimTime replicaLagTimeMax = 30 * kSecond;
  SimTime replicaFetchWaitMax = 500 * kMillisecond;
  std::int64_t replicaFetchMaxBytes = 1048576; ///< replica.fetch.max.bytes: per partition
  std::int64_t replicaFetchResponseMaxBytes = 10485760; ///< replica.fetch.response.max.bytes: per response
  SimTime brokerSessionTimeout = 9 * kSecond;
  SimTime brokerHeartbeatInterval = 2 * kSecond;
  KafkaVersion version = KafkaVersion::V4_1; ///< kafka.version: sets the defaults of the rules above
  MetadataMode metadataMode = MetadataMode::KRaft;
  int controllers = 3; ///< KRaft voters
  ControllerMode controllerMode = ControllerMode::Dedicated;
  SimTime controllerElectionTimeout = 1 * kSecond; ///< controller.quorum.election.timeout.ms
  SimTime controllerFetchTimeout = 2 * kSecond; ///< controller.quorum.fetch.timeout.ms
  SimTime zookeeperSessionTimeout = 18 * kSecond; ///< zookeeper.session.timeout.ms (3.x)
  /// ZooKeeper mode: time a new controller spends loading each partition's metadata before
  /// it acts (an assumption, see docs/fidelity.md).
  double zookeeperLoadMsPerPartition = 0.14;
  SimTime retentionCheckInterval = 300 * kSecond;
  SimTime cleanerBackoff = 15 * kSecond;
  SimTime dirtyWritebackInterval = 5 * kSecond; ///< Linux vm.dirty_writeback_centisecs
  SimTime dirtyExpire = 30 * kSecond; ///< Linux vm.dirty_expire_centisecs
  /// log.flush.scheduler.interval.ms: how often the broker's log flusher checks flush.ms.
  /// Kafka's default is Long.MAX_VALUE, so the flusher never runs (kNever).
  SimTime logFlushSchedulerInterval = kNever;
  /// log.flush.interval.ms: the broker's default for a topic's flush.ms; unset = the
  /// scheduler interval (KafkaConfig.logFlushIntervalMs).
  std::optional<SimTime> logFlushInterval;
  /// Partitions of __transaction_state (Kafka creates 50; unused ones would stay empty).
  int transactionStatePartitions = 1;
  /// Transaction protocol version: 2 (KIP-890: the epoch is bumped by every EndTxn and the
  /// broker adds partitions itself) from 4.0; 1 before.
  int transactionVersion = 2;
  std::vector<TopicConfig> topics;
};

/// A Kinesis data stream.
struct StreamConfig {
  std::string name;
  int shards = 1;
  SimTime retention = 24LL * 3600 * kSecond; ///< 24 h to 8760 h
  CapacityMode capacityMode = CapacityMode::Provisioned;
  SimTime reshardTime = 10 * kSecond; ///< a SplitShard, MergeShards, UpdateShardCount or UpdateStreamMode keeps the stream UPDATING this long
  SimTime onDemandWindow = 60 * kSecond; ///< on-demand: write throughput is averaged over windows this long to find the peak
  SimTime onDemandScaleTime = 15 * 60 * kSecond; ///< on-demand: a scale-up keeps the stream UPDATING this long
  int maxRecordSizeKib = 1024; ///< MaxRecordSizeInKiB: 1024 (default) to 10240 (UpdateMaxRecordSize)
};

struct KinesisConfig {
  SimTime clientLatencyMin = 4 * kMillisecond; ///< one-way, client <-> Kinesis endpoint
  SimTime clientLatencyMax = 8 * kMillisecond;
  SimTime azLatencyMin = 2 * kMillisecond; ///< one-way, endpoint <-> an AZ's storage, incl. the durable write
  SimTime azLatencyMax = 5 * kMillisecond;
  SimTime efoPushInterval = 50 * kMillisecond; ///< SubscribeToShard event cadence
  std::vector<StreamConfig> streams;
};

struct ProducerConfig {
  std::string name;
  std::string topic; ///< Kafka target ("" = none)
  std::string stream; ///< Kinesis target ("" = none); both set = the same workload into both
  Acks acks = Acks::All;
  bool enableIdempotence = true;
  double rate = 100.0; ///< records per second
  std::int64_t count = -1; ///< records to send in total; -1 = until the run ends
  std::int32_t recordBytes = 100;
  std::int32_t keyCount = 0; ///< distinct keys "key-0".."key-(n-1)"; 0 = null keys
  std::vector<std::string> keys; ///< explicit keys (instead of keyCount)
  double tombstoneRatio = 0; ///< share of records sent with a null value (keyed only)
  std::vector<std::string> explicitHashKeys; ///< Kinesis ExplicitHashKey (decimal) per entry of `keys`
  SimTime start = 0;
  std::int64_t batchSize = 16384;
  SimTime linger = 5 * kMillisecond;
  SimTime requestTimeout = 30 * kSecond;
  SimTime deliveryTimeout = 120 * kSecond;
  SimTime retryBackoff = 100 * kMillisecond; ///< doubles per retry (KIP-580)...
  SimTime retryBackoffMax = 1000 * kMillisecond; ///< ...up to this
  std::int64_t retries = 2147483647;
  int maxInFlight = 5;
  int putRecordsMax = 500; ///< Kinesis: records per PutRecords request (the API's limit)
  std::string transactionalId; ///< transactional.id ("" = not transactional)
  std::int32_t transactionRecords = 0; ///< records per transaction (0 = by time)
  SimTime transactionTime = 0; ///< a transaction lasts this long (0 = by records)
  double abortRatio = 0; ///< share of transactions the application aborts
  SimTime transactionTimeout = 60 * kSecond; ///< transaction.timeout.ms
  std::int64_t maxRequestSize = 1048576; ///< max.request.size: larger records fail in send()
};

struct ConsumerGroupConfig {
  std::string group;
  std::string topic;
  int members = 1;
  OffsetReset autoOffsetReset = OffsetReset::Latest;
  GroupProtocol protocol = GroupProtocol::Classic;
  AssignorKind assignor = AssignorKind::Range;
  bool enableAutoCommit = true;
  SimTime autoCommitInterval = 5 * kSecond;
  SimTime sessionTimeout = 45 * kSecond; ///< classic: session.timeout.ms; consumer: group.consumer.session.timeout.ms
  SimTime heartbeatInterval = 5 * kSecond; ///< consumer protocol only: group.consumer.heartbeat.interval.ms
  SimTime fetchMaxWait = 500 * kMillisecond;
  SimTime requestTimeout = 30 * kSecond;
  std::int64_t maxPartitionFetchBytes = 1048576; ///< max.partition.fetch.bytes: per partition of a response
  std::int64_t fetchMaxBytes = 52428800; ///< fetch.max.bytes: per response (the first partition's first batch always goes)
  SimTime start = 0;
  IsolationLevel isolationLevel = IsolationLevel::ReadUncommitted;
};

/// Members of a share group (KIP-932): they share every partition of the topic, and the
/// share-partition leader hands each record to one member at a time under a lock. Several
/// entries may name one share group (members with different behaviour); the group-level
/// settings (lock, delivery limit, record locks, auto offset reset) must then agree.
struct ShareConsumerConfig {
  std::string group;
  std::string topic;
  int members = 1;
  OffsetReset autoOffsetReset = OffsetReset::Latest; ///< share.auto.offset.reset (earliest or latest)
  SimTime recordLock = 30 * kSecond; ///< share.record.lock.duration.ms
  int deliveryCountLimit = 5; ///< share.delivery.count.limit
  int maxRecordLocks = 2000; ///< group.share.partition.max.record.locks: bound of the in-flight window
  int maxPollRecords = 500; ///< max.poll.records: records acquired per fetch
  double rejectRatio = 0; ///< share of processed records the member rejects
  double releaseRatio = 0; ///< share of processed records the member releases
  SimTime processing = 0; ///< time the member spends on each record
  SimTime fetchMaxWait = 500 * kMillisecond;
  SimTime start = 0;
};

/// A KCL-style application reading a Kinesis stream: workers share the shards through a
/// lease table and checkpoint the last processed sequence number.
struct KinesisAppConfig {
  std::string application;
  std::string stream;
  int workers = 1;
  IteratorType initialPosition = IteratorType::Latest; ///< where to start without a checkpoint
  std::string startSequence; ///< AT/AFTER_SEQUENCE_NUMBER (decimal)
  SimTime startTimestamp = 0; ///< AT_TIMESTAMP
  bool enhancedFanOut = false;
  SimTime idleTimeBetweenReads = 1000 * kMillisecond;
  int maxRecords = 10000; ///< GetRecords Limit
  SimTime checkpointInterval = 5 * kSecond; ///< 0 = after every batch
  SimTime failoverTime = 10 * kSecond; ///< failoverTimeMillis
  SimTime start = 0; ///< when the workers start
  /// The AWS SDK's retries of a throttled GetRecords (ProvisionedThroughputExceededException is
  /// a throttling error to it): attempts per KCL call and the first back-off, doubling.
  int readAttempts = 3;
  SimTime readThrottleBackoff = 500 * kMillisecond;
  SimTime subscribeRetry = 1000 * kMillisecond; ///< a refused SubscribeToShard is called again after this
  /// 3: one elected leader assigns every lease by load, planned moves are graceful handoffs
  /// (KCL 3.x); 2: every worker takes free or expired leases and steals from the busiest (KCL 2.x).
  int kclVersion = 3;
  int rebalanceThresholdPercent = 10; ///< reBalanceThresholdPercentage: how far above the average a worker may be
  int dampeningPercent = 80; ///< dampeningPercentageValue: the share of a worker's excess load moved at once
  SimTime leaderLockLease = 120 * kSecond; ///< the leader lock's lease duration (coordinator-state table)
  /// StreamScope's CPU model for KCL 3: a worker's CPU is the throughput it processes over this.
  std::int64_t cpuCapacityBytesPerSecond = 4 * 1024 * 1024;
};

/// A consume-transform-produce application: one output record per input record, same key.
/// The loader also creates its consumer (group or KCL application) and producer, both named
/// after it.
struct PipelineConfig {
  std::string name;
  bool kafkaInput = true; ///< reads and writes Kafka topics (else Kinesis streams)
  /// Kafka to Kafka only: outputs and input offsets go in one transaction (read_committed
  /// input, no auto commit); otherwise offsets are committed on their own (at-least-once).
  bool exactlyOnce = false;
};

struct Scenario {
  std::string name;
  std::string description;
  std::uint64_t seed = 1;
  SimTime duration = 60 * kSecond;
  /// The chance that each produce or PutRecords response is lost on the wire (drawn from the
  /// seeded generator only when above 0, so runs without it are unchanged).
  double dropResponseRatio = 0;
  std::optional<KafkaConfig> kafka;
  std::optional<KinesisConfig> kinesis;
  std::vector<ProducerConfig> producers;
  std::vector<ConsumerGroupConfig> consumers;
  std::vector<KinesisAppConfig> applications;
  std::vector<PipelineConfig> pipelines;
  std::vector<ShareConsumerConfig> shareConsumers; ///< share group members (KIP-932)
  std::vector<Fault> faults;
};

} // namespace streamscope::engine
