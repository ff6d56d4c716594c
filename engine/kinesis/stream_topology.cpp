#include "engine/kinesis/stream_topology.h"

#include <algorithm>
#include <iterator>

namespace streamscope::engine::kinesis {
namespace {

Stream &streamAt(World &w, int s) { return w.kinesis.streams[static_cast<std::size_t>(s)]; }

/// Keeps the stream's routing table (open shards by first hash key) sorted as shards open and
/// close: one insertion or removal each, so resharding a large stream stays linear.
void openRoute(World &w, int stream, int slot) {
  auto &open = streamAt(w, stream).openByStart;
  const std::pair<Uint128, int> route{w.kinesis.shardAt(slot).range.start, slot};
  open.insert(std::lower_bound(open.begin(), open.end(), route), route);
}

void closeRoute(World &w, int stream, int slot) {
  auto &open = streamAt(w, stream).openByStart;
  const std::pair<Uint128, int> route{w.kinesis.shardAt(slot).range.start, slot};
  const auto it = std::lower_bound(open.begin(), open.end(), route);
  if (it != open.end() && *it == route)
    open.erase(it);
}

int addShard(World &w, int stream, HashKeyRange range, int parent, int adjacentParent) {
  Stream &st = streamAt(w, stream);
  Shard shard;
  shard.stream = stream;
  shard.index = static_cast<int>(st.shards.size());
  shard.range = range;
  shard.parent = parent;
  shard.adjacentParent = adjacentParent;
  shard.createdAt = w.now;
  shard.lastAssigned = w.now;
  shard.writeRecords = TokenBucket::full(kWriteRecordsPerSecond, w.now);
  shard.writeBytes = TokenBucket::full(kWriteBytesPerSecond, w.now);
  shard.readCalls = TokenBucket::full(kReadCallsPerSecond, w.now);
  shard.readBytes = TokenBucket::full(kReadBytesPerSecond, w.now);
  const int slot = static_cast<int>(w.kinesis.shards.size());
  w.kinesis.shards.push_back(std::move(shard));
  st.shards.push_back(slot);
  openRoute(w, stream, slot);
  return slot;
}

std::string notFound(const World &w, int stream, int index) {
  return "ResourceNotFoundException: Could not find shard " + shardId(index) + " in stream " +
      w.kinesis.streams[static_cast<std::size_t>(stream)].config.name + " under account " + kAccountId + ".";
}

std::string alreadyResharded(const World &w, int stream, int index) {
  return "InvalidArgumentException: Shard " + shardId(index) + " in stream " + w.kinesis.streams[static_cast<std::size_t>(stream)].config.name +
      " under account " + kAccountId + " has already been merged or split, and thus is not eligible for merging or splitting.";
}

void close(World &w, int slot) {
  w.kinesis.shardAt(slot).closedAt = w.now;
  closeRoute(w, w.kinesis.shardAt(slot).stream, slot);
}

/// `lo` ends right where `hi` starts: their union is one contiguous range.
bool abuts(const HashKeyRange &lo, const HashKeyRange &hi) { return lo.end != kUint128Max && lo.end + 1 == hi.start; }

} // namespace

void createStream(World &w, int stream) {
  const StreamConfig &config = streamAt(w, stream).config;
  const int shards = config.capacityMode == CapacityMode::OnDemand ? kOnDemandInitialShards : config.shards;
  for (const HashKeyRange &range : initialHashKeyRanges(shards))
    addShard(w, stream, range, -1, -1);
}

int routeToShard(const World &w, int stream, Uint128 hashKey) {
  const auto &open = w.kinesis.streams[static_cast<std::size_t>(stream)].openByStart;
  // The last open shard starting at or below the key.
  const auto after = std::upper_bound(open.begin(), open.end(), hashKey, [](Uint128 key, const std::pair<Uint128, int> &e) { return key < e.first; });
  if (after == open.begin())
    return -1; // unreachable while the open shards cover the space
  const int slot = std::prev(after)->second;
  return w.kinesis.shardAt(slot).range.contains(hashKey) ? slot : -1;
}

std::optional<std::string> splitShardError(const World &w, int stream, int shardIndex, std::string_view newStartingHashKey) {
  const Stream &st = w.kinesis.streams[static_cast<std::size_t>(stream)];
  if (shardIndex < 0 || shardIndex >= static_cast<int>(st.shards.size()))
    return notFound(w, stream, shardIndex);
  const int parent = st.shards[static_cast<std::size_t>(shardIndex)];
  const HashKeyRange range = w.kinesis.shardAt(parent).range;
  const std::optional<Uint128> key = parseDecimal128(newStartingHashKey);
  if (!key)
    return "InvalidArgumentException: NewStartingHashKey " + std::string(newStartingHashKey) + " is not a decimal number between 0 and 2^128 - 1.";
  if (!w.kinesis.shardAt(parent).open())
    return alreadyResharded(w, stream, shardIndex);
  if (*key <= range.start + 1 || *key >= range.end)
    return "InvalidArgumentException: NewStartingHashKey " + std::string(newStartingHashKey) + " used in SplitShard() on shard " +
        shardId(shardIndex) + " in stream " + st.config.name + " under account " + kAccountId +
        " is not both greater than one plus the shard's StartingHashKey " + toDecimal(range.start) + " and less than the shard's EndingHashKey " +
        toDecimal(range.end) + ".";
  return std::nullopt;
}

std::optional<std::string> splitShard(World &w, int stream, int shardIndex, std::string_view newStartingHashKey) {
  if (auto refused = splitShardError(w, stream, shardIndex, newStartingHashKey))
    return refused;
  const Stream &st = streamAt(w, stream);
  const int parent = st.shards[static_cast<std::size_t>(shardIndex)];
  const HashKeyRange range = w.kinesis.shardAt(parent).range;
  const Uint128 key = *parseDecimal128(newStartingHashKey);
  close(w, parent);
  const int first = addShard(w, stream, {range.start, key - 1}, shardIndex, -1);
  const int second = addShard(w, stream, {key, range.end}, shardIndex, -1);
  w.record(EventType::ShardSplit, -1, parent, first, second);
  return std::nullopt;
}

std::optional<std::string> mergeShardsError(const World &w, int stream, int shardIndex, int adjacentShardIndex) {
  const Stream &st = w.kinesis.streams[static_cast<std::size_t>(stream)];
  for (int index : {shardIndex, adjacentShardIndex})
    if (index < 0 || index >= static_cast<int>(st.shards.size()))
      return notFound(w, stream, index);
  const int a = st.shards[static_cast<std::size_t>(shardIndex)];
  const int b = st.shards[static_cast<std::size_t>(adjacentShardIndex)];
  for (int index : {shardIndex, adjacentShardIndex})
    if (!w.kinesis.shardAt(st.shards[static_cast<std::size_t>(index)]).open())
      return alreadyResharded(w, stream, index);
  const HashKeyRange ra = w.kinesis.shardAt(a).range, rb = w.kinesis.shardAt(b).range;
  if (!abuts(ra, rb) && !abuts(rb, ra)) // adjacent: their union is one contiguous range
    return "InvalidArgumentException: Shards " + shardId(shardIndex) + " and " + shardId(adjacentShardIndex) + " in stream " + st.config.name +
        " under account " + kAccountId + " are not an adjacent pair of shards eligible for merging";
  return std::nullopt;
}

std::optional<std::string> mergeShards(World &w, int stream, int shardIndex, int adjacentShardIndex) {
  if (auto refused = mergeShardsError(w, stream, shardIndex, adjacentShardIndex))
    return refused;
  const Stream &st = streamAt(w, stream);
  const int a = st.shards[static_cast<std::size_t>(shardIndex)];
  const int b = st.shards[static_cast<std::size_t>(adjacentShardIndex)];
  const HashKeyRange ra = w.kinesis.shardAt(a).range, rb = w.kinesis.shardAt(b).range;
  close(w, a);
  close(w, b);
  const HashKeyRange merged = abuts(ra, rb) ? HashKeyRange{ra.start, rb.end} : HashKeyRange{rb.start, ra.end};
  const int child = addShard(w, stream, merged, shardIndex, adjacentShardIndex);
  w.record(EventType::ShardsMerged, -1, child, a, b);
  return std::nullopt;
}

} // namespace streamscope::engine::kinesis
