#include "engine/kafka/txn_producer.h"

#include "engine/kafka/consumer_client.h"
#include "engine/kafka/producer_client.h"
#include "engine/kafka/txn_coordinator.h"

#include <algorithm>

namespace streamscope::engine::kafka {
namespace {

/// TxnClient::added: an AddPartitionsToTxn failed and waits for retry.backoff.ms.
constexpr std::uint8_t kBackingOff = 3;

Producer &producerAt(World &w, int i) { return w.kafka.producers[static_cast<std::size_t>(i)]; }
Transaction &current(World &w, const Producer &pr) { return w.kafka.transactions[static_cast<std::size_t>(pr.txn.txn)]; }

std::int32_t txnIdOf(const World &w, int producer) {
  for (std::size_t i = 0; i < w.kafka.txnIds.size(); ++i)
    if (w.kafka.txnIds[i].producer == producer)
      return static_cast<std::int32_t>(i);
  return -1;
}

/// Sends a request to the coordinator the client's metadata names (FindCoordinator);
/// without one, looks again after the back-off.
bool sendToCoordinator(World &w, int producer, TxnOp op, std::int32_t arg, std::int32_t hi, std::uint32_t token) {
  Producer &pr = producerAt(w, producer);
  const std::int32_t txnId = txnIdOf(w, producer);
  const Partition &part = w.kafka.partitions[static_cast<std::size_t>(w.kafka.txnIds[static_cast<std::size_t>(txnId)].partition)];
  if (part.leader < 0)
    return false;
  const std::int64_t d = (static_cast<std::int64_t>(hi) << 32) | static_cast<std::uint32_t>(pr.txn.epoch);
  const Action request{ActionType::TxnRequestArrive, -1, -1, txnId, static_cast<std::int32_t>(op) | (arg << 2), token, d};
  w.send(pr.node, w.kafka.brokers[static_cast<std::size_t>(part.leader)].node, TransferKind::TxnRequest,
         w.kafka.txnIds[static_cast<std::size_t>(txnId)].partition, hi, arg, request);
  return true;
}

/// InitProducerId or EndTxn: one at a time, resent as it was until it is answered.
void sendControl(World &w, int producer, TxnOp op) {
  Producer &pr = producerAt(w, producer);
  TxnClient &c = pr.txn;
  c.requestInFlight = true;
  c.pendingOp = static_cast<std::uint8_t>(op);
  const std::uint32_t token = ++c.token;
  const std::int32_t hi = op == TxnOp::InitProducerId ? pr.instance : c.txn;
  const std::int32_t arg = op == TxnOp::EndAbort && c.failed ? 1 : 0;
  if (!sendToCoordinator(w, producer, op, arg, hi, token)) {
    w.after(pr.config.retryBackoff, Action{ActionType::TxnRetry, -1, -1, producer, -1, token});
    return;
  }
  w.after(pr.config.requestTimeout, Action{ActionType::TxnRetry, -1, -1, producer, -1, token});
}

/// A pipeline whose transaction aborts processes its inputs again from the committed offsets
/// (Kafka Streams closes its tasks dirty and rewinds).
void rewindPipelineInput(World &w, int producer) {
  for (PipelineState &pl : w.pipelines) {
    if (pl.kafkaProducer != producer || pl.group < 0)
      continue;
    pl.pending.clear();
    std::fill(pl.processed.begin(), pl.processed.end(), -1);
    rewindToCommitted(w, pl.group);
  }
}

void resetSequences(Producer &pr) {
  for (ProducerPartition &pp : pr.parts)
    pp.nextSeq = 0;
}

bool flushed(const Producer &pr) {
  for (std::size_t i = 0; i < pr.parts.size(); ++i)
    if (!pr.parts[i].unresolved.empty() || pr.txn.added[i] == 1 || pr.txn.added[i] == kBackingOff)
      return false;
  return true;
}

/// Ending: once every batch is answered, EndTxn (a transaction with no partition added ends here).
void maybeEnd(World &w, int producer) {
  Producer &pr = producerAt(w, producer);
  TxnClient &c = pr.txn;
  if (c.phase != TxnPhase::Ending || c.requestInFlight || !flushed(pr))
    return;
  Transaction &t = current(w, pr);
  if (t.state == TxnState::Open) { // nothing reached a partition: the client ends it alone
    t.state = c.failed || c.abortChosen ? TxnState::CompleteAbort : TxnState::CompleteCommit;
    t.endedAt = w.now;
    c.phase = TxnPhase::Ready;
    return;
  }
  // A pipeline's input offsets commit with its outputs (sendOffsetsToTransaction).
  for (const PipelineState &pl : w.pipelines)
    if (pl.kafkaProducer == producer && pl.group >= 0)
      for (std::size_t local = 0; local < pl.processed.size(); ++local)
        if (pl.processed[local] >= 0)
          t.offsets.push_back(TxnOffset{pl.group, static_cast<std::int32_t>(local), pl.processed[local]});
  const bool abort = c.failed || c.abortChosen;
  if (abort)
    rewindPipelineInput(w, producer);
  sendControl(w, producer, abort ? TxnOp::EndAbort : TxnOp::EndCommit);
}

void fence(World &w, int producer) {
  Producer &pr = producerAt(w, producer);
  pr.txn.phase = TxnPhase::Fenced;
  abandonQueuedBatches(w, producer);
  w.record(EventType::ProducerFenced, pr.node, -1, producer, pr.instance);
}

void reinitialise(World &w, int producer) {
  rewindPipelineInput(w, producer); // whatever it processed since the last commit is aborted
  Producer &pr = producerAt(w, producer);
  pr.txn.phase = TxnPhase::Initialising;
  sendControl(w, producer, TxnOp::InitProducerId);
}

} // namespace

bool isTransactional(const Producer &pr) { return !pr.config.transactionalId.empty(); }

void initTransactions(World &w, int producer) {
  Producer &pr = producerAt(w, producer);
  pr.txn.added.assign(pr.parts.size(), 0);
  pr.txn.phase = TxnPhase::Initialising;
  pr.txn.requestInFlight = false; // InitProducerId goes with the first tick
}

bool transactionTakesRecords(World &w, int producer) {
  Producer &pr = producerAt(w, producer);
  if (!isTransactional(pr))
    return true;
  TxnClient &c = pr.txn;
  if (c.phase == TxnPhase::Initialising && !c.requestInFlight)
    sendControl(w, producer, TxnOp::InitProducerId);
  if (c.phase == TxnPhase::Ready) { // beginTransaction()
    Transaction t;
    t.producer = static_cast<std::int16_t>(producer);
    t.instance = pr.instance;
    t.epoch = c.epoch;
    t.startedAt = w.now;
    c.txn = static_cast<std::int32_t>(w.kafka.transactions.size());
    w.kafka.transactions.push_back(t);
    c.phase = TxnPhase::Open;
    c.failed = false;
    c.abortChosen = pr.config.abortRatio > 0 && w.rng.chance(pr.config.abortRatio);
    c.added.assign(pr.parts.size(), 0);
  }
  return c.phase == TxnPhase::Open;
}

void noteTransactionalRecord(World &w, int producer, RecordInfo &record) {
  Producer &pr = producerAt(w, producer);
  if (!isTransactional(pr))
    return;
  record.txn = pr.txn.txn;
  ++current(w, pr).records;
}

void checkTransactionEnd(World &w, int producer, bool finished) {
  Producer &pr = producerAt(w, producer);
  if (!isTransactional(pr) || pr.txn.phase != TxnPhase::Open)
    return;
  const Transaction &t = current(w, pr);
  const bool full = pr.config.transactionRecords > 0 && t.records >= pr.config.transactionRecords;
  const bool old = pr.config.transactionTime > 0 && w.now >= t.startedAt + pr.config.transactionTime;
  if (full || old || (finished && t.records > 0)) {
    pr.txn.phase = TxnPhase::Ending;
    maybeEnd(w, producer);
  }
}

bool partitionInTransaction(World &w, int producer, int local) {
  Producer &pr = producerAt(w, producer);
  if (!isTransactional(pr))
    return true;
  TxnClient &c = pr.txn;
  std::uint8_t &state = c.added[static_cast<std::size_t>(local)];
  if (state == 0 && (c.phase == TxnPhase::Open || c.phase == TxnPhase::Ending)) {
    const int p = w.kafka.partitionId(pr.topic, local);
    if (sendToCoordinator(w, producer, TxnOp::AddPartition, p, c.txn, c.token)) {
      state = 1;
      w.after(pr.config.requestTimeout, Action{ActionType::TxnAddTimeout, -1, -1, producer, local, static_cast<std::uint32_t>(c.txn)});
    } else {
      state = kBackingOff;
      w.after(pr.config.retryBackoff, Action{ActionType::TxnAddTimeout, -1, -1, producer, local, static_cast<std::uint32_t>(c.txn)});
    }
  }
  return state == 2;
}

void transactionalBatchResolved(World &w, int producer, bool failed) {
  Producer &pr = producerAt(w, producer);
  if (!isTransactional(pr))
    return;
  pr.txn.failed |= failed;
  maybeEnd(w, producer);
}

void onTxnResponse(World &w, const Action &a) {
  const int producer = a.a;
  Producer &pr = producerAt(w, producer);
  TxnClient &c = pr.txn;
  const auto error = static_cast<ErrorCode>(a.b & 0xff);
  const auto op = static_cast<TxnOp>(a.b >> 8);
  const auto hi = static_cast<std::int32_t>(a.d >> 32);
  const auto lo = static_cast<std::int32_t>(a.d & 0xffffffff);
  if (!w.arrive(a, -1) || pr.crashed)
    return;
  if (op == TxnOp::AddPartition) {
    const int local = w.kafka.localIndex(lo);
    if (hi != c.txn || c.added[static_cast<std::size_t>(local)] != 1)
      return; // an answer for an earlier transaction
    switch (error) {
    case ErrorCode::None:
      c.added[static_cast<std::size_t>(local)] = 2;
      sendReady(w, producer, local);
      return;
    case ErrorCode::ProducerFenced: fence(w, producer); return;
    case ErrorCode::InvalidProducerEpoch:
    case ErrorCode::InvalidTxnState: // the coordinator aborted it (transaction.timeout.ms)
      c.failed = true;
      c.added[static_cast<std::size_t>(local)] = 0;
      abandonQueuedBatches(w, producer);
      c.phase = TxnPhase::Ending;
      maybeEnd(w, producer);
      return;
    default: // NOT_COORDINATOR, CONCURRENT_TRANSACTIONS, a reset connection: again after the back-off
      c.added[static_cast<std::size_t>(local)] = kBackingOff;
      w.after(pr.config.retryBackoff, Action{ActionType::TxnAddTimeout, -1, -1, producer, local, static_cast<std::uint32_t>(c.txn)});
      return;
    }
  }
  if (!c.requestInFlight || a.c != c.token)
    return;
  c.requestInFlight = false;
  switch (error) {
  case ErrorCode::None:
    if (lo != c.epoch)
      resetSequences(pr); // sequence numbers count per producer epoch
    c.epoch = lo;
    c.phase = TxnPhase::Ready;
    return;
  case ErrorCode::ProducerFenced: fence(w, producer); return;
  case ErrorCode::InvalidProducerEpoch:
  case ErrorCode::InvalidTxnState: // the coordinator aborted the transaction on its own: start again with a new epoch
    reinitialise(w, producer);
    return;
  default:
    c.requestInFlight = true;
    w.after(pr.config.retryBackoff, Action{ActionType::TxnRetry, -1, -1, producer, -1, c.token});
    return;
  }
}

void onTxnRetry(World &w, const Action &a) {
  Producer &pr = producerAt(w, a.a);
  TxnClient &c = pr.txn;
  if (pr.crashed || !c.requestInFlight || c.token != a.c)
    return;
  sendControl(w, a.a, static_cast<TxnOp>(c.pendingOp));
}

void onTxnAddTimeout(World &w, const Action &a) {
  Producer &pr = producerAt(w, a.a);
  TxnClient &c = pr.txn;
  if (pr.crashed || c.txn != static_cast<std::int32_t>(a.c))
    return;
  std::uint8_t &state = c.added[static_cast<std::size_t>(a.b)];
  if (state == 1 || state == kBackingOff)
    state = 0;
  if (state == 0)
    sendReady(w, a.a, a.b);
}

} // namespace streamscope::engine::kafka
