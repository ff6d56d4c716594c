#pragma once
// The state of a real stream at one moment: its summary, every shard (hash key range,
// parents, open or closed, the latest record's sequence number) and its registered
// enhanced fan-out consumers. Blocking; runs on the client's thread.
#include "kinesis_client.h"

#include <optional>

namespace streamscope::live::kinesis {

struct ShardSnapshot {
  ShardInfo shard;
  QString latestSequenceNumber; ///< of the newest record; empty if the shard has none
  bool latestKnown = true; ///< false if the read budget ran out before the newest record
};

struct StreamSnapshot {
  StreamSummary summary;
  QList<ShardSnapshot> shards; ///< in ListShards order
  QList<ConsumerInfo> consumers;
  bool consumersKnown = false; ///< false where the endpoint has no ListStreamConsumers
};

struct SnapshotOptions {
  /// Read each shard from TRIM_HORIZON to its newest record, at most this many GetRecords
  /// pages of up to 10000 records per shard (0: do not look for the latest record).
  int latestPagesPerShard = 10;
};

/// Where a decimal hash key lies in the key space, 0 (key 0) to 1 (key 2^128 - 1), for
/// drawing; 0 for text that is not a decimal number.
double hashKeyPosition(const QString &decimal);

/// The stream's snapshot, or nullopt with `error` (exit 3, naming the endpoint and cause).
std::optional<StreamSnapshot> takeSnapshot(KinesisClient &client, const QString &stream, const SnapshotOptions &options, LiveError *error);

} // namespace streamscope::live::kinesis
