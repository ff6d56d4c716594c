#pragma once
// One big per-record table of a snapshot kept in a plain container (a shard's records, a
// group's delivery counts, a pipeline's sources), cut into chunks that consecutive snapshots
// share while they are unchanged. (Tables stored as ChunkedVectors, the record ledgers and
// replica log columns, need none of this: a World copy shares their chunks.) These
// tables only grow at their end or lose their oldest part to retention, so most of a table is
// the same from one snapshot to the next: a snapshot copies only the chunks that changed.
//
// Each element gets a chunk key (its index, or its offset, divided by the chunk length); a
// chunk is reused when the previous snapshot has one with the same key and equal bytes. Equal
// bytes is exact for trivially copyable elements, so restoring gives back the same values.
// Contract: a plain value; chunks are immutable once made and may be shared by any number of snapshots.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <type_traits>
#include <vector>

namespace streamscope::engine {

/// About how many bytes a chunk holds (the unit of sharing): small enough that the newest,
/// still-changing chunk of each table costs little to copy again, large enough that the list
/// of chunks is a small part of a snapshot.
inline constexpr std::int64_t kSnapshotChunkBytes = 64 * 1024;
/// How many elements of type T a chunk holds.
template <typename T> inline constexpr std::int64_t kChunkLength = std::max<std::int64_t>(1, kSnapshotChunkBytes / sizeof(T));

template <typename T> class SharedChunks {
  static_assert(std::is_trivially_copyable_v<T>, "chunks are compared byte for byte");

public:
  struct Chunk {
    std::int64_t key = 0;
    std::shared_ptr<const std::vector<T>> items;
  };

  /// Cuts `items` (a vector or deque of T) into runs of equal `keyOf(index, item)` (which
  /// never decreases along the table), reusing `previous`'s chunk of the same key when its
  /// elements are byte-for-byte the same.
  template <typename Container, typename KeyOf> void take(const Container &items, KeyOf keyOf, const SharedChunks *previous) {
    m_chunks.clear();
    m_newBytes = 0;
    m_size = items.size();
    std::size_t reuse = 0; // the previous snapshot's chunks, walked in step (keys increase)
    std::size_t begin = 0;
    while (begin < items.size()) {
      const std::int64_t key = keyOf(begin, items[begin]);
      std::size_t end = begin + 1;
      while (end < items.size() && keyOf(end, items[end]) == key)
        ++end;
      while (previous && reuse < previous->m_chunks.size() && previous->m_chunks[reuse].key < key)
        ++reuse;
      const Chunk *old = previous && reuse < previous->m_chunks.size() && previous->m_chunks[reuse].key == key ? &previous->m_chunks[reuse] : nullptr;
      if (old && same(*old->items, items, begin, end)) {
        m_chunks.push_back(*old);
      } else {
        auto made =
            std::make_shared<std::vector<T>>(items.begin() + static_cast<std::ptrdiff_t>(begin), items.begin() + static_cast<std::ptrdiff_t>(end));
        m_newBytes += made->size() * sizeof(T);
        m_chunks.push_back(Chunk{key, std::move(made)});
      }
      begin = end;
    }
  }

  /// Makes `items` the table as it was taken. Writes only where it differs: going back and
  /// forth in time mostly finds the older chunks already in place.
  template <typename Container> void restoreInto(Container &items) const {
    items.resize(m_size);
    std::size_t at = 0;
    for (const Chunk &c : m_chunks) {
      if constexpr (std::is_same_v<Container, std::vector<T>>) {
        const std::size_t bytes = c.items->size() * sizeof(T);
        if (std::memcmp(items.data() + at, c.items->data(), bytes) != 0)
          std::memcpy(static_cast<void *>(items.data() + at), c.items->data(), bytes);
        at += c.items->size();
      } else { // a deque: element by element
        for (const T &item : *c.items) {
          if (std::memcmp(&items[at], &item, sizeof(T)) != 0)
            items[at] = item;
          ++at;
        }
      }
    }
  }

  const std::vector<Chunk> &chunks() const { return m_chunks; }
  /// Bytes of the chunks this snapshot made (not shared with the previous one when taken).
  std::size_t newBytes() const { return m_newBytes; }

private:
  template <typename Container> static bool same(const std::vector<T> &chunk, const Container &items, std::size_t begin, std::size_t end) {
    if (chunk.size() != end - begin)
      return false;
    if constexpr (std::is_same_v<Container, std::vector<T>>) {
      return std::memcmp(chunk.data(), items.data() + begin, chunk.size() * sizeof(T)) == 0;
    } else { // a deque: element by element
      for (std::size_t i = begin; i < end; ++i)
        if (std::memcmp(&chunk[i - begin], &items[i], sizeof(T)) != 0)
          return false;
      return true;
    }
  }

  std::vector<Chunk> m_chunks;
  std::size_t m_size = 0;
  std::size_t m_newBytes = 0;
};

/// Chunk key of the element at `index` of a table of T that grows at its end.
template <typename T> std::int64_t chunkByIndex(std::size_t index) { return static_cast<std::int64_t>(index) / kChunkLength<T>; }

} // namespace streamscope::engine
