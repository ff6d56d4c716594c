#pragma once
// The JSON (and the words) of `streamscope-cli live kinesis --json` (docs/live-mode.md): a contract read by
// other programs, so names are never renamed. Pure functions; any thread.
#include "kinesis_probe.h"
#include "kinesis_snapshot.h"

#include <QJsonObject>

namespace streamscope::live::kinesis {

/// {"shard_id", "starting_hash_key", "ending_hash_key", "parent_shard_id" (null for none),
/// "adjacent_parent_shard_id", "open", "starting_sequence_number", "ending_sequence_number",
/// "latest_sequence_number"} of one shard.
QJsonObject shardJson(const ShardSnapshot &shard);
/// {"endpoint", "region", "stream": {...}, "shards": [...], "consumers": [...] or null}.
QJsonObject snapshotJson(const StreamSnapshot &snapshot, const QString &endpoint, const QString &region);
/// {"produced", "acknowledged", "failed", "consumed", "acknowledged_lost", "duplicates",
/// "latency_ms": {"p50", "p99"}, "throttled", "read_throttled", ...}.
QJsonObject probeJson(const ProbeReport &report);
/// The probe's report in words: one summary line, a line of latency, throttles and times,
/// and the first lost record ids if any were lost.
QString probeToText(const ProbeReport &r);

} // namespace streamscope::live::kinesis
