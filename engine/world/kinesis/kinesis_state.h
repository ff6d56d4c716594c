#pragma once
// Everything a simulated Kinesis region holds: streams of shards with their records, the
// three availability zones, producers and KCL-style applications. Plain copyable data (a
// part of World, so copying it is a snapshot); the logic lives in the other kinesis/ files.
// Contract: a plain copyable value; any thread may use its own copy, and only the World's owner changes the World's.
#include "engine/core/chunked_vector.h"
#include "engine/core/network.h"
#include "engine/core/pool.h"
#include "engine/world/kinesis/hash_keys.h"
#include "engine/world/kinesis/sequence_number.h"
#include "engine/world/kinesis/stream_capacity.h"
#include "engine/world/kinesis/throughput_limit.h"
#include "engine/world/scenario.h"
#include "engine/world/workload.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace streamscope::engine::kinesis {

inline constexpr int kZones = 3;

/// What the engine remembers of each produced record (payloads are counted, not stored).
struct RecordInfo {
  enum Flag : std::uint8_t {
    Acked = 1, ///< the producer got a sequence number for it
    Stored = 2, ///< at least one attempt was accepted by a shard
    Expired = 4, ///< retention removed it
    TooLarge = 8, ///< above the stream's maximum record size: refused, never sent
  };
  // Laid out for size (24 bytes, one per record produced): the times are 48-bit microsecond
  // counts (+-4 years), each sharing its 8 bytes with a small field.
  SimTime createdAt : 48 = 0;
  std::int16_t producer = -1;
  SimTime ackedAt : 48 = -1;
  std::uint8_t flags = 0;
  std::int32_t key = -1; ///< index into KinesisState::keys
  std::uint32_t bytes = 0; ///< data + partition key, as the limits count them
  bool has(Flag f) const { return (flags & f) != 0; }
};
static_assert(sizeof(RecordInfo) == 24, "RecordInfo is kept at 24 bytes");

/// One accepted put of a record in a shard, in sequence-number order. Packed to 20 bytes
/// (one per record a shard retains): the arrival time is a 48-bit microsecond count. The
/// counter is a full-width bit-field so nothing can bind a reference to it: in a packed
/// array every other counter is misaligned.
#pragma pack(push, 4)
struct StoredRecord {
  std::uint64_t counter : 64 = 0; ///< the ordering part of its sequence number
  SimTime arrival : 48 = 0; ///< ApproximateArrivalTimestamp
  std::uint8_t zones = 0; ///< bit z: stored in availability zone z
  bool durable = false; ///< acknowledged to the producer's request: readable
  std::uint32_t record = 0;
};
#pragma pack(pop)
static_assert(sizeof(StoredRecord) == 20, "StoredRecord is kept at 20 bytes");

struct Shard {
  int stream = 0;
  int index = 0; ///< the number in shardId-NNNNNNNNNNNN
  HashKeyRange range;
  int parent = -1; ///< ParentShardId (index), -1 = none
  int adjacentParent = -1; ///< AdjacentParentShardId (index), -1 = none
  SimTime createdAt = 0;
  SimTime closedAt = -1; ///< -1 = OPEN
  std::deque<StoredRecord> records;
  std::size_t readable = 0; ///< records[0, readable) are durable and may be read
  std::uint64_t lastCounter = 0;
  SimTime lastAssigned = 0;
  TokenBucket writeRecords, writeBytes, readCalls;
  TokenBucket readBytes;
  std::int64_t throttledWrites = 0; ///< records refused with ProvisionedThroughputExceeded
  std::int64_t throttledReads = 0; ///< GetRecords calls refused
  std::int64_t expired = 0; ///< records removed by retention

  bool open() const { return closedAt < 0; }
  /// Index of the first stored record whose counter is >= `counter` (> when !inclusive).
  std::size_t firstAt(std::uint64_t counter, bool inclusive = true) const {
    const auto before = [&](const StoredRecord &r, std::uint64_t c) { return inclusive ? r.counter < c : r.counter <= c; };
    return static_cast<std::size_t>(std::lower_bound(records.begin(), records.end(), counter, before) - records.begin());
  }
  SequenceNumber sequenceOf(const StoredRecord &r) const {
    return {kEpochSeconds + static_cast<std::uint64_t>(createdAt / kSecond), static_cast<std::uint32_t>(index), r.counter,
            kEpochSeconds + static_cast<std::uint64_t>(r.arrival / kSecond)};
  }
  SequenceNumber startingSequence() const { return sequenceOf(StoredRecord{0, createdAt}); }
  SequenceNumber endingSequence() const { return sequenceOf(StoredRecord{kEndingCounter, closedAt}); }
};

struct Stream {
  StreamConfig config;
  NodeId endpoint = -1;
  std::vector<int> shards; ///< Kinesis shard index -> slot in KinesisState::shards
  /// The open shards as (first hash key, slot), sorted: a record's shard is found by bisection.
  /// Kept sorted as shards open and close.
  std::vector<std::pair<Uint128, int>> openByStart;
  StreamCapacity capacity; ///< status (ACTIVE / UPDATING), capacity mode, on-demand peak
};

/// A PutRecords call from the producer's send to its response.
struct PutRequest {
  enum Result : std::uint8_t { Pending, Accepted, Throttled };
  std::int32_t producer = -1;
  std::vector<std::uint32_t> records;
  std::vector<Result> results;
  std::vector<std::pair<int, std::uint64_t>> placed; ///< per record: (shard slot, counter), or (-1, 0)
  std::vector<std::uint64_t> placedAt; ///< per record: its position in the shard counted from the first record ever stored
  std::uint32_t attempt = 0;
  std::uint8_t zonesAsked = 0; ///< zones up when the writes went out: the ones to wait for
  std::uint8_t zoneAcks = 0;
  bool responded = false; ///< the endpoint is done (answered, or never got it)
  bool producerDone = false; ///< the producer has the answer or gave up waiting
  bool live = false;
};

struct Producer {
  ProducerConfig config;
  int workload = 0; ///< index in the scenario's producers
  int stream = 0;
  NodeId node = -1;
  RateSchedule schedule;
  std::int64_t produced = 0;
  std::int64_t tooLarge = 0; ///< records refused with ValidationException
  bool done = false;
  std::vector<std::int32_t> keyIds;
  std::deque<std::uint32_t> buffer; ///< records waiting for a PutRecords call; retries first
  int inFlight = 0;
  int consecutiveThrottles = 0;
  SimTime backoffUntil = 0;
  SimTime backoffSince = 0; ///< when the latest back-off began (read only by client_waits)
  bool wakeScheduled = false;
};

/// The lease table's checkpoint column. Rewritten: an operator wrote a position into the
/// table (a sentinel or a sequence number), read by the next worker that takes the lease.
enum class CheckpointKind : std::uint8_t { None, Sequence, ShardEnd, Rewritten };

/// A shard's reading position: the first record with counter >= (or >) `counter`.
struct IteratorPosition {
  std::uint64_t counter = 0;
  bool inclusive = true;
};

struct ShardIterator {
  int shard = -1; ///< slot
  IteratorPosition position;
  SimTime issuedAt = 0;
};

/// A row of the application's lease table (one per shard), plus the owner's reading state.
/// The KCL's PollingConfig.kinesisRequestTimeout: a GetRecords call unanswered this long fails.
inline constexpr SimTime kGetRecordsTimeout = 30 * kSecond;

struct Lease {
  int shard = -1; ///< slot
  int owner = -1; ///< worker index, -1 = none
  std::int64_t counter = 0; ///< leaseCounter, bumped on renewal and on a change of owner
  SimTime renewedAt = 0;
  CheckpointKind checkpoint = CheckpointKind::None;
  std::uint64_t checkpointCounter = 0;
  SimTime checkpointArrival = 0; ///< of the checkpointed record (part of its sequence number)
  IteratorType rewrittenType = IteratorType::TrimHorizon; ///< Rewritten: where the next owner starts
  std::string rewrittenSequence; ///< Rewritten at or after a sequence number
  SimTime rewrittenTimestamp = 0; ///< Rewritten at a timestamp
  // The owner's processing state (not in the table):
  ShardIterator iterator;
  bool hasIterator = false;
  bool processedAny = false;
  std::uint64_t processedCounter = 0; ///< last record handed to the processor
  std::uint32_t readGen = 0;
  SimTime readSentAt = -1; ///< the last GetRecords call went out then
  bool readAnswerLost = false; ///< its response was lost: the call times out and is made again
  SimTime lastCheckpointAt = 0;
  std::int64_t millisBehindLatest = 0;
  // Reading under limits: the KCL waits idleTimeBetweenReads after its last successful call.
  SimTime lastReadSuccessAt = -1;
  int consecutiveReadThrottles = 0;
  // Enhanced fan-out: the SubscribeToShard subscription of this application and shard.
  bool subscribed = false;
  SimTime subscribedAt = 0;
  SimTime lastSubscribeCall = -1; ///< -1 = never called
  SimTime lastSubscribeSuccess = -1;
  int lastOwner = -1; ///< the last worker given it (a new one is a lease move)
  // KCL 3 (kcl_lease_assignment): lease statistics and the leader's planned move.
  std::int64_t throughput = 0; ///< bytes per second handed to the processor, moving average
  std::uint64_t measuredCounter = 0; ///< the processed position of the last measurement
  bool measured = false; ///< measuredCounter belongs to the current owner
  int handoffTo = -1; ///< the leader moved it there: the owner checkpoints and hands it over
};

struct Worker {
  NodeId node = -1;
  bool alive = true;
  bool inApp = true; ///< false after a graceful shutdown
  std::uint32_t incarnation = 0;
  SimTime startedAt = 0; ///< its lease discovery runs from then on (KCL 3)
};

struct Application {
  KinesisAppConfig config;
  int stream = 0;
  std::vector<Worker> workers;
  std::vector<Lease> leases;
  std::vector<std::uint8_t> deliveries; ///< per record id: times handed to a processor
  std::int64_t consumed = 0;
  std::int64_t duplicates = 0;
  std::int64_t throttled = 0;
  std::vector<TokenBucket> fanOut; ///< enhanced fan-out: this application's own 2 MiB/s per shard slot
  int pipeline = -1; ///< the pipeline it reads for (index in World::pipelines), -1 none
  std::string registrationError; ///< RegisterStreamConsumer refused it: it reads nothing
  std::int64_t subscribeCalls = 0; ///< SubscribeToShard calls accepted (first ones and renewals)
  std::int64_t subscribeRefused = 0; ///< SubscribeToShard calls refused (too soon after another)
  std::int64_t subscriptionsEnded = 0; ///< subscriptions that reached their 5-minute end
  std::int64_t leaseMoves = 0; ///< a lease given to a worker other than its last owner
  int leader = -1; ///< KCL 3: the worker holding the leader lock, -1 none
  SimTime leaderHeartbeatAt = 0; ///< the lock's last heartbeat: it expires leaderLockLease later
  int leaderRuns = 0; ///< assignment runs by the current leader (every third one also rebalances)
};

/// The records a GetRecords response (or a SubscribeToShard event) carries.
struct ReadPayload {
  std::vector<std::uint32_t> records;
  std::vector<std::uint64_t> counters;
  std::optional<IteratorPosition> next; ///< nullopt: the shard is closed and fully read
  std::int64_t millisBehindLatest = 0;
  std::uint8_t error = 0; ///< ReadError
  bool live = false;
};

enum class ReadError : std::uint8_t { None, Throttled, ExpiredIterator };

struct Counters {
  std::int64_t produced = 0;
  std::int64_t acknowledged = 0;
  std::int64_t retries = 0;
  std::int64_t throttledWrites = 0;
  std::int64_t throttledReads = 0;
  std::int64_t consumed = 0;
  std::int64_t duplicatesDelivered = 0;
  std::int64_t tooLarge = 0; ///< records refused with ValidationException (above the maximum record size)
};

struct KinesisState {
  KinesisConfig config;
  std::vector<Stream> streams;
  std::vector<Shard> shards;
  std::array<NodeId, kZones> zoneNodes{};
  std::array<bool, kZones> zoneUp{true, true, true};
  ChunkedVector<RecordInfo> records; ///< by record id
  std::vector<std::string> keys;
  std::vector<Uint128> keyHashes;
  std::map<std::string, std::int32_t> keyIndex;
  std::vector<Producer> producers;
  std::vector<Application> apps;
  Pool<PutRequest> puts;
  Pool<ReadPayload> reads;
  std::uint32_t putSerial = 0; ///< attempt numbers: unique, so a stale message never matches
  Counters counters;

  Shard &shardAt(int slot) { return shards[static_cast<std::size_t>(slot)]; }
  const Shard &shardAt(int slot) const { return shards[static_cast<std::size_t>(slot)]; }
  /// The stream called `name`, or -1.
  int streamIndex(const std::string &name) const {
    for (std::size_t i = 0; i < streams.size(); ++i)
      if (streams[i].config.name == name)
        return static_cast<int>(i);
    return -1;
  }
  /// The KCL application called `name`, or -1.
  int appIndex(const std::string &name) const {
    for (std::size_t i = 0; i < apps.size(); ++i)
      if (apps[i].config.application == name)
        return static_cast<int>(i);
    return -1;
  }
  std::string shardName(int slot) const {
    const Shard &s = shardAt(slot);
    return streams[static_cast<std::size_t>(s.stream)].config.name + "/" + shardId(s.index);
  }
};

} // namespace streamscope::engine::kinesis
