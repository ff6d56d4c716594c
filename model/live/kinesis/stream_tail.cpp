#include "stream_tail.h"

namespace streamscope::live::kinesis {

std::optional<TailReading> StreamTail::read(LiveError *error) {
  // The first refresh reads each shard to its end once (bounded), to learn where it ends;
  // later ones only follow the tail.
  SnapshotOptions options;
  options.latestPagesPerShard = m_started ? 0 : 10;
  auto snapshot = takeSnapshot(m_client, m_stream, options, error);
  if (!snapshot)
    return std::nullopt;
  TailReading reading;
  reading.first = !m_started;
  for (ShardSnapshot &shard : snapshot->shards) {
    ShardTail &tail = m_tails[shard.shard.shardId];
    if (reading.first) {
      tail.latest = shard.latestSequenceNumber;
      // A shard not read to its end within the budget is followed from its tip instead.
      tail.iterator = startIterator(shard, tail, true);
    } else if (!tail.finished) {
      readShard(shard, tail, reading);
    }
    shard.latestSequenceNumber = tail.latest;
    shard.latestKnown = reading.first ? shard.latestKnown : true;
  }
  reading.snapshot = *std::move(snapshot);
  m_started = true;
  return reading;
}

QString StreamTail::startIterator(const ShardSnapshot &shard, const ShardTail &tail, bool firstRead) {
  std::optional<QString> iterator;
  if (!tail.latest.isEmpty())
    iterator = m_client.getShardIterator(m_stream, shard.shard.shardId, QStringLiteral("AFTER_SEQUENCE_NUMBER"), tail.latest);
  else if (firstRead && !shard.latestKnown)
    iterator = m_client.getShardIterator(m_stream, shard.shard.shardId, QStringLiteral("LATEST"));
  else // an empty shard, or one made by resharding since: everything in it is new
    iterator = m_client.getShardIterator(m_stream, shard.shard.shardId, QStringLiteral("TRIM_HORIZON"));
  return iterator.value_or(QString());
}

void StreamTail::readShard(const ShardSnapshot &shard, ShardTail &tail, TailReading &reading) {
  const QString &id = shard.shard.shardId;
  reading.newRecords[id] = 0;
  if (tail.iterator.isEmpty())
    tail.iterator = startIterator(shard, tail, false);
  if (tail.iterator.isEmpty()) {
    if (m_client.failure().kind == FailureKind::Throttled)
      ++reading.readThrottled;
    return; // try again at the next refresh
  }
  const auto page = m_client.getRecords(tail.iterator, 10000);
  if (!page) {
    if (m_client.failure().kind == FailureKind::Throttled)
      ++reading.readThrottled;
    else // expired or refused iterator: start again after the newest record seen
      tail.iterator.clear();
    return;
  }
  reading.newRecords[id] = static_cast<int>(page->records.size());
  if (!page->records.isEmpty())
    tail.latest = page->records.back().sequenceNumber;
  if (page->millisBehindLatest >= 0)
    reading.millisBehind[id] = page->millisBehindLatest;
  tail.iterator = page->nextShardIterator;
  tail.finished = page->nextShardIterator.isEmpty(); // a closed shard read to its end
}

} // namespace streamscope::live::kinesis
