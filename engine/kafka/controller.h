#pragma once
// The KRaft controller and broker life cycle: brokers that stop heartbeating are fenced
// after broker.session.timeout.ms; fencing removes them from ISRs (never the last member)
// and moves leadership by clean election (first live ISR replica in assignment order) or,
// when enabled and no ISR member is alive, unclean election. Every leadership change bumps
// the leader epoch. Faults: crash (page cache survives), power loss (it does not), restart,
// isolation and healing, slowness.
// Contract: called only on the thread that owns the World (Simulation's dispatch and fault routing); not thread-safe.
#include "engine/world/world.h"

namespace streamscope::engine::kafka {

void crashBroker(World &w, int broker);
void powerOffBroker(World &w, int broker);
void restartBroker(World &w, int broker);
void isolateBroker(World &w, int broker);
void healBroker(World &w, int broker);
void slowBroker(World &w, int broker, SimTime extraDelay);
void onFenceCheck(World &w, const Action &a);
/// Initial leaders at cluster creation (preferred replica, epoch 0) and fetch loops.
void bootstrapLeadership(World &w);
/// Leadership for one new partition: its live replicas form the ISR and the first of them
/// leads (epoch 0); offline if none is alive.
void startPartition(World &w, int p);
/// The controller's election for p now: clean first, unclean if the topic allows it.
void electLeader(World &w, int p);
/// Running and not fenced: the controller would pick it as a leader.
bool canLead(World &w, int broker);

} // namespace streamscope::engine::kafka
