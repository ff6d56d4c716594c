#pragma once
// KCL lease promises, checked after each step: only a lease's owner processes its shard
// (so one lease never has two working owners, and a handoff never lets two workers process
// one shard at once); a KCL 3 graceful handoff checkpoints exactly at the last record the old
// owner processed, so the new owner starts right after it (nothing repeated, nothing skipped).
// Contract: pure checks of the World it is given plus the previous step's marks; one checker per Simulation thread.
#include "engine/world/world.h"

#include <span>
#include <string>
#include <vector>

namespace streamscope::engine::check {

class KclLeaseChecks {
public:
  /// Appends a description of each broken promise to `problems`.
  void afterStep(const World &w, std::span<const Event> events, std::vector<std::string> &problems);

private:
  struct Mark {
    bool processedAny = false;
    std::uint64_t processedCounter = 0;
  };
  std::vector<std::vector<Mark>> m_marks; ///< per application and lease, after the previous step
};

} // namespace streamscope::engine::check
