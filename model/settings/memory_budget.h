#pragma once
// The memory a run holds and the budget it keeps: the simulated world, the time-travel
// snapshots and the metric series are counted by estimate (what the budget checks, the same
// on every machine); the process's resident memory is read from the OS and shown beside them.
// The default budget is a quarter of the machine's physical memory. Any thread.
#include "engine/world/fault.h"

#include <QString>

#include <cstddef>
#include <vector>

namespace streamscope::model {

class SimulationController;

struct MemoryUse {
  std::size_t world = 0; ///< the live simulated world
  std::size_t snapshots = 0; ///< time travel: distinct snapshots and the chunks they share, once
  std::size_t metrics = 0; ///< the metric series of every branch
  std::size_t process = 0; ///< resident memory of the whole process (0 when unknown)
  std::size_t budget = 0; ///< what world + snapshots + metrics may reach

  std::size_t held() const { return world + snapshots + metrics; }
};

/// The machine's physical memory in bytes (0 when the OS does not say).
std::size_t physicalMemoryBytes();
/// A quarter of physical memory, or 2 GiB when it is unknown.
std::size_t defaultMemoryBudget();
/// Resident memory of this process in bytes (0 when unknown).
std::size_t processResidentBytes();
/// "1.5 GiB", "320 MiB": memory for people.
QString memoryText(std::size_t bytes);

/// SetRate actions, now, that scale every running producer's rate by `factor` (0 < factor < 1
/// lowers it). REQUIRES: controller.hasSimulation().
std::vector<engine::Fault> scaledRates(const SimulationController &controller, double factor);

} // namespace streamscope::model
