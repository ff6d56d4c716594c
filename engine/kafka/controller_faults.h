#pragma once
// Faults on KRaft controllers named by id: crash, power loss (the Raft log and vote are
// fsynced, so both lose only the process), restart, isolation and healing. In combined mode
// a controller is its broker's process, so the broker fault runs instead.
// Contract: called only on the thread that owns the World (Simulation's dispatch and fault routing); not thread-safe.
#include "engine/world/world.h"

#include <optional>
#include <string>

namespace streamscope::engine::kafka {

enum class ControllerFault : std::uint8_t { Crash, PowerLoss, Restart, Isolate, Heal };

/// Runs `fault` on controller `id`; refused if there is no such controller.
std::optional<std::string> faultController(World &w, int id, ControllerFault fault);

} // namespace streamscope::engine::kafka
