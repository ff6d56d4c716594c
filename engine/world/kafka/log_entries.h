#pragma once
// The entries of one replica log, stored by column: 6 bytes per entry (its record id and its
// size, sizes of 64 KiB and more kept apart), and runs for what rarely changes from one entry
// to the next: offsets are consecutive except after compaction or a restart at a new start
// offset, and an epoch lasts until the next leader change, so each is a list of (first entry,
// value) runs instead of a value per entry. The per-entry columns are ChunkedVectors: growing
// never copies them, deleting the oldest segment releases whole chunks, and a copy of the log
// (in a snapshot of the World) shares every chunk neither has written since (an appended
// entry is never rewritten, so only the newest chunk is ever cloned). Reading an entry gives
// a LogEntry by value.
// Contract: a plain copyable value; any thread may use its own copy, and only the World's owner changes the World's.
#include "engine/core/chunked_vector.h"

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <vector>

namespace streamscope::engine::kafka {

using Offset = std::int64_t;
using RecordId = std::uint32_t;

struct LogEntry {
  Offset offset = 0;
  RecordId record = 0; ///< index into the world's record table
  std::int32_t epoch = 0; ///< leader epoch that appended it
  std::uint32_t bytes = 0; ///< modelled size (key + value + overhead); payloads are not stored
};

class LogEntries {
public:
  std::size_t size() const { return m_records.size(); }
  bool empty() const { return m_records.empty(); }
  LogEntry operator[](std::size_t i) const {
    return LogEntry{offsetAt(i), m_records[i], static_cast<std::int32_t>(valueAt(m_epochs, i)), bytesAt(i)};
  }
  LogEntry front() const { return (*this)[0]; }
  LogEntry back() const { return (*this)[size() - 1]; }
  Offset offsetAt(std::size_t i) const {
    const Run &r = runAt(m_offsets, i);
    return r.value + static_cast<Offset>(i - r.first);
  }
  RecordId recordAt(std::size_t i) const { return m_records[i]; }
  std::uint32_t bytesAt(std::size_t i) const { return m_sizes[i] == kBigSize ? bigSizeAt(i) : m_sizes[i]; }

  /// Index of the first entry with offset >= `offset` (size() if none).
  std::size_t lowerBound(Offset offset) const;

  /// REQUIRES: entry.offset is above the last entry's.
  void push_back(const LogEntry &entry);
  /// Keeps the first `n` entries.
  void truncate(std::size_t n);
  /// Removes the first `n` entries.
  void eraseFront(std::size_t n);
  void assign(const std::vector<LogEntry> &entries);
  /// Entries [from, to) as values.
  std::vector<LogEntry> copy(std::size_t from, std::size_t to) const;
  void clear();
  /// Bytes allocated, for the world's memory estimate (chunks shared with copies included).
  std::size_t memoryBytes() const;
  /// Calls f(chunk identity, bytes) for each chunk of the per-entry columns, which copies of
  /// the log share until one writes it (see ChunkedVector::forEachChunk).
  template <typename F> void forEachChunk(F &&f) const {
    m_records.forEachChunk(f);
    m_sizes.forEachChunk(f);
  }

  class Iterator {
  public:
    using iterator_category = std::random_access_iterator_tag;
    using value_type = LogEntry;
    using difference_type = std::ptrdiff_t;
    using pointer = void;
    using reference = LogEntry;
    Iterator() = default;
    Iterator(const LogEntries *owner, std::size_t i) : m_owner(owner), m_i(i) {}
    LogEntry operator*() const { return (*m_owner)[m_i]; }
    LogEntry operator[](difference_type n) const { return (*m_owner)[m_i + static_cast<std::size_t>(n)]; }
    Iterator &operator++() {
      ++m_i;
      return *this;
    }
    Iterator operator++(int) { return Iterator(m_owner, m_i++); }
    Iterator &operator--() {
      --m_i;
      return *this;
    }
    Iterator operator--(int) { return Iterator(m_owner, m_i--); }
    Iterator &operator+=(difference_type n) {
      m_i = static_cast<std::size_t>(static_cast<difference_type>(m_i) + n);
      return *this;
    }
    Iterator &operator-=(difference_type n) { return *this += -n; }
    friend Iterator operator+(Iterator it, difference_type n) { return it += n; }
    friend Iterator operator+(difference_type n, Iterator it) { return it += n; }
    friend Iterator operator-(Iterator it, difference_type n) { return it -= n; }
    friend difference_type operator-(const Iterator &a, const Iterator &b) {
      return static_cast<difference_type>(a.m_i) - static_cast<difference_type>(b.m_i);
    }
    friend bool operator==(const Iterator &a, const Iterator &b) { return a.m_i == b.m_i; }
    friend auto operator<=>(const Iterator &a, const Iterator &b) { return a.m_i <=> b.m_i; }

  private:
    const LogEntries *m_owner = nullptr;
    std::size_t m_i = 0;
  };
  Iterator begin() const { return Iterator(this, 0); }
  Iterator end() const { return Iterator(this, size()); }

private:
  /// From entry `first` on (until the next run): for offsets, the offset of entry `first`
  /// (the next ones follow it); for epochs and sizes, the value of each entry.
  struct Run {
    std::size_t first = 0;
    std::int64_t value = 0;
  };
  static constexpr std::uint16_t kBigSize = 0xffff; ///< the size is in m_bigSizes
  static const Run &runAt(const std::vector<Run> &runs, std::size_t i);
  std::uint32_t bigSizeAt(std::size_t i) const;
  static std::int64_t valueAt(const std::vector<Run> &runs, std::size_t i) { return runAt(runs, i).value; }
  static void truncateRuns(std::vector<Run> &runs, std::size_t n);
  static void eraseRunsFront(std::vector<Run> &runs, std::size_t n, bool offsets);

  ChunkedVector<RecordId> m_records;
  ChunkedVector<std::uint16_t> m_sizes;
  std::vector<Run> m_bigSizes; ///< (entry, size) of each entry of kBigSize bytes or more, by entry
  std::vector<Run> m_offsets;
  std::vector<Run> m_epochs;
};

inline const LogEntries::Run &LogEntries::runAt(const std::vector<Run> &runs, std::size_t i) {
  // Usually one run, or the entry is in the newest.
  if (runs.size() == 1 || runs.back().first <= i)
    return runs.back();
  std::size_t lo = 0, hi = runs.size() - 1; // runs[lo].first <= i < runs[hi].first
  while (hi - lo > 1) {
    const std::size_t mid = lo + (hi - lo) / 2;
    (runs[mid].first <= i ? lo : hi) = mid;
  }
  return runs[lo];
}

} // namespace streamscope::engine::kafka
