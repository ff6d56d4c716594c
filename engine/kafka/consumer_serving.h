#pragma once
// The broker's side of consumer fetch sessions (consumer_session.h): keep each session's
// partitions and positions, answer a request at once when any partition has records or an
// error, else hold it until one does or fetch.max.wait.ms passes. A response carries at most
// max.partition.fetch.bytes per partition and fetch.max.bytes in all, except that the first
// partition's first batch always goes (KIP-74); partitions that returned records move to the
// end of the session so every partition gets its turn.
// Contract: called only on the thread that owns the World (Simulation's dispatch); not thread-safe.
#include "engine/world/world.h"

namespace streamscope::engine::kafka {

/// How far a consumer of group g may read p: the high watermark, or with read_committed the
/// last stable offset.
Offset consumerReadLimit(const World &w, int p, const ConsumerGroup &g);

void onConsumerFetchArrive(World &w, const Action &a);
/// fetch.max.wait.ms passed for a held request: a = consumer session, c = request serial.
void onParkedFetchExpire(World &w, const Action &a);
/// Answers the held consumer requests that `p`'s parked list names and that now have records
/// there (or can no longer be served there).
void wakeConsumerFetches(World &w, int p);
/// p cannot be served any more (leadership moved, the process died): held consumer requests
/// that include it are answered now, p with `error`.
void failConsumerFetches(World &w, int p, ErrorCode error);

} // namespace streamscope::engine::kafka
