#pragma once
// What Kafka's transactions leave in the world, as plain data: each transaction with its
// state and partitions, the transaction coordinator's entry per transactional.id, and what a
// partition leader remembers of each producer (its latest epoch, its open transactions).
// Contract: a plain copyable value; any thread may use its own copy, and only the World's owner changes the World's.
#include "engine/core/sim_time.h"
#include "engine/world/kafka/replica_log.h"

#include <cstdint>
#include <string>
#include <vector>

namespace streamscope::engine::kafka {

/// The coordinator's states (TransactionState in Kafka). Open: begun by the client, not yet
/// known to the coordinator (no partition added).
enum class TxnState : std::uint8_t { Open, Ongoing, PrepareCommit, PrepareAbort, CompleteCommit, CompleteAbort };

/// Why a transaction was aborted, when it was not the producer's choice.
enum class AbortCause : std::uint8_t { None, Chosen, Failed, Fenced, TimedOut };

/// An input offset a pipeline commits inside its transaction (TxnOffsetCommit).
struct TxnOffset {
  std::int32_t group = -1;
  std::int32_t local = -1; ///< partition number in the group's topic
  Offset offset = 0;
};

struct Transaction {
  std::int16_t producer = -1; ///< index in KafkaState::producers
  std::int32_t instance = 0; ///< the producer instance that ran it
  std::int32_t epoch = 0; ///< producer epoch its records carry
  TxnState state = TxnState::Open;
  AbortCause cause = AbortCause::None;
  SimTime startedAt = 0;
  SimTime preparedAt = -1; ///< PrepareCommit/PrepareAbort committed in the transaction log
  SimTime endedAt = -1; ///< CompleteCommit/CompleteAbort committed
  std::vector<int> partitions; ///< added with AddPartitionsToTxn, in order
  std::vector<int> markersPending; ///< partitions whose marker is not yet replicated
  std::int32_t records = 0; ///< data records produced in it
  std::vector<TxnOffset> offsets; ///< pipeline: input offsets committed with it
  bool ended() const { return state == TxnState::CompleteCommit || state == TxnState::CompleteAbort; }
  bool committing() const { return state == TxnState::PrepareCommit || state == TxnState::CompleteCommit; }
  bool aborting() const { return state == TxnState::PrepareAbort || state == TxnState::CompleteAbort; }
};

/// The coordinator's entry for one transactional.id (one producer), kept in a partition of
/// __transaction_state: what it has committed to that log.
struct TransactionalId {
  std::string id;
  std::int16_t producer = -1;
  int partition = -1; ///< index in KafkaState::partitions of its __transaction_state partition
  std::int32_t epoch = -1; ///< the current producer epoch (-1: never initialised)
  std::int32_t instance = -1; ///< the producer instance that holds that epoch
  std::int32_t txn = -1; ///< its latest transaction (index in KafkaState::transactions)
};

/// A partition leader's memory of one producer's transaction on it (Kafka's producer state):
/// from its first record until its marker is below the high watermark.
struct OpenTxn {
  std::int16_t producer = -1;
  std::int32_t txn = -1;
  Offset first = 0;
  Offset marker = -1; ///< the marker's offset once written
};

/// The latest producer epoch a partition leader has seen for a transactional producer.
struct ProducerEpoch {
  std::int16_t producer = -1;
  std::int32_t epoch = -1;
};

/// Something waiting for a partition's high watermark to pass `required`: a transaction-log
/// write of the coordinator, or a transaction marker.
struct HwWaiter {
  enum Kind : std::uint8_t { TxnLogWrite, Marker };
  Kind kind = TxnLogWrite;
  std::uint8_t step = 0; ///< TxnLogWrite: which coordinator step continues
  std::int32_t txnId = -1; ///< index in KafkaState::txnIds
  std::int32_t txn = -1;
  std::int32_t arg = -1; ///< the step's argument (a partition, a request token)
  Offset required = 0;
};

/// Where a transactional producer is in its loop (the Java client's TransactionManager).
enum class TxnPhase : std::uint8_t {
  Initialising, ///< InitProducerId sent: waits for its producer id and epoch
  Ready, ///< may begin a transaction with its next record
  Open, ///< a transaction takes records
  Ending, ///< the transaction takes no more records: flushing, then EndTxn
  Fenced, ///< a newer instance holds the transactional.id: this one may only close
};

/// The client side of a transactional producer.
struct TxnClient {
  TxnPhase phase = TxnPhase::Initialising;
  std::int32_t epoch = -1;
  std::int32_t txn = -1; ///< the current transaction
  std::uint32_t token = 0; ///< the coordinator request in flight; an older answer is stale
  bool requestInFlight = false;
  std::uint8_t pendingOp = 0; ///< the TxnOp of the request in flight (resent as it was)
  bool abortChosen = false; ///< the application will abort this transaction (abort_ratio)
  bool failed = false; ///< a send of this transaction failed: it can only abort
  std::vector<std::uint8_t> added; ///< per local partition: 0 not in the transaction, 1 being added, 2 added, 3 retrying after a back-off
};

struct TransactionCounters {
  std::int64_t committed = 0;
  std::int64_t aborted = 0;
  std::int64_t fenced = 0; ///< aborted because a newer instance of the producer fenced it
  std::int64_t timedOut = 0; ///< aborted by the coordinator after transaction.timeout.ms
  std::int64_t fencedWrites = 0; ///< produce, AddPartitions or EndTxn requests refused for an old epoch
};

} // namespace streamscope::engine::kafka
