#include "engine/kafka/produce_serving.h"

#include "engine/kafka/partition_leader.h"
#include "engine/kafka/record_ledger.h"
#include "engine/kafka/storage.h"
#include "engine/kafka/txn_partition.h"

#include <algorithm>
#include <utility>

namespace streamscope::engine::kafka {
namespace {

Broker &brokerAt(World &w, int b) { return w.kafka.brokers[static_cast<std::size_t>(b)]; }

/// Sends the request's one response once no partition of it waits any more (after the latest
/// fsync flush.messages forced).
void respondIfDone(World &w, std::int32_t id) {
  ProduceRequest &request = w.kafka.produceRequests[id];
  if (request.waiting > 0 || request.answered)
    return;
  request.answered = true;
  SimTime readyAt = w.now;
  std::int64_t records = 0;
  for (const PartitionResult &r : request.parts) {
    readyAt = std::max(readyAt, r.readyAt);
    records += static_cast<std::int64_t>(w.kafka.batches[r.batch].records.size());
  }
  const PartitionResult &head = request.parts.front();
  const NodeId from = brokerAt(w, request.broker).node;
  const NodeId to = w.kafka.producers[static_cast<std::size_t>(request.producer)].node;
  Action resp{ActionType::ProduceResponseArrive, -1, -1, head.batch, static_cast<std::int32_t>(head.error), head.attempt, id};
  if (readyAt > w.now) {
    resp.type = ActionType::ProduceRespondAfterFsync;
    resp.from = from;
    resp.to = to;
    w.at(readyAt, resp);
    return;
  }
  w.send(from, to, TransferKind::ProduceResponse, head.partition, head.base, records, resp);
}

void settle(World &w, std::int32_t id, int slot, ErrorCode error, Offset base, SimTime readyAt) {
  ProduceRequest &request = w.kafka.produceRequests[id];
  PartitionResult &r = request.parts[static_cast<std::size_t>(slot)];
  r.error = error;
  r.base = base;
  r.readyAt = readyAt;
  if (r.waiting) {
    r.waiting = false;
    --request.waiting;
  }
}

/// Puts partition `slot` of the request in p's purgatory until the HW reaches `required`.
void wait(World &w, int p, std::int32_t id, int slot, Offset base, Offset required, SimTime deadline, SimTime readyAt) {
  ProduceRequest &request = w.kafka.produceRequests[id];
  PartitionResult &r = request.parts[static_cast<std::size_t>(slot)];
  r.waiting = true;
  r.base = base;
  r.readyAt = readyAt;
  ++request.waiting;
  w.kafka.partitions[static_cast<std::size_t>(p)].purgatory.push_back(
      PendingProduce{r.batch, r.attempt, base, required, deadline, readyAt, id, slot});
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

/// One partition of the request, on the broker that leads it (or led it when sent).
void producePartition(World &w, std::int32_t id, int slot, int brokerId, SimTime deadline) {
  const PartitionResult r = w.kafka.produceRequests[id].parts[static_cast<std::size_t>(slot)];
  const Batch &batch = w.kafka.batches[r.batch];
  const int p = batch.partition;
  const Producer &producer = w.kafka.producers[static_cast<std::size_t>(batch.producer)];
  const bool fireAndForget = batch.acks == Acks::None;
  // With acks=0 an error closes the connection instead of answering: the records are gone.
  const auto refuse = [&](ErrorCode error) {
    if (fireAndForget)
      noteDropped(w, batch);
    else
      settle(w, id, slot, error, -1, w.now);
  };
  Partition &part = w.kafka.partitions[static_cast<std::size_t>(p)];
  if (part.leader != brokerId)
    return refuse(ErrorCode::NotLeaderOrFollower);
  if (batch.acks == Acks::All && static_cast<int>(part.isr.size()) < w.kafka.effectiveMinIsr(p))
    return settle(w, id, slot, ErrorCode::NotEnoughReplicas, -1, w.now);
  // The log validates the batch's size against the topic's max.message.bytes before anything
  // about the producer's state.
  if (batch.bytes > w.kafka.topics[static_cast<std::size_t>(part.topic)].config.maxMessageBytes)
    return refuse(ErrorCode::MessageTooLarge);
  if (const ErrorCode fenced = checkTransactionalWrite(w, p, batch); fenced != ErrorCode::None)
    return settle(w, id, slot, fenced, -1, w.now);
  ReplicaLog &log = part.logOf(brokerId);
  if (producer.config.enableIdempotence) {
    const RecordInfo &first = std::as_const(w.kafka.records)[batch.records.front()];
    const RecordInfo &lastRecord = std::as_const(w.kafka.records)[batch.records.back()];
    Offset duplicateAt = -1;
    const std::int32_t last = lastSequence(w, log, first, first.seq, duplicateAt);
    if (last >= 0 && lastRecord.seq <= last) { // already appended: answer as the first time...
      const Offset required = duplicateAt >= 0 ? duplicateAt + static_cast<Offset>(batch.records.size()) : -1;
      if (batch.acks == Acks::All && required > log.highWatermark())
        // ...which, with acks=all, is only once the ISR has it: the retry waits in purgatory
        // like the original request did (a retry after a timeout must not skip replication).
        return wait(w, p, id, slot, duplicateAt, required, deadline, w.now);
      return settle(w, id, slot, ErrorCode::None, duplicateAt, w.now);
    }
    // A new producer epoch starts at sequence 0: a later batch of it that overtook the first
    // is refused (and resent), not taken as the start of the epoch.
    const bool newEpochGap = last < 0 && batch.epoch >= 0 && first.seq != 0;
    if (((last >= 0 && first.seq != last + 1) || newEpochGap) && !batch.resetSequence)
      return settle(w, id, slot, ErrorCode::OutOfOrderSequenceNumber, -1, w.now);
  }
  std::vector<LogEntry> entries;
  entries.reserve(batch.records.size());
  Offset next = log.leo();
  std::int64_t bytes = 0;
  for (RecordId record : batch.records) {
    entries.push_back(LogEntry{next++, record, part.leaderEpoch, std::as_const(w.kafka.records)[record].bytes});
    bytes += entries.back().bytes;
  }
  const Offset base = entries.front().offset;
  const SimTime readyAt = appendToReplica(w, p, brokerId, entries);
  w.kafka.brokers[static_cast<std::size_t>(brokerId)].bytesIn.add(w.now, bytes);
  noteTransactionalAppend(w, p, batch, base);
  wakeParked(w, p);
  switch (batch.acks) {
  case Acks::None: break;
  case Acks::Leader: settle(w, id, slot, ErrorCode::None, base, readyAt); break;
  case Acks::All: wait(w, p, id, slot, base, log.leo(), deadline, readyAt); break;
  }
  maybeAdvanceHighWatermark(w, p);
}

/// Removes the purgatory entries of p that `take` picks and returns them.
template <typename Pick> std::vector<PendingProduce> takePending(Partition &part, Pick take) {
  std::vector<PendingProduce> still;
  std::vector<PendingProduce> taken;
  for (const PendingProduce &pp : part.purgatory)
    (take(pp) ? taken : still).push_back(pp);
  part.purgatory = std::move(still);
  return taken;
}

} // namespace

void onProduceArrive(World &w, const Action &a) {
  const std::int32_t id = a.b;
  const std::vector<PartitionResult> parts = w.kafka.produceRequests[id].parts;
  const Batch &head = w.kafka.batches[a.a];
  const int brokerId = w.kafka.brokerOfNode(a.to);
  Broker &broker = brokerAt(w, brokerId);
  const bool fireAndForget = head.acks == Acks::None;
  const auto dropAll = [&] {
    for (const PartitionResult &r : parts)
      noteDropped(w, w.kafka.batches[r.batch]);
  };
  const bool up = broker.state != BrokerState::PoweredOff && broker.incarnation == static_cast<std::uint32_t>(a.d);
  if (!w.arrive(a, head.partition) || !up) {
    if (fireAndForget)
      dropAll();
    return;
  }
  if (fireAndForget)
    w.kafka.produceRequests[id].answered = true; // nothing is ever sent back
  if (broker.state == BrokerState::Crashed) { // no process: the OS resets the connection
    if (fireAndForget)
      return dropAll();
    for (std::size_t slot = 0; slot < parts.size(); ++slot)
      settle(w, id, static_cast<int>(slot), ErrorCode::NetworkException, -1, w.now);
    return respondIfDone(w, id);
  }
  const SimTime deadline = w.now + w.kafka.producers[static_cast<std::size_t>(head.producer)].config.requestTimeout;
  for (std::size_t slot = 0; slot < parts.size(); ++slot)
    producePartition(w, id, static_cast<int>(slot), brokerId, deadline);
  if (w.kafka.produceRequests[id].waiting > 0)
    w.at(deadline, Action{ActionType::PurgatoryExpire, -1, -1, id, -1, parts.front().attempt});
  respondIfDone(w, id);
}

void onPurgatoryExpire(World &w, const Action &a) {
  const std::int32_t id = a.a;
  if (static_cast<std::size_t>(id) >= w.kafka.produceRequests.items.size())
    return;
  const ProduceRequest request = w.kafka.produceRequests[id]; // a copy: settling changes it
  // A reclaimed slot, reused or not, no longer holds this attempt (attempts are unique).
  if (!request.live || request.answered || request.parts.front().attempt != a.c || !brokerAt(w, request.broker).running())
    return;
  for (const PartitionResult &r : request.parts) {
    if (!r.waiting)
      continue;
    Partition &part = w.kafka.partitions[static_cast<std::size_t>(r.partition)];
    for (const PendingProduce &pp : takePending(part, [&](const PendingProduce &pp) { return pp.request == id && pp.deadline <= w.now; }))
      settle(w, id, pp.slot, ErrorCode::RequestTimedOut, pp.baseOffset, w.now);
  }
  respondIfDone(w, id);
}

void completePurgatory(World &w, int p) {
  Partition &part = w.kafka.partitions[static_cast<std::size_t>(p)];
  const ReplicaLog &log = part.logOf(part.leader);
  const bool enoughIsr = static_cast<int>(part.isr.size()) >= w.kafka.effectiveMinIsr(p);
  const Offset hw = log.highWatermark();
  for (const PendingProduce &pp : takePending(part, [&](const PendingProduce &pp) { return hw >= pp.required; })) {
    settle(w, pp.request, pp.slot, enoughIsr ? ErrorCode::None : ErrorCode::NotEnoughReplicasAfterAppend, pp.baseOffset, pp.readyAt);
    respondIfDone(w, pp.request);
  }
}

void failPurgatory(World &w, int p, ErrorCode error) {
  Partition &part = w.kafka.partitions[static_cast<std::size_t>(p)];
  for (const PendingProduce &pp : takePending(part, [](const PendingProduce &) { return true; })) {
    settle(w, pp.request, pp.slot, error, -1, w.now);
    respondIfDone(w, pp.request);
  }
}

} // namespace streamscope::engine::kafka
