#pragma once
// The consumer rebalance protocol (KIP-848, group.protocol=consumer): the group coordinator
// computes a target assignment with a server-side assignor (uniform or range) whenever the
// membership or the topic's metadata changes, and bumps the group epoch. Each member
// reconciles on its own heartbeats: it first revokes the partitions its target no longer
// holds (commit, stop fetching) and acknowledges in its next heartbeat; only then does the
// coordinator release them, and their new owners receive them on their next heartbeat. No
// partition is ever held by two members, and members not affected keep reading throughout.
// Contract: called only on the thread that owns the World; not thread-safe.
#include "engine/world/world.h"

namespace streamscope::engine::kafka {

/// The member's first heartbeat (member epoch 0) reaches the coordinator after `delay`.
void joinWithHeartbeat(World &w, int g, int member, SimTime delay);
/// Graceful leave: the member commits and gives up its partitions, then heartbeats with
/// member epoch -1; the coordinator removes it and bumps the group epoch.
void leaveWithHeartbeat(World &w, int g, int member);
/// The session timed out: the coordinator fences the member and frees its partitions.
void fenceMember(World &w, int g, int member);
/// A membership or metadata change: new group epoch and target assignment.
void bumpGroupEpoch(World &w, int g);
void onGroupHeartbeat(World &w, const Action &a);

/// Where the member stands in its reconciliation (derived from the partitions).
enum class Reconciliation : std::uint8_t {
  Stable, ///< owns exactly its target
  Revoking, ///< revoked partitions it must acknowledge in its next heartbeat
  Waiting, ///< its target holds partitions other members still own (or not yet handed to it)
};
Reconciliation reconciliationOf(const ConsumerGroup &group, int member);

} // namespace streamscope::engine::kafka
