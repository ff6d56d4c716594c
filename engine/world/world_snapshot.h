#pragma once
// A World as it was at one moment, for time travel, that costs far less than a World copy
// when snapshots are taken one after another. The record ledgers and the replica logs'
// per-entry columns are ChunkedVectors, whose chunks a World copy shares copy-on-write: the
// snapshot holds the same chunks as the live World until the live World writes one. The
// other big per-record tables (shard records, delivery counts, pipeline sources) are plain
// containers, kept as SharedChunks so each snapshot shares the chunks that did not change
// since the previous one. Everything else is copied as it is. Restoring gives back exactly
// the World that was taken.
// Contract: immutable once taken; any number of snapshots may share chunks; one thread uses a snapshot at a time.
#include "engine/world/shared_chunks.h"
#include "engine/world/world.h"

#include <tuple>
#include <vector>

namespace streamscope::engine {

/// Calls f(chunk identity, bytes) for every copy-on-write chunk of `w` (record ledgers and
/// replica log columns): copies of a World that share a chunk give the same identity.
template <typename F> void forEachCopyOnWriteChunk(const World &w, F &&f) {
  w.kafka.records.forEachChunk(f);
  w.kinesis.records.forEachChunk(f);
  for (const auto &p : w.kafka.partitions)
    for (const auto &log : p.logs)
      log.entries().forEachChunk(f);
}

class WorldSnapshot {
public:
  /// Takes `live` as it is now, sharing unchanged chunks with `previous` (may be null).
  /// `live` ends as it was: its tables are only moved aside while the rest is copied.
  WorldSnapshot(World &live, const WorldSnapshot *previous);

  /// Replaces `live` by the World that was taken.
  void restoreInto(World &live) const;
  /// The World without its SharedChunks tables (it shares its ChunkedVectors' chunks).
  const World &rest() const { return m_rest; }
  SimTime at() const { return m_rest.now; }
  /// Bytes of the chunks this snapshot holds that the previous one did not.
  std::size_t newChunkBytes() const { return m_newChunkBytes; }
  /// Calls f(chunk identity, bytes) for every chunk it refers to, shared or not: its
  /// SharedChunks and the copy-on-write chunks of rest().
  template <typename F> void forEachChunk(F &&f) const {
    std::apply([&](const auto &...lists) { (visitChunks(lists, f), ...); }, m_tables);
    forEachCopyOnWriteChunk(m_rest, f);
  }

private:
  template <typename T> using Tables = std::vector<SharedChunks<T>>;
  template <typename List, typename F> static void visitChunks(const List &list, F &f) {
    for (const auto &table : list)
      for (const auto &chunk : table.chunks())
        f(static_cast<const void *>(chunk.items.get()), chunk.items->size() * sizeof(chunk.items->front()));
  }

  World m_rest;
  std::tuple<Tables<std::uint8_t>, Tables<kinesis::StoredRecord>, Tables<std::int32_t>> m_tables;
  std::size_t m_newChunkBytes = 0;
};

} // namespace streamscope::engine
