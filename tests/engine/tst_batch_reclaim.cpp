// Finished producer batches go back to their pool, and reclaiming them changes nothing the
// run does: late requests and responses still find their batch, stale timeouts never match.
#include "small_scenarios.h"

#include <QtTest>

#include <limits>

using namespace streamscope::test;
using streamscope::engine::kafka::KafkaState;
using streamscope::engine::kafka::kFirstBatchReclaim;

namespace {

/// Retries, request timeouts, duplicates, a dropped request and a leader change: every way
/// a batch outlives its resolution.
Scenario troubledScenario(Acks acks) {
  Scenario s = kafkaScenario(3, 3, 3, 2, acks, 2000, 40 * kSecond);
  s.producers[0].requestTimeout = 200 * kMillisecond;
  addGroup(s, 2);
  s.faults.push_back(brokerFault(5 * kSecond, FaultAction::SlowBroker, 0, 400 * kMillisecond));
  s.faults.push_back(brokerFault(12 * kSecond, FaultAction::PowerLoss, 1));
  s.faults.push_back(brokerFault(20 * kSecond, FaultAction::RestartBroker, 1));
  s.faults.push_back(Fault{25 * kSecond, DropMessage{}});
  return s;
}

} // namespace

class TstBatchReclaim : public QObject {
  Q_OBJECT
private slots:
  void reclaimingChangesNothing_data() {
    QTest::addColumn<int>("acks");
    QTest::newRow("acks=0") << static_cast<int>(Acks::None);
    QTest::newRow("acks=1") << static_cast<int>(Acks::Leader);
    QTest::newRow("acks=all") << static_cast<int>(Acks::All);
  }
  void reclaimingChangesNothing() {
    QFETCH(int, acks);
    const Scenario s = troubledScenario(static_cast<Acks>(acks));
    Simulation reclaiming(s);
    Simulation keeping(s);
    World w = keeping.snapshot();
    w.kafka.batchReclaimAt = std::numeric_limits<std::size_t>::max();
    keeping.restore(w);
    reclaiming.runToEnd();
    keeping.runToEnd();
    if (static_cast<Acks>(acks) != Acks::None)
      QVERIFY(reclaiming.world().kafka.counters.retries > 0);
    QCOMPARE(reclaiming.world().events.hash(), keeping.world().events.hash());
    QCOMPARE(reclaiming.world().events.count(), keeping.world().events.count());
    QVERIFY(keeping.world().kafka.batches.items.size() > 2 * kFirstBatchReclaim); // reclaims happened
    QVERIFY2(reclaiming.world().kafka.batches.items.size() <= kFirstBatchReclaim, "finished batches were not returned to the pool");
  }

  void thePoolStaysAsSmallAsTheBatchesInUse() {
    Simulation sim(kafkaScenario(3, 6, 3, 2, Acks::All, 5000, 60 * kSecond));
    sim.runToEnd();
    const KafkaState &k = sim.world().kafka;
    QVERIFY(k.sendSerial > 20 * kFirstBatchReclaim);
    QVERIFY2(k.batches.items.size() <= 2 * kFirstBatchReclaim, qPrintable(QString::number(k.batches.items.size())));
  }
};

QTEST_GUILESS_MAIN(TstBatchReclaim)
#include "tst_batch_reclaim.moc"
