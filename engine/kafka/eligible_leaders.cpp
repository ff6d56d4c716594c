#include "engine/kafka/eligible_leaders.h"

#include "engine/kafka/controller.h"

#include <algorithm>

namespace streamscope::engine::kafka {
namespace {

Partition &partitionAt(World &w, int p) { return w.kafka.partitions[static_cast<std::size_t>(p)]; }

bool contains(const std::vector<int> &v, int b) { return std::find(v.begin(), v.end(), b) != v.end(); }

/// Sets the ELR of p, with one event per broker that joins or leaves (ascending ids).
void setElr(World &w, int p, std::vector<int> target) {
  Partition &part = partitionAt(w, p);
  std::sort(target.begin(), target.end());
  target.erase(std::unique(target.begin(), target.end()), target.end());
  if (target == part.elr)
    return;
  const std::vector<int> before = std::move(part.elr);
  part.elr = std::move(target);
  const auto size = static_cast<std::int64_t>(part.elr.size());
  for (int b : before)
    if (!contains(part.elr, b))
      w.record(EventType::ElrChanged, -1, p, size, 0, static_cast<std::uint8_t>(ElrChange::Left), b);
  for (int b : part.elr)
    if (!contains(before, b))
      w.record(EventType::ElrChanged, -1, p, size, 0, static_cast<std::uint8_t>(ElrChange::Joined), b);
}

void setLastKnownLeader(World &w, int p, int leader) {
  Partition &part = partitionAt(w, p);
  const auto size = static_cast<std::int64_t>(part.elr.size());
  if (leader < 0) {
    if (!part.lastKnownElr.empty())
      w.record(EventType::ElrChanged, -1, p, size, 0, static_cast<std::uint8_t>(ElrChange::LastKnownLeaderCleared), part.lastKnownElr.front());
    part.lastKnownElr.clear();
    return;
  }
  if (part.lastKnownElr.size() == 1 && part.lastKnownElr.front() == leader)
    return;
  part.lastKnownElr.assign(1, leader);
  w.record(EventType::ElrChanged, -1, p, size, 0, static_cast<std::uint8_t>(ElrChange::LastKnownLeaderSet), leader);
}

} // namespace

bool eligibleLeadersOn(const World &w) { return w.kafka.config.eligibleLeaderReplicas; }

LeaderChoice chooseLeader(World &w, int p) {
  const Partition &part = partitionAt(w, p);
  for (int r : part.replicas)
    if (part.inIsr(r) && canLead(w, r))
      return {r, ElectionKind::Isr};
  if (eligibleLeadersOn(w) && part.isr.empty()) {
    for (int r : part.replicas)
      if (part.inElr(r) && canLead(w, r))
        return {r, ElectionKind::Elr};
    // Kafka 4.x stores only the last leader in LastKnownElr and needs exactly one entry.
    if (part.elr.empty() && part.lastKnownElr.size() == 1 && canLead(w, part.lastKnownElr.front()))
      return {part.lastKnownElr.front(), ElectionKind::LastKnownLeader};
  }
  if (w.kafka.topicOf(p).uncleanLeaderElection)
    for (int r : part.replicas)
      if (canLead(w, r))
        return {r, ElectionKind::Unclean};
  return {};
}

void prepareElection(World &w, int p, const LeaderChoice &choice) {
  Partition &part = partitionAt(w, p);
  switch (choice.kind) {
  case ElectionKind::Isr: return;
  case ElectionKind::Elr: {
    std::vector<int> rest = part.elr;
    rest.erase(std::remove(rest.begin(), rest.end(), choice.leader), rest.end());
    setElr(w, p, std::move(rest));
    part.isr.assign(1, choice.leader);
    return;
  }
  case ElectionKind::LastKnownLeader: part.isr.assign(1, choice.leader); return;
  case ElectionKind::Unclean:
    // Committed records the new leader lacks are gone: the ISR restarts from it alone.
    part.isr.assign(1, choice.leader);
    setElr(w, p, {});
    ++w.kafka.counters.uncleanElections;
    return;
  }
}

void updateEligibleLeaders(World &w, int p, const std::vector<int> &before) {
  if (!eligibleLeadersOn(w))
    return;
  Partition &part = partitionAt(w, p);
  if (static_cast<int>(part.isr.size()) >= w.kafka.effectiveMinIsr(p)) {
    setElr(w, p, {});
    return;
  }
  std::vector<int> target;
  for (int b : part.elr)
    if (!part.inIsr(b))
      target.push_back(b);
  for (int b : before)
    if (!part.inIsr(b))
      target.push_back(b);
  setElr(w, p, std::move(target));
  // Kafka remembers the leader of the moment the ISR empties. Its controller would have made
  // a stopped but not yet fenced ISR member leader; the engine elects only running brokers,
  // so without a leader the member that left last stands in for it.
  if (!before.empty() && part.isr.empty())
    setLastKnownLeader(w, p, part.leader >= 0 ? part.leader : before.back());
}

void forgetUncleanReplica(World &w, int broker) {
  if (!eligibleLeadersOn(w))
    return;
  for (std::size_t i = 0; i < w.kafka.partitions.size(); ++i) {
    const Partition &part = w.kafka.partitions[i];
    if (!part.inElr(broker))
      continue;
    std::vector<int> rest = part.elr;
    rest.erase(std::remove(rest.begin(), rest.end(), broker), rest.end());
    setElr(w, static_cast<int>(i), std::move(rest));
  }
}

void noteLeadership(World &w, int p, int leader) {
  Partition &part = partitionAt(w, p);
  if (leader < 0 && part.offlineSince < 0)
    part.offlineSince = w.now;
  else if (leader >= 0 && part.offlineSince >= 0) {
    part.offlineTotal += w.now - part.offlineSince;
    part.offlineSince = -1;
  }
  if (leader >= 0)
    setLastKnownLeader(w, p, -1);
}

void dropEligibleReplica(World &w, int p, int broker) {
  Partition &part = partitionAt(w, p);
  if (part.inElr(broker)) {
    std::vector<int> rest = part.elr;
    rest.erase(std::remove(rest.begin(), rest.end(), broker), rest.end());
    setElr(w, p, std::move(rest));
  }
  if (contains(part.lastKnownElr, broker))
    setLastKnownLeader(w, p, -1);
}

void clearEligibleLeaders(World &w, int topic) {
  for (int p : w.kafka.topics[static_cast<std::size_t>(topic)].partitionIds) {
    setElr(w, p, {});
    setLastKnownLeader(w, p, -1);
  }
}

} // namespace streamscope::engine::kafka
