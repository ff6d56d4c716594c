#pragma once
// A World as it was at one moment, for time travel, that costs far less than a World copy
// when snapshots are taken one after another: the big per-record tables (record ledgers,
// replica log entries, shard records, delivery counts) are kept as SharedChunks, so each
// snapshot shares the chunks that did not change since the previous one. Everything else is
// copied as it is. Restoring gives back exactly the World that was taken.
// Contract: immutable once taken; any number of snapshots may share chunks; one thread uses a snapshot at a time.
#include "engine/world/shared_chunks.h"
#include "engine/world/world.h"

#include <tuple>
#include <vector>

namespace streamscope::engine {

class WorldSnapshot {
public:
  /// Takes `live` as it is now, sharing unchanged chunks with `previous` (may be null).
  /// `live` ends as it was: its tables are only moved aside while the rest is copied.
  WorldSnapshot(World &live, const WorldSnapshot *previous);

  /// Replaces `live` by the World that was taken.
  void restoreInto(World &live) const;
  /// The World without its big tables (what is copied whole).
  const World &rest() const { return m_rest; }
  SimTime at() const { return m_rest.now; }
  /// Bytes of the chunks this snapshot made rather than shared with the previous one.
  std::size_t newChunkBytes() const;
  /// Calls f(chunk identity, bytes) for every chunk it refers to, shared or not.
  template <typename F> void forEachChunk(F &&f) const {
    std::apply([&](const auto &...lists) { (visitChunks(lists, f), ...); }, m_tables);
  }

private:
  template <typename T> using Tables = std::vector<SharedChunks<T>>;
  template <typename List, typename F> static void visitChunks(const List &list, F &f) {
    for (const auto &table : list)
      for (const auto &chunk : table.chunks())
        f(static_cast<const void *>(chunk.items.get()), chunk.items->size() * sizeof(chunk.items->front()));
  }

  World m_rest;
  std::tuple<Tables<kafka::RecordInfo>, Tables<kafka::LogEntry>, Tables<std::uint8_t>, Tables<kinesis::RecordInfo>, Tables<kinesis::StoredRecord>,
             Tables<std::int32_t>>
      m_tables;
};

} // namespace streamscope::engine
