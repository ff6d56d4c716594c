// An hour of traffic: with a retention limit, the logs and the engine's working state stop
// growing once retention starts deleting; only the per-record ledger (a few dozen bytes
// per record ever produced, for loss accounting and latencies) keeps growing. The figures
// are printed for docs/reliability.md.
#include "engine/sim/report.h"
#include "engine/sim/simulation.h"
#include "model/history/run_history.h"

#include <QtTest>

using namespace streamscope;
using engine::kSecond;

class TstLongRun : public QObject {
  Q_OBJECT
private slots:
  void anHourWithRetentionStaysBounded() {
    engine::Scenario s;
    s.name = std::string("an hour");
    s.seed = 9;
    s.duration = 3600 * kSecond;
    engine::KafkaConfig k;
    k.retentionCheckInterval = 30 * kSecond;
    engine::TopicConfig t;
    t.name = std::string("t");
    t.partitions = 3;
    t.replicationFactor = 3;
    t.minInsyncReplicas = 2;
    t.retention = 300 * kSecond; // five minutes
    t.segmentBytes = 64 * 1024;
    k.topics.push_back(t);
    s.kafka = k;
    engine::ProducerConfig p;
    p.name = std::string("p");
    p.topic = std::string("t");
    p.keyCount = 100; // the producer's default rate, 100 records/s
    s.producers.push_back(p);
    engine::ConsumerGroupConfig g;
    g.group = std::string("g");
    g.topic = std::string("t");
    g.autoOffsetReset = engine::OffsetReset::Earliest;
    s.consumers.push_back(g);

    engine::Simulation sim(s);
    std::size_t retainedAt20 = 0, bytesAt20 = 0;
    for (int minute = 10; minute <= 60; minute += 10) {
      sim.runUntil(minute * 60 * kSecond);
      const auto &kafka = sim.world().kafka;
      std::size_t retained = 0;
      for (const auto &part : kafka.partitions)
        for (const auto &log : part.logs)
          retained += log.entries().size();
      const std::size_t bytes = model::estimateWorldBytes(sim.world());
      // Per record ever produced: its ledger entry and one delivery count per group (as
      // allocated, like the estimate counts them).
      std::size_t ledger = kafka.records.capacity() * sizeof(engine::kafka::RecordInfo);
      for (const auto &group : kafka.groups)
        ledger += group.deliveries.capacity();
      qInfo("minute %2d: %7zu records produced, %6zu log entries retained, world %5.1f MiB (of which %4.1f MiB ledger)", minute, kafka.records.size(),
            retained, static_cast<double>(bytes) / 1048576.0, static_cast<double>(ledger) / 1048576.0);
      if (minute == 20) {
        retainedAt20 = retained;
        bytesAt20 = bytes - ledger;
      }
      if (minute > 20) {
        // Retention holds the logs near five minutes of records (plus a segment and a check
        // interval): no more than at minute 20, within 15%.
        QVERIFY2(retained <= retainedAt20 * 115 / 100, "the logs kept growing past the retention limit");
        QVERIFY2(bytes - ledger <= bytesAt20 * 115 / 100, "the engine's state beyond the ledger kept growing");
      }
    }
    QCOMPARE(engine::makeReport(sim.world()).acknowledgedLost, std::int64_t{0});
  }
};

QTEST_GUILESS_MAIN(TstLongRun)
#include "tst_long_run.moc"
