#include "kinesis_snapshot.h"

#include <algorithm>

namespace streamscope::live::kinesis {
namespace {

/// Reads the shard from its oldest record until caught up; false after a failed call.
bool findLatest(KinesisClient &client, const QString &stream, ShardSnapshot &snapshot, int pages) {
  auto iterator = client.getShardIterator(stream, snapshot.shard.shardId, QStringLiteral("TRIM_HORIZON"));
  if (!iterator)
    return false;
  snapshot.latestKnown = false;
  for (int page = 0; page < pages && !iterator->isEmpty(); ++page) {
    const auto records = client.getRecords(*iterator, 10000);
    if (!records)
      return false;
    if (!records->records.isEmpty())
      snapshot.latestSequenceNumber = records->records.back().sequenceNumber;
    // Caught up: an empty page at the tip, or the end of a closed shard.
    if (records->nextShardIterator.isEmpty() || (records->records.isEmpty() && records->millisBehindLatest <= 0)) {
      snapshot.latestKnown = true;
      return true;
    }
    *iterator = records->nextShardIterator;
  }
  return true;
}

} // namespace

double hashKeyPosition(const QString &decimal) {
  long double value = 0; // precise enough for pixels; the exact key stays in the text
  for (const QChar c : decimal) {
    if (!c.isDigit())
      return 0;
    value = value * 10 + c.digitValue();
  }
  constexpr long double kKeySpace = 340282366920938463463374607431768211456.0L; // 2^128
  return static_cast<double>(std::min<long double>(1, value / kKeySpace));
}

std::optional<StreamSnapshot> takeSnapshot(KinesisClient &client, const QString &stream, const SnapshotOptions &options, LiveError *error) {
  StreamSnapshot snapshot;
  const auto summary = client.describeStreamSummary(stream);
  const auto shards = summary ? client.listShards(stream) : std::nullopt;
  if (!shards) {
    *error = client.liveError();
    return std::nullopt;
  }
  snapshot.summary = *summary;
  for (const ShardInfo &shard : *shards) {
    ShardSnapshot s{shard, {}, options.latestPagesPerShard > 0};
    if (options.latestPagesPerShard > 0 && !findLatest(client, stream, s, options.latestPagesPerShard)) {
      *error = client.liveError();
      return std::nullopt;
    }
    if (options.latestPagesPerShard <= 0)
      s.latestKnown = false;
    snapshot.shards.append(s);
  }
  // Not every endpoint has enhanced fan-out (kinesalite has none): its absence is not an error.
  if (!snapshot.summary.arn.isEmpty())
    if (const auto consumers = client.listStreamConsumers(snapshot.summary.arn)) {
      snapshot.consumers = *consumers;
      snapshot.consumersKnown = true;
    }
  return snapshot;
}

} // namespace streamscope::live::kinesis
