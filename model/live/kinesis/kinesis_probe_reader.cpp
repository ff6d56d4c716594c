#include "kinesis_probe_reader.h"

#include <QElapsedTimer>
#include <QThread>

#include <algorithm>

namespace streamscope::live::kinesis {

bool sequenceBefore(const QString &a, const QString &b) { return a.size() != b.size() ? a.size() < b.size() : a < b; }

void ProbeLedger::acknowledge(int id, const QString &shardId, const QString &sequenceNumber, qint64 latency) {
  latencyMs[id] = latency;
  auto it = firstSequence.find(shardId);
  if (it == firstSequence.end())
    firstSequence.insert(shardId, sequenceNumber);
  else if (sequenceBefore(sequenceNumber, *it))
    *it = sequenceNumber;
}

std::vector<double> ProbeLedger::latencies() const {
  std::vector<double> out;
  for (qint64 ms : latencyMs)
    if (ms >= 0)
      out.push_back(static_cast<double>(ms));
  return out;
}

ProbeReader::ProbeReader(KinesisClient &client, QString stream, QString probeId, ProbeLedger &ledger, int idleTimeoutMs)
    : m_client(client), m_stream(std::move(stream)), m_probeId(std::move(probeId)), m_ledger(ledger), m_idleTimeoutMs(idleTimeoutMs),
      m_throttlesBefore(readThrottles()) {}

int ProbeReader::readThrottles() const {
  return m_client.throttles(QStringLiteral("GetRecords")) + m_client.throttles(QStringLiteral("GetShardIterator"));
}

bool ProbeReader::open(Cursor &cursor) {
  const auto iterator = cursor.lastSequence.isEmpty()
      ? m_client.getShardIterator(m_stream, cursor.shardId, QStringLiteral("AT_SEQUENCE_NUMBER"), m_ledger.firstSequence.value(cursor.shardId))
      : m_client.getShardIterator(m_stream, cursor.shardId, QStringLiteral("AFTER_SEQUENCE_NUMBER"), cursor.lastSequence);
  if (iterator)
    cursor.iterator = *iterator;
  return iterator.has_value();
}

bool ProbeReader::run(const std::function<bool(int consumed)> &progress) {
  std::vector<Cursor> cursors;
  QStringList shards = m_ledger.firstSequence.keys();
  shards.sort();
  for (const QString &shard : shards) {
    cursors.push_back({shard, {}, {}, false});
    if (!open(cursors.back()))
      return false;
  }
  m_shards = static_cast<int>(cursors.size());
  int missing = 0; // acknowledged records not read yet
  for (std::size_t id = 0; id < m_ledger.reads.size(); ++id)
    missing += m_ledger.acknowledged(static_cast<int>(id)) ? 1 : 0;

  QElapsedTimer idle;
  idle.start();
  while (missing > 0 && idle.elapsed() < m_idleTimeoutMs) {
    bool anyNew = false, anyOpen = false;
    for (Cursor &cursor : cursors) {
      if (cursor.done)
        continue;
      anyOpen = true;
      const auto page = m_client.getRecords(cursor.iterator, 10000);
      if (!page) {
        const CallFailure &f = m_client.failure();
        if (f.kind == FailureKind::Throttled)
          continue; // counted; the next round tries again
        if (f.awsType == QLatin1String("ExpiredIteratorException") && open(cursor))
          continue;
        return false;
      }
      for (const KinesisRecord &record : page->records) {
        cursor.lastSequence = record.sequenceNumber;
        const int id = probeRecordId(record.data, m_probeId);
        if (id < 0 || id >= static_cast<int>(m_ledger.reads.size()))
          continue; // another writer's record
        if (m_ledger.reads[id]++ == 0) {
          ++m_consumed;
          anyNew = true;
          if (m_ledger.acknowledged(id))
            --missing;
        }
      }
      if (page->nextShardIterator.isEmpty())
        cursor.done = true;
      else
        cursor.iterator = page->nextShardIterator;
    }
    if (progress && !progress(m_consumed))
      break;
    if (!anyOpen)
      break;
    if (anyNew)
      idle.restart();
    else
      QThread::msleep(200); // Kinesis allows five reads a second per shard
  }
  return true;
}

void ProbeReader::fill(ProbeReport &report) const {
  report.consumed = m_consumed;
  report.shardsRead = m_shards;
  report.readThrottled = readThrottles() - m_throttlesBefore;
  for (std::size_t i = 0; i < m_ledger.reads.size(); ++i) {
    const int reads = m_ledger.reads[i];
    const bool acknowledged = m_ledger.acknowledged(static_cast<int>(i));
    report.duplicates += std::max(0, reads - 1);
    if (acknowledged && reads == 0) {
      ++report.acknowledgedLost;
      if (report.lostSample.size() < 10)
        report.lostSample.append(QString::number(i));
    }
    if (!acknowledged && reads > 0)
      ++report.unacknowledgedRead;
  }
}

} // namespace streamscope::live::kinesis
