#include "engine/world/world_snapshot.h"

#include <deque>
#include <unordered_set>

namespace streamscope::engine {

/// The World's big per-record tables kept as SharedChunks, each with its chunk key, always in
/// the same order.
struct WorldTables {
  template <typename F> static void forEach(World &w, F &&f) {
    const auto byIndex = [](std::size_t i, const auto &item) { return chunkByIndex<std::remove_cvref_t<decltype(item)>>(i); };
    // The record ledgers and the replica logs' column stores are ChunkedVectors: copying the
    // World shares their chunks, so they stay with the rest of the world.
    for (auto &g : w.kafka.groups)
      f(g.deliveries, byIndex);
    for (auto &s : w.kinesis.shards) { // keyed by position from the shard's first record ever stored
      const auto expired = static_cast<std::size_t>(s.expired);
      f(s.records, [expired](std::size_t i, const kinesis::StoredRecord &) { return chunkByIndex<kinesis::StoredRecord>(expired + i); });
    }
    for (auto &a : w.kinesis.apps)
      f(a.deliveries, byIndex);
    f(w.kafkaOutputSource, byIndex);
    f(w.kinesisOutputSource, byIndex);
  }
};

namespace {

/// The next table of one element (or container) type, while walking the tables in order.
template <typename T> struct Cursor { std::size_t next = 0; };

template <typename Container> using Held = std::vector<Container>;
template <typename... Containers> struct HeldTables {
  std::tuple<Held<Containers>...> tables;
  std::tuple<Cursor<Containers>...> cursors;
};
using AllHeld = HeldTables<std::vector<std::uint8_t>, std::deque<kinesis::StoredRecord>, std::vector<std::int32_t>>;

/// Moves the tables out of `w` on construction and back on destruction (even if copying the
/// rest of the world throws).
class TablesAside {
public:
  explicit TablesAside(World &w) : m_world(w) {
    WorldTables::forEach(w, [&](auto &table, auto) {
      using Container = std::remove_reference_t<decltype(table)>;
      std::get<Held<Container>>(m_held.tables).push_back(std::move(table));
      table = Container{};
    });
  }
  ~TablesAside() {
    WorldTables::forEach(m_world, [&](auto &table, auto) {
      using Container = std::remove_reference_t<decltype(table)>;
      table = std::move(std::get<Held<Container>>(m_held.tables)[std::get<Cursor<Container>>(m_held.cursors).next++]);
    });
  }
  TablesAside(const TablesAside &) = delete;
  TablesAside &operator=(const TablesAside &) = delete;

private:
  World &m_world;
  AllHeld m_held;
};

} // namespace

WorldSnapshot::WorldSnapshot(World &live, const WorldSnapshot *previous) {
  WorldTables::forEach(live, [&](auto &table, auto keyOf) {
    using T = typename std::remove_reference_t<decltype(table)>::value_type;
    auto &mine = std::get<Tables<T>>(m_tables);
    const std::size_t i = mine.size();
    const Tables<T> *theirs = previous ? &std::get<Tables<T>>(previous->m_tables) : nullptr;
    mine.emplace_back();
    mine.back().take(table, keyOf, theirs && i < theirs->size() ? &(*theirs)[i] : nullptr);
  });
  {
    const TablesAside aside(live);
    m_rest = live;
    m_rest.events.setSink(nullptr);
  }
  const auto add = [&](const auto &list) {
    for (const auto &table : list)
      m_newChunkBytes += table.newBytes();
  };
  std::apply([&](const auto &...lists) { (add(lists), ...); }, m_tables);
  std::unordered_set<const void *> before;
  if (previous)
    forEachCopyOnWriteChunk(previous->m_rest, [&](const void *chunk, std::size_t) { before.insert(chunk); });
  forEachCopyOnWriteChunk(m_rest, [&](const void *chunk, std::size_t bytes) { m_newChunkBytes += before.count(chunk) ? 0 : bytes; });
}

void WorldSnapshot::restoreInto(World &live) const {
  // The live tables are kept through the copy of the rest and overwritten in place, so
  // their memory is reused and equal chunks are not written again.
  AllHeld held;
  WorldTables::forEach(live, [&](auto &table, auto) {
    using Container = std::remove_reference_t<decltype(table)>;
    std::get<Held<Container>>(held.tables).push_back(std::move(table));
    table = Container{};
  });
  live = m_rest;
  std::tuple<Cursor<std::uint8_t>, Cursor<kinesis::StoredRecord>, Cursor<std::int32_t>> cursors;
  WorldTables::forEach(live, [&](auto &table, auto) {
    using Container = std::remove_reference_t<decltype(table)>;
    using T = typename Container::value_type;
    auto &old = std::get<Held<Container>>(held.tables);
    const std::size_t i = std::get<Cursor<T>>(cursors).next++;
    if (i < old.size())
      table = std::move(old[i]); // another table's memory at worst: every element is checked below
    std::get<Tables<T>>(m_tables)[i].restoreInto(table);
  });
}

} // namespace streamscope::engine
