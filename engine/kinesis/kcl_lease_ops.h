#pragma once
// The lease-table operations kcl_application.cpp does for every KCL version, shared with the
// KCL 3 leader (kcl_lease_assignment.cpp), which decides who gets a lease but not how.
// Contract: called only on the thread that owns the World; not thread-safe.
#include "engine/world/world.h"

namespace streamscope::engine::kinesis::leases {

/// The owner stopped renewing it for longer than failoverTime.
bool expired(const World &w, const Application &app, const Lease &l);
/// Not finished, and its parents (if it has any leases) reached SHARD_END.
bool eligible(const World &w, const Application &app, const Lease &l);
/// The lease table names `worker` owner; it reads from the table's checkpoint once
/// `startDelay` has passed (KCL 3: when its lease discovery finds the lease).
void give(World &w, int app, int lease, int worker, SimTime startDelay, bool handoff);
/// The owner checkpoints at the last record it handed to its processor (if any).
void checkpointProcessed(World &w, int app, int lease);

} // namespace streamscope::engine::kinesis::leases
