#pragma once
// One replica's copy of a partition log: entries in offset order, split into segments, with
// the offsets that matter for teaching: log start offset, log end offset (LEO), the replica's
// own high watermark, and the flushed offset (recovery point) separating data on disk from
// data that is only in the OS page cache. Also the leader-epoch cache (epoch -> start offset)
// used for truncation after a leader change (KIP-101).
//
// Invariants: entries strictly increase by offset (gaps only after compaction);
// logStart <= hw <= leo and logStart <= flushed <= leo. A plain copyable value.
// Contract: a plain copyable value; any thread may use its own copy, and only the World's owner changes the World's.
#include "engine/core/sim_time.h"
#include "engine/world/kafka/log_entries.h"

#include <cstdint>
#include <deque>
#include <utility>
#include <vector>

namespace streamscope::engine::kafka {

struct Segment {
  Offset base = 0; ///< offset of the first record it may hold (its file name)
  Offset end = 0; ///< one past the last offset written to it
  std::int64_t bytes = 0;
  SimTime maxTimestamp = -1; ///< newest record timestamp (drives time retention)
  std::int64_t records = 0;
};

/// One completed cleaner pass: everything below `upTo` was cleaned at `at`. Tombstones
/// get their delete horizon from the first pass that cleaned them (KIP-534).
struct CleanerPass {
  Offset upTo = 0;
  SimTime at = 0;
};

struct EpochStart {
  std::int32_t epoch = 0;
  Offset start = 0;
};

/// Result of a leader-epoch lookup: the largest epoch <= the asked one, and where it ends.
struct EpochEnd {
  std::int32_t epoch = -1; ///< -1: no such epoch
  Offset endOffset = -1;
};

class ReplicaLog {
public:
  ReplicaLog() { m_segments.push_back(Segment{}); }

  /// Appends one entry with its record timestamp. Rolls a new segment first when the active
  /// one would exceed segmentBytes; returns true if it rolled. REQUIRES: entry.offset >= leo().
  bool append(const LogEntry &entry, SimTime timestamp, std::int64_t segmentBytes);
  /// Records that the batch ending at leo() was appended at `when` (for OS write-back age).
  void noteDirty(SimTime when);

  /// Removes every entry with offset >= `offset` and returns them. LEO becomes `offset`
  /// (or stays lower); HW and flushed offset are clamped.
  std::vector<LogEntry> truncateTo(Offset offset);
  /// Power loss: the page cache is gone, so everything at or above the flushed offset is.
  std::vector<LogEntry> dropUnflushed() { return truncateTo(m_flushed); }
  /// Empties the log and restarts it at `offset` (follower fell below the leader's start).
  std::vector<LogEntry> resetTo(Offset offset);

  /// Entries with offset in [from, to), at most maxBytes (the first entry always fits).
  std::vector<LogEntry> read(Offset from, Offset to, std::int64_t maxBytes) const;
  /// Index of the first entry with offset >= `offset` (entries().size() if none).
  std::size_t lowerBound(Offset offset) const;
  /// First offset whose record timestamp is >= ts, or -1 when none (offsetsForTimes).
  template <typename TimestampOf> Offset offsetForTime(SimTime ts, TimestampOf timestampOf) const;

  /// Marks everything below `offset` as on disk. Returns true if that moved the flushed offset.
  bool flushTo(Offset offset);
  /// Write-back of pages dirty for at least `expire`: returns the new flushed offset.
  Offset writeBackOlderThan(SimTime cutoff);

  /// Deletes the oldest segment. REQUIRES: more than one segment. Returns its entries.
  std::vector<LogEntry> deleteOldestSegment();
  /// Starts a new empty active segment at leo() (so that the old one may be deleted).
  void roll();
  /// Replaces the entries (after compaction; offsets unchanged) and recomputes segment sizes.
  void replaceEntries(std::vector<LogEntry> kept);

  void assignEpoch(std::int32_t epoch, Offset start);
  std::int32_t latestEpoch() const { return m_epochs.empty() ? -1 : m_epochs.back().epoch; }
  EpochEnd endOffsetForEpoch(std::int32_t epoch) const;

  void setHighWatermark(Offset hw) { m_hw = hw < m_logStart ? m_logStart : (hw > m_leo ? m_leo : hw); }

  const LogEntries &entries() const { return m_entries; }
  const std::vector<Segment> &segments() const { return m_segments; }
  const std::vector<EpochStart> &epochs() const { return m_epochs; }
  Offset logStart() const { return m_logStart; } ///< first offset still retained
  Offset leo() const { return m_leo; } ///< offset the next record will get
  Offset highWatermark() const { return m_hw; } ///< this replica's own view of HW
  Offset flushed() const { return m_flushed; } ///< below this: on disk
  SimTime lastFlush() const { return m_lastFlush; }
  void setLastFlush(SimTime t) { m_lastFlush = t; }
  Offset cleanerCheckpoint() const { return m_cleanerCheckpoint; }
  /// A cleaner pass finished: everything below `upTo` is now the clean section.
  void noteCleaned(Offset upTo, SimTime at);
  /// When a cleaner pass first cleaned `offset`, or kNever if none has.
  SimTime cleanedAt(Offset offset) const;
  std::int64_t bytes() const;

private:
  void trimEpochsAbove(Offset leo);
  void recountSegments();

  LogEntries m_entries;
  std::vector<Segment> m_segments;
  std::vector<EpochStart> m_epochs;
  std::vector<CleanerPass> m_passes; ///< increasing upTo
  std::deque<std::pair<SimTime, Offset>> m_dirty; ///< (append time, LEO after the append)
  Offset m_logStart = 0;
  Offset m_leo = 0;
  Offset m_hw = 0;
  Offset m_flushed = 0;
  Offset m_cleanerCheckpoint = 0;
  SimTime m_lastFlush = 0;
};

template <typename TimestampOf> Offset ReplicaLog::offsetForTime(SimTime ts, TimestampOf timestampOf) const {
  for (const LogEntry &e : m_entries)
    if (timestampOf(e.record) >= ts)
      return e.offset;
  return -1;
}

} // namespace streamscope::engine::kafka
