#pragma once
// The control plane's promises, checked on the events of each step: at most one Raft leader
// per epoch; committed metadata entries are never lost (a new leader's log holds them all,
// and no voter's log disagrees with them below its own commit point); brokers never apply
// beyond the committed offset.
// Contract: one checker watches one Simulation, on that simulation's thread; not thread-safe.
#include "engine/world/world.h"

#include <map>
#include <span>
#include <string>
#include <vector>

namespace streamscope::engine::check {

class ControlPlaneChecks {
public:
  /// Appends a description of each broken promise to `problems`.
  void afterStep(const World &w, std::span<const Event> events, std::vector<std::string> &problems);

private:
  std::map<std::int64_t, std::int32_t> m_leaderOfEpoch; ///< KRaft epoch -> controller id
  std::map<std::int64_t, std::int32_t> m_zkControllerOfEpoch; ///< ZooKeeper epoch -> broker
};

} // namespace streamscope::engine::check
