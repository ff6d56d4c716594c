#include "engine/kinesis/reshard_plan.h"

#include "engine/core/uint128.h"

namespace streamscope::engine::kinesis {

int openShardCount(const World &w, int stream) {
  int n = 0;
  for (int slot : w.kinesis.streams[static_cast<std::size_t>(stream)].shards)
    n += w.kinesis.shardAt(slot).open() ? 1 : 0;
  return n;
}

std::optional<Fault> nextReshardStep(const World &w, int stream, int targetOpenShards) {
  const auto &k = w.kinesis;
  const auto &st = k.streams[static_cast<std::size_t>(stream)];
  const int open = openShardCount(w, stream);
  Fault f;
  f.stream = st.config.name;
  if (targetOpenShards > open) {
    // The widest shard first, so the key space stays as evenly spread as halving allows.
    int widest = -1;
    for (int slot : st.shards) {
      const auto &s = k.shardAt(slot);
      if (s.open() && (widest < 0 || s.range.end - s.range.start > k.shardAt(widest).range.end - k.shardAt(widest).range.start))
        widest = slot;
    }
    if (widest < 0)
      return std::nullopt;
    const auto &s = k.shardAt(widest);
    f.action = FaultAction::SplitShard;
    f.shard = s.index;
    f.newStartingHashKey = toDecimal(s.range.start + (s.range.end - s.range.start) / 2 + 1);
    return f;
  }
  if (targetOpenShards < open) {
    Uint128 best = kUint128Max;
    bool found = false;
    for (int a : st.shards)
      for (int b : st.shards) {
        const auto &x = k.shardAt(a), &y = k.shardAt(b);
        if (x.open() && y.open() && x.range.end != kUint128Max && y.range.start == x.range.end + 1 &&
            y.range.end - x.range.start <= best) {
          best = y.range.end - x.range.start;
          f.action = FaultAction::MergeShards;
          f.shard = x.index;
          f.adjacentShard = y.index;
          found = true;
        }
      }
    if (found)
      return f;
  }
  return std::nullopt;
}

} // namespace streamscope::engine::kinesis
