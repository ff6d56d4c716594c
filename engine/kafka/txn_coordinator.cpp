#include "engine/kafka/txn_coordinator.h"

#include "engine/kafka/consumer_client.h"
#include "engine/kafka/partition_leader.h"
#include "engine/kafka/storage.h"
#include "engine/kafka/txn_partition.h"

#include <algorithm>
#include <cstdint>

namespace streamscope::engine::kafka {
namespace {

/// Steps that continue once a write to the coordinator's log is replicated.
enum Step : std::uint8_t { InitDone, AddDone, PrepareDone, CompleteDone };

constexpr SimTime kMarkerBackoff = 100 * kMillisecond; // retry.backoff.ms of the marker channel
constexpr SimTime kMarkerRequestTimeout = 30 * kSecond; // request.timeout.ms between brokers
constexpr SimTime kTimeoutCheckInterval = 10 * kSecond; // transaction.abort.timed.out.transaction.cleanup.interval.ms
constexpr std::uint32_t kTxnLogRecordBytes = 120; // one TransactionLogValue with a few partitions

Transaction &txnAt(World &w, std::int32_t txn) { return w.kafka.transactions[static_cast<std::size_t>(txn)]; }
TransactionalId &entryAt(World &w, std::int32_t id) { return w.kafka.txnIds[static_cast<std::size_t>(id)]; }
NodeId brokerNode(const World &w, int broker) { return w.kafka.brokers[static_cast<std::size_t>(broker)].node; }

/// Answers a producer: d carries `hi` in its upper half and `lo` (an epoch or a partition) below.
void reply(World &w, int p, const TransactionalId &entry, TxnOp op, ErrorCode error, std::uint32_t token, std::int32_t hi, std::int32_t lo) {
  const Partition &part = w.kafka.partitions[static_cast<std::size_t>(p)];
  const NodeId to = w.kafka.producers[static_cast<std::size_t>(entry.producer)].node;
  const std::int64_t d = (static_cast<std::int64_t>(hi) << 32) | static_cast<std::uint32_t>(lo);
  const Action resp{
      ActionType::TxnResponseArrive, -1, -1, entry.producer, static_cast<std::int32_t>(error) | (static_cast<std::int32_t>(op) << 8), token, d};
  w.send(brokerNode(w, part.leader), to, TransferKind::TxnResponse, p, hi, lo, resp);
}

/// Appends one record to the coordinator's partition; `step` continues once it is replicated.
void writeTxnLog(World &w, int p, std::int32_t txnId, std::int32_t txn, Step step, std::int32_t arg) {
  Partition &part = w.kafka.partitions[static_cast<std::size_t>(p)];
  RecordInfo r;
  r.createdAt = w.now;
  r.partition = p;
  r.txn = txn;
  r.producer = entryAt(w, txnId).producer;
  r.bytes = kTxnLogRecordBytes;
  r.flags = RecordInfo::Control;
  const auto id = static_cast<RecordId>(w.kafka.records.size());
  w.kafka.records.push_back(r);
  const Offset offset = part.logOf(part.leader).leo();
  part.hwWaiters.push_back(HwWaiter{HwWaiter::TxnLogWrite, step, txnId, txn, arg, offset + 1});
  appendAsLeader(w, p, {LogEntry{offset, id, part.leaderEpoch, r.bytes}});
}

void noteState(World &w, int p, std::int32_t txn) {
  const Transaction &t = txnAt(w, txn);
  const Partition &part = w.kafka.partitions[static_cast<std::size_t>(p)];
  w.record(EventType::TransactionChanged, part.leader, p, txn, t.producer, static_cast<std::uint8_t>(t.state));
}

void sendMarker(World &w, std::int32_t txn, int target) {
  const Transaction &t = txnAt(w, txn);
  const int p = coordinatorPartition(w, t.producer);
  const Partition &cp = w.kafka.partitions[static_cast<std::size_t>(p)];
  const Partition &tp = w.kafka.partitions[static_cast<std::size_t>(target)];
  if (cp.leader < 0 || !w.kafka.brokers[static_cast<std::size_t>(cp.leader)].running())
    return; // a new coordinator resends when it loads
  if (tp.leader < 0) {
    w.after(kMarkerBackoff, Action{ActionType::MarkerRetry, -1, -1, txn, target});
    return;
  }
  w.send(brokerNode(w, cp.leader), brokerNode(w, tp.leader), TransferKind::TxnMarkerRequest, target, txn, t.committing() ? 1 : 0,
         Action{ActionType::MarkerArrive, -1, -1, target, txn});
  w.after(kMarkerRequestTimeout, Action{ActionType::MarkerRetry, -1, -1, txn, target});
}

/// Phase one is in the log: write the markers (or, with no partition, complete at once).
void prepared(World &w, int p, std::int32_t txnId, std::int32_t txn) {
  Transaction &t = txnAt(w, txn);
  t.preparedAt = w.now;
  noteState(w, p, txn);
  // The input offsets committed with the outputs: from now on a consumer asking for them
  // (with require_stable, KIP-447) gets these, not the ones before.
  if (t.committing())
    for (const TxnOffset &o : t.offsets)
      commitTransactionalOffset(w, o.group, o.local, o.offset);
  if (t.markersPending.empty()) {
    writeTxnLog(w, p, txnId, txn, CompleteDone, -1);
    return;
  }
  for (int target : t.markersPending)
    sendMarker(w, txn, target);
}

void completed(World &w, int p, std::int32_t txn) {
  Transaction &t = txnAt(w, txn);
  if (t.ended())
    return;
  t.state = t.committing() ? TxnState::CompleteCommit : TxnState::CompleteAbort;
  t.endedAt = w.now;
  TransactionCounters &c = w.kafka.txnCounters;
  if (t.state == TxnState::CompleteCommit) {
    ++c.committed;
  } else {
    ++c.aborted;
    c.fenced += t.cause == AbortCause::Fenced ? 1 : 0;
    c.timedOut += t.cause == AbortCause::TimedOut ? 1 : 0;
  }
  noteState(w, p, txn);
}

/// Begins phase two's abort of `txn` for a reason other than the producer's own EndTxn.
void beginAbort(Transaction &t, AbortCause cause) {
  t.state = TxnState::PrepareAbort;
  t.cause = cause;
  t.markersPending = t.partitions;
}

ErrorCode staleEpochError(World &w, const TransactionalId &entry, std::int32_t txn) {
  ++w.kafka.txnCounters.fencedWrites;
  const bool olderInstance = txn >= 0 && txnAt(w, txn).instance != entry.instance;
  return olderInstance ? ErrorCode::ProducerFenced : ErrorCode::InvalidProducerEpoch;
}

void handleInit(World &w, int p, std::int32_t txnId, std::uint32_t token, std::int32_t instance) {
  TransactionalId &entry = entryAt(w, txnId);
  if (instance < entry.instance) {
    ++w.kafka.txnCounters.fencedWrites;
    reply(w, p, entry, TxnOp::InitProducerId, ErrorCode::ProducerFenced, token, -1, entry.epoch);
    return;
  }
  std::int32_t aborting = -1;
  if (entry.txn >= 0) {
    Transaction &t = txnAt(w, entry.txn);
    if (t.state == TxnState::PrepareCommit || t.state == TxnState::PrepareAbort) { // let it finish first
      reply(w, p, entry, TxnOp::InitProducerId, ErrorCode::ConcurrentTransactions, token, -1, entry.epoch);
      return;
    }
    if (t.state == TxnState::Open || t.state == TxnState::Ongoing) { // fence the older instance's transaction
      beginAbort(t, t.instance != instance ? AbortCause::Fenced : AbortCause::Failed);
      aborting = entry.txn;
    }
  }
  entry.epoch += 1;
  entry.instance = instance;
  writeTxnLog(w, p, txnId, aborting, InitDone, static_cast<std::int32_t>(token));
}

void handleAdd(World &w, int p, std::int32_t txnId, std::uint32_t token, std::int32_t epoch, std::int32_t txn, int target) {
  TransactionalId &entry = entryAt(w, txnId);
  if (epoch != entry.epoch) {
    reply(w, p, entry, TxnOp::AddPartition, staleEpochError(w, entry, txn), token, txn, target);
    return;
  }
  if (entry.txn >= 0 && entry.txn != txn && !txnAt(w, entry.txn).ended()) { // the last one is still writing markers
    reply(w, p, entry, TxnOp::AddPartition, ErrorCode::ConcurrentTransactions, token, txn, target);
    return;
  }
  Transaction &t = txnAt(w, txn);
  if (t.state == TxnState::Open) {
    t.state = TxnState::Ongoing;
    entry.txn = txn;
    noteState(w, p, txn);
  }
  if (t.state != TxnState::Ongoing) {
    reply(w, p, entry, TxnOp::AddPartition, ErrorCode::InvalidTxnState, token, txn, target);
    return;
  }
  if (std::find(t.partitions.begin(), t.partitions.end(), target) != t.partitions.end()) {
    reply(w, p, entry, TxnOp::AddPartition, ErrorCode::None, token, txn, target);
    return;
  }
  t.partitions.push_back(target);
  writeTxnLog(w, p, txnId, txn, AddDone, target);
}

void handleEnd(World &w, int p, std::int32_t txnId, std::uint32_t token, std::int32_t epoch, std::int32_t txn, bool commit, bool failed) {
  TransactionalId &entry = entryAt(w, txnId);
  Transaction &t = txnAt(w, txn);
  const std::int32_t bump = w.kafka.config.transactionVersion >= 2 ? 1 : 0;
  const bool retried = (commit ? t.committing() : t.aborting()) && entry.txn == txn && epoch + bump == entry.epoch;
  if (retried) { // the first answer was lost: the outcome stands
    reply(w, p, entry, commit ? TxnOp::EndCommit : TxnOp::EndAbort, ErrorCode::None, token, txn, entry.epoch);
    return;
  }
  if (epoch != entry.epoch) {
    reply(w, p, entry, commit ? TxnOp::EndCommit : TxnOp::EndAbort, staleEpochError(w, entry, txn), token, txn, entry.epoch);
    return;
  }
  if (t.state != TxnState::Ongoing) {
    reply(w, p, entry, commit ? TxnOp::EndCommit : TxnOp::EndAbort, ErrorCode::InvalidTxnState, token, txn, entry.epoch);
    return;
  }
  t.state = commit ? TxnState::PrepareCommit : TxnState::PrepareAbort;
  t.cause = commit ? AbortCause::None : failed ? AbortCause::Failed : AbortCause::Chosen;
  t.markersPending = t.partitions;
  entry.epoch += bump; // KIP-890: every transaction ends with a new epoch
  writeTxnLog(w, p, txnId, txn, PrepareDone, static_cast<std::int32_t>(token));
}

} // namespace

int transactionStatePartitionOf(const std::string &transactionalId, int partitions) {
  std::int32_t hash = 0; // Java's String.hashCode over UTF-16 code units; ASCII ids are one unit per byte
  for (unsigned char ch : transactionalId)
    hash = static_cast<std::int32_t>(static_cast<std::uint32_t>(hash) * 31u + ch);
  const std::int32_t positive = hash == INT32_MIN ? 0 : (hash < 0 ? -hash : hash);
  return positive % partitions;
}

int coordinatorPartition(const World &w, int producer) {
  for (const TransactionalId &e : w.kafka.txnIds)
    if (e.producer == producer)
      return e.partition;
  return -1;
}

void continueCoordinatorStep(World &w, int p, const HwWaiter &step) {
  TransactionalId &entry = entryAt(w, step.txnId);
  switch (static_cast<Step>(step.step)) {
  case InitDone:
    reply(w, p, entry, TxnOp::InitProducerId, ErrorCode::None, static_cast<std::uint32_t>(step.arg), -1, entry.epoch);
    if (step.txn >= 0)
      prepared(w, p, step.txnId, step.txn);
    break;
  case AddDone: reply(w, p, entry, TxnOp::AddPartition, ErrorCode::None, 0, step.txn, step.arg); break;
  case PrepareDone: {
    const Transaction &t = txnAt(w, step.txn);
    if (step.arg >= 0)
      reply(w, p, entry, t.committing() ? TxnOp::EndCommit : TxnOp::EndAbort, ErrorCode::None, static_cast<std::uint32_t>(step.arg), step.txn,
            entry.epoch);
    prepared(w, p, step.txnId, step.txn);
    break;
  }
  case CompleteDone: completed(w, p, step.txn); break;
  }
}

void loadCoordinator(World &w, int p) {
  for (std::size_t i = 0; i < w.kafka.txnIds.size(); ++i) {
    const TransactionalId &entry = w.kafka.txnIds[i];
    if (entry.partition != p || entry.txn < 0)
      continue;
    const Transaction &t = txnAt(w, entry.txn);
    if (t.state != TxnState::PrepareCommit && t.state != TxnState::PrepareAbort)
      continue;
    if (t.markersPending.empty())
      writeTxnLog(w, p, static_cast<std::int32_t>(i), entry.txn, CompleteDone, -1);
    else
      for (int target : t.markersPending)
        sendMarker(w, entry.txn, target);
  }
}

void startTransactionTimeouts(World &w) {
  if (!w.kafka.txnIds.empty())
    w.after(kTimeoutCheckInterval, Action{ActionType::TxnTimeoutCheck});
}

void onTxnRequestArrive(World &w, const Action &a) {
  const std::int32_t txnId = a.a;
  const TransactionalId &entry = entryAt(w, txnId);
  const int p = entry.partition;
  if (!w.arrive(a, p))
    return; // the producer's request timeout resends it
  const int brokerId = w.kafka.brokerOfNode(a.to);
  const Broker &broker = w.kafka.brokers[static_cast<std::size_t>(brokerId)];
  const auto op = static_cast<TxnOp>(a.b & 3);
  const int arg = a.b >> 2;
  const auto epoch = static_cast<std::int32_t>(a.d & 0xffffffff);
  const auto hi = static_cast<std::int32_t>(a.d >> 32);
  Partition &part = w.kafka.partitions[static_cast<std::size_t>(p)];
  if (broker.state == BrokerState::PoweredOff)
    return;
  if (!broker.running() || part.leader != brokerId) {
    // Not (or no longer) the coordinator: answer from this broker so the client looks again.
    const int current = part.leader;
    part.leader = brokerId;
    reply(w, p, entry, op, broker.running() ? ErrorCode::NotCoordinator : ErrorCode::NetworkException, a.c, hi,
          op == TxnOp::AddPartition ? arg : epoch);
    part.leader = current;
    return;
  }
  switch (op) {
  case TxnOp::InitProducerId: handleInit(w, p, txnId, a.c, hi); break;
  case TxnOp::AddPartition: handleAdd(w, p, txnId, a.c, epoch, hi, arg); break;
  case TxnOp::EndCommit: handleEnd(w, p, txnId, a.c, epoch, hi, true, false); break;
  case TxnOp::EndAbort: handleEnd(w, p, txnId, a.c, epoch, hi, false, arg != 0); break;
  }
}

void onMarkerResponse(World &w, const Action &a) {
  const std::int32_t txn = a.a;
  const int target = a.b;
  Transaction &t = txnAt(w, txn);
  const int p = coordinatorPartition(w, t.producer);
  if (!w.arrive(a, p))
    return;
  const Partition &cp = w.kafka.partitions[static_cast<std::size_t>(p)];
  if (cp.leader != w.kafka.brokerOfNode(a.to) || !w.kafka.brokers[static_cast<std::size_t>(cp.leader)].running())
    return; // a coordinator that lost its partition forgets; the new one resends
  const auto it = std::find(t.markersPending.begin(), t.markersPending.end(), target);
  if (it == t.markersPending.end())
    return;
  if (static_cast<ErrorCode>(a.c) != ErrorCode::None) {
    w.after(kMarkerBackoff, Action{ActionType::MarkerRetry, -1, -1, txn, target});
    return;
  }
  t.markersPending.erase(it);
  if (t.markersPending.empty()) {
    const auto entry = std::find_if(w.kafka.txnIds.begin(), w.kafka.txnIds.end(), [&](const TransactionalId &e) { return e.producer == t.producer; });
    writeTxnLog(w, p, static_cast<std::int32_t>(entry - w.kafka.txnIds.begin()), txn, CompleteDone, -1);
  }
}

void onMarkerRetry(World &w, const Action &a) {
  const Transaction &t = txnAt(w, a.a);
  if (std::find(t.markersPending.begin(), t.markersPending.end(), a.b) != t.markersPending.end())
    sendMarker(w, a.a, a.b);
}

void onTxnTimeoutCheck(World &w, const Action &a) {
  for (std::size_t i = 0; i < w.kafka.txnIds.size(); ++i) {
    TransactionalId &entry = w.kafka.txnIds[i];
    const Partition &part = w.kafka.partitions[static_cast<std::size_t>(entry.partition)];
    if (entry.txn < 0 || part.leader < 0 || !w.kafka.brokers[static_cast<std::size_t>(part.leader)].running())
      continue;
    Transaction &t = txnAt(w, entry.txn);
    const SimTime timeout = w.kafka.producers[static_cast<std::size_t>(entry.producer)].config.transactionTimeout;
    if (t.state != TxnState::Ongoing || w.now - t.startedAt < timeout)
      continue;
    beginAbort(t, AbortCause::TimedOut);
    entry.epoch += 1; // the producer learns of it through its next request
    writeTxnLog(w, entry.partition, static_cast<std::int32_t>(i), entry.txn, PrepareDone, -1);
  }
  w.after(kTimeoutCheckInterval, a);
}

} // namespace streamscope::engine::kafka
