#pragma once
// The durability probe: produce N numbered records to a real cluster, read them back, and
// count what was acknowledged, failed, read, lost and read twice, as the simulator reports
// a run. It may run while someone restarts brokers by hand: the report shows what the real
// cluster lost.
#include "kafka_connection.h"

#include <QString>

#include <cstdint>
#include <functional>
#include <map>

namespace streamscope::live {

struct KafkaProbeSettings {
  QString topic = QStringLiteral("streamscope-probe");
  int records = 1000;
  double rate = 1000; ///< records per second
  QString acks = QStringLiteral("all"); ///< 0, 1 or all
  bool idempotence = true; ///< enable.idempotence (needs acks=all)
  int keys = 100; ///< distinct keys, "key-0" ...
  int recordBytes = 100; ///< value size, at least the probe's 20-byte header
  bool createTopic = false; ///< CreateTopics with the three settings below first
  int partitions = 1;
  int replicationFactor = 1;
  int minInsyncReplicas = 1;
  int messageTimeoutMs = 30000; ///< a record not acknowledged by then fails
  int readIdleMs = 10000; ///< reading back stops after this long without a probe record
  QString group; ///< the group that reads the records back; empty: a fresh probeGroupName()
};

/// A fresh group name for a probe's read-back: "streamscope-probe-" and 16 random hex digits.
QString probeGroupName();

struct ProbeReport {
  std::int64_t produced = 0; ///< handed to the producer
  std::int64_t acknowledged = 0;
  std::int64_t failed = 0; ///< delivery failed (timeout, not enough replicas, ...)
  std::int64_t consumed = 0; ///< probe records read back, every copy
  std::int64_t acknowledgedLost = 0; ///< acknowledged but never read back
  std::int64_t duplicates = 0; ///< copies read beyond the first of each record
  double latencyP50Ms = 0, latencyP99Ms = 0; ///< send to acknowledgement
  std::map<QString, std::int64_t> failures; ///< failed records by the error that failed them
  QString group; ///< the consumer group that read them back (its offsets are committed)
};

/// Called from the probe's thread as records are sent and acknowledged.
using ProbeProgress = std::function<void(std::int64_t sent, std::int64_t acknowledged)>;

struct ProbeResult {
  ProbeReport report;
  std::optional<LiveError> error; ///< the probe could not run (bad settings, no cluster)
};

/// Why the settings cannot run; nullopt when they can.
std::optional<QString> probeSettingsProblem(const KafkaProbeSettings &s);

/// Runs the probe; blocking for about records / rate seconds plus the read-back.
ProbeResult runKafkaProbe(const KafkaConnection &c, const KafkaProbeSettings &s, const ProbeProgress &progress = {});

} // namespace streamscope::live
