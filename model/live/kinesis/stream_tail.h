#pragma once
// What the live view reads of a real stream each refresh: the stream's summary and shards,
// and each shard's newest records, read from where the previous refresh stopped with ONE
// GetRecords call per shard (a reader of its own, taking one of the shard's five calls a
// second). From those come each shard's latest sequence number and its records per second.
// Blocking; one StreamTail per client thread.
#include "kinesis_snapshot.h"

#include <QHash>

#include <optional>

namespace streamscope::live::kinesis {

/// One refresh: the stream, and per shard what arrived since the previous refresh.
struct TailReading {
  StreamSnapshot snapshot; ///< latestSequenceNumber as far as the tail has read
  QHash<QString, int> newRecords; ///< by shard id; absent on the first refresh
  QHash<QString, qint64> millisBehind; ///< by shard id: how far the tail is behind the shard's tip
  int readThrottled = 0; ///< GetRecords calls of this refresh refused as throttled (skipped until the next)
  bool first = false; ///< the first refresh: the tail found where each shard ends, nothing is counted yet
};

class StreamTail {
public:
  StreamTail(KinesisClient &client, QString stream) : m_client(client), m_stream(std::move(stream)) {}

  /// Reads the stream once; nullopt with `error` (exit 3) when the stream cannot be described.
  std::optional<TailReading> read(LiveError *error);

private:
  struct ShardTail {
    QString iterator; ///< where the next GetRecords starts; empty: get one first
    QString latest; ///< the newest sequence number seen
    bool finished = false; ///< a closed shard read to its end
  };
  /// The iterator to start reading `shard` from, or an empty string after a failed call.
  QString startIterator(const ShardSnapshot &shard, const ShardTail &tail, bool firstRead);
  /// One GetRecords on the shard; adds what it read to `reading`.
  void readShard(const ShardSnapshot &shard, ShardTail &tail, TailReading &reading);

  KinesisClient &m_client;
  QString m_stream;
  QHash<QString, ShardTail> m_tails;
  bool m_started = false;
};

} // namespace streamscope::live::kinesis
