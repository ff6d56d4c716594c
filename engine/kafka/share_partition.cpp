#include "engine/kafka/share_partition.h"

#include <algorithm>

namespace streamscope::engine::kafka {
namespace {

/// How often a ShareFetch with nothing to acquire looks again while it waits (the broker
/// holds it up to fetch.max.wait.ms; records arriving meanwhile are handed out at once).
constexpr SimTime kRecheck = 10 * kMillisecond;

const ShareConsumerConfig &settings(const ShareGroup &group) { return group.config; }

NodeId brokerNode(const World &w, int broker) { return w.kafka.brokers[static_cast<std::size_t>(broker)].node; }

/// Emits ShareStartMoved if the SPSO moved past records that are finished.
void advanceStart(World &w, int g, int p, SharePartition &sp) {
  const Offset before = sp.spso;
  while (!sp.window.empty() && (sp.window.front().state == ShareRecordState::Acknowledged || sp.window.front().state == ShareRecordState::Archived)) {
    sp.window.pop_front();
    ++sp.spso;
  }
  if (sp.spso != before) {
    const int leader = w.kafka.partitions[static_cast<std::size_t>(p)].leader;
    w.record(EventType::ShareStartMoved, leader >= 0 ? brokerNode(w, leader) : -1, p, sp.spso, sp.speo(), static_cast<std::uint8_t>(g));
  }
}

/// A new leader epoch: the new leader loads the persisted state, in which no record is
/// acquired (locks are not persisted): acquired records are available again.
void followLeader(World &w, int g, int p, SharePartition &sp) {
  const Partition &part = w.kafka.partitions[static_cast<std::size_t>(p)];
  if (sp.leaderEpoch == part.leaderEpoch)
    return;
  if (sp.leaderEpoch >= 0 && sp.spso >= 0) {
    ++sp.lockEpoch;
    ShareGroup &group = shareGroupAt(w, g);
    for (ShareRecord &r : sp.window)
      if (r.state == ShareRecordState::Acquired) {
        const bool exhausted = r.deliveries >= group.config.deliveryCountLimit;
        r.state = exhausted ? ShareRecordState::Archived : ShareRecordState::Available;
        r.member = -1;
        group.archived += exhausted ? 1 : 0;
        sp.available += exhausted ? 0 : 1;
      }
    const Offset hw = part.logOf(part.leader).highWatermark();
    while (!sp.window.empty() && sp.speo() > hw) { // records the new leader never committed
      sp.available -= sp.window.back().state == ShareRecordState::Available ? 1 : 0;
      sp.window.pop_back();
    }
  }
  sp.leaderEpoch = part.leaderEpoch;
}

/// share.auto.offset.reset on the first fetch; afterwards keeps the SPSO inside the log.
void initialise(World &w, int g, int p, SharePartition &sp, const ReplicaLog &log) {
  if (sp.spso < 0) {
    sp.spso = settings(shareGroupAt(w, g)).autoOffsetReset == OffsetReset::Earliest ? log.logStart() : log.highWatermark();
    w.record(EventType::ShareStartMoved, brokerNode(w, w.kafka.partitions[static_cast<std::size_t>(p)].leader), p, sp.spso, sp.speo(),
             static_cast<std::uint8_t>(g));
  }
  while (sp.spso < log.logStart()) { // retention deleted them: they leave the window unprocessed
    if (!sp.window.empty()) {
      sp.available -= sp.window.front().state == ShareRecordState::Available ? 1 : 0;
      sp.window.pop_front();
    }
    ++sp.spso;
  }
}

void acquireOne(ShareGroup &group, ShareRecord &r, Offset offset, int member, SimTime deadline, std::uint32_t lockEpoch, ShareMessage &out) {
  r.state = ShareRecordState::Acquired;
  r.member = static_cast<std::int16_t>(member);
  r.lockDeadline = deadline;
  ++r.deliveries;
  ++group.delivered;
  if (r.deliveries > 1)
    ++group.redelivered;
  out.records.push_back(HeldRecord{offset, r.deliveries, deadline, lockEpoch});
}

/// Hands `member` available records: redeliveries first, then new ones below the high
/// watermark while the window has room; at most max.poll.records.
void acquire(World &w, int g, int p, ShareMessage &out) {
  ShareGroup &group = shareGroupAt(w, g);
  const Partition &part = w.kafka.partitions[static_cast<std::size_t>(p)];
  SharePartition &sp = group.parts[static_cast<std::size_t>(part.index)];
  const ReplicaLog &log = part.logOf(part.leader);
  initialise(w, g, p, sp, log);
  const ShareConsumerConfig &cfg = settings(group);
  const auto limit = static_cast<std::size_t>(cfg.maxPollRecords);
  const SimTime deadline = w.now + cfg.recordLock;
  for (std::size_t i = 0; sp.available > 0 && i < sp.window.size() && out.records.size() < limit; ++i)
    if (sp.window[i].state == ShareRecordState::Available) {
      acquireOne(group, sp.window[i], sp.spso + static_cast<Offset>(i), out.member, deadline, sp.lockEpoch, out);
      --sp.available;
    }
  const Offset hw = log.highWatermark();
  std::size_t entry = log.lowerBound(sp.speo());
  const auto &entries = log.entries();
  while (out.records.size() < limit && sp.speo() < hw && sp.window.size() < static_cast<std::size_t>(cfg.maxRecordLocks)) {
    const Offset offset = sp.speo();
    ShareRecord r;
    if (entry < entries.size() && entries[entry].offset == offset) {
      r.record = entries[entry++].record;
      sp.window.push_back(r);
      acquireOne(group, sp.window.back(), offset, out.member, deadline, sp.lockEpoch, out);
    } else { // compacted away: nothing to deliver
      r.gap = true;
      r.state = ShareRecordState::Archived;
      sp.window.push_back(r);
    }
  }
  if (!out.records.empty()) {
    std::sort(out.records.begin(), out.records.end(), [](const HeldRecord &x, const HeldRecord &y) { return x.offset < y.offset; });
    w.record(EventType::ShareAcquired, brokerNode(w, part.leader), p, out.records.front().offset, static_cast<std::int64_t>(out.records.size()),
             static_cast<std::uint8_t>(g), out.member);
    w.at(deadline, Action{ActionType::ShareLockExpire, -1, -1, p, g});
  }
  advanceStart(w, g, p, sp); // gaps at the front
}

/// Sends the response for the request in `a` (its message becomes the response).
void respond(World &w, const Action &a, NodeId from) {
  const auto id = static_cast<std::int32_t>(a.d);
  ShareMessage &msg = w.kafka.shareMessages[id];
  const ShareGroup &group = shareGroupAt(w, a.b);
  const NodeId to = group.members[static_cast<std::size_t>(msg.member)].node;
  const std::int64_t first = msg.records.empty() ? 0 : msg.records.front().offset;
  const auto count = static_cast<std::int64_t>(msg.records.size());
  if (!w.send(from, to, TransferKind::ConsumerFetchResponse, a.a, first, count, Action{ActionType::ShareFetchResponse, -1, -1, a.a, a.b, a.c, id}))
    w.kafka.shareMessages.release(id);
}

/// The request in `a` reached its broker (or waited there): answers it, or waits more.
void serve(World &w, const Action &a) {
  const int p = a.a;
  const auto id = static_cast<std::int32_t>(a.d);
  const Partition &part = w.kafka.partitions[static_cast<std::size_t>(p)];
  const int brokerId = w.kafka.brokerOfNode(a.to);
  const Broker &broker = w.kafka.brokers[static_cast<std::size_t>(brokerId)];
  ShareMessage &msg = w.kafka.shareMessages[id];
  if (broker.state == BrokerState::PoweredOff) {
    w.kafka.shareMessages.release(id); // the member's request timeout sends it again
    return;
  }
  if (broker.state == BrokerState::Crashed || part.leader != brokerId) { // a crashed process's host resets the connection
    msg.error = true;
    respond(w, a, broker.node);
    return;
  }
  ShareGroup &group = shareGroupAt(w, a.b);
  followLeader(w, a.b, p, group.parts[static_cast<std::size_t>(part.index)]);
  if (!msg.acks.empty()) {
    applyShareAcks(w, a.b, p, msg.member, msg.acks);
    msg.acks.clear();
  }
  if (msg.closing) {
    w.kafka.shareMessages.release(id);
    return;
  }
  acquire(w, a.b, p, msg);
  if (!msg.records.empty() || w.now >= msg.waitUntil) {
    respond(w, a, broker.node);
    return;
  }
  Action again = a;
  again.type = ActionType::ShareFetchRecheck;
  w.at(std::min(msg.waitUntil, w.now + kRecheck), again);
}

} // namespace

ShareGroup &shareGroupAt(World &w, int g) { return w.kafka.shareGroups[static_cast<std::size_t>(g)]; }

void applyShareAcks(World &w, int g, int p, int member, const std::vector<ShareAck> &acks) {
  ShareGroup &group = shareGroupAt(w, g);
  const int local = w.kafka.localIndex(p);
  SharePartition &sp = group.parts[static_cast<std::size_t>(local)];
  struct Run {
    Offset first = -1;
    std::int64_t count = 0;
  } runs[3];
  for (const ShareAck &ack : acks) {
    const Offset i = ack.offset - sp.spso;
    ShareRecord *r = i >= 0 && i < static_cast<Offset>(sp.window.size()) ? &sp.window[static_cast<std::size_t>(i)] : nullptr;
    if (!r || r->state != ShareRecordState::Acquired || r->member != member || r->deliveries != ack.delivery || ack.lockEpoch != sp.lockEpoch) {
      ++group.lateAcks; // its lock expired (or was dropped): Kafka answers INVALID_RECORD_STATE
      continue;
    }
    r->member = -1;
    switch (ack.type) {
    case ShareAckType::Accept:
      r->state = ShareRecordState::Acknowledged;
      ++group.acknowledged;
      break;
    case ShareAckType::Release:
      ++group.released;
      r->state = r->deliveries >= group.config.deliveryCountLimit ? ShareRecordState::Archived : ShareRecordState::Available;
      sp.available += r->state == ShareRecordState::Available ? 1 : 0;
      break;
    case ShareAckType::Reject:
      ++group.rejected;
      r->state = ShareRecordState::Archived;
      break;
    }
    if (r->state == ShareRecordState::Archived)
      ++group.archived;
    Run &run = runs[static_cast<int>(ack.type)];
    run.first = run.count == 0 ? ack.offset : std::min(run.first, ack.offset);
    ++run.count;
  }
  const int leader = w.kafka.partitions[static_cast<std::size_t>(p)].leader;
  const NodeId node = leader >= 0 ? brokerNode(w, leader) : -1;
  constexpr EventType kinds[3] = {EventType::ShareAccepted, EventType::ShareReleased, EventType::ShareRejected};
  for (int k = 0; k < 3; ++k)
    if (runs[k].count > 0)
      w.record(kinds[k], node, p, runs[k].first, runs[k].count, static_cast<std::uint8_t>(g), member);
  advanceStart(w, g, p, sp);
}

void onShareFetchArrive(World &w, const Action &a) {
  if (!w.arrive(a, a.a)) {
    w.kafka.shareMessages.release(static_cast<std::int32_t>(a.d)); // lost with its acknowledgements
    return;
  }
  ShareMessage &msg = w.kafka.shareMessages[static_cast<std::int32_t>(a.d)];
  msg.waitUntil = w.now +
      w.scenario.shareConsumers[static_cast<std::size_t>(shareGroupAt(w, a.b).members[static_cast<std::size_t>(msg.member)].entry)].fetchMaxWait;
  serve(w, a);
}

void onShareFetchRecheck(World &w, const Action &a) { serve(w, a); }

void onShareLockExpire(World &w, const Action &a) {
  const int p = a.a;
  ShareGroup &group = shareGroupAt(w, a.b);
  SharePartition &sp = group.parts[static_cast<std::size_t>(w.kafka.localIndex(p))];
  std::int64_t available = 0, archived = 0;
  for (ShareRecord &r : sp.window) {
    if (r.state != ShareRecordState::Acquired || r.lockDeadline > w.now)
      continue;
    r.member = -1;
    ++group.lockExpired;
    if (r.deliveries >= group.config.deliveryCountLimit) {
      r.state = ShareRecordState::Archived;
      ++group.archived;
      ++archived;
    } else {
      r.state = ShareRecordState::Available;
      ++available;
      ++sp.available;
    }
  }
  if (available + archived == 0)
    return;
  const int leader = w.kafka.partitions[static_cast<std::size_t>(p)].leader;
  w.record(EventType::ShareLocksExpired, leader >= 0 ? brokerNode(w, leader) : -1, p, available, archived, static_cast<std::uint8_t>(a.b));
  advanceStart(w, a.b, p, sp);
}

} // namespace streamscope::engine::kafka
