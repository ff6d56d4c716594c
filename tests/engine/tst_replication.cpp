// High watermark, ISR, acks and min.insync.replicas.
#include "small_scenarios.h"

#include <QtTest>

#include <algorithm>

using namespace streamscope::test;
using namespace streamscope::engine::kafka;

namespace {

/// Followers slowed (so they lag), then the leader loses power and comes back.
Scenario leaderPowerLossWithLaggingFollowers(Acks acks) {
  Scenario s = kafkaScenario(3, 1, 3, 2, acks, 300, 30 * kSecond);
  s.faults.push_back(brokerFault(2 * kSecond, FaultAction::SlowBroker, 1, 150 * kMillisecond));
  s.faults.push_back(brokerFault(2 * kSecond, FaultAction::SlowBroker, 2, 150 * kMillisecond));
  s.faults.push_back(brokerFault(6 * kSecond, FaultAction::PowerLoss, 0));
  s.faults.push_back(brokerFault(20 * kSecond, FaultAction::RestartBroker, 0));
  return s;
}

} // namespace

class TstReplication : public QObject {
  Q_OBJECT
private slots:
  void replicasOfAPartitionSitOnDistinctBrokers() {
    for (int brokers = 2; brokers <= 5; ++brokers) {
      Simulation sim(kafkaScenario(brokers, 4 * brokers, brokers, 1, Acks::All, 10, kSecond));
      for (const Partition &p : sim.world().kafka.partitions) {
        std::vector<int> sorted = p.replicas;
        std::sort(sorted.begin(), sorted.end());
        QVERIFY(std::adjacent_find(sorted.begin(), sorted.end()) == sorted.end());
        QCOMPARE(static_cast<int>(sorted.size()), brokers);
      }
    }
  }

  void aFollowerRejoinsTheIsrAtTheHighWatermarkNotTheLogEnd() {
    // Partition.isFollowerInSync: LEO >= leader HW and >= the leader epoch's start offset.
    // Broker 1 is slow but in sync, so the HW trails the leader's LEO by up to 0.4 s of records;
    // broker 2 dropped out and rejoins as soon as it passes the HW, while still behind.
    Scenario s = kafkaScenario(3, 1, 3, 1, Acks::Leader, 500, 12 * kSecond);
    s.kafka->replicaLagTimeMax = 2 * kSecond;
    s.kafka->replicaFetchMaxBytes = 24 * 1024; // broker 2 catches up in steps of ~240 records
    s.faults.push_back(brokerFault(1 * kSecond, FaultAction::SlowBroker, 1, 200 * kMillisecond));
    s.faults.push_back(brokerFault(1 * kSecond, FaultAction::SlowBroker, 2, 5 * kSecond));
    s.faults.push_back(brokerFault(6 * kSecond, FaultAction::SlowBroker, 2, 0));
    Simulation sim(s);
    sim.runUntil(6 * kSecond);
    const Partition &part = sim.world().kafka.partitions[0];
    QVERIFY(!part.inIsr(2));
    // The leader proposes the expansion (AlterPartition) the moment broker 2 passes the HW...
    const auto proposed = [&] { return part.alterInFlight && std::count(part.pendingIsr.begin(), part.pendingIsr.end(), 2) > 0; };
    while (!proposed() && !part.inIsr(2) && sim.step()) {}
    QVERIFY(proposed());
    const ReplicaLog &leader = part.logOf(part.leader);
    const Offset followerLeo = part.followers[static_cast<std::size_t>(part.slotOf(2))].leo;
    QVERIFY(followerLeo >= leader.highWatermark());
    QVERIFY2(followerLeo < leader.leo(), "it joined before reaching the leader's log end");
    // ...and broker 2 is in the ISR once the controller has committed it and the leader applied it.
    while (!part.inIsr(2) && sim.step()) {}
    QVERIFY(part.inIsr(2));
  }

  void highWatermarkOnlyCoversWhatEveryIsrMemberHas() {
    Scenario s = kafkaScenario(3, 2, 3, 2, Acks::All, 500, 5 * kSecond);
    Simulation sim(s);
    bool sawHwBehindLeo = false;
    while (sim.step()) {
      for (const Partition &p : sim.world().kafka.partitions) {
        if (p.leader < 0)
          continue;
        const Offset hw = p.logOf(p.leader).highWatermark();
        for (int b : p.isr)
          QVERIFY2(hw <= p.logOf(b).leo(), "HW may not pass any ISR member's log end offset");
        sawHwBehindLeo |= hw < p.logOf(p.leader).leo();
      }
    }
    QVERIFY2(sawHwBehindLeo, "the leader appends first; the HW follows once followers fetched");
    const Report r = makeReport(sim.world());
    QCOMPARE(r.acknowledgedLost, 0);
    for (const PartitionReport &p : r.partitions)
      QVERIFY(p.highWatermark > 0);
  }

  void notEnoughReplicasBelowMinIsr() {
    Scenario s = kafkaScenario(2, 1, 2, 2, Acks::All, 200, 30 * kSecond);
    s.faults.push_back(brokerFault(5 * kSecond, FaultAction::CrashBroker, 1));
    Simulation sim(s);
    std::vector<Event> events;
    sim.setEventSink(&events);
    sim.runUntil(20 * kSecond); // broker 1 fenced at 14 s: ISR = {0} < min ISR 2
    const Partition &p = sim.world().kafka.partitions[0];
    QCOMPARE(p.isr, std::vector<int>{0});
    const Offset leoAfterFence = p.logOf(0).leo();
    sim.runToEnd();
    QCOMPARE(sim.world().kafka.partitions[0].logOf(0).leo(), leoAfterFence); // nothing appended
    int refused = 0;
    for (const Event &e : events)
      if (e.type == EventType::ProduceRetried && e.sub == static_cast<std::uint8_t>(ErrorCode::NotEnoughReplicas))
        ++refused;
    QVERIFY(refused > 0);
  }

  void acksOneLosesAcknowledgedRecordWhenLeaderLosesPower() {
    const Report r = runToEnd(leaderPowerLossWithLaggingFollowers(Acks::Leader));
    QVERIFY2(r.acknowledgedLost > 0, "records only the leader had were acknowledged and are gone");
    QCOMPARE(static_cast<std::int64_t>(r.lost.size()), r.acknowledgedLost);
  }

  void acksAllSurvivesTheSamePowerLoss() {
    const Report r = runToEnd(leaderPowerLossWithLaggingFollowers(Acks::All));
    QCOMPARE(r.acknowledgedLost, 0);
    QVERIFY(r.acknowledged > 5000);
  }

  void isrShrinksWhenAFollowerLagsAndExpandsWhenItCatchesUp() {
    Scenario s = kafkaScenario(3, 1, 3, 1, Acks::All, 400, 30 * kSecond);
    s.kafka->replicaLagTimeMax = 2 * kSecond;
    s.faults.push_back(brokerFault(1 * kSecond, FaultAction::SlowBroker, 2, 3 * kSecond));
    s.faults.push_back(brokerFault(12 * kSecond, FaultAction::SlowBroker, 2, 0));
    Simulation sim(s);
    sim.runUntil(10 * kSecond);
    QCOMPARE(sim.world().kafka.partitions[0].isr, (std::vector<int>{0, 1}));
    sim.runToEnd();
    QCOMPARE(sim.world().kafka.partitions[0].isr, (std::vector<int>{0, 1, 2}));
  }
};

QTEST_APPLESS_MAIN(TstReplication)
#include "tst_replication.moc"
