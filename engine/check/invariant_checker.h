#pragma once
// Checks, after every step of a run, the promises the real systems make, so that a run of
// random faults proves the simulation never teaches something false:
//   Kafka: the high watermark never passes an ISR member's log end and never moves back
//   under one leader epoch; consumers never get records at or above it; committed offsets
//   never pass it; lost and duplicate records are counted exactly.
//   Consumer protocol (KIP-848): a partition passes to a new member only after its owner
//   revoked it, and only its owner fetches it: never two owners at once.
//   never pass it; lost and duplicate records are counted exactly; with strict min ISR the
//   high watermark never advances while the ISR is below min ISR; a new leader was in the
//   ISR, the ELR or was the last known leader, or its election is unclean and counted.
//   Kinesis: sequence numbers strictly increase within a shard; a KCL worker starts a child
//   shard only after its parents reached SHARD_END; records acknowledged are not lost.
//   KCL leases: see KclLeaseChecks.
//   Control plane: see ControlPlaneChecks. Share groups (KIP-932): see ShareGroupChecks.
// Contract: one checker watches one Simulation, on that simulation's thread; not thread-safe.
#include "engine/check/control_plane_checks.h"
#include "engine/check/kcl_lease_checks.h"
#include "engine/check/share_group_checks.h"
#include "engine/sim/report.h"
#include "engine/world/world.h"

#include <span>
#include <string>
#include <vector>

namespace streamscope::engine::check {

using kafka::Offset;

class InvariantChecker {
public:
  /// Call after each step with the events that step emitted.
  void afterStep(const World &w, std::span<const Event> events);
  /// Call once the run is over. Every Kinesis record acknowledged at least `settle` before
  /// the end must have been processed by each application (at-least-once); -1 skips that.
  void atEnd(const World &w, const Report &report, SimTime settle);

  const std::vector<std::string> &violations() const { return m_violations; }
  bool ok() const { return m_violations.empty(); }

private:
  struct LeaderMark {
    int leader = -1;
    std::int32_t epoch = -1;
    Offset highWatermark = 0;
  };
  /// Who could lead a partition cleanly, as the previous step left it.
  struct Electable {
    std::vector<int> isr;
    std::vector<int> elr;
    std::vector<int> lastKnownLeader;
  };
  void checkKafka(const World &w, std::span<const Event> events);
  void checkElections(const World &w, std::span<const Event> events);
  void checkKinesis(const World &w);
  void checkGroupOwners(const World &w, std::span<const Event> events);
  void fail(const World &w, std::string what);

  std::vector<Offset> m_maxHighWatermark; ///< per partition: the highest any leader reached
  std::vector<LeaderMark> m_leaderMarks; ///< per partition: the current leader's last HW
  struct Holder {
    int member = -1;
    bool released = true; ///< revoked, left or fenced: it may pass to another member
  };
  std::vector<std::vector<Holder>> m_groupHolders; ///< per consumer-protocol group and partition
  std::vector<Electable> m_electable; ///< per partition, after the previous step
  std::int64_t m_uncleanElections = 0; ///< the engine's count after the previous step
  bool m_watchedElections = false; ///< a step was seen (a checker may start mid-run)
  std::vector<std::uint64_t> m_shardLast; ///< per shard slot: the last counter checked
  std::vector<std::string> m_violations;
  ControlPlaneChecks m_controlPlane;
  ShareGroupChecks m_shareGroups;
  KclLeaseChecks m_kclLeases;
};

} // namespace streamscope::engine::check
