#pragma once
// What both rebalance protocols do to one partition of a consumer group: commit the owner's
// position, stop and start the owner's fetch loop, and keep the account of the time no live
// member reads it (unowned time), which lets a run compare the protocols on the same churn.
// Contract: called only on the thread that owns the World; not thread-safe.
#include "engine/world/world.h"

namespace streamscope::engine::kafka {

ConsumerGroup &groupAt(World &w, int g);
/// Commits the owner's position of local partition `local` if it moved.
void commitPosition(World &w, int g, int local);
/// Ends the owner's fetch loop (a response still in flight is then ignored).
void stopFetching(GroupPartition &gp);
/// Sends the owner's next fetch (or waits for a leader); nothing without a live owner.
void sendFetch(World &w, int g, int local);
/// Brings the unowned-time account up to date after the owner, its revocation or its life changed.
void noteOwnership(World &w, int g, int local);
/// Total time up to `now` that no live member read the partition (unassigned, revoked and
/// not yet handed on, or its owner dead).
SimTime unownedTime(const GroupPartition &gp, SimTime now);

} // namespace streamscope::engine::kafka
