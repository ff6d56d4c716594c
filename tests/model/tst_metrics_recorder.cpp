// Metric series: sampled at a fixed simulated interval while a branch is explored, never twice
// when the past is replayed, cut at a fork, and written as documented CSV.
#include "example_scenario.h"
#include "model/history/run_history.h"

#include <QtTest>

using namespace streamscope;
using engine::kSecond;

namespace {

const model::MetricSeries *find(const model::MetricsRecorder &m, const QString &key) {
  for (const auto &s : m.series())
    if (s.key == key)
      return &s;
  return nullptr;
}

} // namespace

class TstMetricsRecorder : public QObject {
  Q_OBJECT
private slots:
  void seriesFollowTheRun() {
    engine::Simulation sim(test::exampleScenario("side-by-side.json"));
    model::RunHistory history;
    history.reset(sim);
    history.runForward(sim, 10 * kSecond);
    const model::MetricsRecorder &m = history.branch().metrics;
    QCOMPARE(m.times().size(), std::size_t{41}); // 0, 0.25 s, ..., 10 s
    QCOMPARE(m.times()[4], kSecond);
    const auto *kafka = find(m, QStringLiteral("kafka.produce.records_per_s"));
    const auto *kinesis = find(m, QStringLiteral("kinesis.produce.records_per_s"));
    QVERIFY(kafka && kinesis);
    QCOMPARE(kafka->values[20], 2000.0); // the scenario's rate, into both systems
    QCOMPARE(kinesis->values[20], 2000.0);
    const auto *kafkaP50 = find(m, QStringLiteral("kafka.latency.p50_ms"));
    const auto *kinesisP50 = find(m, QStringLiteral("kinesis.latency.p50_ms"));
    QVERIFY(kafkaP50->values[30] < kinesisP50->values[30]); // Kafka acks first
    QVERIFY(find(m, QStringLiteral("kafka.lag.billing")));
    QVERIFY(find(m, QStringLiteral("kinesis.ms_behind_latest.billing-kcl")));
    QCOMPARE(find(m, QStringLiteral("kafka.under_replicated_partitions"))->values[30], 0.0);
    QCOMPARE(find(m, QStringLiteral("kafka.smallest_isr"))->values[30], 3.0);

    const auto count = m.times().size();
    history.seek(sim, 2 * kSecond);
    history.seek(sim, 10 * kSecond);
    QCOMPARE(history.branch().metrics.times().size(), count); // replays add nothing

    const QStringList lines = m.csv().split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), static_cast<int>(count) + 1);
    QVERIFY(lines[0].startsWith(QStringLiteral("time_s,kafka.produce.records_per_s,")));
    QCOMPARE(lines[5].section(QLatin1Char(','), 0, 0), QStringLiteral("1.000"));
  }

  void aFailureShowsInTheSeries() {
    engine::Simulation sim(test::exampleScenario("acks-all-leader-power-loss.json"));
    model::RunHistory history;
    history.reset(sim);
    history.runForward(sim, sim.duration());
    const model::MetricsRecorder &m = history.branch().metrics;
    const auto *urp = find(m, QStringLiteral("kafka.under_replicated_partitions"));
    double worst = 0;
    for (double v : urp->values)
      worst = std::max(worst, std::isnan(v) ? 0.0 : v);
    QCOMPARE(worst, 1.0); // the one partition, while its leader is down
    const auto *throttled = find(m, QStringLiteral("kinesis.throttled_per_s.clicks/shardId-000000000000"));
    QVERIFY(!throttled); // a Kafka-only scenario has no Kinesis series
  }

  void aForkKeepsThePastOnly() {
    engine::Simulation sim(test::exampleScenario("first-look.json"));
    model::RunHistory history;
    history.reset(sim);
    history.runForward(sim, 10 * kSecond);
    history.seek(sim, 4 * kSecond);
    const engine::Fault crash{0, engine::CrashBroker{0}};
    QVERIFY(!history.act(sim, crash));
    QCOMPARE(history.branch().metrics.times().back(), 4 * kSecond);
    history.runForward(sim, 6 * kSecond);
    QCOMPARE(history.branch().metrics.times().back(), 6 * kSecond);
    QCOMPARE(history.branches()[0].metrics.times().back(), 10 * kSecond);
  }

  void throttlingAppearsPerShard() {
    engine::Simulation sim(test::exampleScenario("kinesis-throttling.json"));
    model::RunHistory history;
    history.reset(sim);
    history.runForward(sim, 10 * kSecond);
    const auto *shard = find(history.branch().metrics, QStringLiteral("kinesis.throttled_per_s.clicks/shardId-000000000000"));
    QVERIFY(shard);
    QVERIFY(shard->values.back() > 0);
  }
  void aLongRunThinsItsOlderSamples() {
    engine::Scenario s = test::exampleScenario("first-look.json");
    s.duration = 1100 * kSecond; // 4,400 samples at 250 ms: over the cap
    engine::Simulation sim(s);
    model::RunHistory history;
    history.reset(sim);
    history.runForward(sim, s.duration);
    const model::MetricsRecorder &m = history.branch().metrics;
    QVERIFY(m.times().size() <= model::MetricsRecorder::kMaxSamples);
    QVERIFY(m.times().size() > model::MetricsRecorder::kMaxSamples / 2);
    QCOMPARE(m.times().front(), 0);
    QCOMPARE(m.times().back(), s.duration);
    QVERIFY(std::is_sorted(m.times().begin(), m.times().end()));
    QCOMPARE(m.times()[m.times().size() - 2], s.duration - model::MetricsRecorder::kInterval); // the newest at full resolution
    QCOMPARE(m.times()[1] - m.times()[0], 2 * model::MetricsRecorder::kInterval); // the oldest thinned
    for (const auto &series : m.series())
      QCOMPARE(series.values.size(), m.times().size());
    QVERIFY(m.bytes() < std::size_t{4} << 20);
  }
};

QTEST_GUILESS_MAIN(TstMetricsRecorder)
#include "tst_metrics_recorder.moc"
