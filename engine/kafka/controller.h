#pragma once
// The controller's decisions and the broker life cycle. Decisions (fence, unfence, register,
// elect, ISR changes) are made on the active controller's image and become metadata records;
// they take effect on brokers once committed and applied (engine/kafka/metadata_log). A
// fenced broker leaves ISRs (as the last member only with eligible leader replicas) and
// leadership moves by the election order of engine/kafka/eligible_leaders (ISR, ELR, last
// known leader, then unclean if enabled); every leadership change bumps the leader epoch. Faults:
// crash (page cache survives), power loss (it does not), restart, isolation and healing,
// slowness; a broker fault also hits the controller it hosts (combined mode).
// Contract: called only on the thread that owns the World (Simulation's dispatch and fault routing); not thread-safe.
#include "engine/world/world.h"

namespace streamscope::engine::kafka {

void crashBroker(World &w, int broker);
void powerOffBroker(World &w, int broker);
void restartBroker(World &w, int broker);
void isolateBroker(World &w, int broker);
void healBroker(World &w, int broker);
void slowBroker(World &w, int broker, SimTime extraDelay, double dropResponseRatio = 0);
/// Initial leaders at cluster creation (preferred replica, epoch 0): the bootstrap snapshot.
void bootstrapLeadership(World &w);
/// Leadership for one new partition: its live replicas form the ISR and the first of them
/// leads (epoch 0); offline if none is alive. After bootstrap this is a metadata record.
void startPartition(World &w, int p);
/// The controller's election for p now, on its image: clean first, unclean if the topic allows it.
void electLeader(World &w, int p);
/// Running and not fenced: the controller would pick it as a leader.
bool canLead(World &w, int broker);

// Decisions of the active controller (REQUIRES: controllerReady).
void fenceBroker(World &w, int broker);
void unfenceBroker(World &w, int broker);
/// A new incarnation registers: it is fenced until it has caught up, and (an unclean
/// shutdown) leaves every ELR.
void registerBroker(World &w, int broker, std::uint32_t incarnation);
/// AlterPartition accepted: p's ISR becomes `isr` (same leader and leader epoch).
void changeIsr(World &w, int p, const std::vector<int> &isr);

} // namespace streamscope::engine::kafka
