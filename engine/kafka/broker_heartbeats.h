#pragma once
// Brokers and the active controller: a heartbeat every broker.heartbeat.interval.ms carrying
// the broker's incarnation and applied metadata offset; a new incarnation registers (and is
// fenced), a fenced broker that has caught up is unfenced, and one silent for
// broker.session.timeout.ms is fenced. In ZooKeeper mode the same ticks are the broker's
// ZooKeeper session pings and liveness comes from session expiry. Leaders' AlterPartition
// requests (ISR changes) are also sent, and re-sent, from here.
// Contract: called only on the thread that owns the World (Simulation's dispatch and fault routing); not thread-safe.
#include "engine/world/world.h"

namespace streamscope::engine::kafka {

/// Heartbeat ticks for broker b from now on.
void startHeartbeats(World &w, int b);
/// Sends b's heartbeat now (after a restart or a heal, without waiting for the tick).
void sendHeartbeat(World &w, int b);
/// A controller became active: every broker gets a full session from now.
void controllerActivated(World &w);
/// The leader of p proposes `isr` (AlterPartition); it takes effect once committed.
void proposeIsr(World &w, int p, std::vector<int> isr);

void onHeartbeatTick(World &w, const Action &a);
void onHeartbeatArrive(World &w, const Action &a);
void onSessionCheck(World &w, const Action &a);
void onAlterPartitionArrive(World &w, const Action &a);

} // namespace streamscope::engine::kafka
