#pragma once
// The probe's bookkeeping (what was sent, acknowledged where, read how often) and its read
// phase: each shard that acknowledged a record is read from its first acknowledged sequence
// number (AT_SEQUENCE_NUMBER, so no clock skew can skip a record and older data is not
// re-read) until every acknowledged record is found or nothing new arrives for the idle
// timeout; a closed shard is read to its end.
#include "kinesis_probe.h"

#include <QHash>

#include <vector>

namespace streamscope::live::kinesis {

struct ProbeLedger {
  explicit ProbeLedger(int records) : firstSentMs(records, -1), latencyMs(records, -1), reads(records, 0) {}
  std::vector<qint64> firstSentMs; ///< -1: never sent
  std::vector<qint64> latencyMs; ///< -1: not acknowledged
  std::vector<int> reads; ///< times read back
  QHash<QString, QString> firstSequence; ///< shard id -> its smallest acknowledged sequence number

  void acknowledge(int id, const QString &shardId, const QString &sequenceNumber, qint64 latency);
  bool acknowledged(int id) const { return latencyMs[id] >= 0; }
  std::vector<double> latencies() const;
};

/// True if decimal sequence number `a` is below `b`.
bool sequenceBefore(const QString &a, const QString &b);

class ProbeReader {
public:
  ProbeReader(KinesisClient &client, QString stream, QString probeId, ProbeLedger &ledger, int idleTimeoutMs);

  /// Reads until done; `progress` gets the records consumed so far and may stop the reading
  /// (false). False if a call failed for good (client.liveError() says why).
  bool run(const std::function<bool(int consumed)> &progress);
  /// Adds what was read to `report`.
  void fill(ProbeReport &report) const;

private:
  struct Cursor {
    QString shardId;
    QString iterator;
    QString lastSequence; ///< of the last record read, to resume after an expired iterator
    bool done = false; ///< a closed shard read to its end
  };
  bool open(Cursor &cursor);
  int readThrottles() const;

  KinesisClient &m_client;
  QString m_stream;
  QString m_probeId;
  ProbeLedger &m_ledger;
  int m_idleTimeoutMs;
  int m_throttlesBefore = 0;
  int m_consumed = 0;
  int m_shards = 0;
};

} // namespace streamscope::live::kinesis
