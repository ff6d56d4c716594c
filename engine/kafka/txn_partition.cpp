#include "engine/kafka/txn_partition.h"

#include "engine/kafka/partition_leader.h"
#include "engine/kafka/record_ledger.h"
#include "engine/kafka/storage.h"
#include "engine/kafka/txn_coordinator.h"

#include <algorithm>
#include <utility>

namespace streamscope::engine::kafka {
namespace {

Partition &partitionAt(World &w, int p) { return w.kafka.partitions[static_cast<std::size_t>(p)]; }

std::int32_t &epochSlot(Partition &part, std::int16_t producer) {
  for (ProducerEpoch &e : part.producerEpochs)
    if (e.producer == producer)
      return e.epoch;
  part.producerEpochs.push_back(ProducerEpoch{producer, -1});
  return part.producerEpochs.back().epoch;
}

OpenTxn *openTxnOf(Partition &part, std::int32_t txn) {
  for (OpenTxn &o : part.openTxns)
    if (o.txn == txn)
      return &o;
  return nullptr;
}

/// The epoch a marker carries: with transaction version 2 the coordinator bumped it at EndTxn.
std::int32_t markerEpoch(const World &w, const Transaction &t) { return t.epoch + (w.kafka.config.transactionVersion >= 2 ? 1 : 0); }

void answerMarker(World &w, int p, std::int32_t txn, ErrorCode error) {
  const Partition &part = w.kafka.partitions[static_cast<std::size_t>(p)];
  const Transaction &t = w.kafka.transactions[static_cast<std::size_t>(txn)];
  const int coordinator = coordinatorPartition(w, t.producer);
  const Partition &cp = w.kafka.partitions[static_cast<std::size_t>(coordinator)];
  if (part.leader < 0 || cp.leader < 0)
    return; // the coordinator's retry timer resends
  w.send(w.kafka.brokers[static_cast<std::size_t>(part.leader)].node, w.kafka.brokers[static_cast<std::size_t>(cp.leader)].node,
         TransferKind::TxnMarkerResponse, p, txn, 0, Action{ActionType::MarkerResponseArrive, -1, -1, txn, p, static_cast<std::uint32_t>(error)});
}

} // namespace

std::int32_t recordEpoch(const World &w, const RecordInfo &r) {
  return r.txn >= 0 ? w.kafka.transactions[static_cast<std::size_t>(r.txn)].epoch : -1;
}

bool sameProducerSession(const World &w, const RecordInfo &a, const RecordInfo &b) {
  return a.producer == b.producer && a.pidGen == b.pidGen && recordEpoch(w, a) == recordEpoch(w, b);
}

ErrorCode checkTransactionalWrite(World &w, int p, const Batch &batch) {
  if (batch.epoch < 0)
    return ErrorCode::None;
  Partition &part = partitionAt(w, p);
  const RecordInfo &first = std::as_const(w.kafka.records)[batch.records.front()];
  const Transaction &t = w.kafka.transactions[static_cast<std::size_t>(first.txn)];
  // An epoch older than one this partition has seen is a zombie (KIP-890: the marker of the
  // last transaction already carries the bumped epoch); a transaction the coordinator has
  // ended takes no more records (transaction verification, KIP-890 part 1).
  if (batch.epoch < epochSlot(part, first.producer) || t.state != TxnState::Ongoing) {
    ++w.kafka.txnCounters.fencedWrites;
    return ErrorCode::InvalidProducerEpoch;
  }
  return ErrorCode::None;
}

void noteTransactionalAppend(World &w, int p, const Batch &batch, Offset base) {
  if (batch.epoch < 0)
    return;
  Partition &part = partitionAt(w, p);
  const RecordInfo &first = std::as_const(w.kafka.records)[batch.records.front()];
  epochSlot(part, first.producer) = batch.epoch;
  if (!openTxnOf(part, first.txn))
    part.openTxns.push_back(OpenTxn{first.producer, first.txn, base, -1});
}

void settleTransactions(World &w, int p) {
  Partition &part = partitionAt(w, p);
  if (part.leader < 0)
    return;
  const Offset hw = part.logOf(part.leader).highWatermark();
  std::erase_if(part.openTxns, [&](const OpenTxn &o) { return o.marker >= 0 && o.marker < hw; });
  std::vector<HwWaiter> ready;
  std::vector<HwWaiter> still;
  for (const HwWaiter &h : part.hwWaiters)
    (hw >= h.required ? ready : still).push_back(h);
  part.hwWaiters = std::move(still);
  for (const HwWaiter &h : ready) {
    if (h.kind == HwWaiter::Marker)
      answerMarker(w, p, h.txn, ErrorCode::None);
    else
      continueCoordinatorStep(w, p, h);
  }
}

void rebuildProducerState(World &w, int p) {
  Partition &part = partitionAt(w, p);
  part.openTxns.clear();
  part.producerEpochs.clear();
  if (part.leader < 0)
    return;
  const ReplicaLog &log = part.logOf(part.leader);
  for (const LogEntry &e : log.entries()) {
    const RecordInfo &r = std::as_const(w.kafka.records)[e.record];
    if (r.txn < 0)
      continue;
    const Transaction &t = w.kafka.transactions[static_cast<std::size_t>(r.txn)];
    if (r.has(RecordInfo::Control)) {
      epochSlot(part, r.producer) = std::max(epochSlot(part, r.producer), markerEpoch(w, t));
      if (OpenTxn *o = openTxnOf(part, r.txn))
        o->marker = e.offset;
      continue;
    }
    epochSlot(part, r.producer) = std::max(epochSlot(part, r.producer), t.epoch);
    if (!openTxnOf(part, r.txn))
      part.openTxns.push_back(OpenTxn{r.producer, r.txn, e.offset, -1});
  }
  const Offset hw = log.highWatermark();
  std::erase_if(part.openTxns, [&](const OpenTxn &o) { return o.marker >= 0 && o.marker < hw; });
}

void dropHwWaiters(World &w, int p) { partitionAt(w, p).hwWaiters.clear(); }

void onMarkerArrive(World &w, const Action &a) {
  const int p = a.a;
  const std::int32_t txn = a.b;
  Partition &part = partitionAt(w, p);
  const int brokerId = w.kafka.brokerOfNode(a.to);
  if (!w.arrive(a, p))
    return; // the coordinator's retry timer resends
  const Broker &broker = w.kafka.brokers[static_cast<std::size_t>(brokerId)];
  if (!broker.running() || part.leader != brokerId) {
    if (broker.running()) {
      const int current = part.leader;
      part.leader = brokerId; // answer from this broker
      answerMarker(w, p, txn, ErrorCode::NotLeaderOrFollower);
      part.leader = current;
    }
    return;
  }
  Transaction &t = w.kafka.transactions[static_cast<std::size_t>(txn)];
  OpenTxn *open = openTxnOf(part, txn);
  if (open && open->marker >= 0) { // a resent marker: the first one stands
    part.hwWaiters.push_back(HwWaiter{HwWaiter::Marker, 0, -1, txn, -1, open->marker + 1});
    settleTransactions(w, p);
    return;
  }
  RecordInfo marker;
  marker.createdAt = w.now;
  marker.partition = p;
  marker.txn = txn;
  marker.producer = t.producer;
  marker.bytes = 78; // a control batch: header and one control record
  marker.flags = RecordInfo::Control;
  const auto id = static_cast<RecordId>(w.kafka.records.size());
  w.kafka.records.push_back(marker);
  ReplicaLog &log = part.logOf(brokerId);
  const Offset offset = log.leo();
  part.hwWaiters.push_back(HwWaiter{HwWaiter::Marker, 0, -1, txn, -1, offset + 1});
  appendAsLeader(w, p, {LogEntry{offset, id, part.leaderEpoch, marker.bytes}});
  epochSlot(part, t.producer) = std::max(epochSlot(part, t.producer), markerEpoch(w, t));
  if (open)
    open->marker = offset;
  else // a partition added to the transaction that received no record still gets its marker
    part.openTxns.push_back(OpenTxn{t.producer, txn, offset, offset});
  w.record(EventType::MarkerWritten, brokerId, p, offset, txn, t.committing() ? 1 : 0);
  settleTransactions(w, p);
}

} // namespace streamscope::engine::kafka
