#pragma once
// Share groups' promises (KIP-932), checked after each step: no record is held by two
// members at once (a member holds a record it received while its lock is unexpired and was
// not dropped by a leader change, and then the share-partition leader must show it acquired
// by that member, in that delivery); no delivery count exceeds the group's limit; every
// acquired record has a member and a lock deadline not yet passed; the SPSO never moves back
// and the in-flight window never exceeds group.share.partition.max.record.locks.
// Contract: pure checks of the World it is given plus the previous SPSOs; one checker per Simulation thread.
#include "engine/world/world.h"

#include <span>
#include <string>
#include <vector>

namespace streamscope::engine::check {

class ShareGroupChecks {
public:
  /// Appends a description of each broken promise to `problems`. Checks only after steps
  /// that changed share state (every step when `events` is empty).
  void afterStep(const World &w, std::span<const Event> events, std::vector<std::string> &problems);

private:
  std::vector<std::vector<std::int64_t>> m_spso; ///< per share group and partition: the last SPSO seen
};

} // namespace streamscope::engine::check
