// ZooKeeper mode (Kafka 3.9): a broker is the controller; when it dies, the failover waits
// for its ZooKeeper session to expire and for the new controller to load every partition's
// metadata, so a partition it led stays leaderless longer as the partition count grows.
#include "small_scenarios.h"

#include "engine/kafka/partition_change.h"
#include "engine/world/kafka_version.h"

#include <QtTest>

using namespace streamscope::test;
using namespace streamscope::engine::kafka;

namespace {

/// `partitions` partitions (RF 3); broker 0, which leads partition 0 (and is ZooKeeper
/// mode's first controller), loses power at 5 s.
Scenario controllerPowerLoss(int partitions, bool zookeeper) {
  Scenario s = kafkaScenario(3, partitions, 3, 2, Acks::All, 100, 40 * kSecond);
  if (zookeeper) {
    useKafkaVersion(*s.kafka, KafkaVersion::V3_9);
    s.kafka->metadataMode = MetadataMode::ZooKeeper;
  }
  s.faults.push_back(brokerFault(5 * kSecond, FaultAction::PowerLoss, 0));
  return s;
}

SimTime partitionZeroGap(int partitions, bool zookeeper) {
  Simulation sim(controllerPowerLoss(partitions, zookeeper));
  sim.runToEnd();
  return unavailableTime(sim.world(), 0);
}

} // namespace

class TstZookeeperMode : public QObject {
  Q_OBJECT
private slots:
  void theControllerIsABrokerAndFailsOverAfterTheSessionTimeout() {
    Simulation sim(controllerPowerLoss(10, true));
    std::vector<Event> events;
    sim.setEventSink(&events);
    sim.runToEnd();
    const World &w = sim.world();
    QVERIFY(w.kafka.metadata.controllers.empty());
    QCOMPARE(w.kafka.metadata.active, 1); // the lowest live broker won /controller
    QCOMPARE(w.kafka.metadata.zkEpoch, 2);
    SimTime elected = -1, loaded = -1;
    for (const Event &e : events) {
      if (e.type == EventType::ControllerElected && elected < 0)
        elected = e.time;
      if (e.type == EventType::ControllerLoaded && loaded < 0)
        loaded = e.time;
    }
    // The session (18 s) expires counted from the last ping (every 2 s) before the power cut.
    QVERIFY(elected >= 5 * kSecond + 16 * kSecond && elected <= 5 * kSecond + 18 * kSecond + kMillisecond);
    QCOMPARE(loaded - elected, static_cast<SimTime>(std::llround(0.14 * 10 * 1000)));
    QVERIFY(w.kafka.partitions[0].leader == 1 || w.kafka.partitions[0].leader == 2);
    QCOMPARE(makeReport(w).acknowledgedLost, 0);
  }

  void theFailoverGapGrowsWithThePartitionCount() {
    const SimTime small = partitionZeroGap(10, true);
    const SimTime large = partitionZeroGap(3000, true);
    // 2,990 more partitions at 0.14 ms each: about 419 ms more before the new controller acts.
    QVERIFY2(large - small > 380 * kMillisecond && large - small < 460 * kMillisecond, qPrintable(QStringLiteral("%1 vs %2").arg(small).arg(large)));
    QVERIFY(small > 16 * kSecond); // at least the ZooKeeper session timeout less one ping
  }

  void kraftFailsOverFasterAndIndependentlyOfThePartitionCount() {
    const SimTime small = partitionZeroGap(10, false);
    const SimTime large = partitionZeroGap(3000, false);
    QVERIFY(small < 10 * kSecond && large < 10 * kSecond);
    QVERIFY(small < partitionZeroGap(10, true));
    QVERIFY2(std::abs(large - small) < 200 * kMillisecond, qPrintable(QStringLiteral("%1 vs %2").arg(small).arg(large)));
  }

  void brokersLearnChangesFromTheControllersRequests() {
    Simulation sim(controllerPowerLoss(10, true));
    std::vector<Event> events;
    sim.setEventSink(&events);
    sim.runToEnd();
    bool pushed = false;
    for (const Event &e : events)
      pushed |= e.type == EventType::TransferStarted && e.sub == static_cast<std::uint8_t>(TransferKind::UpdateMetadata);
    QVERIFY(pushed);
    const MetadataState &m = sim.world().kafka.metadata;
    QCOMPARE(m.brokers[1].applied, m.committed());
    QCOMPARE(m.brokers[2].applied, m.committed());
  }
};

QTEST_APPLESS_MAIN(TstZookeeperMode)
#include "tst_zookeeper_mode.moc"
