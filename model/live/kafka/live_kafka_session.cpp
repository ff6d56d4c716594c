#include "live_kafka_session.h"

#include "mock_cluster.h"

#include <QElapsedTimer>
#include <QTimer>

namespace streamscope::live {

LiveKafkaSession::LiveKafkaSession(KafkaConnection c, int mockBrokers, QObject *parent)
    : QObject(parent), m_connection(std::move(c)), m_mockBrokers(mockBrokers) {
  qRegisterMetaType<streamscope::live::ProbeReport>();
  if (mockBrokers > 0) {
    m_mock = std::make_shared<MockCluster>(mockBrokers);
    m_connection.bootstrap = m_mock->bootstrapServers();
  }
  m_worker = new QObject; // no parent: it moves to the thread and is deleted there
  m_worker->moveToThread(&m_thread);
  connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
  m_thread.start();
}

LiveKafkaSession::~LiveKafkaSession() {
  if (m_probeThread) { // the probe ends by itself (its records are bounded): wait for it
    m_probeThread->wait();
    delete m_probeThread;
  }
  m_thread.quit();
  m_thread.wait();
}

void LiveKafkaSession::start(int intervalMs) {
  if (m_mock && !m_mock->ok()) {
    m_lastError = m_mock->error();
    emit failed(m_lastError);
    return;
  }
  const KafkaConnection c = m_connection;
  QMetaObject::invokeMethod(m_worker, [this, c, intervalMs, worker = m_worker] {
    QElapsedTimer clock; // a copy keeps the start time: the read below needs no clock of its own
    clock.start();
    auto *timer = new QTimer(worker);
    const auto read = [this, c, clock] {
      const QStringList groups = [this] {
        const QMutexLocker lock(&m_groupsLock);
        return m_knownGroups;
      }();
      const SnapshotResult r = readCluster(c, {}, groups);
      const double seconds = static_cast<double>(clock.elapsed()) / 1000;
      QMetaObject::invokeMethod(
          this, [this, r, seconds] { accept(r, seconds); }, Qt::QueuedConnection);
    };
    connect(timer, &QTimer::timeout, worker, read);
    read();
    timer->start(intervalMs);
  });
}

void LiveKafkaSession::accept(const SnapshotResult &r, double seconds) {
  if (r.error) {
    m_lastError = r.error->message;
    emit failed(m_lastError);
    return;
  }
  m_lastError.clear();
  m_latest = r.snapshot;
  std::int64_t total = 0;
  LiveSample sample;
  sample.seconds = seconds;
  for (const LivePartition &p : m_latest.partitions)
    total += std::max<std::int64_t>(0, p.highWatermark);
  if (m_lastTotal >= 0 && seconds > m_lastSeconds)
    sample.recordsPerSecond = static_cast<double>(std::max<std::int64_t>(0, total - m_lastTotal)) / (seconds - m_lastSeconds);
  for (const LiveGroup &g : m_latest.groups)
    sample.lagByGroup[g.group] = g.lag;
  m_lastTotal = total;
  m_lastSeconds = seconds;
  m_history.push_back(std::move(sample));
  emit refreshed();
}

void LiveKafkaSession::runProbe(const KafkaProbeSettings &s) {
  if (m_probing)
    return;
  m_probing = true;
  m_lastProbe = s;
  m_probeThread = QThread::create([this, c = m_connection, s, mock = m_mock] {
    KafkaProbeSettings settings = s;
    if (mock && settings.createTopic) { // the mock has no CreateTopics: its own call makes the topic
      mock->createTopic(settings.topic, settings.partitions, settings.replicationFactor);
      settings.createTopic = false;
    }
    if (mock) { // its coordinator moves off a broker taken down, as in a real cluster
      settings.group = probeGroupName();
      mock->pinGroupCoordinator(settings.group);
    }
    const ProbeResult r = runKafkaProbe(c, settings, [this, records = settings.records](std::int64_t sent, std::int64_t acked) {
      emit probeProgress(sent, acked, records); // queued to the session's thread by Qt
    });
    QMetaObject::invokeMethod(
        this,
        [this, r] {
          m_probeThread->wait();
          delete m_probeThread;
          m_probeThread = nullptr;
          m_probing = false;
          if (r.error) {
            emit probeFailed(r.error->message);
            return;
          }
          {
            const QMutexLocker lock(&m_groupsLock);
            m_knownGroups << r.report.group;
          }
          emit probeFinished(r.report);
        },
        Qt::QueuedConnection);
  });
  m_probeThread->start();
}

void LiveKafkaSession::setMockBroker(int broker, bool up) {
  if (!m_mock)
    return;
  const KafkaConnection c = m_connection;
  QMetaObject::invokeMethod(m_worker, [c, broker, up, mock = m_mock] {
    if (up)
      mock->setBrokerUp(broker);
    else
      takeDownAndElect(*mock, c, broker);
  });
}

} // namespace streamscope::live
