#include "engine/kafka/storage.h"

#include "engine/kafka/record_ledger.h"

#include <algorithm>
#include <map>
#include <utility>

namespace streamscope::engine::kafka {
namespace {

void emitFlushed(World &w, int p, int broker, const ReplicaLog &log) { w.record(EventType::Flushed, broker, p, log.flushed()); }

/// fsync of the replica: the disk serialises fsyncs; returns when this one completes.
SimTime fsync(World &w, int p, int broker) {
  Broker &b = w.kafka.brokers[static_cast<std::size_t>(broker)];
  ReplicaLog &log = w.kafka.partitions[static_cast<std::size_t>(p)].logOf(broker);
  const SimTime done = std::max(w.now, b.diskBusyUntil) + w.kafka.config.fsyncLatency;
  b.diskBusyUntil = done;
  log.setLastFlush(w.now);
  if (log.flushTo(log.leo()))
    emitFlushed(w, p, broker, log);
  return done;
}

template <typename Fn> void forEachReplicaOn(World &w, int broker, Fn fn) {
  for (std::size_t p = 0; p < w.kafka.partitions.size(); ++p) {
    Partition &part = w.kafka.partitions[p];
    if (part.slotOf(broker) >= 0)
      fn(static_cast<int>(p), part, part.logOf(broker));
  }
}

bool anyCompactedTopic(const KafkaState &k) {
  return std::any_of(k.topics.begin(), k.topics.end(), [](const Topic &t) { return t.config.cleanupPolicy == CleanupPolicy::Compact; });
}

bool segmentExpired(const World &w, const TopicConfig &t, const Segment &s, std::int64_t logBytes) {
  const bool byTime = t.retention != kNever && s.maxTimestamp >= 0 && w.now - s.maxTimestamp > t.retention;
  const bool bySize = t.retentionBytes >= 0 && logBytes - s.bytes >= t.retentionBytes;
  return byTime || bySize;
}

void applyRetention(World &w, int p, int broker, const TopicConfig &t, ReplicaLog &log) {
  for (;;) {
    const std::vector<Segment> &segs = log.segments();
    const Segment &oldest = segs.front();
    const bool qualifies = oldest.records > 0 && oldest.end <= log.highWatermark() && segmentExpired(w, t, oldest, log.bytes());
    if (!qualifies)
      return;
    if (segs.size() == 1)
      log.roll(); // every segment qualifies: roll the active one so it can go
    const std::vector<LogEntry> removed = log.deleteOldestSegment();
    noteRemoved(w, p, removed, Removal::Deleted);
    w.record(EventType::SegmentDeleted, broker, p, log.logStart(), static_cast<std::int64_t>(removed.size()));
  }
}

bool isTombstone(const World &w, const LogEntry &e) { return w.kafka.records[e.record].has(RecordInfo::Tombstone); }

// A tombstone survives cleaning for delete.retention.ms after the pass that first cleaned it,
// so that consumers reading from the start still see the delete (KIP-534).
bool tombstoneExpired(const World &w, const TopicConfig &t, const ReplicaLog &log, const LogEntry &e) {
  const SimTime cleaned = log.cleanedAt(e.offset);
  return isTombstone(w, e) && cleaned != kNever && w.now - cleaned >= t.deleteRetention;
}

void compact(World &w, int p, int broker, const TopicConfig &t, ReplicaLog &log) {
  const Offset activeBase = log.segments().back().base;
  if (activeBase <= log.logStart())
    return; // the active segment is never cleaned
  std::int64_t total = 0, dirty = 0;
  bool expiredTombstone = false;
  std::map<std::int32_t, Offset> latest; // key -> newest offset in the dirty section
  for (const LogEntry &e : log.entries()) {
    if (e.offset >= activeBase)
      break;
    total += e.bytes;
    if (e.offset >= log.cleanerCheckpoint()) {
      dirty += e.bytes;
      latest[std::as_const(w.kafka.records)[e.record].key] = e.offset;
    } else {
      expiredTombstone = expiredTombstone || tombstoneExpired(w, t, log, e);
    }
  }
  const bool dirtyEnough = total > 0 && static_cast<double>(dirty) / static_cast<double>(total) >= t.minCleanableDirtyRatio;
  if (!dirtyEnough && !expiredTombstone)
    return;
  std::vector<LogEntry> kept, removed;
  kept.reserve(log.entries().size());
  for (const LogEntry &e : log.entries()) {
    const auto it = e.offset < activeBase ? latest.find(std::as_const(w.kafka.records)[e.record].key) : latest.end();
    const bool superseded = it != latest.end() && it->second > e.offset;
    if (superseded || (e.offset < activeBase && tombstoneExpired(w, t, log, e)))
      removed.push_back(e);
    else
      kept.push_back(e);
  }
  log.replaceEntries(std::move(kept));
  log.noteCleaned(activeBase, w.now);
  noteRemoved(w, p, removed, Removal::Deleted);
  w.record(EventType::Compacted, broker, p, activeBase, static_cast<std::int64_t>(removed.size()));
}

} // namespace

SimTime appendToReplica(World &w, int p, int broker, const std::vector<LogEntry> &entries) {
  if (entries.empty())
    return w.now;
  Partition &part = w.kafka.partitions[static_cast<std::size_t>(p)];
  const TopicConfig &t = w.kafka.topicOf(p);
  ReplicaLog &log = part.logOf(broker);
  for (const LogEntry &e : entries) {
    if (log.append(e, std::as_const(w.kafka.records)[e.record].createdAt, t.segmentBytes)) {
      // Rolling a segment schedules an asynchronous flush of everything before it, which
      // also counts as the log's last flush (UnifiedLog.roll, LocalLog.markFlushed).
      if (log.flushTo(log.segments().back().base)) {
        log.setLastFlush(w.now);
        emitFlushed(w, p, broker, log);
      }
    }
    noteStored(w, e);
  }
  log.noteDirty(w.now);
  w.record(EventType::Appended, broker, p, entries.front().offset, static_cast<std::int64_t>(entries.size()),
           static_cast<std::uint8_t>(entries.back().epoch & 0xff));
  if (t.flushIntervalMessages && log.leo() - log.flushed() >= *t.flushIntervalMessages)
    return fsync(w, p, broker);
  return w.now;
}

void truncateReplica(World &w, int p, int broker, Offset offset) {
  ReplicaLog &log = w.kafka.partitions[static_cast<std::size_t>(p)].logOf(broker);
  const std::vector<LogEntry> removed = log.truncateTo(offset);
  if (removed.empty())
    return;
  noteRemoved(w, p, removed, Removal::Destroyed);
  w.record(EventType::Truncated, broker, p, log.leo(), static_cast<std::int64_t>(removed.size()));
}

void dropPageCache(World &w, int broker) {
  forEachReplicaOn(w, broker, [&](int p, Partition &, ReplicaLog &log) {
    const std::vector<LogEntry> removed = log.dropUnflushed();
    if (removed.empty())
      return;
    noteRemoved(w, p, removed, Removal::Destroyed);
    w.record(EventType::Truncated, broker, p, log.leo(), static_cast<std::int64_t>(removed.size()));
  });
}

void scheduleStorageTasks(World &w, int broker) {
  const KafkaConfig &c = w.kafka.config;
  w.after(c.dirtyWritebackInterval, Action{ActionType::WriteBack, -1, -1, broker});
  // LogManager schedules "kafka-log-flusher" every log.flush.scheduler.interval.ms; at the
  // default (Long.MAX_VALUE) it never runs, and no topic's flush.ms is ever looked at.
  if (c.logFlushSchedulerInterval != kNever)
    w.after(c.logFlushSchedulerInterval, Action{ActionType::FlushIntervalCheck, -1, -1, broker});
  w.after(c.retentionCheckInterval, Action{ActionType::RetentionCheck, -1, -1, broker});
  if (anyCompactedTopic(w.kafka))
    w.after(c.cleanerBackoff, Action{ActionType::CleanerCheck, -1, -1, broker});
}

void onWriteBack(World &w, const Action &a) {
  // The kernel's flusher runs while the machine has power, even if the broker process died.
  const Broker &b = w.kafka.brokers[static_cast<std::size_t>(a.a)];
  if (b.state != BrokerState::PoweredOff) {
    const SimTime cutoff = w.now - w.kafka.config.dirtyExpire;
    forEachReplicaOn(w, a.a, [&](int p, Partition &, ReplicaLog &log) {
      const Offset before = log.flushed();
      if (log.writeBackOlderThan(cutoff) != before)
        emitFlushed(w, p, a.a, log);
    });
  }
  w.after(w.kafka.config.dirtyWritebackInterval, a);
}

void onFlushIntervalCheck(World &w, const Action &a) {
  // LogManager.flushDirtyLogs: flush every log whose time since its last flush reached its
  // flush.ms. A topic without flush.ms takes the broker's log.flush.interval.ms, and that
  // defaults to the scheduler interval (KafkaConfig.logFlushIntervalMs).
  const KafkaConfig &c = w.kafka.config;
  const SimTime scheduler = c.logFlushSchedulerInterval;
  if (w.kafka.brokers[static_cast<std::size_t>(a.a)].running()) {
    forEachReplicaOn(w, a.a, [&](int p, Partition &, ReplicaLog &log) {
      const SimTime flushMs = w.kafka.topicOf(p).flushInterval.value_or(c.logFlushInterval.value_or(scheduler));
      if (log.flushed() < log.leo() && w.now - log.lastFlush() >= flushMs)
        fsync(w, p, a.a);
    });
  }
  w.after(scheduler, a);
}

void onRetentionCheck(World &w, const Action &a) {
  if (w.kafka.brokers[static_cast<std::size_t>(a.a)].running()) {
    forEachReplicaOn(w, a.a, [&](int p, Partition &, ReplicaLog &log) {
      const TopicConfig &t = w.kafka.topicOf(p);
      if (t.cleanupPolicy == CleanupPolicy::Delete)
        applyRetention(w, p, a.a, t, log);
    });
  }
  w.after(w.kafka.config.retentionCheckInterval, a);
}

void onCleanerCheck(World &w, const Action &a) {
  if (w.kafka.brokers[static_cast<std::size_t>(a.a)].running()) {
    forEachReplicaOn(w, a.a, [&](int p, Partition &, ReplicaLog &log) {
      const TopicConfig &t = w.kafka.topicOf(p);
      if (t.cleanupPolicy == CleanupPolicy::Compact)
        compact(w, p, a.a, t, log);
    });
  }
  w.after(w.kafka.config.cleanerBackoff, a);
}

} // namespace streamscope::engine::kafka
