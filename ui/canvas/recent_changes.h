#pragma once
// What changed a moment ago, for changes the world does not timestamp itself: a partition's
// new leader and a shard's latest throttling. The canvas updates it once per frame and
// painters make recent changes stand out ("unmistakable" elections, a red throttled lane).
#include "engine/world/world.h"

#include <vector>

namespace streamscope::ui {

class RecentChanges {
public:
  /// Compares the world with the previous frame; a new scenario (or time going backwards)
  /// starts over.
  void update(const engine::World &world);
  /// True for `window` simulated time after partition `p` got a new leader.
  bool leaderChanged(int p, engine::SimTime now, engine::SimTime window = 3 * engine::kSecond) const;
  /// True for `window` after shard slot `s` last refused a write or read.
  bool throttled(int slot, engine::SimTime now, engine::SimTime window = engine::kSecond) const;

private:
  struct PartitionSeen {
    int leader = -1;
    std::int32_t epoch = 0;
    engine::SimTime changedAt = -engine::kSecond * 3600;
  };
  struct ShardSeen {
    std::int64_t throttled = 0;
    engine::SimTime at = -engine::kSecond * 3600;
  };
  std::vector<PartitionSeen> m_partitions;
  std::vector<ShardSeen> m_shards;
  engine::SimTime m_last = -1;
};

} // namespace streamscope::ui
