#pragma once
// A broker's disk and page cache: appending to a replica log (with the topic's flush
// policy), OS write-back of old dirty pages, the log flusher (flush.ms), power loss, retention
// and the log cleaner. Data is in the page cache (dirty) until flushed; only flushed data survives a
// power loss.
// Contract: called only on the thread that owns the World (Simulation's dispatch and fault routing); not thread-safe.
#include "engine/world/world.h"

#include <vector>

namespace streamscope::engine::kafka {

/// Appends entries (offsets and epochs already set) to `broker`'s replica of p. Returns the
/// time the write is complete: now, or later when flush.messages forced an fsync.
SimTime appendToReplica(World &w, int p, int broker, const std::vector<LogEntry> &entries);
/// Truncates `broker`'s replica of p to `offset` (divergence after a leader change).
void truncateReplica(World &w, int p, int broker, Offset offset);
/// Power is cut: every replica on the broker loses what was not flushed.
void dropPageCache(World &w, int broker);
/// Schedules the broker's periodic storage tasks (write-back, the log flusher when
/// log.flush.scheduler.interval.ms is set, retention, cleaner).
void scheduleStorageTasks(World &w, int broker);

void onWriteBack(World &w, const Action &a);
void onFlushIntervalCheck(World &w, const Action &a);
void onRetentionCheck(World &w, const Action &a);
void onCleanerCheck(World &w, const Action &a);

} // namespace streamscope::engine::kafka
