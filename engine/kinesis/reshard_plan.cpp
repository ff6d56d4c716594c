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
    return Fault{w.now, SplitShard{st.config.name, s.index, toDecimal(s.range.start + (s.range.end - s.range.start) / 2 + 1)}};
  }
  if (targetOpenShards < open) {
    Uint128 best = kUint128Max;
    std::optional<Fault> merge;
    for (int a : st.shards)
      for (int b : st.shards) {
        const auto &x = k.shardAt(a), &y = k.shardAt(b);
        if (x.open() && y.open() && x.range.end != kUint128Max && y.range.start == x.range.end + 1 && y.range.end - x.range.start <= best) {
          best = y.range.end - x.range.start;
          merge = Fault{w.now, MergeShards{st.config.name, x.index, y.index}};
        }
      }
    if (merge)
      return merge;
  }
  return std::nullopt;
}

} // namespace streamscope::engine::kinesis
