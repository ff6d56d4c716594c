#pragma once
// The data plane acting on a committed PartitionChangeRecord: the new leader takes over (the
// old one abandons its requests, followers re-point their fetchers) or the ISR changes; and
// each partition's time without a serving leader is accounted.
// Contract: called only on the thread that owns the World (Simulation's dispatch and fault routing); not thread-safe.
#include "engine/world/world.h"

namespace streamscope::engine::kafka {

/// The record takes effect on the partition (skipped if an equal or newer change already did).
void takeEffect(World &w, const MetadataRecord &r);
/// Applies a leader, epoch and ISR directly (the bootstrap snapshot, before any record).
void installLeader(World &w, int p, int leader, std::int32_t leaderEpoch, const std::vector<int> &isr, ElectionKind how);
/// Re-evaluates whether p has a leader that can serve (called whenever that may change).
void noteAvailability(World &w, int p);
/// noteAvailability for every partition `broker` leads.
void noteBrokerAvailability(World &w, int broker);
/// Total time p had no serving leader up to now.
SimTime unavailableTime(const World &w, int p);

} // namespace streamscope::engine::kafka
