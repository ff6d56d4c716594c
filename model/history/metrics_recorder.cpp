#include "metrics_recorder.h"

#include "engine/kafka/consumer_client.h"

#include <QObject>

#include <algorithm>
#include <cmath>
#include <limits>

namespace streamscope::model {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr engine::SimTime kLatencyWindow = 2 * engine::kSecond;

/// p50 and p99 (ms) of records created in the last window and acknowledged by now.
template <typename Records> std::pair<double, double> latencyPercentiles(const Records &records, engine::SimTime now) {
  std::vector<double> ms;
  for (auto it = records.rbegin(); it != records.rend() && it->createdAt >= now - kLatencyWindow; ++it)
    if (it->ackedAt >= 0)
      ms.push_back(engine::toMs(it->ackedAt - it->createdAt));
  if (ms.empty())
    return {kNaN, kNaN};
  const auto at = [&](double q) {
    auto k = static_cast<std::size_t>(q * static_cast<double>(ms.size() - 1));
    std::nth_element(ms.begin(), ms.begin() + static_cast<std::ptrdiff_t>(k), ms.end());
    return ms[k];
  };
  return {at(0.5), at(0.99)};
}

} // namespace

const std::vector<std::pair<QString, QString>> &MetricsRecorder::plots() {
  static const std::vector<std::pair<QString, QString>> list = {
      {QStringLiteral("throughput"), QObject::tr("Produce throughput (records/s)")},
      {QStringLiteral("latency"), QObject::tr("Produce latency p50 / p99 (ms)")},
      {QStringLiteral("lag"), QObject::tr("Consumer lag (records; Kinesis: ms behind latest)")},
      {QStringLiteral("replication"), QObject::tr("Under-replicated partitions and smallest ISR")},
      {QStringLiteral("throttling"), QObject::tr("Throttled requests per shard (/s)")},
      {QStringLiteral("storage"), QObject::tr("Page cache (dirty) vs flushed (KiB) per broker")},
      {QStringLiteral("bytes"), QObject::tr("Produce throughput (KiB/s)")},
  };
  return list;
}

MetricSeries &MetricsRecorder::seriesFor(const QString &key, const QString &plot, const QString &label, const QString &unit, MetricSystem system) {
  const auto it = m_index.find(key);
  if (it != m_index.end())
    return m_series[it->second];
  MetricSeries s{key, plot, label, unit, system, std::vector<double>(m_times.size(), kNaN)};
  m_index[key] = m_series.size();
  m_series.push_back(std::move(s));
  return m_series.back();
}

void MetricsRecorder::set(MetricSeries &s, double value) { s.values.back() = value; }

MetricsRecorder::Totals MetricsRecorder::totalsOf(const engine::World &w) const {
  Totals t = m_totals.empty() ? Totals{} : m_totals.back();
  for (; t.kafkaScanned < w.kafka.records.size(); ++t.kafkaScanned)
    t.kafkaBytes += w.kafka.records[t.kafkaScanned].bytes;
  for (; t.kinesisScanned < w.kinesis.records.size(); ++t.kinesisScanned)
    t.kinesisBytes += w.kinesis.records[t.kinesisScanned].bytes;
  t.kafkaRecords = w.kafka.counters.produced;
  t.kinesisRecords = w.kinesis.counters.produced;
  t.throttled.resize(w.kinesis.shards.size());
  for (std::size_t s = 0; s < w.kinesis.shards.size(); ++s)
    t.throttled[s] = w.kinesis.shards[s].throttledWrites + w.kinesis.shards[s].throttledReads;
  return t;
}

void MetricsRecorder::sample(const engine::World &w) {
  if (!m_times.empty() && w.now < nextSampleAt())
    return;
  const Totals previous = m_totals.empty() ? Totals{} : m_totals.back();
  const double dt = m_times.empty() ? 1.0 : engine::toMs(w.now - m_times.back()) / 1000;
  m_times.push_back(w.now);
  m_totals.push_back(totalsOf(w));
  const Totals &now = m_totals.back();
  for (MetricSeries &s : m_series)
    s.values.push_back(kNaN);
  const auto rate = [&](std::int64_t a, std::int64_t b) { return dt > 0 ? static_cast<double>(a - b) / dt : 0.0; };
  using S = MetricSystem;

  if (w.scenario.kafka) {
    set(seriesFor(QStringLiteral("kafka.produce.records_per_s"), QStringLiteral("throughput"), QObject::tr("Kafka"), QObject::tr("records/s"),
                  S::Kafka),
        rate(now.kafkaRecords, previous.kafkaRecords));
    set(seriesFor(QStringLiteral("kafka.produce.kib_per_s"), QStringLiteral("bytes"), QObject::tr("Kafka"), QObject::tr("KiB/s"), S::Kafka),
        rate(now.kafkaBytes, previous.kafkaBytes) / 1024);
    const auto [p50, p99] = latencyPercentiles(w.kafka.records, w.now);
    set(seriesFor(QStringLiteral("kafka.latency.p50_ms"), QStringLiteral("latency"), QObject::tr("Kafka p50"), QObject::tr("ms"), S::Kafka), p50);
    set(seriesFor(QStringLiteral("kafka.latency.p99_ms"), QStringLiteral("latency"), QObject::tr("Kafka p99"), QObject::tr("ms"), S::Kafka), p99);
    for (std::size_t g = 0; g < w.kafka.groups.size(); ++g) {
      std::int64_t lag = 0;
      for (std::size_t i = 0; i < w.kafka.groups[g].parts.size(); ++i)
        lag += engine::kafka::groupLag(w, static_cast<int>(g), static_cast<int>(i));
      const QString name = QString::fromStdString(w.kafka.groups[g].config.group);
      set(seriesFor(QStringLiteral("kafka.lag.") + name, QStringLiteral("lag"), QObject::tr("Kafka %1").arg(name), QObject::tr("records"), S::Kafka),
          static_cast<double>(lag));
    }
    int underReplicated = 0;
    std::size_t smallestIsr = SIZE_MAX;
    for (const auto &p : w.kafka.partitions) {
      if (p.replicas.empty())
        continue;
      underReplicated += p.isr.size() < p.replicas.size() ? 1 : 0;
      smallestIsr = std::min(smallestIsr, p.isr.size());
    }
    set(seriesFor(QStringLiteral("kafka.under_replicated_partitions"), QStringLiteral("replication"), QObject::tr("under-replicated partitions"),
                  QObject::tr("partitions"), S::Kafka),
        underReplicated);
    set(seriesFor(QStringLiteral("kafka.smallest_isr"), QStringLiteral("replication"), QObject::tr("smallest ISR"), QObject::tr("replicas"),
                  S::Kafka),
        smallestIsr == SIZE_MAX ? kNaN : static_cast<double>(smallestIsr));
    for (const auto &b : w.kafka.brokers) {
      if (b.removed)
        continue;
      // Dirty bytes are the unflushed records times the log's mean record size: exact when a
      // producer's records share one size, and it costs no scan of the log.
      double dirty = 0, total = 0;
      for (const auto &p : w.kafka.partitions) {
        if (p.slotOf(b.id) < 0)
          continue;
        const auto &log = p.logOf(b.id);
        const auto count = log.entries().size();
        const auto bytes = static_cast<double>(log.bytes());
        total += bytes;
        if (count > 0)
          dirty += bytes * static_cast<double>(count - log.lowerBound(log.flushed())) / static_cast<double>(count);
      }
      set(seriesFor(QStringLiteral("kafka.broker%1.dirty_kib").arg(b.id), QStringLiteral("storage"), QObject::tr("broker %1 dirty").arg(b.id),
                    QObject::tr("KiB"), S::Kafka),
          dirty / 1024);
      set(seriesFor(QStringLiteral("kafka.broker%1.flushed_kib").arg(b.id), QStringLiteral("storage"), QObject::tr("broker %1 flushed").arg(b.id),
                    QObject::tr("KiB"), S::Kafka),
          (total - dirty) / 1024);
    }
  }
  if (w.scenario.kinesis) {
    set(seriesFor(QStringLiteral("kinesis.produce.records_per_s"), QStringLiteral("throughput"), QObject::tr("Kinesis"), QObject::tr("records/s"),
                  S::Kinesis),
        rate(now.kinesisRecords, previous.kinesisRecords));
    set(seriesFor(QStringLiteral("kinesis.produce.kib_per_s"), QStringLiteral("bytes"), QObject::tr("Kinesis"), QObject::tr("KiB/s"), S::Kinesis),
        rate(now.kinesisBytes, previous.kinesisBytes) / 1024);
    const auto [p50, p99] = latencyPercentiles(w.kinesis.records, w.now);
    set(seriesFor(QStringLiteral("kinesis.latency.p50_ms"), QStringLiteral("latency"), QObject::tr("Kinesis p50"), QObject::tr("ms"), S::Kinesis),
        p50);
    set(seriesFor(QStringLiteral("kinesis.latency.p99_ms"), QStringLiteral("latency"), QObject::tr("Kinesis p99"), QObject::tr("ms"), S::Kinesis),
        p99);
    for (const auto &app : w.kinesis.apps) {
      std::int64_t behind = 0;
      for (const auto &lease : app.leases)
        behind = std::max(behind, lease.millisBehindLatest);
      const QString name = QString::fromStdString(app.config.application);
      set(seriesFor(QStringLiteral("kinesis.ms_behind_latest.") + name, QStringLiteral("lag"), QObject::tr("Kinesis %1 (ms)").arg(name),
                    QObject::tr("ms"), S::Kinesis),
          static_cast<double>(behind));
    }
    for (std::size_t s = 0; s < now.throttled.size(); ++s) {
      const std::int64_t before = s < previous.throttled.size() ? previous.throttled[s] : 0;
      if (now.throttled[s] == 0)
        continue; // a series appears once its shard has refused something
      const QString name = QString::fromStdString(w.kinesis.shardName(static_cast<int>(s)));
      set(seriesFor(QStringLiteral("kinesis.throttled_per_s.") + name, QStringLiteral("throttling"), name, QObject::tr("requests/s"), S::Kinesis),
          rate(now.throttled[s], before));
    }
  }
  if (m_times.size() > kMaxSamples)
    thinOlderHalf();
}

void MetricsRecorder::thinOlderHalf() {
  const std::size_t half = m_times.size() / 2;
  const auto thin = [half](auto &values) {
    std::size_t out = 0;
    for (std::size_t i = 0; i < values.size(); ++i)
      if (i >= half || i % 2 == 0)
        values[out++] = std::move(values[i]);
    values.resize(out);
  };
  thin(m_times);
  thin(m_totals);
  for (MetricSeries &s : m_series)
    thin(s.values);
}

std::size_t MetricsRecorder::bytes() const {
  std::size_t n = m_times.capacity() * sizeof(engine::SimTime) + m_totals.capacity() * sizeof(Totals);
  for (const Totals &t : m_totals)
    n += t.throttled.capacity() * sizeof(std::int64_t);
  for (const MetricSeries &s : m_series)
    n += sizeof(s) + s.values.capacity() * sizeof(double);
  return n;
}

void MetricsRecorder::truncateAfter(engine::SimTime t) {
  const auto keep = static_cast<std::size_t>(std::upper_bound(m_times.begin(), m_times.end(), t) - m_times.begin());
  m_times.resize(keep);
  m_totals.resize(keep);
  for (MetricSeries &s : m_series)
    s.values.resize(keep);
}

QString MetricsRecorder::csv() const {
  QString out = QStringLiteral("time_s");
  for (const MetricSeries &s : m_series)
    out += QLatin1Char(',') + s.key;
  out += QLatin1Char('\n');
  for (std::size_t i = 0; i < m_times.size(); ++i) {
    out += QString::number(engine::toMs(m_times[i]) / 1000, 'f', 3);
    for (const MetricSeries &s : m_series)
      out += QLatin1Char(',') + (std::isnan(s.values[i]) ? QString() : QString::number(s.values[i], 'g', 10));
    out += QLatin1Char('\n');
  }
  return out;
}

} // namespace streamscope::model
