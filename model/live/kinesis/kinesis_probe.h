#pragma once
// The durability probe against a real stream: puts N records (PutRecords batches at a chosen
// rate over a chosen number of partition keys), each carrying the probe's id, its own id and
// its send time; then reads every shard that acknowledged a record back, from that shard's
// first acknowledged sequence number, until every acknowledged record is found or nothing new
// arrives for the idle timeout. Records refused as throttled are retried with back-off.
// Blocking; runs on the client's thread (a GUI runs it on a worker and shows `progress`).
#include "kinesis_client.h"

#include <functional>
#include <optional>

namespace streamscope::live::kinesis {

struct ProbeOptions {
  int records = 1000;
  double rate = 100; ///< records per second
  int keys = 16; ///< distinct partition keys, used in turn
  int idleTimeoutMs = 10000; ///< reading stops after this long without a new probe record
  int recordRetries = 10; ///< retries of a record refused as throttled (or InternalFailure)
};

struct ProbeProgress {
  enum class Phase { Writing, Reading } phase = Phase::Writing;
  int total = 0;
  int produced = 0;
  int acknowledged = 0;
  int failed = 0;
  int consumed = 0;
};

struct ProbeReport {
  QString probeId; ///< in every record's data, so older records in the stream are told apart
  int produced = 0; ///< records sent at least once
  int acknowledged = 0; ///< records PutRecords answered with a sequence number
  int failed = 0; ///< records never acknowledged (refused, retries spent, or the call failed)
  int consumed = 0; ///< distinct probe records read back
  int acknowledgedLost = 0; ///< acknowledged but never read back
  int duplicates = 0; ///< extra copies read back of records already read
  int unacknowledgedRead = 0; ///< failed records that were read back all the same
  double latencyP50Ms = 0; ///< first send to acknowledgement, acknowledged records
  double latencyP99Ms = 0;
  int throttled = 0; ///< write throttles: records refused with ProvisionedThroughputExceededException, and throttled calls
  int readThrottled = 0; ///< GetRecords and GetShardIterator calls answered "throttled"
  int shardsRead = 0;
  qint64 writeMs = 0;
  qint64 readMs = 0;
  bool cancelled = false; ///< `progress` asked to stop
  QStringList lostSample; ///< up to 10 acknowledged record ids that were not read back
};

/// False from the callback stops the probe (the report then says cancelled).
using ProbeProgressCallback = std::function<bool(const ProbeProgress &)>;

/// The report, or nullopt with `error` (exit 3) when the endpoint cannot be reached or
/// refuses the stream before any record is acknowledged, or the read-back cannot proceed.
std::optional<ProbeReport> runProbe(KinesisClient &client, const QString &stream, const ProbeOptions &options, const ProbeProgressCallback &progress,
                                    LiveError *error);

/// A probe record's data: {"probe":ID,"id":N,"sent_ms":T} (compact JSON).
QByteArray probeRecordData(const QString &probeId, int id, qint64 sentMs);
/// The record id if `data` is a record of probe `probeId`, else -1.
int probeRecordId(const QByteArray &data, const QString &probeId);

/// The nearest-rank percentile (0 < p <= 100) of `values` (sorted in place); 0 if empty.
double percentile(std::vector<double> &values, double p);

} // namespace streamscope::live::kinesis
