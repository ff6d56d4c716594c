#include "engine/kafka/partition_leader.h"

#include "engine/kafka/broker_heartbeats.h"
#include "engine/kafka/record_ledger.h"
#include "engine/kafka/replica_serving.h"
#include "engine/kafka/storage.h"
#include "engine/kafka/txn_coordinator.h"
#include "engine/kafka/txn_partition.h"

#include <algorithm>

namespace streamscope::engine::kafka {
namespace {

Partition &partitionAt(World &w, int p) { return w.kafka.partitions[static_cast<std::size_t>(p)]; }
Broker &brokerAt(World &w, int b) { return w.kafka.brokers[static_cast<std::size_t>(b)]; }

void respondProduce(World &w, NodeId from, std::int32_t batch, std::uint32_t attempt, ErrorCode error, Offset base, SimTime at) {
  const Batch &bt = w.kafka.batches[batch];
  const NodeId to = w.kafka.producers[static_cast<std::size_t>(bt.producer)].node;
  Action resp{ActionType::ProduceResponseArrive, -1, -1, batch, static_cast<std::int32_t>(error), attempt, base};
  if (at > w.now) { // the response waits for an fsync forced by flush.messages
    resp.type = ActionType::ProduceRespondAfterFsync;
    resp.from = from;
    resp.to = to;
    w.at(at, resp);
    return;
  }
  w.send(from, to, TransferKind::ProduceResponse, bt.partition, base, static_cast<std::int64_t>(bt.records.size()), resp);
}

/// The idempotence check of the broker: the sequence of the producer session's last record
/// in this log (appends are kept in sequence order, so it is the last entry of that session),
/// or -1. Also returns the offset of the record with sequence `wanted`, if seen on the way.
std::int32_t lastSequence(const World &w, const ReplicaLog &log, const RecordInfo &session, std::int32_t wanted, Offset &wantedOffset) {
  const auto &entries = log.entries();
  std::int32_t last = -1;
  for (std::size_t i = entries.size(); i-- > 0;) {
    const RecordInfo &r = w.kafka.records[entries[i].record];
    if (r.has(RecordInfo::Control) || r.producer != session.producer)
      continue;
    if (!sameProducerSession(w, r, session)) {
      // An older epoch of the same producer id: its session ended there, nothing earlier is ours.
      if (r.pidGen == session.pidGen && recordEpoch(w, r) < recordEpoch(w, session))
        break;
      continue;
    }
    if (last < 0)
      last = r.seq;
    if (r.seq <= wanted) {
      if (r.seq == wanted)
        wantedOffset = entries[i].offset;
      break;
    }
  }
  return last;
}

/// How far a consumer of group g may read p: the high watermark, or with read_committed the
/// last stable offset.
Offset readLimit(const World &w, int p, const ConsumerGroup &g) {
  const Partition &part = w.kafka.partitions[static_cast<std::size_t>(p)];
  const Offset hw = part.logOf(part.leader).highWatermark();
  return g.config.isolationLevel == IsolationLevel::ReadCommitted ? part.lastStableOffset(hw) : hw;
}

/// Builds and sends a consumer's fetch response for a (possibly parked) fetch.
void answerFetch(World &w, int p, const ParkedFetch &f, ErrorCode error = ErrorCode::None) {
  Partition &part = partitionAt(w, p);
  const int leader = part.leader;
  const ReplicaLog &log = part.logOf(leader);
  const std::int32_t id = w.kafka.payloads.acquire();
  FetchPayload &pl = w.kafka.payloads[id];
  pl.error = error;
  pl.highWatermark = log.highWatermark();
  pl.logStart = log.logStart();
  pl.nextOffset = f.offset;
  const ConsumerGroup &g = w.kafka.groups[static_cast<std::size_t>(f.who)];
  const GroupPartition &gp = g.parts[static_cast<std::size_t>(part.index)];
  const NodeId to = gp.owner >= 0 ? g.members[static_cast<std::size_t>(gp.owner)].node : -1;
  if (error == ErrorCode::None) {
    const Offset limit = readLimit(w, p, g);
    pl.entries = log.read(f.offset, limit, g.config.maxPartitionFetchBytes);
    // Nothing below the limit from here means a compaction gap: continue at the limit.
    pl.nextOffset = pl.entries.empty() ? std::max(f.offset, limit) : pl.entries.back().offset + 1;
  }
  const Action resp{ActionType::ConsumerFetchResponse, -1, -1, p, f.who, f.token, id};
  const std::int64_t first = pl.entries.empty() ? f.offset : pl.entries.front().offset;
  if (to < 0 ||
      !w.send(brokerAt(w, leader).node, to, TransferKind::ConsumerFetchResponse, p, first, static_cast<std::int64_t>(pl.entries.size()), resp))
    w.kafka.payloads.release(id);
}

void park(World &w, int p, ParkedFetch f) {
  partitionAt(w, p).parked.push_back(f);
  w.at(f.deadline, Action{ActionType::ParkedFetchExpire, -1, -1, p});
}

/// Answers parked consumer fetches that now have something to return, and gives followers'
/// positions with new records to their fetch sessions.
void wakeParked(World &w, int p) {
  Partition &part = partitionAt(w, p);
  if (part.leader < 0 || part.parked.empty())
    return;
  const ReplicaLog &log = part.logOf(part.leader);
  std::vector<ParkedFetch> still;
  std::vector<ParkedFetch> ready;
  for (const ParkedFetch &f : part.parked) {
    const bool hasData = f.consumer ? f.offset < readLimit(w, p, w.kafka.groups[static_cast<std::size_t>(f.who)]) : f.offset < log.leo();
    (hasData ? ready : still).push_back(f);
  }
  if (ready.empty())
    return;
  part.parked = std::move(still);
  for (const ParkedFetch &f : ready) {
    if (f.consumer)
      answerFetch(w, p, f);
    else
      followerHasNews(w, p, f);
  }
}

void completePurgatory(World &w, int p) {
  Partition &part = partitionAt(w, p);
  const ReplicaLog &log = part.logOf(part.leader);
  const bool enoughIsr = static_cast<int>(part.isr.size()) >= w.kafka.effectiveMinIsr(p);
  std::vector<PendingProduce> still;
  std::vector<PendingProduce> done;
  for (const PendingProduce &pp : part.purgatory)
    (log.highWatermark() >= pp.required ? done : still).push_back(pp);
  part.purgatory = std::move(still);
  const NodeId node = brokerAt(w, part.leader).node;
  for (const PendingProduce &pp : done)
    respondProduce(w, node, pp.batch, pp.attempt, enoughIsr ? ErrorCode::None : ErrorCode::NotEnoughReplicasAfterAppend, pp.baseOffset, pp.readyAt);
}

bool followerCaughtUp(const FollowerView &f, Offset leaderLeo, SimTime now, SimTime maxLag) {
  return f.leo == leaderLeo || now - f.lastCaughtUp <= maxLag;
}

} // namespace

void appendAsLeader(World &w, int p, const std::vector<LogEntry> &entries) {
  Partition &part = partitionAt(w, p);
  appendToReplica(w, p, part.leader, entries);
  wakeParked(w, p);
  maybeAdvanceHighWatermark(w, p);
}

void maybeAdvanceHighWatermark(World &w, int p) {
  Partition &part = partitionAt(w, p);
  if (part.leader < 0 || !brokerAt(w, part.leader).running())
    return;
  ReplicaLog &log = part.logOf(part.leader);
  // Strict min ISR (KAFKA-15583, 3.7+): below min ISR nothing new becomes visible, whatever
  // the acks, so a replica that left the ISR still holds every committed record.
  if (w.kafka.config.strictMinIsr && static_cast<int>(part.isr.size()) < w.kafka.effectiveMinIsr(p))
    return;
  Offset hw = log.leo();
  for (int b : part.isr) {
    if (b == part.leader || part.slotOf(b) < 0) // a replica reassigned away, until the controller's ISR change applies
      continue;
    hw = std::min(hw, part.followers[static_cast<std::size_t>(part.slotOf(b))].leo);
  }
  // An ISR change in flight: the high watermark waits for the maximal ISR (old and proposed).
  for (int b : part.pendingIsr)
    if (b != part.leader && !part.inIsr(b) && part.slotOf(b) >= 0)
      hw = std::min(hw, part.followers[static_cast<std::size_t>(part.slotOf(b))].leo);
  if (hw <= log.highWatermark())
    return;
  log.setHighWatermark(hw);
  w.record(EventType::HighWatermark, part.leader, p, log.highWatermark());
  queueHighWatermarkNews(w, p);
  settleTransactions(w, p);
  completePurgatory(w, p);
  wakeParked(w, p);
}

void onProduceArrive(World &w, const Action &a) {
  Batch &batch = w.kafka.batches[a.a];
  const int p = batch.partition;
  const int brokerId = w.kafka.brokerOfNode(a.to);
  Broker &broker = brokerAt(w, brokerId);
  const Producer &producer = w.kafka.producers[static_cast<std::size_t>(batch.producer)];
  const bool fireAndForget = batch.acks == Acks::None;
  const bool up = broker.state != BrokerState::PoweredOff && broker.incarnation == static_cast<std::uint32_t>(a.d);
  if (!w.arrive(a, p) || !up) {
    if (fireAndForget)
      noteDropped(w, batch);
    return;
  }
  if (broker.state == BrokerState::Crashed) { // no process: the OS resets the connection
    if (fireAndForget) {
      noteDropped(w, batch);
      return;
    }
    respondProduce(w, broker.node, a.a, a.c, ErrorCode::NetworkException, -1, w.now);
    return;
  }
  Partition &part = partitionAt(w, p);
  if (part.leader != brokerId) {
    if (fireAndForget) { // the broker closes the connection; the records are gone
      noteDropped(w, batch);
      return;
    }
    respondProduce(w, broker.node, a.a, a.c, ErrorCode::NotLeaderOrFollower, -1, w.now);
    return;
  }
  if (batch.acks == Acks::All && static_cast<int>(part.isr.size()) < w.kafka.effectiveMinIsr(p)) {
    respondProduce(w, broker.node, a.a, a.c, ErrorCode::NotEnoughReplicas, -1, w.now);
    return;
  }
  // The log validates the batch's size against the topic's max.message.bytes before anything
  // about the producer's state; with acks=0 the broker closes the connection instead.
  if (batch.bytes > w.kafka.topics[static_cast<std::size_t>(part.topic)].config.maxMessageBytes) {
    if (fireAndForget)
      noteDropped(w, batch);
    else
      respondProduce(w, broker.node, a.a, a.c, ErrorCode::MessageTooLarge, -1, w.now);
    return;
  }
  if (const ErrorCode fenced = checkTransactionalWrite(w, p, batch); fenced != ErrorCode::None) {
    respondProduce(w, broker.node, a.a, a.c, fenced, -1, w.now);
    return;
  }
  ReplicaLog &log = part.logOf(brokerId);
  if (producer.config.enableIdempotence) {
    const RecordInfo &first = w.kafka.records[batch.records.front()];
    const RecordInfo &lastRecord = w.kafka.records[batch.records.back()];
    Offset duplicateAt = -1;
    const std::int32_t last = lastSequence(w, log, first, first.seq, duplicateAt);
    if (last >= 0 && lastRecord.seq <= last) { // already appended: answer as the first time...
      const Offset required = duplicateAt >= 0 ? duplicateAt + static_cast<Offset>(batch.records.size()) : -1;
      if (batch.acks == Acks::All && required > log.highWatermark()) {
        // ...which, with acks=all, is only once the ISR has it: the retry waits in purgatory
        // like the original request did (a retry after a timeout must not skip replication).
        const SimTime deadline = w.now + producer.config.requestTimeout;
        part.purgatory.push_back(PendingProduce{a.a, a.c, duplicateAt, required, deadline, w.now});
        w.at(deadline, Action{ActionType::PurgatoryExpire, -1, -1, p});
        return;
      }
      respondProduce(w, broker.node, a.a, a.c, ErrorCode::None, duplicateAt, w.now);
      return;
    }
    // A new producer epoch starts at sequence 0: a later batch of it that overtook the first
    // is refused (and resent), not taken as the start of the epoch.
    const bool newEpochGap = last < 0 && batch.epoch >= 0 && first.seq != 0;
    if (((last >= 0 && first.seq != last + 1) || newEpochGap) && !batch.resetSequence) {
      respondProduce(w, broker.node, a.a, a.c, ErrorCode::OutOfOrderSequenceNumber, -1, w.now);
      return;
    }
  }
  std::vector<LogEntry> entries;
  entries.reserve(batch.records.size());
  Offset next = log.leo();
  for (RecordId id : batch.records)
    entries.push_back(LogEntry{next++, id, part.leaderEpoch, w.kafka.records[id].bytes});
  const Offset base = entries.front().offset;
  const SimTime readyAt = appendToReplica(w, p, brokerId, entries);
  noteTransactionalAppend(w, p, batch, base);
  wakeParked(w, p);
  switch (batch.acks) {
  case Acks::None: break;
  case Acks::Leader: respondProduce(w, broker.node, a.a, a.c, ErrorCode::None, base, readyAt); break;
  case Acks::All: {
    const SimTime deadline = w.now + producer.config.requestTimeout;
    part.purgatory.push_back(PendingProduce{a.a, a.c, base, log.leo(), deadline, readyAt});
    w.at(deadline, Action{ActionType::PurgatoryExpire, -1, -1, p});
    break;
  }
  }
  maybeAdvanceHighWatermark(w, p);
}

void onPurgatoryExpire(World &w, const Action &a) {
  Partition &part = partitionAt(w, a.a);
  if (part.leader < 0 || !brokerAt(w, part.leader).running())
    return;
  std::vector<PendingProduce> still;
  std::vector<PendingProduce> expired;
  for (const PendingProduce &pp : part.purgatory)
    (pp.deadline <= w.now ? expired : still).push_back(pp);
  part.purgatory = std::move(still);
  for (const PendingProduce &pp : expired)
    respondProduce(w, brokerAt(w, part.leader).node, pp.batch, pp.attempt, ErrorCode::RequestTimedOut, pp.baseOffset, w.now);
}

void onConsumerFetchArrive(World &w, const Action &a) {
  const int p = a.a;
  Partition &part = partitionAt(w, p);
  const int brokerId = w.kafka.brokerOfNode(a.to);
  const Broker &broker = brokerAt(w, brokerId);
  const ConsumerGroup &g = w.kafka.groups[static_cast<std::size_t>(a.b)];
  ParkedFetch f{true, a.b, a.c, a.d, w.now + g.config.fetchMaxWait};
  if (!w.arrive(a, p) || broker.state == BrokerState::PoweredOff)
    return; // the consumer's request timeout resends it
  if (broker.state == BrokerState::Crashed || part.leader != brokerId) {
    // Answer from this broker even though it is not (or no longer) able to serve.
    const std::int32_t id = w.kafka.payloads.acquire();
    w.kafka.payloads[id].error = broker.state == BrokerState::Crashed ? ErrorCode::NetworkException : ErrorCode::NotLeaderOrFollower;
    const GroupPartition &gp = g.parts[static_cast<std::size_t>(part.index)];
    const NodeId to = gp.owner >= 0 ? g.members[static_cast<std::size_t>(gp.owner)].node : -1;
    if (to < 0 ||
        !w.send(broker.node, to, TransferKind::ConsumerFetchResponse, p, a.d, 0, Action{ActionType::ConsumerFetchResponse, -1, -1, p, a.b, a.c, id}))
      w.kafka.payloads.release(id);
    return;
  }
  const ReplicaLog &log = part.logOf(brokerId);
  if (f.offset < log.logStart() || f.offset > log.leo())
    answerFetch(w, p, f, ErrorCode::OffsetOutOfRange);
  else if (f.offset < readLimit(w, p, g))
    answerFetch(w, p, f);
  else
    park(w, p, f);
}

void onParkedFetchExpire(World &w, const Action &a) {
  Partition &part = partitionAt(w, a.a);
  if (part.leader < 0 || !brokerAt(w, part.leader).running())
    return;
  std::vector<ParkedFetch> still;
  std::vector<ParkedFetch> expired;
  for (const ParkedFetch &f : part.parked)
    (f.deadline <= w.now ? expired : still).push_back(f);
  part.parked = std::move(still);
  for (const ParkedFetch &f : expired)
    answerFetch(w, a.a, f);
}

void onIsrCheck(World &w, const Action &a) {
  const int brokerId = a.a;
  const Broker &broker = brokerAt(w, brokerId);
  const SimTime maxLag = w.kafka.config.replicaLagTimeMax;
  // Shrinking the ISR needs the controller (AlterPartition): an isolated leader cannot.
  if (broker.running() && !w.net.isIsolated(broker.node)) {
    for (std::size_t p = 0; p < w.kafka.partitions.size(); ++p) {
      Partition &part = w.kafka.partitions[p];
      if (part.leader != brokerId || part.alterInFlight)
        continue;
      const Offset leo = part.logOf(brokerId).leo();
      std::vector<int> kept;
      for (int b : part.isr)
        if (b == brokerId || followerCaughtUp(part.followers[static_cast<std::size_t>(part.slotOf(b))], leo, w.now, maxLag))
          kept.push_back(b);
      // The shrink is an AlterPartition request: the old ISR holds until it is committed.
      if (kept.size() != part.isr.size())
        proposeIsr(w, static_cast<int>(p), std::move(kept));
    }
  }
  w.after(maxLag / 2, a);
}

void failPendingRequests(World &w, int p, ErrorCode error) {
  Partition &part = partitionAt(w, p);
  std::vector<PendingProduce> pending = std::move(part.purgatory);
  std::vector<ParkedFetch> parked = std::move(part.parked);
  part.purgatory.clear();
  part.parked.clear(); // follower fetchers are restarted by the controller
  dropHwWaiters(w, p);
  const NodeId node = brokerAt(w, part.leader).node;
  for (const PendingProduce &pp : pending)
    respondProduce(w, node, pp.batch, pp.attempt, error, -1, w.now);
  for (const ParkedFetch &f : parked)
    if (f.consumer)
      answerFetch(w, p, f, error);
}

void abandonLeadership(World &w, int p, int oldLeader) {
  Partition &part = partitionAt(w, p);
  if (!brokerAt(w, oldLeader).running()) {
    part.purgatory.clear();
    part.parked.clear();
    dropHwWaiters(w, p);
    return;
  }
  const int current = part.leader;
  part.leader = oldLeader; // answer from the old leader's point of view
  failPendingRequests(w, p, ErrorCode::NotLeaderOrFollower);
  part.leader = current;
}

void assumeLeadership(World &w, int p, int broker) {
  Partition &part = partitionAt(w, p);
  ReplicaLog &log = part.logOf(broker);
  log.assignEpoch(part.leaderEpoch, log.leo());
  part.leaderEpochStart = log.leo();
  for (std::size_t s = 0; s < part.replicas.size(); ++s) {
    part.followers[s] = FollowerView{};
    part.followers[s].lastCaughtUp = w.now; // ISR members get a full lag window
  }
  ++part.fetcherGen[static_cast<std::size_t>(part.slotOf(broker))];
  part.fetcherActive[static_cast<std::size_t>(part.slotOf(broker))] = 0;
  rebuildProducerState(w, p);
  maybeAdvanceHighWatermark(w, p);
  if (part.topic == w.kafka.txnStateTopic)
    loadCoordinator(w, p);
}

} // namespace streamscope::engine::kafka
