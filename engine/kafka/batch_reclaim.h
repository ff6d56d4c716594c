#pragma once
// Producer batches live in a pool whose slots are named by scheduled actions. A batch is
// finished once the producer has resolved it, but a late request or response may still be
// on the wire and read it, so slots are reclaimed by marking what can still be reached.
// Contract: called only on the thread that owns the World (Simulation's dispatch and fault routing); not thread-safe.
#include "engine/world/world.h"

namespace streamscope::engine::kafka {

/// Returns to the pool every batch that is resolved and not named by a request, response or
/// purgatory entry. Timeouts do not keep a batch: attempt numbers are unique, so a timeout
/// for a reclaimed (or reused) slot never matches.
void reclaimFinishedBatches(World &w);

/// The produce request a message names (ProduceArrive, a response or a response waiting for
/// its fsync), or -1.
std::int32_t produceRequestOf(const Action &a);
/// Returns to the pool every produce request no message or purgatory entry names. Timers
/// check the request's first attempt number, unique per send, before reading it.
void reclaimAnsweredRequests(World &w);
/// A slot for a new produce request, reclaiming answered ones first when the pool has doubled.
std::int32_t acquireProduceRequest(World &w);

/// A slot for a new batch, reclaiming finished ones first when the pool has doubled.
std::int32_t acquireBatch(World &w);

} // namespace streamscope::engine::kafka
