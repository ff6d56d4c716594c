#pragma once
// The Kinesis region as the UI sees it in one frame: streams, shards with their lineage,
// hash key ranges, lease owners and throttling, the three availability zones, producers and
// KCL applications. A shard's records are referenced, not copied.
// GUI thread (built by WorldView); valid until the next frame.
#include "engine_types.h"

#include <array>
#include <deque>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace streamscope::engine {
struct World;
}

namespace streamscope::model {

struct ShardView {
  int slot = 0; ///< index among all shards (WorldItem's numbering)
  int stream = 0; ///< index in KinesisView::streams
  int index = 0; ///< the number in shardId-NNNNNNNNNNNN
  std::string name; ///< "orders/shardId-000000000001"
  Uint128 rangeStart = 0, rangeEnd = 0; ///< hash key range, both inclusive
  int parent = -1, adjacentParent = -1; ///< shard indices within the stream, -1 = none
  bool open = true;
  int leaseOwner = -1; ///< worker holding its lease in the first application that has one
  std::int64_t throttledWrites = 0, throttledReads = 0;
  const std::deque<StoredRecord> *records = nullptr; ///< in sequence-number order; never null in a built view
  /// A stored record's full sequence number in decimal.
  std::string sequenceText(const StoredRecord &record) const;
  /// CopyMark of records [begin, end): second copies, and copies stored after a record their
  /// producer created later (see stored_copies.h).
  std::vector<std::uint8_t> copyMarks(std::size_t begin, std::size_t end) const;

private:
  friend struct KinesisView;
  const engine::kinesis::Shard *m_shard = nullptr;
  const engine::kinesis::KinesisState *m_state = nullptr;
};

struct StreamView {
  std::string name;
  NodeId endpoint = -1;
  std::span<const int> shards; ///< shard index -> slot
  int openShards = 0;
  bool lineage = false; ///< some shard has a parent (a split or merge happened)
  bool onDemand = false; ///< on-demand capacity mode: Kinesis adds the shards
  bool updating = false; ///< status UPDATING: a resharding, mode switch or scale-up is under way
  SimTime updatingUntil = 0; ///< when it completes
};

struct ZoneView {
  NodeId node = -1;
  bool up = true;
};

struct KinesisProducerView {
  std::string name;
  NodeId node = -1;
  double rate = 0; ///< records per second it is set to put
  SimTime backoffUntil = 0; ///< after throttling, no put before this
  std::int64_t tooLarge = 0; ///< records refused as above the stream's maximum record size
};

struct LeaseView {
  int shard = -1; ///< slot
  int owner = -1; ///< worker index, -1 = none
  CheckpointKind checkpoint = CheckpointKind::None;
  std::uint64_t checkpointCounter = 0;
  bool hasIterator = false;
  std::uint64_t iteratorCounter = 0;
  bool iteratorInclusive = true;
};

struct WorkerView {
  NodeId node = -1;
  bool alive = true;
  bool inApp = true; ///< false after a graceful shutdown
  int leases = 0; ///< leases it owns
  bool leader = false; ///< KCL 3: it holds the leader lock and assigns the leases
  std::optional<SimTime> startsAt; ///< set while it has not started yet (an application's `start_ms`)
};

struct ApplicationView {
  std::string name;
  bool fanOut = false; ///< enhanced fan-out consumer
  int stream = 0;
  std::vector<WorkerView> workers;
  std::vector<LeaseView> leases;
  std::int64_t readThrottled = 0; ///< its GetRecords calls refused
  bool refused = false; ///< RegisterStreamConsumer refused it (20 consumers per stream)
};

struct KinesisView {
  std::vector<StreamView> streams;
  std::vector<ShardView> shards; ///< by slot
  std::array<ZoneView, kZones> zones{};
  std::vector<KinesisProducerView> producers;
  std::vector<ApplicationView> apps;
  std::optional<double> ackLatencyMs; ///< recent put-to-acknowledgement time
  bool resent = false; ///< some producer has put records again: copies may be stored twice or out of order

  /// REQUIRES: 0 <= slot < shards.size().
  const ShardView &shardAt(int slot) const { return shards[static_cast<std::size_t>(slot)]; }
  /// Fills the view from `world`, reusing this one's storage.
  void build(const engine::World &world);
};

} // namespace streamscope::model
