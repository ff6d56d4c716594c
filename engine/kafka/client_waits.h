#pragma once
// Read-only: what every Kafka client waits for now (requests without answers, back-offs,
// partitions without leaders, dead members' partitions), with the deadline the engine has
// scheduled for it. Changes nothing, so runs and their event hashes stay as they are.
// Contract: reads a World on the thread that owns it (or a copy); not thread-safe.
#include "engine/world/client_wait.h"
#include "engine/world/world.h"

#include <vector>

namespace streamscope::engine::kafka {

/// Appends the waits of every Kafka producer and consumer group in `w` to `out`.
void collectKafkaWaits(const World &w, std::vector<ClientWait> &out);

} // namespace streamscope::engine::kafka
