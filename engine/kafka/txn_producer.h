#pragma once
// The transactional side of a Kafka producer (the Java client's TransactionManager):
// InitProducerId for an epoch, a transaction begun with the first record and ended after
// transaction_records records or transaction_ms, each new partition added to it before its
// first batch is sent, then a flush and EndTxn (commit, or abort by choice or after a failed
// send). A producer without transactional_id never reaches these steps.
// Contract: called only on the thread that owns the World (Simulation's dispatch and fault routing); not thread-safe.
#include "engine/world/world.h"

namespace streamscope::engine::kafka {

bool isTransactional(const Producer &pr);
/// Sends InitProducerId: at the start and for every new instance after a restart.
void initTransactions(World &w, int producer);
/// Whether the producer may create a record now; begins a transaction when it is ready to.
bool transactionTakesRecords(World &w, int producer);
/// The current transaction takes one more record.
void noteTransactionalRecord(World &w, int producer, RecordInfo &record);
/// Ends the transaction once it is full or old enough, or when the producer has no more
/// records to send (`finished`).
void checkTransactionEnd(World &w, int producer, bool finished);
/// Whether batches of partition `local` may be sent: it must be in the transaction first
/// (AddPartitionsToTxn is sent here when it is not).
bool partitionInTransaction(World &w, int producer, int local);
/// A batch of the current transaction was acknowledged (or failed: the transaction can only abort).
void transactionalBatchResolved(World &w, int producer, bool failed);

void onTxnResponse(World &w, const Action &a);
void onTxnRetry(World &w, const Action &a);
void onTxnAddTimeout(World &w, const Action &a);

} // namespace streamscope::engine::kafka
