#include "live_kinesis_session.h"

#include "stream_tail.h"

#include <QElapsedTimer>
#include <QTimer>

#include <memory>
#include <utility>

namespace streamscope::live::kinesis {

LiveKinesisSession::LiveKinesisSession(ClientOptions options, QString stream, int createShards, QObject *parent)
    : QObject(parent), m_options(std::move(options)), m_stream(std::move(stream)), m_createShards(createShards) {
  qRegisterMetaType<streamscope::live::kinesis::ProbeProgress>();
  qRegisterMetaType<streamscope::live::kinesis::ProbeReport>();
  m_worker = new QObject; // no parent: it moves to the thread and is deleted there
  m_worker->moveToThread(&m_thread);
  connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
  m_thread.start();
}

LiveKinesisSession::~LiveKinesisSession() {
  m_cancelProbe = true;
  if (m_probeThread) {
    m_probeThread->wait();
    delete m_probeThread;
  }
  m_thread.quit();
  m_thread.wait();
}

QString LiveKinesisSession::endpointText() const {
  return m_options.endpoint.adjusted(QUrl::RemovePath | QUrl::RemoveQuery | QUrl::RemoveFragment | QUrl::RemoveUserInfo).toString();
}

void LiveKinesisSession::start(int intervalMs) {
  QMetaObject::invokeMethod(m_worker, [this, intervalMs, worker = m_worker, options = m_options, stream = m_stream, create = m_createShards] {
    ClientOptions tailOptions = options;
    tailOptions.throttleRetries = 0; // a throttled shard is skipped until the next refresh, not waited for
    tailOptions.timeoutMs = std::min(options.timeoutMs, 5000);
    // Owned by the worker's lambdas through shared pointers: they die with the timer.
    auto client = std::make_shared<KinesisClient>(tailOptions);
    auto tail = std::make_shared<StreamTail>(*client, stream);
    QElapsedTimer clock;
    clock.start();
    if (create > 0 && !client->describeStreamSummary(stream) && client->failure().kind == FailureKind::NotFound &&
        client->createStream(stream, create))
      client->waitForActive(stream, 60000);
    auto *timer = new QTimer(worker);
    const auto read = [this, client, tail, clock] {
      LiveError error;
      const auto reading = tail->read(&error);
      const double seconds = static_cast<double>(clock.elapsed()) / 1000;
      QMetaObject::invokeMethod(
          this,
          [this, reading, error, seconds] {
            if (reading)
              accept(*reading, seconds);
            else {
              m_lastError = error.message;
              emit failed(m_lastError);
            }
          },
          Qt::QueuedConnection);
    };
    connect(timer, &QTimer::timeout, worker, read);
    read();
    timer->start(intervalMs);
  });
}

void LiveKinesisSession::accept(const TailReading &reading, double seconds) {
  m_lastError.clear();
  m_latest = reading.snapshot;
  StreamSample sample;
  sample.seconds = seconds;
  sample.readThrottled = reading.readThrottled;
  const double span = seconds - m_lastSeconds;
  for (auto it = reading.newRecords.begin(); it != reading.newRecords.end(); ++it)
    m_seen[it.key()] += it.value();
  if (!reading.first && span > 0) {
    m_rates.clear();
    for (auto it = reading.newRecords.begin(); it != reading.newRecords.end(); ++it) {
      const double rate = it.value() / span;
      m_rates[it.key()] = rate;
      sample.perShard[it.key()] = rate;
      sample.recordsPerSecond += rate;
    }
  }
  m_lastSeconds = seconds;
  m_history.push_back(std::move(sample));
  emit refreshed();
  if (m_pendingProbe)
    runProbe(*std::exchange(m_pendingProbe, std::nullopt));
}

void LiveKinesisSession::runProbe(const ProbeOptions &probe) {
  if (m_probeThread)
    return;
  if (m_history.empty()) {
    m_pendingProbe = probe;
    return;
  }
  m_cancelProbe = false;
  m_probeThread = QThread::create([this, probe, options = m_options, stream = m_stream] {
    KinesisClient client(options);
    LiveError error;
    const auto progress = [this](const ProbeProgress &p) {
      QMetaObject::invokeMethod(
          this, [this, p] { emit probeProgress(p); }, Qt::QueuedConnection);
      return !m_cancelProbe.load();
    };
    const auto report = kinesis::runProbe(client, stream, probe, progress, &error);
    QMetaObject::invokeMethod(
        this,
        [this, report, error] {
          probeDone();
          if (report)
            emit probeFinished(*report);
          else
            emit probeFailed(error.message);
        },
        Qt::QueuedConnection);
  });
  m_probeThread->start();
}

void LiveKinesisSession::probeDone() {
  m_probeThread->wait();
  delete m_probeThread;
  m_probeThread = nullptr;
}

} // namespace streamscope::live::kinesis
