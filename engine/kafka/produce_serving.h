#pragma once
// What a leader broker does with a ProduceRequest: each partition of it is checked (leadership,
// min ISR, max.message.bytes, transactions, idempotent sequences) and appended on its own;
// acks=all partitions wait in the partition's purgatory for the high watermark; one response
// carries every partition's result once the last is done or the request's timeout passes.
// Contract: called only on the thread that owns the World (Simulation's dispatch and fault routing); not thread-safe.
#include "engine/world/world.h"

namespace streamscope::engine::kafka {

void onProduceArrive(World &w, const Action &a);
/// The request's timeout passed: partitions still in purgatory answer REQUEST_TIMED_OUT.
void onPurgatoryExpire(World &w, const Action &a);
/// p's high watermark moved: purgatory entries it covers are done (NOT_ENOUGH_REPLICAS_AFTER_APPEND
/// when the ISR is below min ISR), and their requests answered once complete.
void completePurgatory(World &w, int p);
/// Every purgatory entry of p fails with `error` (answered by the broker that took the request).
void failPurgatory(World &w, int p, ErrorCode error);

} // namespace streamscope::engine::kafka
