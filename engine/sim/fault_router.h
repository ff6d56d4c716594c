#pragma once
// Routes a fault (a scenario's timed fault or a user's action) to the Kafka or Kinesis code
// that carries it out. Runs on the thread that owns the World, inside Simulation.
#include "engine/world/world.h"

#include <optional>
#include <string>

namespace streamscope::engine {

/// Applies `f` to `w` now. Returns why the real system would refuse it (the error text it
/// would give), or nullopt when it took effect.
std::optional<std::string> applyFault(World &w, const Fault &f);

} // namespace streamscope::engine
