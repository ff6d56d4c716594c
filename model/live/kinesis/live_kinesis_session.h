#pragma once
// A live Kinesis connection for the app: reads the stream every second on a worker thread
// (StreamTail: shards, lineage, latest sequence numbers, records per second), keeps the
// history the plots draw, and runs the durability probe on a thread of its own, so the
// view goes on showing the probe's records arriving while it runs. Results arrive as
// signals on the thread that owns the session.
#include "kinesis_probe.h"
#include "kinesis_snapshot.h"

#include <QObject>
#include <QThread>

#include <atomic>
#include <map>
#include <optional>

namespace streamscope::live::kinesis {

/// One refresh's numbers, for the plots.
struct StreamSample {
  double seconds = 0; ///< since the session started
  double recordsPerSecond = 0; ///< records the tail read across every shard, per second
  std::map<QString, double> perShard; ///< records per second by shard id
  int readThrottled = 0; ///< the tail's GetRecords calls refused as throttled in this refresh
};

class LiveKinesisSession : public QObject {
  Q_OBJECT
public:
  /// Reads `stream` through `options` (endpoint, region, credentials). With `createShards`
  /// > 0, a stream that does not exist is created with that many shards first.
  LiveKinesisSession(ClientOptions options, QString stream, int createShards = 0, QObject *parent = nullptr);
  ~LiveKinesisSession() override;

  QString endpointText() const;
  const QString &stream() const { return m_stream; }
  const QString &region() const { return m_options.region; }
  const StreamSnapshot &latest() const { return m_latest; }
  const std::vector<StreamSample> &history() const { return m_history; }
  /// Records per second of each shard at the last refresh.
  const std::map<QString, double> &shardRates() const { return m_rates; }
  /// Records the live reader has read in each shard since its first refresh.
  const std::map<QString, qint64> &recordsSeen() const { return m_seen; }
  QString lastError() const { return m_lastError; }
  bool probing() const { return m_probeThread != nullptr || m_pendingProbe.has_value(); }

  /// Reads now, then every `intervalMs`.
  void start(int intervalMs = 1000);
  /// Runs the probe on its own thread with its own client; progress and the result come as
  /// signals. Before the first refresh has read the stream (which may still be being
  /// created), it waits for that refresh.
  void runProbe(const ProbeOptions &options);
  /// Asks a running probe to stop; it reports what it saw so far (cancelled).
  void cancelProbe() { m_cancelProbe = true; }

signals:
  void refreshed();
  void failed(const QString &message);
  void probeProgress(const streamscope::live::kinesis::ProbeProgress &progress);
  void probeFinished(const streamscope::live::kinesis::ProbeReport &report);
  void probeFailed(const QString &message);

private:
  void accept(const struct TailReading &reading, double seconds);
  void probeDone();

  ClientOptions m_options;
  QString m_stream;
  int m_createShards = 0;
  QThread m_thread;
  QObject *m_worker = nullptr; ///< lives on m_thread; owns the client, the tail and the timer
  StreamSnapshot m_latest;
  std::vector<StreamSample> m_history;
  std::map<QString, double> m_rates;
  std::map<QString, qint64> m_seen;
  double m_lastSeconds = 0;
  QString m_lastError;
  QThread *m_probeThread = nullptr;
  std::optional<ProbeOptions> m_pendingProbe; ///< asked for before the first refresh
  std::atomic<bool> m_cancelProbe = false;
};

} // namespace streamscope::live::kinesis

Q_DECLARE_METATYPE(streamscope::live::kinesis::ProbeProgress)
Q_DECLARE_METATYPE(streamscope::live::kinesis::ProbeReport)
