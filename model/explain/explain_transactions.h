#pragma once
// Inspector words for Kafka transactions: a partition's last stable offset and open
// transactions, marker and transaction-log records, a transactional producer's id, epoch,
// phase and fencing, and a consumer group's isolation.level. Used by explain_kafka.cpp.
// Contract: reads a World; GUI or worker thread, whichever owns that World.
#include "item_explainer.h"

namespace streamscope::model {

/// A transaction in a few words: "transaction 7 (ongoing, 12 records)".
QString transactionText(const engine::World &w, std::int32_t txn);
/// Adds partition `p`'s last stable offset and open transactions to `e` (a replica's
/// explanation), and on the leader why the LSO stands where it does. Nothing for a partition
/// no transaction has written to.
void addPartitionTransactions(Explanation &e, const engine::World &w, int p, int broker);
/// Explains `r` (stored at `offset` of partition `p`) when it belongs to a transaction or is a
/// control record: replaces e.why and adds facts. Returns false for an ordinary record.
bool explainTransactionRecord(Explanation &e, const engine::World &w, const engine::kafka::RecordInfo &r, int p, engine::kafka::Offset offset);
/// Adds a transactional producer's id, epoch, phase and transaction, and why (fencing,
/// zombies), to `e`. Nothing for a producer without a transactional.id.
void addProducerTransactions(Explanation &e, const engine::World &w, int producer);
/// Adds a group's isolation.level and what it reads, when the cluster has transactions.
void addGroupIsolation(Explanation &e, const engine::World &w, int group);

} // namespace streamscope::model
