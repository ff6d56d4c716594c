#pragma once
// KCL 3.x lease assignment (kcl_version 3): the workers race for one leader lock in the
// coordinator-state table; the holder heartbeats it, and when it stops (a crash) the lock is
// free once its lease duration has passed (a graceful shutdown releases it at once). Every
// worker runs the assignment loop every 2 x failoverTime; only the leader's run assigns:
//   1. free and expired leases go, one by one, to the least loaded worker;
//   2. a worker whose load is more than rebalance_threshold_percent above the average gives
//      up dampening_percent of its excess: whole leases that fit in that budget move to the
//      least loaded workers, each as a graceful handoff (at its next renewal the owner
//      checkpoints at its last processed record and hands the lease over).
// A worker's load is the sum of its leases' throughput: bytes handed to the processor per
// renewal interval, averaged exponentially (alpha 0.5), as the KCL records it at renewal.
// StreamScope's CPU model makes a worker's CPU that load over cpu_capacity_kib_per_second,
// so balancing CPU is balancing throughput. A new owner starts reading when its lease
// discovery (every assignment interval / 2 - 25 ms) finds the lease.
// Contract: called only on the thread that owns the World; not thread-safe.
#include "engine/world/world.h"

namespace streamscope::engine::kinesis::kcl3 {

inline bool leaderAssigns(const Application &app) { return app.config.kclVersion >= 3; }
/// leaseAssignmentIntervalMillis's default: twice failoverTimeMillis.
inline SimTime assignmentInterval(const Application &app) { return 2 * app.config.failoverTime; }
/// How often a worker looks in the lease table for leases the leader gave it.
inline SimTime discoveryInterval(const Application &app) { return assignmentInterval(app) / 2 - 25 * kMillisecond; }
/// The leader lock's holder heartbeats it this often (DynamoDBLockClient's heartbeat period).
inline constexpr SimTime kLockHeartbeat = 30 * kSecond;

/// A worker's assignment loop: it takes the lock if it is free, and assigns if it holds it.
void assignmentRun(World &w, int app, int worker);
/// After a worker renewed its leases: lock heartbeat, lease statistics, and the handoff of
/// leases the leader moved away from it.
void afterRenewal(World &w, int app, int worker, SimTime renewInterval);
/// A worker died (graceful: it shut down, releasing its leases and the lock if it held it).
void workerGone(World &w, int app, int worker, bool graceful);

/// The live leader, or -1 (none yet, or the lock is still held by a dead worker).
int liveLeader(const Application &app);
/// A worker's load: the throughput of the leases it owns, bytes per second.
std::int64_t workerLoad(const Application &app, int worker);
/// StreamScope's CPU model: the worker's load as a percentage of cpu_capacity_kib_per_second.
int workerCpuPercent(const Application &app, int worker);

} // namespace streamscope::engine::kinesis::kcl3
