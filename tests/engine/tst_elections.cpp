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

  void aReturningLeaderTruncatesFlushedRecordsTheNewLeaderLacks() {
    // KIP-101: acks=1 records the old leader had fsynced (flush.messages=1) but its slow
    // followers had not fetched are on its disk, yet the new leader's epoch ends before them.
    Scenario s = kafkaScenario(3, 1, 3, 1, Acks::Leader, 400, 40 * kSecond);
    s.kafka->topics[0].flushIntervalMessages = 1;
    s.kafka->replicaLagTimeMax = 10 * kSecond; // the slow followers stay in the ISR
    s.faults.push_back(brokerFault(1 * kSecond, FaultAction::SlowBroker, 1, 300 * kMillisecond));
    s.faults.push_back(brokerFault(1 * kSecond, FaultAction::SlowBroker, 2, 300 * kMillisecond));
    s.faults.push_back(brokerFault(10 * kSecond, FaultAction::CrashBroker, 0));
    s.faults.push_back(brokerFault(10500 * kMillisecond, FaultAction::SlowBroker, 1, 0));
    s.faults.push_back(brokerFault(10500 * kMillisecond, FaultAction::SlowBroker, 2, 0));
    s.faults.push_back(brokerFault(25 * kSecond, FaultAction::RestartBroker, 0));
    Simulation sim(s);
    sim.runUntil(25 * kSecond - 1);
    const World &w = sim.world();
    const Partition &part = w.kafka.partitions[0];
    QVERIFY(part.leader == 1 || part.leader == 2);
    const ReplicaLog &old = part.logOf(0);
    QCOMPARE(old.flushed(), old.leo()); // everything the old leader holds is on its disk
    const Offset newEpochStart = part.logOf(part.leader).epochs().back().start;
    std::vector<RecordId> divergent;
    std::int64_t divergentAcked = 0;
    for (const LogEntry &e : old.entries())
      if (e.offset >= newEpochStart) {
        divergent.push_back(e.record);
        divergentAcked += w.kafka.records[e.record].has(RecordInfo::Acked) ? 1 : 0;
      }
    QVERIFY2(divergent.size() > 10, "the old leader's disk holds records beyond the new leader's epoch start");
    QVERIFY(divergentAcked > 0);
    const std::int64_t lostBefore = makeReport(w).acknowledgedLost;

    sim.runToEnd();
    const ReplicaLog &back = part.logOf(0), &leader = part.logOf(part.leader);
    QVERIFY(back.leo() > newEpochStart);
    QVERIFY(back.entries().size() <= leader.entries().size()); // a follower: the leader's log, minus what is in flight
    for (std::size_t i = 0; i < back.entries().size(); ++i)
      QCOMPARE(back.entries()[i].record, leader.entries()[i].record);
    for (RecordId id : divergent)
      QCOMPARE(w.kafka.records[id].copies, std::uint16_t{0}); // gone from its disk too
    QCOMPARE(makeReport(w).acknowledgedLost - lostBefore, divergentAcked);
  }

  // The lone ISR member loses power and is elected again with an empty log. Its epoch cache
  // starts after the followers' last epoch, so, as Kafka's LeaderEpochFileCache answers, that
  // epoch ends where its first epoch starts: the followers truncate to its log and rejoin,
  // rather than keep records it lacks and stay out of sync.
  void followersTruncateToALeaderThatLostItsEpochs() {
    Scenario s = loneLeaderCrash(false);
    for (Fault &f : s.faults)
      if (f.action() == FaultAction::CrashBroker)
        f = brokerFault(9900 * kMillisecond, FaultAction::PowerLoss, 0);
    Simulation sim(s);
    sim.runUntil(20 * kSecond);
    QVERIFY(sim.world().kafka.partitions[0].logOf(1).leo() > 1000); // the followers hold records the leader will lack
    sim.runToEnd();
    const Partition &p = sim.world().kafka.partitions[0];
    QCOMPARE(p.leader, 0);
    QCOMPARE(p.leaderEpoch, 2);
    // Every follower's log is a prefix of the leader's: the same record at every offset.
    const auto &leader = p.logOf(0).entries();
    for (int follower : {1, 2}) {
      const auto &mine = p.logOf(follower).entries();
      QVERIFY(mine.size() <= leader.size());
      for (std::size_t i = 0; i < mine.size(); ++i)
        QCOMPARE(mine[i].record, leader[i].record);
    }
    QCOMPARE(p.isr.size(), std::size_t{3});
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
