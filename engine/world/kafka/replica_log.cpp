#include "engine/world/kafka/replica_log.h"

#include <algorithm>

namespace streamscope::engine::kafka {

bool ReplicaLog::append(const LogEntry &entry, SimTime timestamp, std::int64_t segmentBytes) {
  bool rolled = false;
  if (m_segments.back().records > 0 && m_segments.back().bytes + entry.bytes > segmentBytes) {
    m_segments.push_back(Segment{entry.offset, entry.offset, 0, -1, 0});
    rolled = true;
  }
  Segment &active = m_segments.back();
  m_entries.push_back(entry);
  active.end = entry.offset + 1;
  active.bytes += entry.bytes;
  active.records += 1;
  active.maxTimestamp = std::max(active.maxTimestamp, timestamp);
  m_leo = entry.offset + 1;
  if (m_epochs.empty() || entry.epoch > m_epochs.back().epoch)
    m_epochs.push_back(EpochStart{entry.epoch, entry.offset});
  return rolled;
}

void ReplicaLog::noteDirty(SimTime when) {
  if (m_flushed < m_leo)
    m_dirty.emplace_back(when, m_leo);
}

std::vector<LogEntry> ReplicaLog::truncateTo(Offset offset) {
  std::vector<LogEntry> removed;
  offset = std::max(offset, m_logStart);
  if (offset >= m_leo)
    return removed;
  const std::size_t keep = lowerBound(offset);
  removed = m_entries.copy(keep, m_entries.size());
  m_entries.truncate(keep);
  m_leo = offset;
  while (m_segments.size() > 1 && m_segments.back().base >= m_leo)
    m_segments.pop_back();
  recountSegments();
  m_hw = std::min(m_hw, m_leo);
  m_flushed = std::min(m_flushed, m_leo);
  m_cleanerCheckpoint = std::min(m_cleanerCheckpoint, m_leo);
  // Offsets above the new end will be written again and cleaned afresh.
  while (!m_passes.empty() && m_passes.back().upTo > m_leo) {
    const SimTime at = m_passes.back().at;
    m_passes.pop_back();
    if (m_passes.empty() || m_passes.back().upTo < m_leo)
      m_passes.push_back(CleanerPass{m_leo, at});
  }
  // Dirty ranges past the new end are gone; the oldest of them still marks when the
  // surviving unflushed tail was written.
  SimTime oldestCut = -1;
  while (!m_dirty.empty() && m_dirty.back().second > m_leo) {
    oldestCut = m_dirty.back().first;
    m_dirty.pop_back();
  }
  if (oldestCut >= 0 && m_flushed < m_leo)
    m_dirty.emplace_back(oldestCut, m_leo);
  trimEpochsAbove(m_leo);
  return removed;
}

std::vector<LogEntry> ReplicaLog::resetTo(Offset offset) {
  std::vector<LogEntry> removed = m_entries.copy(0, m_entries.size());
  m_entries.clear();
  m_segments.assign(1, Segment{offset, offset, 0, -1, 0});
  m_epochs.clear();
  m_dirty.clear();
  m_logStart = m_leo = m_hw = m_flushed = m_cleanerCheckpoint = offset;
  m_passes.clear();
  return removed;
}

std::vector<LogEntry> ReplicaLog::read(Offset from, Offset to, std::int64_t maxBytes) const {
  std::vector<LogEntry> out;
  std::int64_t total = 0;
  for (std::size_t i = lowerBound(from); i < m_entries.size() && m_entries.offsetAt(i) < to; ++i) {
    const std::uint32_t bytes = m_entries.bytesAt(i);
    if (!out.empty() && total + bytes > maxBytes)
      break;
    total += bytes;
    out.push_back(m_entries[i]);
  }
  return out;
}

std::size_t ReplicaLog::lowerBound(Offset offset) const { return m_entries.lowerBound(offset); }

bool ReplicaLog::flushTo(Offset offset) {
  offset = std::min(offset, m_leo);
  if (offset <= m_flushed)
    return false;
  m_flushed = offset;
  while (!m_dirty.empty() && m_dirty.front().second <= m_flushed)
    m_dirty.pop_front();
  return true;
}

Offset ReplicaLog::writeBackOlderThan(SimTime cutoff) {
  Offset target = m_flushed;
  while (!m_dirty.empty() && m_dirty.front().first <= cutoff) {
    target = std::max(target, m_dirty.front().second);
    m_dirty.pop_front();
  }
  flushTo(target);
  return m_flushed;
}

std::vector<LogEntry> ReplicaLog::deleteOldestSegment() {
  const Offset newStart = m_segments[1].base;
  const std::size_t cut = lowerBound(newStart);
  std::vector<LogEntry> removed = m_entries.copy(0, cut);
  m_entries.eraseFront(cut);
  m_segments.erase(m_segments.begin());
  m_logStart = newStart;
  m_flushed = std::max(m_flushed, m_logStart);
  m_hw = std::max(m_hw, m_logStart);
  m_cleanerCheckpoint = std::max(m_cleanerCheckpoint, m_logStart);
  return removed;
}

void ReplicaLog::roll() {
  if (m_segments.back().records > 0)
    m_segments.push_back(Segment{m_leo, m_leo, 0, -1, 0});
}

void ReplicaLog::replaceEntries(std::vector<LogEntry> kept) {
  m_entries.assign(kept);
  recountSegments();
}

void ReplicaLog::assignEpoch(std::int32_t epoch, Offset start) {
  if (!m_epochs.empty() && m_epochs.back().epoch >= epoch)
    return;
  m_epochs.push_back(EpochStart{epoch, start});
}

EpochEnd ReplicaLog::endOffsetForEpoch(std::int32_t epoch) const {
  for (std::size_t i = m_epochs.size(); i-- > 0;) {
    if (m_epochs[i].epoch <= epoch) {
      const Offset end = i + 1 < m_epochs.size() ? m_epochs[i + 1].start : m_leo;
      return EpochEnd{m_epochs[i].epoch, end};
    }
  }
  // Older than every epoch this log knows (its records of that epoch are gone, e.g. lost in a
  // power cut): as Kafka's LeaderEpochFileCache.endOffsetFor, the epoch ends where the first
  // known epoch starts, so a follower truncates to there instead of keeping what this log lacks.
  if (!m_epochs.empty())
    return EpochEnd{epoch, m_epochs.front().start};
  return EpochEnd{};
}

std::int64_t ReplicaLog::bytes() const {
  std::int64_t total = 0;
  for (const Segment &s : m_segments)
    total += s.bytes;
  return total;
}

void ReplicaLog::trimEpochsAbove(Offset leo) {
  // As Kafka's truncateFromEnd: an epoch starting at or past the new end has no records here.
  while (!m_epochs.empty() && m_epochs.back().start >= leo)
    m_epochs.pop_back();
}

void ReplicaLog::recountSegments() {
  for (Segment &s : m_segments) {
    s.bytes = 0;
    s.records = 0;
  }
  std::size_t seg = 0;
  for (std::size_t i = 0; i < m_entries.size(); ++i) {
    const Offset offset = m_entries.offsetAt(i);
    while (seg + 1 < m_segments.size() && offset >= m_segments[seg + 1].base)
      ++seg;
    m_segments[seg].bytes += m_entries.bytesAt(i);
    ++m_segments[seg].records;
  }
  m_segments.back().end = m_leo;
}

void ReplicaLog::noteCleaned(Offset upTo, SimTime at) {
  if (upTo <= m_cleanerCheckpoint)
    return;
  m_cleanerCheckpoint = upTo;
  m_passes.push_back(CleanerPass{upTo, at});
}

SimTime ReplicaLog::cleanedAt(Offset offset) const {
  const auto it = std::upper_bound(m_passes.begin(), m_passes.end(), offset, [](Offset o, const CleanerPass &pass) { return o < pass.upTo; });
  return it == m_passes.end() ? kNever : it->at;
}

} // namespace streamscope::engine::kafka
