#pragma once
// The leader side of replica fetch sessions (KIP-227). For each follower broker the leader
// keeps the position of every partition the pair shares: a request updates the positions it
// lists (the follower's LEO: ISR expansion and the high watermark follow from it, as in
// Kafka's Replica.updateFetchState), and a partition whose position has nothing new stays
// registered without being re-listed. The request waits up to replica.fetch.wait.max.ms for
// records; the response carries the partitions with news: records (replica.fetch.max.bytes
// each, replica.fetch.response.max.bytes in all), a diverged epoch, an error, or a high
// watermark the follower has not seen. The work per request is in proportion to that news.
// Contract: called only on the thread that owns the World (Simulation's dispatch and fault routing); not thread-safe.
#include "engine/world/world.h"

namespace streamscope::engine::kafka {

void onReplicaFetchArrive(World &w, const Action &a);
void onFetchSessionExpire(World &w, const Action &a);
/// p's leader log grew past follower position `f` (taken off p's parked list): queue it for
/// the follower's session and answer the session's waiting request.
void followerHasNews(World &w, int p, const ParkedFetch &f);
/// p's high watermark moved: queue it for the registered followers that have not seen it
/// (sent with the session's next response; it does not end a request's wait).
void queueHighWatermarkNews(World &w, int p);

} // namespace streamscope::engine::kafka
