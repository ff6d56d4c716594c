#pragma once
// Which shards a stream has and which are open: creating a stream, routing a hash key to its
// open shard, and resharding (SplitShard, MergeShards) with Kinesis's refusals.
// Contract: called only on the thread that owns the World (Simulation's dispatch and fault routing); not thread-safe.
#include "engine/world/world.h"

#include <optional>
#include <string>
#include <string_view>

namespace streamscope::engine::kinesis {

/// The account id that error messages name, as Kinesis's do.
inline constexpr const char *kAccountId = "123456789012";

/// Creates stream `stream`'s initial shards over the whole hash key space (an on-demand
/// stream's: Kinesis's default 4).
void createStream(World &w, int stream);

/// The slot of the OPEN shard of `stream` whose range holds `hashKey` (open shards always
/// cover the space exactly).
int routeToShard(const World &w, int stream, Uint128 hashKey);

/// Why Kinesis would refuse this SplitShard (or MergeShards) of an ACTIVE stream, or nullopt.
std::optional<std::string> splitShardError(const World &w, int stream, int shardIndex, std::string_view newStartingHashKey);
std::optional<std::string> mergeShardsError(const World &w, int stream, int shardIndex, int adjacentShardIndex);

/// SplitShard at once (the topology change of a completed operation): closes the parent, opens two children [start, key-1] and [key, end].
/// Returns Kinesis's error message if it would refuse, and changes nothing then.
std::optional<std::string> splitShard(World &w, int stream, int shardIndex, std::string_view newStartingHashKey);

/// MergeShards at once: closes both (adjacent) parents and opens one child covering them.
std::optional<std::string> mergeShards(World &w, int stream, int shardIndex, int adjacentShardIndex);

} // namespace streamscope::engine::kinesis
