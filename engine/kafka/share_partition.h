#pragma once
// The share-partition leader (KIP-932), on the broker that leads the partition: it hands
// records to share-group members under a time-limited lock, applies their acknowledgements
// (accept, release, reject), expires locks, archives records after the delivery count limit,
// and moves the share-partition start offset (SPSO) over finished records. The in-flight
// window [SPSO, SPEO) holds at most group.share.partition.max.record.locks records.
// Contract: called only on the thread that owns the World (Simulation's dispatch); not thread-safe.
#include "engine/world/world.h"

namespace streamscope::engine::kafka {

ShareGroup &shareGroupAt(World &w, int g);
/// A member's acknowledgements arrived at the leader of partition `p` (global index).
void applyShareAcks(World &w, int g, int p, int member, const std::vector<ShareAck> &acks);

void onShareFetchArrive(World &w, const Action &a);
void onShareFetchRecheck(World &w, const Action &a);
void onShareLockExpire(World &w, const Action &a);

} // namespace streamscope::engine::kafka
