#pragma once
// Following one record: a lesson step pins the producer's Nth record, and every frame the
// canvas points at where that record is now (the producer until it is sent, each replica's cell
// or each shard's entry holding it, and the consumers that have read past it) and dims the rest.
// Contract: pure reads of a World it is given; any thread that owns that World.
#include "lesson.h"

#include "engine/world/world.h"
#include "model/explain/world_item.h"

#include <QString>

#include <vector>

namespace streamscope::model {

/// Where the pinned record is in `world`: the canvas items to point at (empty before the
/// producer has made it).
std::vector<WorldItem> followedRecordItems(const engine::World &world, const RecordPin &pin);
/// Where it is, in words ("checkout's record 5: offset 41 of payments-0 on brokers 0, 1, 2;
/// flushed on 0; read by billing").
QString describeFollowedRecord(const engine::World &world, const RecordPin &pin);

} // namespace streamscope::model
