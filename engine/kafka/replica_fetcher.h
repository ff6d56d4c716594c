#pragma once
// The follower side of replication. A follower broker has one fetcher per leader broker (a
// fetch session, KIP-227): one Fetch request outstanding, listing each partition whose
// position changed (all of them when the session starts over) with its LEO and last fetched
// epoch. Each partition in the response either says where the follower's log diverged
// (truncate, KIP-101/KIP-320), or carries records and the leader's HW, which the follower
// adopts as min(leader HW, own LEO), one round trip late. An fsync forced by flush.messages
// holds the fetcher's next request, as it blocks Kafka's fetcher thread.
// Contract: called only on the thread that owns the World (Simulation's dispatch and fault routing); not thread-safe.
#include "engine/world/world.h"

namespace streamscope::engine::kafka {

/// (Re)starts `broker`'s fetch loop for p against the current leader; ends any older loop.
void startFollowing(World &w, int p, int broker);
/// Ends `broker`'s fetch loop for p (crash, or it became leader).
void stopFollowing(World &w, int p, int broker);
/// The session of `follower` with `leader` (created on first use): its index in fetchSessions.
int fetchSessionOf(World &w, int follower, int leader);

void onFollowerFetch(World &w, const Action &a);
void onReplicaFetchTimeout(World &w, const Action &a);
void onReplicaFetchResponse(World &w, const Action &a);

} // namespace streamscope::engine::kafka
