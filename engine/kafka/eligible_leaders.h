#pragma once
// Eligible leader replicas (KIP-966) as the KRaft controller keeps them (Kafka's
// PartitionChangeBuilder): with strict min ISR the high watermark cannot pass a replica that
// left the ISR while the ISR was below min ISR, so such a replica is still a safe leader. The
// controller keeps those replicas as the ELR in its image, lets the ISR become empty, and
// elects in this order: a live ISR member; else, with the ISR empty, an unfenced ELR member;
// else, with ISR and ELR empty, the last known leader if unfenced; else, if the topic allows
// it, any live replica (unclean). With the rule off only the first and the last step exist,
// as in 3.x. Decisions work on PartitionImage values; brokers take the ELR from the committed
// PartitionChange record (installEligibleLeaders).
// Contract: called only on the thread that owns the World; not thread-safe.
#include "engine/world/world.h"

#include <vector>

namespace streamscope::engine::kafka {

struct LeaderChoice {
  int leader = -1; ///< -1: nobody can lead
  ElectionKind kind = ElectionKind::Isr;
};

bool eligibleLeadersOn(const World &w);

/// The controller's choice of a leader for p from `im` (its ISR, ELR and last known leader),
/// in the order above, among running, unfenced brokers.
LeaderChoice chooseLeader(World &w, int p, const PartitionImage &im);

/// `next` takes `choice` as its leader: an ELR or last known leader becomes the whole ISR and
/// leaves the ELR; an unclean leader becomes the whole ISR and the ELR is forgotten.
void applyElection(const LeaderChoice &choice, PartitionImage &next);

/// next.isr changed from before.isr: below min ISR, replicas that were in the ISR (or ELR) and
/// are not now join or stay in the ELR; at or above min ISR the ELR is cleared; an ISR that
/// just became empty remembers its leader as last known.
void updateEligibleLeaders(const World &w, int p, const PartitionImage &before, PartitionImage &next);

/// A broker registers after an unclean shutdown (crash or power loss: no clean-shutdown
/// marker): its log may have lost a suffix, so it leaves the ELR.
void forgetUncleanReplica(int broker, PartitionImage &next);

/// A committed PartitionChange takes effect: p's ELR and last known leader become these, with
/// one ElrChanged event per broker that joins or leaves.
void installEligibleLeaders(World &w, int p, std::vector<int> elr, const std::vector<int> &lastKnownElr);

/// A replica left p's assignment: it cannot stay eligible (image and partition at once).
void dropEligibleReplica(World &w, int p, int broker);

/// min.insync.replicas of the topic changed: Kafka cleans the ELR state of its partitions.
void clearEligibleLeaders(World &w, int topic);

} // namespace streamscope::engine::kafka
