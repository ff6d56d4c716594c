#pragma once
// A stream's status and capacity bookkeeping: ACTIVE or UPDATING with the operation under
// way, the capacity mode, the on-demand peak measurement, and the recent UpdateShardCount and
// UpdateStreamMode calls that Kinesis's rate limits count. Plain copyable data (part of
// Stream, so a World copy snapshots it); engine/kinesis/stream_updates and on_demand_capacity
// change it.
// Contract: a plain copyable value; any thread may use its own copy, and only the World's owner changes the World's.
#include "engine/core/sim_time.h"
#include "engine/world/config_enums.h"

#include <cstdint>
#include <string>
#include <vector>

namespace streamscope::engine::kinesis {

enum class StreamStatus : std::uint8_t { Active, Updating };

/// What keeps a stream UPDATING, applied when it completes.
enum class StreamUpdateKind : std::uint8_t {
  None,
  SplitShard,
  MergeShards,
  UpdateShardCount,
  UpdateStreamMode,
  OnDemandScaleUp, ///< Kinesis itself adds shards to an on-demand stream
};

struct StreamUpdate {
  StreamUpdateKind kind = StreamUpdateKind::None;
  int shard = -1; ///< split or merge: the shard index
  int adjacentShard = -1; ///< merge
  std::string newStartingHashKey; ///< split
  int targetShards = 0; ///< UpdateShardCount and on-demand scale-ups: open shards when done
  CapacityMode mode = CapacityMode::Provisioned; ///< UpdateStreamMode
  SimTime startedAt = 0;
  SimTime until = 0; ///< when it completes
};

/// On-demand streams: Kinesis's default ceiling of 200 MiB/s of writes, in 1 MiB/s shards.
inline constexpr int kOnDemandMaxShards = 200;
/// A new on-demand stream's capacity: 4 MiB/s of writes (8 MiB/s of reads), as 4 shards.
inline constexpr int kOnDemandInitialShards = 4;

struct StreamCapacity {
  CapacityMode mode = CapacityMode::Provisioned;
  StreamStatus status = StreamStatus::Active;
  StreamUpdate update; ///< the operation under way while UPDATING
  std::uint32_t updateSerial = 0; ///< bumped per operation, so a stale completion never matches
  // On-demand measurement: accepted writes in the current window, and the highest window yet.
  double windowBytes = 0;
  double windowRecords = 0;
  double peakShards = 0; ///< the peak write throughput, in shards' worth (1 MiB/s or 1,000 records/s each)
  int baseShards = 0; ///< on-demand floor: 4 for a new stream, the shard count it had when switched
  std::uint32_t windowLoop = 0; ///< generation of the measuring loop; a switch back to provisioned ends it
  std::vector<SimTime> shardCountCalls; ///< accepted UpdateShardCount calls (rolling 24 h limit)
  std::vector<SimTime> modeSwitches; ///< accepted UpdateStreamMode calls (rolling 24 h limit)
  std::int64_t scaleUps = 0; ///< on-demand scale-ups completed
};

} // namespace streamscope::engine::kinesis
