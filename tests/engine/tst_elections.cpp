// Clean and unclean leader election, leader epochs and truncation of diverged logs.
#include "small_scenarios.h"

#include <QtTest>

using namespace streamscope::test;
using namespace streamscope::engine::kafka;

namespace {

/// The leader alone in the ISR (followers too slow), then it crashes and comes back.
Scenario loneLeaderCrash(bool unclean) {
  Scenario s = kafkaScenario(3, 1, 3, 1, Acks::All, 400, 40 * kSecond);
  s.kafka->replicaLagTimeMax = 2 * kSecond;
  s.kafka->topics[0].uncleanLeaderElection = unclean;
  s.faults.push_back(brokerFault(1 * kSecond, FaultAction::SlowBroker, 1, 3 * kSecond));
  s.faults.push_back(brokerFault(1 * kSecond, FaultAction::SlowBroker, 2, 3 * kSecond));
  s.faults.push_back(brokerFault(10 * kSecond, FaultAction::CrashBroker, 0));
  s.faults.push_back(brokerFault(10500 * kMillisecond, FaultAction::SlowBroker, 1, 0));
  s.faults.push_back(brokerFault(10500 * kMillisecond, FaultAction::SlowBroker, 2, 0));
  s.faults.push_back(brokerFault(25 * kSecond, FaultAction::RestartBroker, 0));
  return s;
}

} // namespace

class TstElections : public QObject {
  Q_OBJECT
private slots:
  void cleanElectionPicksAnIsrMemberAndLosesNothing() {
    Scenario s = kafkaScenario(3, 1, 3, 2, Acks::All, 300, 30 * kSecond);
    s.faults.push_back(brokerFault(5 * kSecond, FaultAction::CrashBroker, 0));
    Simulation sim(s);
    sim.runUntil(15 * kSecond); // fenced at 14 s
    const Partition &p = sim.world().kafka.partitions[0];
    QCOMPARE(p.leader, 1);
    QCOMPARE(p.leaderEpoch, 1);
    QCOMPARE(p.isr, (std::vector<int>{1, 2}));
    sim.runToEnd();
    QCOMPARE(makeReport(sim.world()).acknowledgedLost, 0);
  }

  void uncleanElectionLosesRecordsAndTruncatesTheOldLeader() {
    Simulation sim(loneLeaderCrash(true));
    std::vector<Event> events;
    sim.setEventSink(&events);
    sim.runToEnd();
    const Report r = makeReport(sim.world());
    QVERIFY2(r.acknowledgedLost > 0, "records only the old leader had are gone for good");
    bool uncleanElected = false, oldLeaderTruncated = false;
    for (const Event &e : events) {
      uncleanElected |= e.type == EventType::LeaderElected && e.sub == 1 && e.node == 1;
      oldLeaderTruncated |= e.type == EventType::Truncated && e.node == 0 && e.time >= 25 * kSecond;
    }
    QVERIFY(uncleanElected);
    QVERIFY(oldLeaderTruncated);
    const Partition &p = sim.world().kafka.partitions[0];
    QCOMPARE(p.logOf(0).leo(), p.logOf(1).leo()); // the old leader now mirrors the new one
    // Offsets were reused: the record at some offset differs from what the old leader had acked.
    QCOMPARE(static_cast<std::int64_t>(r.lost.size()), r.acknowledgedLost);
  }

  void cleanElectionLeavesThePartitionOfflineInstead() {
    Simulation sim(loneLeaderCrash(false));
    sim.runUntil(20 * kSecond);
    QCOMPARE(sim.world().kafka.partitions[0].leader, -1); // no ISR member alive
    sim.runToEnd();
    QCOMPARE(sim.world().kafka.partitions[0].leader, 0); // the last ISR member returned
    QCOMPARE(makeReport(sim.world()).acknowledgedLost, 0);
  }

  void powerLossOfEveryBrokerBeforeWriteBackLosesAcknowledgedRecords() {
    Scenario s = kafkaScenario(3, 2, 3, 2, Acks::All, 300, 30 * kSecond);
    Fault off = brokerFault(10 * kSecond, FaultAction::PowerLoss, -1);
    Fault on = brokerFault(13 * kSecond, FaultAction::RestartBroker, -1);
    s.faults = {off, on};
    const Report r = runToEnd(s);
    QVERIFY(r.acknowledgedLost > 2500); // ~10 s x 300 records/s, none written back yet
  }
};

QTEST_APPLESS_MAIN(TstElections)
#include "tst_elections.moc"
