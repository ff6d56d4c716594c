#pragma once
// A KCL-style consumer application: workers share a stream's shards through a lease table
// (one owner per shard lease, renewed every failover/3; a lease not renewed within
// failoverTime is taken over; busy workers lose one lease at a time to idle ones), read each
// leased shard by polling GetRecords or through enhanced fan-out, and checkpoint the last
// processed sequence number. A child shard is processed only after its parents reach
// SHARD_END. A new owner resumes after the checkpoint, so uncheckpointed records come again.
// Contract: called only on the thread that owns the World (Simulation's dispatch and fault routing); not thread-safe.
#include "engine/kinesis/shard_reader.h"
#include "engine/world/world.h"

#include <optional>
#include <string>

namespace streamscope::engine::kinesis {

void startApplication(World &w, int app);
/// After a reshard: every application on `stream` gets leases for the new shards.
void addLeasesForNewShards(World &w, int stream);

void killWorker(World &w, int app, int worker); ///< no checkpoint, leases expire
void removeWorker(World &w, int app, int worker); ///< graceful: checkpoints and releases
void addWorker(World &w, int app);
/// An operator rewrites the checkpoint of shard `shardIndex`'s lease (-1 = all) in the lease
/// table. Running owners do not notice (their next checkpoint overwrites it); the next worker
/// to take the lease starts there. Returns Kinesis's error for an invalid sequence number.
std::optional<std::string> seekApplication(World &w, int app, int shardIndex, const IteratorRequest &request);

void onLeaseRenew(World &w, const Action &a);
void onLeaseTake(World &w, const Action &a);
/// KCL 3: a new owner's lease discovery found the lease the leader gave it: it starts reading.
void onLeaseDiscovered(World &w, const Action &a);
void onReadShard(World &w, const Action &a);
void onGetRecordsArrive(World &w, const Action &a);
void onFanOutPush(World &w, const Action &a);
void onReadResponse(World &w, const Action &a);
/// A GetRecords call whose answer was lost fails after kinesisRequestTimeout: call it again.
void onGetRecordsTimeout(World &w, const Action &a);

/// The checkpoint of lease `lease` as Kinesis tools print it: a sequence number,
/// "SHARD_END", or the initial position name when there is none yet.
std::string checkpointText(const World &w, int app, int lease);

} // namespace streamscope::engine::kinesis
