#include "engine/kafka/consumer_protocol.h"

#include "engine/kafka/assignors.h"
#include "engine/kafka/group_partitions.h"

#include <algorithm>

namespace streamscope::engine::kafka {
namespace {

Member &memberAt(ConsumerGroup &group, int m) { return group.members[static_cast<std::size_t>(m)]; }

/// The next heartbeat of `member` reaches the coordinator after `delay`; any older one is stale.
void scheduleHeartbeat(World &w, int g, int member, SimTime delay) {
  Member &m = memberAt(groupAt(w, g), member);
  w.after(delay, Action{ActionType::GroupHeartbeat, -1, -1, g, member, ++m.heartbeatToken});
}

/// The coordinator forgets `member`: its partitions become free for their targets.
void removeFromGroup(World &w, int g, int member) {
  ConsumerGroup &group = groupAt(w, g);
  memberAt(group, member).inGroup = false;
  for (int local = 0; local < static_cast<int>(group.parts.size()); ++local) {
    GroupPartition &gp = group.parts[static_cast<std::size_t>(local)];
    if (gp.owner != member)
      continue;
    stopFetching(gp);
    gp.owner = -1;
    gp.revoking = false;
    gp.position = -1;
    noteOwnership(w, g, local);
  }
}

/// One heartbeat at the coordinator, and the member's reaction to its response (modelled as
/// the same instant). Returns true when the member must acknowledge a revocation.
bool reconcile(World &w, int g, int member) {
  ConsumerGroup &group = groupAt(w, g);
  Member &m = memberAt(group, member);
  const int partitions = static_cast<int>(group.parts.size());
  // 1. This heartbeat acknowledges earlier revocations: the coordinator releases them.
  for (int local = 0; local < partitions; ++local) {
    GroupPartition &gp = group.parts[static_cast<std::size_t>(local)];
    if (gp.owner == member && gp.revoking) {
      gp.owner = -1;
      gp.revoking = false;
      gp.position = -1;
      noteOwnership(w, g, local);
    }
  }
  // 2. Partitions it owns that its target no longer holds: revoke first, keep the epoch.
  std::int64_t revoked = 0;
  for (int local = 0; local < partitions; ++local) {
    GroupPartition &gp = group.parts[static_cast<std::size_t>(local)];
    if (gp.owner != member || gp.target == member)
      continue;
    if (group.config.enableAutoCommit)
      commitPosition(w, g, local); // commit before giving it up, as on classic revocation
    stopFetching(gp);
    gp.revoking = true;
    noteOwnership(w, g, local);
    ++revoked;
  }
  if (revoked > 0) {
    w.record(EventType::PartitionsRevoked, m.node, g, member, revoked);
    return true;
  }
  // 3. Nothing left to revoke: the member reaches the group epoch and takes what is free.
  if (m.epoch != group.groupEpoch) {
    m.epoch = group.groupEpoch;
    w.record(EventType::MemberEpochChanged, m.node, g, member, m.epoch);
  }
  std::int64_t assigned = 0;
  for (int local = 0; local < partitions; ++local) {
    GroupPartition &gp = group.parts[static_cast<std::size_t>(local)];
    if (gp.target != member || gp.owner >= 0)
      continue;
    gp.owner = member;
    gp.position = gp.committed; // -1: auto.offset.reset on the first fetch
    gp.stopped = false;
    noteOwnership(w, g, local);
    sendFetch(w, g, local);
    ++assigned;
  }
  if (assigned > 0)
    w.record(EventType::PartitionsAssigned, m.node, g, member, assigned);
  return false;
}

} // namespace

void joinWithHeartbeat(World &w, int g, int member, SimTime delay) { scheduleHeartbeat(w, g, member, delay + w.net.maxLatency()); }

void leaveWithHeartbeat(World &w, int g, int member) {
  ConsumerGroup &group = groupAt(w, g);
  Member &m = memberAt(group, member);
  for (int local = 0; local < static_cast<int>(group.parts.size()); ++local)
    if (group.parts[static_cast<std::size_t>(local)].owner == member && group.config.enableAutoCommit)
      commitPosition(w, g, local);
  m.alive = false;
  ++m.incarnation;
  ++m.heartbeatToken; // no more regular heartbeats
  m.epoch = -1;
  removeFromGroup(w, g, member);
  w.record(EventType::ConsumerLeft, m.node, g, member);
  bumpGroupEpoch(w, g);
}

void fenceMember(World &w, int g, int member) {
  ConsumerGroup &group = groupAt(w, g);
  removeFromGroup(w, g, member); // a dead member commits nothing
  w.record(EventType::MemberFenced, memberAt(group, member).node, g, member);
  bumpGroupEpoch(w, g);
}

void bumpGroupEpoch(World &w, int g) {
  ConsumerGroup &group = groupAt(w, g);
  ++group.groupEpoch;
  std::vector<int> active; // member-id order (ids sort by join order)
  std::vector<int> slot(group.members.size(), -1);
  for (std::size_t m = 0; m < group.members.size(); ++m)
    if (group.members[m].inGroup) {
      slot[m] = static_cast<int>(active.size());
      active.push_back(static_cast<int>(m));
    }
  const int partitions = static_cast<int>(group.parts.size());
  std::vector<int> previous(group.parts.size(), -1); // the uniform assignor keeps the current target where it can
  for (std::size_t i = 0; i < group.parts.size(); ++i)
    if (group.parts[i].target >= 0)
      previous[i] = slot[static_cast<std::size_t>(group.parts[i].target)];
  const int members = static_cast<int>(active.size());
  const std::vector<int> target =
      group.config.assignor == AssignorKind::Range ? assignRange(partitions, members) : assignSticky(partitions, members, previous);
  for (std::size_t i = 0; i < group.parts.size(); ++i)
    group.parts[i].target = target[i] >= 0 ? active[static_cast<std::size_t>(target[i])] : -1;
  w.record(EventType::GroupEpochBumped, -1, g, group.groupEpoch, members);
}

void onGroupHeartbeat(World &w, const Action &a) {
  const int g = a.a;
  const int member = a.b;
  ConsumerGroup &group = groupAt(w, g);
  Member &m = memberAt(group, member);
  if (!m.alive || m.heartbeatToken != a.c)
    return; // the process is gone, or a newer heartbeat replaced this one
  m.lastHeartbeat = w.now;
  if (!m.inGroup) { // member epoch 0: a join
    m.inGroup = true;
    bumpGroupEpoch(w, g);
  }
  // A revoking member acknowledges as soon as it has revoked: one round trip later.
  const bool acknowledge = reconcile(w, g, member);
  scheduleHeartbeat(w, g, member, acknowledge ? 2 * w.net.maxLatency() : group.config.heartbeatInterval);
}

Reconciliation reconciliationOf(const ConsumerGroup &group, int member) {
  bool waiting = false;
  for (const GroupPartition &gp : group.parts) {
    if (gp.owner == member && (gp.revoking || gp.target != member))
      return Reconciliation::Revoking;
    waiting = waiting || (gp.target == member && gp.owner != member);
  }
  return waiting ? Reconciliation::Waiting : Reconciliation::Stable;
}

} // namespace streamscope::engine::kafka
