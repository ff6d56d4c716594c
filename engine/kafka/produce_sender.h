#pragma once
// The producer's Sender (as in the Java client): when a partition's first batch is ready (full,
// linger.ms passed, or a retry's back-off over), every partition led by the same broker gives
// its first batch to one ProduceRequest, bounded by max.request.size, while that broker
// connection has fewer than max.in.flight.requests.per.connection requests unanswered.
// Contract: called only on the thread that owns the World (Simulation's dispatch and fault routing); not thread-safe.
#include "engine/world/world.h"

namespace streamscope::engine::kafka {

/// Partition `local` of `producer` has queued batches or an answer: sends what its leader's
/// connection can take now, or schedules a wake-up for linger, back-off or metadata.
void trySend(World &w, int producer, int local);
/// Sends the producer's ready batches for `broker` while its connection has room.
void drainBroker(World &w, int producer, int broker);
/// Sends `batches` (of one producer, each of its own partition) to `broker` as one request.
/// `counted`: it takes one of the connection's in-flight slots (an old instance's does not).
void sendProduceRequest(World &w, int producer, int broker, const std::vector<std::int32_t> &batches, bool counted);
/// The producer gives up on batch `b` with `error` (its records fail).
void failBatch(World &w, Batch &b, ErrorCode error);
/// Wakes partition `local` at `at` to try sending again (once: one wake-up pending at a time).
void scheduleWake(World &w, int producer, int local, SimTime at);
/// Removes `batchId` from the partition's unresolved batches.
void resolve(ProducerPartition &pp, std::int32_t batchId);
/// Forgets the producer's connections (a restarted instance opens new ones).
void resetConnections(Producer &pr);

} // namespace streamscope::engine::kafka
