#pragma once
// A live Kafka connection for the app: reads the cluster every second on a worker thread,
// keeps the history the plots draw (throughput from high-watermark deltas, lag per group),
// runs the durability probe beside it, and, for the mock cluster, takes brokers down and
// moves leaders. Results arrive as signals on the thread that owns the session.
#include "cluster_snapshot.h"
#include "kafka_probe.h"

#include <QMutex>
#include <QObject>
#include <QThread>

#include <map>
#include <memory>

namespace streamscope::live {

class MockCluster;

/// One refresh's numbers, for the plots.
struct LiveSample {
  double seconds = 0; ///< since the session started
  double recordsPerSecond = 0; ///< growth of the sum of high watermarks since the last sample
  std::map<QString, std::int64_t> lagByGroup;
};

class LiveKafkaSession : public QObject {
  Q_OBJECT
public:
  /// Connects to `c`; with `mockBrokers` > 0 starts the mock cluster instead (c.bootstrap ignored).
  LiveKafkaSession(KafkaConnection c, int mockBrokers, QObject *parent = nullptr);
  ~LiveKafkaSession() override;

  const KafkaConnection &connection() const { return m_connection; }
  bool isMock() const { return m_mockBrokers > 0; }
  const ClusterSnapshot &latest() const { return m_latest; }
  const std::vector<LiveSample> &history() const { return m_history; }
  QString lastError() const { return m_lastError; }
  bool probing() const { return m_probing; }
  /// The settings of the last probe started (defaults before any): the mirror's workload.
  const KafkaProbeSettings &lastProbe() const { return m_lastProbe; }

  /// Reads now, then every `intervalMs`.
  void start(int intervalMs = 1000);
  /// Runs the probe on a thread of its own (the refreshes go on, showing what the probe does
  /// to the cluster); progress and the result come as signals.
  void runProbe(const KafkaProbeSettings &s);
  /// Mock cluster only: take a broker down (moving its leaderships to the next replica, as an
  /// election would) or bring it back.
  void setMockBroker(int broker, bool up);

signals:
  void refreshed();
  void failed(const QString &message);
  void probeProgress(qint64 sent, qint64 acknowledged, int records);
  void probeFinished(const streamscope::live::ProbeReport &report);
  void probeFailed(const QString &message);

private:
  void accept(const SnapshotResult &r, double seconds);

  KafkaConnection m_connection;
  int m_mockBrokers = 0;
  QThread m_thread;
  QObject *m_worker = nullptr; ///< lives on m_thread; owns the mock cluster and the timer
  std::shared_ptr<MockCluster> m_mock;
  ClusterSnapshot m_latest;
  std::vector<LiveSample> m_history;
  std::int64_t m_lastTotal = -1;
  double m_lastSeconds = 0;
  QString m_lastError;
  mutable QMutex m_groupsLock; ///< m_knownGroups: written on the owner's thread, read on the worker
  QStringList m_knownGroups; ///< the probe's groups, described even where groups cannot be listed
  QThread *m_probeThread = nullptr; ///< the probe's own: the refreshes go on while it runs
  bool m_probing = false;
  KafkaProbeSettings m_lastProbe;
};

} // namespace streamscope::live
