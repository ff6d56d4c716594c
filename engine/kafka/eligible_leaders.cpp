#include "engine/kafka/eligible_leaders.h"

#include "engine/kafka/controller.h"
#include "engine/kafka/metadata_log.h"
#include "engine/world/kafka_version.h"

#include <algorithm>

namespace streamscope::engine::kafka {
namespace {

Partition &partitionAt(World &w, int p) { return w.kafka.partitions[static_cast<std::size_t>(p)]; }

bool contains(const std::vector<int> &v, int b) { return std::find(v.begin(), v.end(), b) != v.end(); }

void removeFrom(std::vector<int> &v, int b) { v.erase(std::remove(v.begin(), v.end(), b), v.end()); }

void sortUnique(std::vector<int> &v) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
}

void setLastKnownLeader(World &w, int p, const std::vector<int> &target) {
  Partition &part = partitionAt(w, p);
  if (target == part.lastKnownElr)
    return;
  const auto size = static_cast<std::int64_t>(part.elr.size());
  if (!part.lastKnownElr.empty())
    w.record(EventType::ElrChanged, -1, p, size, 0, static_cast<std::uint8_t>(ElrChange::LastKnownLeaderCleared), part.lastKnownElr.front());
  part.lastKnownElr = target;
  if (!target.empty())
    w.record(EventType::ElrChanged, -1, p, size, 0, static_cast<std::uint8_t>(ElrChange::LastKnownLeaderSet), target.front());
}

} // namespace

// The version check keeps a configuration built in code (not by the loader, which refuses
// it) from running ELR on 3.9, e.g. in ZooKeeper mode.
bool eligibleLeadersOn(const World &w) { return w.kafka.config.eligibleLeaderReplicas && eligibleLeaderReplicasAvailable(w.kafka.config.version); }

LeaderChoice chooseLeader(World &w, int p, const PartitionImage &im) {
  const Partition &part = partitionAt(w, p);
  for (int r : part.replicas)
    if (contains(im.isr, r) && canLead(w, r))
      return {r, ElectionKind::Isr};
  if (eligibleLeadersOn(w) && im.isr.empty()) {
    for (int r : part.replicas)
      if (contains(im.elr, r) && canLead(w, r))
        return {r, ElectionKind::Elr};
    // Kafka 4.x stores only the last leader in LastKnownElr and needs exactly one entry.
    if (im.elr.empty() && im.lastKnownElr.size() == 1 && canLead(w, im.lastKnownElr.front()))
      return {im.lastKnownElr.front(), ElectionKind::LastKnownLeader};
  }
  if (w.kafka.topicOf(p).uncleanLeaderElection)
    for (int r : part.replicas)
      if (canLead(w, r))
        return {r, ElectionKind::Unclean};
  return {};
}

void applyElection(const LeaderChoice &choice, PartitionImage &next) {
  next.leader = choice.leader;
  if (choice.leader < 0)
    return;
  next.lastKnownElr.clear(); // there is a leader again
  switch (choice.kind) {
  case ElectionKind::Isr: return;
  case ElectionKind::Elr:
    removeFrom(next.elr, choice.leader);
    next.isr.assign(1, choice.leader);
    return;
  case ElectionKind::LastKnownLeader: next.isr.assign(1, choice.leader); return;
  case ElectionKind::Unclean:
    // Committed records the new leader lacks are gone: the ISR restarts from it alone.
    next.isr.assign(1, choice.leader);
    next.elr.clear();
    return;
  }
}

void updateEligibleLeaders(const World &w, int p, const PartitionImage &before, PartitionImage &next) {
  if (!eligibleLeadersOn(w))
    return;
  if (static_cast<int>(next.isr.size()) >= w.kafka.effectiveMinIsr(p)) {
    next.elr.clear();
    return;
  }
  std::vector<int> target;
  for (int b : before.elr)
    if (!contains(next.isr, b))
      target.push_back(b);
  for (int b : before.isr)
    if (!contains(next.isr, b))
      target.push_back(b);
  sortUnique(target);
  next.elr = std::move(target);
  // Kafka remembers the leader of the moment the ISR empties. Its controller would have made
  // a stopped but not yet fenced ISR member leader; the engine elects only running brokers,
  // so without a leader the member that left last stands in for it.
  if (!before.isr.empty() && next.isr.empty())
    next.lastKnownElr.assign(1, before.leader >= 0 ? before.leader : before.isr.back());
}

void forgetUncleanReplica(int broker, PartitionImage &next) { removeFrom(next.elr, broker); }

void installEligibleLeaders(World &w, int p, std::vector<int> elr, const std::vector<int> &lastKnownElr) {
  Partition &part = partitionAt(w, p);
  sortUnique(elr);
  if (elr != part.elr) {
    const std::vector<int> before = std::move(part.elr);
    part.elr = std::move(elr);
    const auto size = static_cast<std::int64_t>(part.elr.size());
    for (int b : before)
      if (!contains(part.elr, b))
        w.record(EventType::ElrChanged, -1, p, size, 0, static_cast<std::uint8_t>(ElrChange::Left), b);
    for (int b : part.elr)
      if (!contains(before, b))
        w.record(EventType::ElrChanged, -1, p, size, 0, static_cast<std::uint8_t>(ElrChange::Joined), b);
  }
  setLastKnownLeader(w, p, lastKnownElr);
}

void dropEligibleReplica(World &w, int p, int broker) {
  growImage(w);
  PartitionImage &im = w.kafka.metadata.image[static_cast<std::size_t>(p)];
  removeFrom(im.elr, broker);
  removeFrom(im.lastKnownElr, broker);
  Partition &part = partitionAt(w, p);
  std::vector<int> elr = part.elr;
  std::vector<int> lastKnown = part.lastKnownElr;
  removeFrom(elr, broker);
  removeFrom(lastKnown, broker);
  installEligibleLeaders(w, p, std::move(elr), lastKnown);
}

void clearEligibleLeaders(World &w, int topic) {
  growImage(w);
  for (int p : w.kafka.topics[static_cast<std::size_t>(topic)].partitionIds) {
    PartitionImage &im = w.kafka.metadata.image[static_cast<std::size_t>(p)];
    im.elr.clear();
    im.lastKnownElr.clear();
    installEligibleLeaders(w, p, {}, {});
  }
}

} // namespace streamscope::engine::kafka
