#pragma once
// Resharding a stream to a target number of open shards, one Kinesis call at a time (what
// UpdateShardCount does with uniform scaling): each step is a SplitShard of the widest open
// shard in the middle of its range, or a MergeShards of the adjacent open pair covering the
// least key space. Pure functions of the world; any thread that may read it.
#include "engine/world/world.h"

#include <optional>

namespace streamscope::engine::kinesis {

/// Open shards of stream `stream` (its index in KinesisState::streams).
int openShardCount(const World &w, int stream);

/// The next split or merge that brings `stream` one shard closer to `targetOpenShards`, as a
/// fault (stream, shard, adjacent shard or new starting hash key filled in; `at` left 0).
/// nullopt when the target is reached, or when fewer shards are wanted and no adjacent
/// open pair is left to merge.
/// REQUIRES: 0 <= stream < w.kinesis.streams.size().
std::optional<Fault> nextReshardStep(const World &w, int stream, int targetOpenShards);

} // namespace streamscope::engine::kinesis
