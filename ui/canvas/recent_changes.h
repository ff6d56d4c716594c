#pragma once
// What changed a moment ago, for changes the world does not timestamp itself: a partition's
// new leader and a shard's latest throttling. The canvas updates it once per frame and
// painters make recent changes stand out ("unmistakable" elections, a red throttled lane).
// Contract: owned by one canvas and updated once per frame on the GUI thread.
#include "model/view/world_view.h"

#include <vector>

namespace streamscope::ui {

class RecentChanges {
public:
  /// Compares the world's view with the previous frame's; a new scenario (or time going
  /// backwards) starts over.
  void update(const model::WorldView &view);
  /// True for `window` simulated time after partition `p` got a new leader.
  bool leaderChanged(int p, model::SimTime now, model::SimTime window = 3 * model::kSecond) const;
  /// True for `window` after shard slot `s` last refused a write or read.
  bool throttled(int slot, model::SimTime now, model::SimTime window = model::kSecond) const;
  /// True when the latest refusal of shard slot `s` (within `window`) was a GetRecords call.
  bool readThrottled(int slot, model::SimTime now, model::SimTime window = model::kSecond) const;

private:
  struct PartitionSeen {
    int leader = -1;
    std::int32_t epoch = 0;
    model::SimTime changedAt = -model::kSecond * 3600;
  };
  struct ShardSeen {
    std::int64_t throttled = 0;
    model::SimTime at = -model::kSecond * 3600;
    std::int64_t reads = 0;
    bool lastWasRead = false;
  };
  std::vector<PartitionSeen> m_partitions;
  std::vector<ShardSeen> m_shards;
  model::SimTime m_last = -1;
};

} // namespace streamscope::ui
