#pragma once
// The follower side of replication: each follower replica pulls from the leader with Fetch
// requests carrying its LEO and last fetched epoch; the response either tells it where its
// log diverged (truncate, KIP-101/KIP-320), or carries records and the leader's HW, which
// the follower adopts as min(leader HW, own LEO), one round trip late.
// Contract: called only on the thread that owns the World (Simulation's dispatch and fault routing); not thread-safe.
#include "engine/world/world.h"

namespace streamscope::engine::kafka {

/// (Re)starts `broker`'s fetch loop for p against the current leader; ends any older loop.
void startFollowing(World &w, int p, int broker);
/// Ends `broker`'s fetch loop for p (crash, or it became leader).
void stopFollowing(World &w, int p, int broker);

void onFollowerFetch(World &w, const Action &a);
void onReplicaFetchTimeout(World &w, const Action &a);
void onReplicaFetchResponse(World &w, const Action &a);

} // namespace streamscope::engine::kafka
