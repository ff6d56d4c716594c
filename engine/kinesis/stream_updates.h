#pragma once
// Operations that put a stream in status UPDATING: SplitShard, MergeShards, UpdateShardCount,
// UpdateStreamMode and on-demand scale-ups. Each is checked when it is asked for (with
// Kinesis's refusals), keeps the stream UPDATING for the stream's reshard time (on-demand
// scale-ups: its scale time) and changes the shards or the mode only when it completes; writes
// and reads go on to the old shards meanwhile, and a second operation is refused with
// ResourceInUseException.
// Contract: called only on the thread that owns the World (Simulation's dispatch and fault routing); not thread-safe.
#include "engine/world/world.h"

#include <optional>
#include <string>
#include <string_view>

namespace streamscope::engine::kinesis {

/// UpdateShardCount's documented bounds: calls per stream per rolling 24 hours, open shards per stream.
inline constexpr int kShardCountUpdatesPerDay = 10;
inline constexpr int kMaxShardsPerStream = 10000;
/// UpdateStreamMode: switches per stream per rolling 24 hours.
inline constexpr int kModeSwitchesPerDay = 2;

/// "PROVISIONED" or "ON_DEMAND", as Kinesis names the modes.
std::string_view capacityModeName(CapacityMode mode);

std::optional<std::string> requestSplitShard(World &w, int stream, int shardIndex, std::string_view newStartingHashKey);
std::optional<std::string> requestMergeShards(World &w, int stream, int shardIndex, int adjacentShardIndex);
std::optional<std::string> requestShardCount(World &w, int stream, int targetShards);
std::optional<std::string> requestCapacityMode(World &w, int stream, CapacityMode mode);

/// Starts `update` on an ACTIVE stream: UPDATING for `duration`, then applied.
void beginUpdate(World &w, int stream, StreamUpdate update, SimTime duration);
void onStreamUpdateDone(World &w, const Action &a);

} // namespace streamscope::engine::kinesis
