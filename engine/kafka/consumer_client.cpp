#include "engine/kafka/consumer_client.h"

#include "engine/kafka/assignors.h"
#include "engine/kafka/consumer_fetcher.h"
#include "engine/kafka/consumer_protocol.h"
#include "engine/kafka/group_partitions.h"

#include <algorithm>
#include <cstdio>
#include <utility>

namespace streamscope::engine::kafka {
namespace {

constexpr SimTime kInitialRebalanceDelay = 3 * kSecond; // group.initial.rebalance.delay.ms

/// The index in KafkaState::partitions of the group's topic's partition `local`.
int partitionOf(const World &w, const ConsumerGroup &g, int local) { return w.kafka.partitionId(g.topic, local); }

int addMember(World &w, int g) {
  ConsumerGroup &group = groupAt(w, g);
  Member m;
  m.inGroup = group.config.protocol == GroupProtocol::Classic; // the consumer protocol counts it from its first heartbeat
  char id[64];
  std::snprintf(id, sizeof id, "%s-member-%03zu", group.config.group.c_str(), group.members.size());
  m.id = id;
  m.node = w.net.addNode();
  group.members.push_back(m);
  const int index = static_cast<int>(group.members.size() - 1);
  w.record(EventType::ConsumerJoined, m.node, g, index);
  if (group.config.enableAutoCommit)
    w.after(std::max<SimTime>(0, group.config.start - w.now) + group.config.autoCommitInterval, Action{ActionType::AutoCommit, -1, -1, g, index, 0});
  return index;
}

void revoke(World &w, int g, int local, bool commitFirst) {
  ConsumerGroup &group = groupAt(w, g);
  GroupPartition &gp = group.parts[static_cast<std::size_t>(local)];
  if (commitFirst && group.config.enableAutoCommit)
    commitPosition(w, g, local); // the Java client commits on revocation when auto commit is on
  stopFetching(gp);
  gp.owner = -1;
  gp.position = -1;
  noteOwnership(w, g, local);
}

void beginRebalance(World &w, int g, SimTime extraDelay = 0) {
  ConsumerGroup &group = groupAt(w, g);
  group.rebalancing = true;
  const std::uint32_t token = ++group.rebalanceToken;
  std::vector<int> active; // members in member-id order (ids sort by join order)
  for (std::size_t m = 0; m < group.members.size(); ++m)
    if (group.members[m].inGroup)
      active.push_back(static_cast<int>(m));
  const int partitions = static_cast<int>(group.parts.size());
  const bool eager = group.config.assignor == AssignorKind::Range;
  std::vector<int> previous(group.parts.size(), -1);
  for (std::size_t i = 0; i < group.parts.size(); ++i) {
    const auto it = std::find(active.begin(), active.end(), group.parts[i].owner);
    previous[i] = it == active.end() ? -1 : static_cast<int>(it - active.begin());
  }
  const std::vector<int> target =
      eager ? assignRange(partitions, static_cast<int>(active.size())) : assignSticky(partitions, static_cast<int>(active.size()), previous);
  for (int local = 0; local < partitions; ++local) {
    GroupPartition &gp = group.parts[static_cast<std::size_t>(local)];
    const int next = target[static_cast<std::size_t>(local)] >= 0 ? active[static_cast<std::size_t>(target[static_cast<std::size_t>(local)])] : -1;
    gp.secondRound = false;
    gp.pendingOwner = -1;
    if (!eager && gp.owner >= 0 && gp.owner == next)
      continue; // cooperative: keeps fetching through the rebalance
    if (gp.owner >= 0) {
      const bool ownerAlive = group.members[static_cast<std::size_t>(gp.owner)].alive;
      gp.secondRound = !eager && ownerAlive; // moved away from a live owner: revoke first
      revoke(w, g, local, ownerAlive);
    }
    gp.pendingOwner = next;
  }
  // JoinGroup and SyncGroup round trips with the coordinator.
  const SimTime delay = extraDelay + 4 * w.net.maxLatency();
  w.after(delay, Action{ActionType::RebalanceDone, -1, -1, g, 1, token});
}

} // namespace

bool deliverable(const World &w, const ConsumerGroup &g, const RecordInfo &r) {
  if (r.has(RecordInfo::Control))
    return false;
  if (g.config.isolationLevel != IsolationLevel::ReadCommitted || r.txn < 0)
    return true;
  return !w.kafka.transactions[static_cast<std::size_t>(r.txn)].aborting();
}

void commitTransactionalOffset(World &w, int g, int local, Offset offset) {
  ConsumerGroup &group = groupAt(w, g);
  GroupPartition &gp = group.parts[static_cast<std::size_t>(local)];
  if (offset <= gp.committed)
    return;
  gp.committed = offset;
  w.record(EventType::Committed, -1, partitionOf(w, group, local), offset, g);
}

ConsumerGroup &groupAt(World &w, int g) { return w.kafka.groups[static_cast<std::size_t>(g)]; }

void commitPosition(World &w, int g, int local) {
  ConsumerGroup &group = groupAt(w, g);
  GroupPartition &gp = group.parts[static_cast<std::size_t>(local)];
  if (gp.position < 0 || gp.position == gp.committed)
    return;
  gp.committed = gp.position;
  const NodeId node = gp.owner >= 0 ? group.members[static_cast<std::size_t>(gp.owner)].node : -1;
  w.record(EventType::Committed, node, partitionOf(w, group, local), gp.committed, g);
}

void noteOwnership(World &w, int g, int local) {
  ConsumerGroup &group = groupAt(w, g);
  GroupPartition &gp = group.parts[static_cast<std::size_t>(local)];
  const bool read = gp.owner >= 0 && !gp.revoking && group.members[static_cast<std::size_t>(gp.owner)].alive;
  if (!read && gp.unownedSince < 0) {
    gp.unownedSince = w.now;
    ++gp.interruptions;
  } else if (read && gp.unownedSince >= 0) {
    gp.unownedTotal += std::max<SimTime>(0, w.now - gp.unownedSince);
    gp.unownedSince = -1;
  }
}

SimTime unownedTime(const GroupPartition &gp, SimTime now) {
  return gp.unownedTotal + (gp.unownedSince >= 0 ? std::max<SimTime>(0, now - gp.unownedSince) : 0);
}

void startGroup(World &w, int index) {
  ConsumerGroup &group = groupAt(w, index);
  GroupPartition unread;
  unread.unownedSince = std::max(w.now, group.config.start); // unowned from the group's start
  group.parts.assign(static_cast<std::size_t>(w.kafka.topics[static_cast<std::size_t>(group.topic)].config.partitions), unread);
  for (int m = 0; m < group.config.members; ++m) {
    const int member = addMember(w, index);
    if (group.config.protocol == GroupProtocol::Consumer)
      joinWithHeartbeat(w, index, member, std::max<SimTime>(0, group.config.start - w.now));
  }
  if (group.config.protocol == GroupProtocol::Classic)
    beginRebalance(w, index, std::max<SimTime>(0, group.config.start - w.now) + kInitialRebalanceDelay);
}

void topicPartitionsChanged(World &w, int g) {
  ConsumerGroup &group = groupAt(w, g);
  GroupPartition unread;
  unread.unownedSince = std::max(w.now, group.config.start);
  group.parts.resize(static_cast<std::size_t>(w.kafka.topics[static_cast<std::size_t>(group.topic)].config.partitions), unread);
  if (group.config.protocol == GroupProtocol::Consumer)
    bumpGroupEpoch(w, g); // the coordinator sees the new partitions in the metadata
  else
    beginRebalance(w, g); // the leader's metadata refresh sees the new partitions
}

void addConsumer(World &w, int group) {
  const int member = addMember(w, group);
  if (groupAt(w, group).config.protocol == GroupProtocol::Consumer)
    joinWithHeartbeat(w, group, member, 0);
  else
    beginRebalance(w, group);
}

void removeConsumer(World &w, int g, int member) {
  ConsumerGroup &group = groupAt(w, g);
  Member &m = group.members[static_cast<std::size_t>(member)];
  if (!m.alive || !m.inGroup)
    return;
  if (group.config.protocol == GroupProtocol::Consumer) {
    leaveWithHeartbeat(w, g, member);
    return;
  }
  for (std::size_t i = 0; i < group.parts.size(); ++i)
    if (group.parts[i].owner == member)
      revoke(w, g, static_cast<int>(i), true);
  m.alive = false;
  m.inGroup = false;
  ++m.incarnation;
  w.record(EventType::ConsumerLeft, m.node, g, member);
  beginRebalance(w, g);
}

void killConsumer(World &w, int g, int member) {
  ConsumerGroup &group = groupAt(w, g);
  Member &m = group.members[static_cast<std::size_t>(member)];
  if (!m.alive)
    return;
  m.alive = false;
  ++m.incarnation;
  for (std::size_t i = 0; i < group.parts.size(); ++i)
    if (group.parts[i].owner == member) {
      stopFetching(group.parts[i]);
      noteOwnership(w, g, static_cast<int>(i));
    }
  w.record(EventType::ConsumerKilled, m.node, g, member);
  // The session timer runs from the last heartbeat the coordinator got (classic: modelled from the kill).
  const bool consumer = group.config.protocol == GroupProtocol::Consumer;
  if (consumer && !m.inGroup)
    return; // it never joined: the coordinator has nothing to expire
  const SimTime expiry = consumer ? std::max(w.now, m.lastHeartbeat + group.config.sessionTimeout) : w.now + group.config.sessionTimeout;
  m.sessionExpiresAt = expiry;
  w.at(expiry, Action{ActionType::SessionExpired, -1, -1, g, member, m.incarnation});
}

void reviveConsumer(World &w, int g, int member) {
  ConsumerGroup &group = groupAt(w, g);
  Member &m = group.members[static_cast<std::size_t>(member)];
  if (m.alive)
    return;
  if (!m.inGroup || group.config.protocol == GroupProtocol::Consumer) { // its place is gone: join as a new member
    addConsumer(w, g);
    return;
  }
  // Static membership (group.instance.id): the new process takes the old one's place and
  // partitions at once, from the committed offsets, without a rebalance.
  m.alive = true;
  ++m.incarnation;
  w.record(EventType::ConsumerJoined, m.node, g, member);
  if (group.config.enableAutoCommit)
    w.after(group.config.autoCommitInterval, Action{ActionType::AutoCommit, -1, -1, g, member, m.incarnation});
  for (std::size_t i = 0; i < group.parts.size(); ++i) {
    GroupPartition &gp = group.parts[i];
    if (gp.owner != member)
      continue;
    gp.position = gp.committed; // -1: auto.offset.reset on the first fetch
    gp.stopped = false;
    noteOwnership(w, g, static_cast<int>(i));
    sendFetch(w, g, static_cast<int>(i));
  }
}

void rewindToCommitted(World &w, int g) {
  ConsumerGroup &group = groupAt(w, g);
  for (std::size_t i = 0; i < group.parts.size(); ++i) {
    GroupPartition &gp = group.parts[i];
    if (gp.owner < 0 || !group.members[static_cast<std::size_t>(gp.owner)].alive)
      continue;
    gp.position = gp.committed;
    sendFetch(w, g, static_cast<int>(i)); // a new fetch generation: answers to the old position are dropped
  }
}

void seekGroup(World &w, int g, int partition, SeekTarget target, std::int64_t value) {
  ConsumerGroup &group = groupAt(w, g);
  for (int local = 0; local < static_cast<int>(group.parts.size()); ++local) {
    if (partition >= 0 && local != partition)
      continue;
    const int p = partitionOf(w, group, local);
    const ReplicaLog &log = servingLog(w, p);
    Offset offset = value;
    switch (target) {
    case SeekTarget::Offset: break;
    case SeekTarget::Earliest: offset = log.logStart(); break;
    case SeekTarget::Latest: offset = log.highWatermark(); break;
    case SeekTarget::Timestamp: {
      // offsetsForTimes: the first offset whose timestamp >= ts, else the end.
      const Offset found = log.offsetForTime(value, [&](RecordId id) { return std::as_const(w.kafka.records)[id].createdAt; });
      offset = found >= 0 && found < log.highWatermark() ? found : log.highWatermark();
      break;
    }
    }
    GroupPartition &gp = group.parts[static_cast<std::size_t>(local)];
    if (gp.owner >= 0 && group.members[static_cast<std::size_t>(gp.owner)].alive) {
      gp.position = offset;
      gp.stopped = false;
      w.record(EventType::OffsetReset, group.members[static_cast<std::size_t>(gp.owner)].node, p, offset, g);
      sendFetch(w, g, local);
    } else { // like kafka-consumer-groups --reset-offsets on an inactive partition
      gp.committed = offset;
      w.record(EventType::Committed, -1, p, offset, g);
    }
  }
}

void onAutoCommit(World &w, const Action &a) {
  ConsumerGroup &group = groupAt(w, a.a);
  const Member &m = group.members[static_cast<std::size_t>(a.b)];
  if (!m.alive || m.incarnation != a.c)
    return;
  for (std::size_t i = 0; i < group.parts.size(); ++i)
    if (group.parts[i].owner == a.b)
      commitPosition(w, a.a, static_cast<int>(i));
  w.after(group.config.autoCommitInterval, a);
}

void onRebalanceDone(World &w, const Action &a) {
  const int g = a.a;
  ConsumerGroup &group = groupAt(w, g);
  if (group.rebalanceToken != a.c)
    return; // superseded by a newer rebalance
  const int round = a.b;
  ++group.generation;
  bool secondRoundPending = false;
  for (int local = 0; local < static_cast<int>(group.parts.size()); ++local) {
    GroupPartition &gp = group.parts[static_cast<std::size_t>(local)];
    if (gp.pendingOwner < 0)
      continue;
    if (gp.secondRound && round == 1) {
      secondRoundPending = true;
      continue;
    }
    gp.owner = gp.pendingOwner;
    gp.pendingOwner = -1;
    gp.secondRound = false;
    gp.position = gp.committed; // -1: auto.offset.reset on the first fetch
    gp.stopped = false;
    noteOwnership(w, g, local);
    sendFetch(w, g, local);
  }
  const auto members = std::count_if(group.members.begin(), group.members.end(), [](const Member &m) { return m.inGroup; });
  w.record(EventType::Rebalanced, -1, g, group.generation, members);
  if (secondRoundPending)
    w.after(4 * w.net.maxLatency(), Action{ActionType::RebalanceDone, -1, -1, g, 2, a.c});
  else
    group.rebalancing = false;
}

void onSessionExpired(World &w, const Action &a) {
  ConsumerGroup &group = groupAt(w, a.a);
  Member &m = group.members[static_cast<std::size_t>(a.b)];
  if (m.alive || !m.inGroup || m.incarnation != a.c)
    return;
  if (group.config.protocol == GroupProtocol::Consumer) {
    fenceMember(w, a.a, a.b);
    return;
  }
  m.inGroup = false;
  for (std::size_t i = 0; i < group.parts.size(); ++i)
    if (group.parts[i].owner == a.b)
      revoke(w, a.a, static_cast<int>(i), false); // a dead member commits nothing
  w.record(EventType::ConsumerLeft, m.node, a.a, a.b);
  beginRebalance(w, a.a);
}

std::int64_t groupLag(const World &w, int g, int local) {
  const ConsumerGroup &group = w.kafka.groups[static_cast<std::size_t>(g)];
  const ReplicaLog &log = servingLog(w, partitionOf(w, group, local));
  const Offset committed = group.parts[static_cast<std::size_t>(local)].committed;
  return std::max<std::int64_t>(0, log.highWatermark() - (committed >= 0 ? committed : log.logStart()));
}

} // namespace streamscope::engine::kafka
