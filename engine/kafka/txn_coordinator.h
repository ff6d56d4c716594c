#pragma once
// The transaction coordinator: the leader of a transactional.id's partition of
// __transaction_state. It hands out producer epochs (fencing older instances), records the
// partitions of each transaction, and ends transactions in two phases: PrepareCommit or
// PrepareAbort in its log, then a marker in every partition, then CompleteCommit or
// CompleteAbort. Every step is a write to its log that counts once the ISR has it.
// Contract: called only on the thread that owns the World (Simulation's dispatch and fault routing); not thread-safe.
#include "engine/world/world.h"

#include <string>

namespace streamscope::engine::kafka {

/// What a producer asks the coordinator (the request's operation).
enum class TxnOp : std::uint8_t { InitProducerId, AddPartition, EndCommit, EndAbort };

/// Which partition of __transaction_state keeps `transactionalId`: as Kafka,
/// Utils.abs(transactionalId.hashCode()) % transaction.state.log.num.partitions.
int transactionStatePartitionOf(const std::string &transactionalId, int partitions);
/// The __transaction_state partition (index in KafkaState::partitions) of a producer's
/// transactional.id, or -1 if it is not transactional.
int coordinatorPartition(const World &w, int producer);
/// A write of the coordinator's log reached the high watermark: take the next step.
void continueCoordinatorStep(World &w, int p, const HwWaiter &step);
/// `p`, a __transaction_state partition, has a new leader: it loads the entries kept there
/// and resends the markers of transactions it had prepared.
void loadCoordinator(World &w, int p);
/// Schedules the coordinator's periodic check for transactions past their timeout.
void startTransactionTimeouts(World &w);

void onTxnRequestArrive(World &w, const Action &a);
void onMarkerResponse(World &w, const Action &a);
void onMarkerRetry(World &w, const Action &a);
void onTxnTimeoutCheck(World &w, const Action &a);

} // namespace streamscope::engine::kafka
