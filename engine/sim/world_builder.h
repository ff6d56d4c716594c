#pragma once
// Turns a scenario into the world at time 0: brokers, topics and partitions with their first
// leaders, streams and shards, clients and their first scheduled actions, and the scenario's
// timed faults. Called once per run by Simulation; not thread-safe (it fills one World).
#include "engine/world/world.h"

namespace streamscope::engine {

/// REQUIRES: `w` is freshly constructed and `scenario` was validated (model/json/scenario_loader).
void buildWorld(World &w, const Scenario &scenario);

} // namespace streamscope::engine
