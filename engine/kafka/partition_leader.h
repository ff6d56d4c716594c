#pragma once
// What the leader replica of a partition does: track followers' fetch offsets to advance the
// HW and maintain the ISR, and wake the fetches held for new records. Produce requests: produce_serving.h; replica
// fetches: replica_serving.h; consumer fetches: consumer_serving.h.
// Contract: called only on the thread that owns the World (Simulation's dispatch and fault routing); not thread-safe.
#include "engine/world/world.h"

#include <vector>

namespace streamscope::engine::kafka {

void onIsrCheck(World &w, const Action &a);

/// Answers parked consumer fetches of p that now have something to return, and gives
/// followers' positions with new records to their fetch sessions.
void wakeParked(World &w, int p);
/// Recomputes the leader's HW: min LEO over the ISR, never while ISR < min ISR (KAFKA-15583),
/// never backwards. Completes purgatory and wakes consumer fetches when it moves.
void maybeAdvanceHighWatermark(World &w, int p);
/// p's leader appends entries of its own (transaction markers, the coordinator's log): its
/// followers' parked fetches are answered at once and the HW may move.
void appendAsLeader(World &w, int p, const std::vector<LogEntry> &entries);
/// Leadership of p moved away from `oldLeader`: pending produces and consumer fetches get
/// NOT_LEADER_OR_FOLLOWER (sent from the old leader, so a dead one sends nothing).
void abandonLeadership(World &w, int p, int oldLeader);
/// The leader's process died but its OS closed the connections: every pending produce and
/// consumer fetch of p fails at once with NETWORK_EXCEPTION.
void failPendingRequests(World &w, int p, ErrorCode error);
/// `broker` became leader of p at the current epoch: stamp the epoch, reset follower views.
void assumeLeadership(World &w, int p, int broker);

} // namespace streamscope::engine::kafka
