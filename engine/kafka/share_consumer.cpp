#include "engine/kafka/share_consumer.h"

#include "engine/kafka/share_partition.h"

#include <algorithm>
#include <cstdio>

namespace streamscope::engine::kafka {
namespace {

constexpr SimTime kRetryBackoff = 100 * kMillisecond; // retry.backoff.ms
constexpr SimTime kRequestTimeout = 30 * kSecond; // request.timeout.ms

ShareMember &memberAt(World &w, int g, int m) { return shareGroupAt(w, g).members[static_cast<std::size_t>(m)]; }

const ShareConsumerConfig &entryOf(const World &w, const ShareMember &m) { return w.scenario.shareConsumers[static_cast<std::size_t>(m.entry)]; }

int partitionOf(const World &w, const ShareGroup &group, int local) { return w.kafka.partitionId(group.topic, local); }

/// Sends the member's next ShareFetch for local partition `local`, carrying its pending
/// acknowledgements; with no leader, looks again after the back-off.
void sendShareFetch(World &w, int g, int m, int local, bool closing = false) {
  ShareGroup &group = shareGroupAt(w, g);
  ShareMember &member = group.members[static_cast<std::size_t>(m)];
  ShareFetchSlot &slot = member.fetchSlots[static_cast<std::size_t>(local)];
  const std::uint32_t gen = ++slot.gen;
  slot.inFlight = !closing;
  const int p = partitionOf(w, group, local);
  const Partition &part = w.kafka.partitions[static_cast<std::size_t>(p)];
  if (part.leader < 0) {
    if (!closing)
      w.after(kRetryBackoff, Action{ActionType::ShareRetryFetch, -1, -1, p, g, gen, m});
    return;
  }
  const std::int32_t id = w.kafka.shareMessages.acquire();
  ShareMessage &msg = w.kafka.shareMessages[id];
  msg.member = m;
  msg.closing = closing;
  msg.acks = std::move(slot.acks);
  slot.acks.clear();
  const auto acks = static_cast<std::int64_t>(msg.acks.size());
  const NodeId to = w.kafka.brokers[static_cast<std::size_t>(part.leader)].node;
  ++w.kafka.counters.consumerFetchRequests;
  if (!w.send(member.node, to, TransferKind::ConsumerFetchRequest, p, 0, acks, Action{ActionType::ShareFetchArrive, -1, -1, p, g, gen, id}))
    w.kafka.shareMessages.release(id); // lost with its acknowledgements: the locks will expire
  if (!closing)
    w.after(entryOf(w, member).fetchMaxWait + kRequestTimeout, Action{ActionType::ShareRetryFetch, -1, -1, p, g, gen, m});
}

/// Starts on the first queued batch unless already busy.
void processNext(World &w, int g, int m) {
  ShareMember &member = memberAt(w, g, m);
  if (member.busy || member.queue.empty() || !member.alive)
    return;
  member.busy = true;
  const auto n = static_cast<SimTime>(member.queue.front().records.size());
  w.after(n * entryOf(w, member).processing, Action{ActionType::ShareProcessed, -1, -1, g, m, member.incarnation});
}

/// The member's verdict on one record: drawn only when the member rejects or releases some.
ShareAckType verdict(World &w, const ShareConsumerConfig &cfg) {
  if (cfg.rejectRatio <= 0 && cfg.releaseRatio <= 0)
    return ShareAckType::Accept;
  const double u = w.rng.unit();
  if (u < cfg.rejectRatio)
    return ShareAckType::Reject;
  return u < cfg.rejectRatio + cfg.releaseRatio ? ShareAckType::Release : ShareAckType::Accept;
}

int addMember(World &w, int g, int entry) {
  ShareGroup &group = shareGroupAt(w, g);
  ShareMember m;
  char id[96];
  std::snprintf(id, sizeof id, "%s-member-%03zu", group.name.c_str(), group.members.size());
  m.id = id;
  m.entry = entry;
  m.node = w.net.addNode();
  m.fetchSlots.resize(group.parts.size());
  group.members.push_back(m);
  const int index = static_cast<int>(group.members.size() - 1);
  w.record(EventType::ShareMemberChanged, m.node, g, index, 0, static_cast<std::uint8_t>(ShareMemberChange::Joined));
  const SimTime start = std::max(w.now, w.scenario.shareConsumers[static_cast<std::size_t>(entry)].start);
  for (std::size_t local = 0; local < group.parts.size(); ++local) {
    ShareFetchSlot &slot = group.members.back().fetchSlots[local];
    slot.inFlight = true;
    w.at(start, Action{ActionType::ShareRetryFetch, -1, -1, partitionOf(w, group, static_cast<int>(local)), g, slot.gen, index});
  }
  return index;
}

void stopMember(World &w, int g, int m) {
  ShareMember &member = memberAt(w, g, m);
  member.alive = false;
  member.busy = false;
  ++member.incarnation;
  member.queue.clear();
  for (ShareFetchSlot &slot : member.fetchSlots) {
    ++slot.gen;
    slot.inFlight = false;
    slot.acks.clear();
  }
}

} // namespace

void startShareGroups(World &w) {
  const std::vector<ShareConsumerConfig> &entries = w.scenario.shareConsumers;
  for (std::size_t e = 0; e < entries.size(); ++e) {
    if (w.kafka.shareGroupIndex(entries[e].group) >= 0)
      continue;
    ShareGroup group;
    group.name = entries[e].group;
    group.firstEntry = static_cast<int>(e);
    group.config = entries[e];
    group.topic = w.kafka.topicIndex(entries[e].topic);
    group.parts.resize(static_cast<std::size_t>(w.kafka.topics[static_cast<std::size_t>(group.topic)].config.partitions));
    w.kafka.shareGroups.push_back(group);
  }
  for (std::size_t e = 0; e < entries.size(); ++e) {
    const int g = w.kafka.shareGroupIndex(entries[e].group);
    for (int m = 0; m < entries[e].members; ++m)
      addMember(w, g, static_cast<int>(e));
  }
}

void addShareMember(World &w, int g) { addMember(w, g, shareGroupAt(w, g).firstEntry); }

void removeShareMember(World &w, int g, int m) {
  ShareGroup &group = shareGroupAt(w, g);
  ShareMember &member = group.members[static_cast<std::size_t>(m)];
  if (!member.alive)
    return;
  // close(): what was processed is acknowledged, what is still held unprocessed is released.
  for (const HeldBatch &batch : member.queue)
    for (const HeldRecord &r : batch.records)
      member.fetchSlots[static_cast<std::size_t>(batch.partition)].acks.push_back(ShareAck{r.offset, r.delivery, ShareAckType::Release, r.lockEpoch});
  for (std::size_t local = 0; local < member.fetchSlots.size(); ++local)
    if (!member.fetchSlots[local].acks.empty())
      sendShareFetch(w, g, m, static_cast<int>(local), true);
  stopMember(w, g, m);
  group.members[static_cast<std::size_t>(m)].inGroup = false;
  w.record(EventType::ShareMemberChanged, group.members[static_cast<std::size_t>(m)].node, g, m, 0,
           static_cast<std::uint8_t>(ShareMemberChange::Left));
}

void killShareMember(World &w, int g, int m) {
  if (!memberAt(w, g, m).alive)
    return;
  stopMember(w, g, m);
  w.record(EventType::ShareMemberChanged, memberAt(w, g, m).node, g, m, 0, static_cast<std::uint8_t>(ShareMemberChange::Killed));
}

int lastLiveShareMember(const World &w, int g) {
  const ShareGroup &group = w.kafka.shareGroups[static_cast<std::size_t>(g)];
  for (std::size_t m = group.members.size(); m-- > 0;)
    if (group.members[m].alive)
      return static_cast<int>(m);
  return -1;
}

void onShareFetchResponse(World &w, const Action &a) {
  const int g = a.b;
  const auto id = static_cast<std::int32_t>(a.d);
  ShareMessage msg = std::move(w.kafka.shareMessages[id]);
  w.kafka.shareMessages.release(id);
  if (!w.arrive(a, a.a))
    return; // the request timeout sends another fetch; the locks expire
  const int local = w.kafka.localIndex(a.a);
  ShareMember &member = memberAt(w, g, msg.member);
  ShareFetchSlot &slot = member.fetchSlots[static_cast<std::size_t>(local)];
  if (!member.alive || slot.gen != a.c || !slot.inFlight)
    return;
  if (msg.error) { // the leader moved: refresh metadata after the back-off
    w.after(kRetryBackoff, Action{ActionType::ShareRetryFetch, -1, -1, a.a, g, slot.gen, msg.member});
    return;
  }
  if (msg.records.empty()) {
    sendShareFetch(w, g, msg.member, local);
    return;
  }
  slot.inFlight = false; // the next fetch goes with this batch's acknowledgements
  member.acquired += static_cast<std::int64_t>(msg.records.size());
  w.kafka.counters.consumed += static_cast<std::int64_t>(msg.records.size()); // records delivered to a consumer, as for groups
  member.queue.push_back(HeldBatch{local, std::move(msg.records)});
  processNext(w, g, msg.member);
}

void onShareRetryFetch(World &w, const Action &a) {
  const ShareMember &member = memberAt(w, a.b, static_cast<int>(a.d));
  const int local = w.kafka.localIndex(a.a);
  const ShareFetchSlot &slot = member.fetchSlots[static_cast<std::size_t>(local)];
  if (member.alive && slot.gen == a.c && slot.inFlight)
    sendShareFetch(w, a.b, static_cast<int>(a.d), local);
}

void onShareProcessed(World &w, const Action &a) {
  const int g = a.a, m = a.b;
  ShareGroup &group = shareGroupAt(w, g);
  ShareMember &member = group.members[static_cast<std::size_t>(m)];
  if (!member.alive || member.incarnation != a.c || member.queue.empty())
    return;
  HeldBatch batch = std::move(member.queue.front());
  member.queue.pop_front();
  member.busy = false;
  SharePartition &sp = group.parts[static_cast<std::size_t>(batch.partition)];
  ShareFetchSlot &slot = member.fetchSlots[static_cast<std::size_t>(batch.partition)];
  const ShareConsumerConfig &cfg = entryOf(w, member);
  std::int64_t outOfOrder = 0;
  for (const HeldRecord &r : batch.records) {
    if (r.offset < sp.maxProcessed)
      ++outOfOrder;
    sp.maxProcessed = std::max(sp.maxProcessed, r.offset);
    slot.acks.push_back(ShareAck{r.offset, r.delivery, verdict(w, cfg), r.lockEpoch});
  }
  group.outOfOrder += outOfOrder;
  const auto n = static_cast<std::int64_t>(batch.records.size());
  member.processed += n;
  const int p = partitionOf(w, group, batch.partition);
  w.record(EventType::ShareProcessed, member.node, p, n, outOfOrder, static_cast<std::uint8_t>(g), m);
  sendShareFetch(w, g, m, batch.partition);
  processNext(w, g, m);
}

} // namespace streamscope::engine::kafka
