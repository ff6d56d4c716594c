#pragma once
// The metric series behind the plots, sampled from the world at a fixed simulated interval
// while a branch is explored: produce throughput and latency per system, consumer lag, under-
// replicated partitions and ISR size, throttling per shard, dirty and flushed bytes per broker.
// Plain values; a branch forked in the past starts with its parent's series cut at the fork.
// A long run keeps at most kMaxSamples samples: past that, every other sample of the older
// half is dropped, so resolution falls with age and memory stays bounded.
// Contract: owned by one Branch of RunHistory; GUI thread (or the CLI's main thread) only.
#include "engine/world/world.h"

#include <QString>

#include <map>
#include <vector>

namespace streamscope::model {

enum class MetricSystem { Kafka, Kinesis };

struct MetricSeries {
  QString key; ///< stable id, also the CSV column name ("kafka.produce.records_per_s")
  QString plot; ///< the plot it belongs to ("throughput", "latency", ...)
  QString label; ///< legend text
  QString unit;
  MetricSystem system = MetricSystem::Kafka;
  std::vector<double> values; ///< one per sample time; NaN where the series did not exist yet
};

class MetricsRecorder {
public:
  static constexpr engine::SimTime kInterval = 250 * engine::kMillisecond;
  static constexpr std::size_t kMaxSamples = 4096;

  /// When the next sample is due.
  engine::SimTime nextSampleAt() const { return m_times.empty() ? 0 : m_times.back() + kInterval; }
  /// Samples the world if a sample is due at its time (and none was taken at or after it).
  void sample(const engine::World &world);
  /// Drops every sample after `t` (a branch forked at t keeps its past).
  void truncateAfter(engine::SimTime t);

  const std::vector<engine::SimTime> &times() const { return m_times; }
  /// Memory held by the samples (times, totals and every series).
  std::size_t bytes() const;
  const std::vector<MetricSeries> &series() const { return m_series; }
  /// The plots, in display order, with their titles.
  static const std::vector<std::pair<QString, QString>> &plots();
  /// All series as CSV: a `time_s` column, then one column per series key.
  QString csv() const;

private:
  /// Cumulative counters at a sample, so rates survive truncation.
  struct Totals {
    std::int64_t kafkaRecords = 0, kafkaBytes = 0, kinesisRecords = 0, kinesisBytes = 0;
    std::size_t kafkaScanned = 0, kinesisScanned = 0;
    std::vector<std::int64_t> throttled; ///< per shard slot
  };
  MetricSeries &seriesFor(const QString &key, const QString &plot, const QString &label, const QString &unit, MetricSystem system);
  void set(MetricSeries &s, double value);
  Totals totalsOf(const engine::World &world) const;
  /// Drops every other sample of the older half (the newest half keeps full resolution).
  void thinOlderHalf();

  std::vector<engine::SimTime> m_times;
  std::vector<Totals> m_totals;
  std::vector<MetricSeries> m_series;
  std::map<QString, std::size_t> m_index;
};

} // namespace streamscope::model
