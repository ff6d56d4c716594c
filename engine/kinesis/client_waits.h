#pragma once
// Read-only: what every Kinesis client waits for now (PutRecords calls without answers,
// back-offs after throttling, shards whose lease a dead worker still holds), with the
// deadline the engine has scheduled for it. Changes nothing, so event hashes stay the same.
// Contract: reads a World on the thread that owns it (or a copy); not thread-safe.
#include "engine/world/client_wait.h"
#include "engine/world/world.h"

#include <vector>

namespace streamscope::engine::kinesis {

/// Appends the waits of every Kinesis producer and KCL application in `w` to `out`.
void collectKinesisWaits(const World &w, std::vector<ClientWait> &out);

} // namespace streamscope::engine::kinesis
