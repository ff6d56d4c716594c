#pragma once
// The Kinesis endpoint's write side: PutRecords checked against each shard's limits,
// sequence numbers assigned, every accepted record written to the availability zones, and the
// response sent only once every zone that is up has it. Also zone outages and retention.
// Contract: called only on the thread that owns the World (Simulation's dispatch and fault routing); not thread-safe.
#include "engine/world/world.h"

#include <optional>
#include <string>

namespace streamscope::engine::kinesis {

/// The 128-bit hash key that routes record `id`: its partition key's MD5, or, for a producer
/// without keys, a fixed pseudo-random key per record (as with a random UUID key).
Uint128 routingHashKey(const World &w, std::uint32_t id);

void onPutArrive(World &w, const Action &a);
void onZoneWriteArrive(World &w, const Action &a);
void onZoneAckArrive(World &w, const Action &a);
void onRetentionTrim(World &w, const Action &a);
void scheduleRetention(World &w, int stream);

/// Availability zone `zone` becomes unreachable. Kinesis survives the loss of one zone:
/// puts are then acknowledged once the two remaining zones hold the record. A second
/// simultaneous outage is refused (returns why).
std::optional<std::string> zoneOutage(World &w, int zone);
/// The zone comes back and is brought up to date with the records it missed.
void zoneRestore(World &w, int zone);

/// Frees a put request once both the producer and the endpoint are done with it.
void releasePutIfFinished(World &w, std::int32_t request);

} // namespace streamscope::engine::kinesis
