#pragma once
// What a partition leader does for transactions: fence writes from an old producer epoch,
// remember each open transaction's first offset, append commit and abort markers, and keep
// the last stable offset (LSO) that read_committed consumers may not pass.
// Contract: called only on the thread that owns the World (Simulation's dispatch and fault routing); not thread-safe.
#include "engine/world/world.h"

namespace streamscope::engine::kafka {

/// The producer epoch of a record (its transaction's), or -1 for a non-transactional one.
std::int32_t recordEpoch(const World &w, const RecordInfo &r);
/// Whether a and b come from one producer session: same producer, producer id and epoch
/// (the broker's sequence numbers are per session).
bool sameProducerSession(const World &w, const RecordInfo &a, const RecordInfo &b);

/// ErrorCode::None, or why p's leader refuses this transactional batch: an epoch older than
/// one it has seen, or a transaction the coordinator has already ended.
ErrorCode checkTransactionalWrite(World &w, int p, const Batch &batch);
/// A transactional batch was appended at `base`: p's leader now holds its transaction open.
void noteTransactionalAppend(World &w, int p, const Batch &batch, Offset base);
/// The leader's high watermark moved: transactions whose marker it passed no longer hold the
/// LSO back, and coordinator writes and markers waiting for it continue.
void settleTransactions(World &w, int p);
/// A new leader rebuilds its producer state (open transactions, epochs) from its own log.
void rebuildProducerState(World &w, int p);
/// Leadership moved: nothing waits for this leader's high watermark any more.
void dropHwWaiters(World &w, int p);

void onMarkerArrive(World &w, const Action &a);

} // namespace streamscope::engine::kafka
