#pragma once
// Bookkeeping of every produced record across all replica logs: how many copies exist,
// whether the producer was told it succeeded, and whether it was legitimately deleted
// (retention, compaction). An acknowledged record whose last copy disappears for any
// other reason (truncation, power loss) is lost, and reported as such.
// Contract: called only on the thread that owns the World (Simulation's dispatch and fault routing); not thread-safe.
#include "engine/world/world.h"

#include <vector>

namespace streamscope::engine::kafka {

enum class Removal { Destroyed, Deleted }; ///< Destroyed can lose data; Deleted is by policy

void noteStored(World &w, const LogEntry &entry);
/// Drops the copies in `removed` from partition p; emits RecordsLost for acknowledged
/// records that no longer exist anywhere.
void noteRemoved(World &w, int p, const std::vector<LogEntry> &removed, Removal how);
void noteAcked(World &w, RecordId id);
/// An acks=0 batch never reached a log (link cut, broker gone, not the leader).
void noteDropped(World &w, const Batch &batch);
/// Lost = acknowledged, never deleted by policy, stored or dropped, and no copy left.
bool isLost(const RecordInfo &r);

} // namespace streamscope::engine::kafka
