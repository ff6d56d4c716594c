// The KRaft controller quorum and the metadata log: one Raft leader per epoch, committed
// entries that survive a controller failure, no commits without a majority (while leaders
// keep serving), fencing after broker.session.timeout.ms, brokers applying only what is
// committed, and deterministic runs with controller faults.
#include "small_scenarios.h"

#include <QtTest>

#include <map>

using namespace streamscope::test;
using namespace streamscope::engine::kafka;

namespace {

Fault controllerFault(SimTime at, FaultAction action, int controller) {
  Fault f = brokerFault(at, action, -1);
  std::visit(
      [&](auto &a) {
        if constexpr (requires { a.controller; })
          a.controller = controller;
      },
      f.what);
  return f;
}

/// Three brokers, six partitions (RF 3, min ISR 2), acks=all; broker 0 crashes at 3 s.
Scenario busyCluster(SimTime duration = 40 * kSecond) {
  Scenario s = kafkaScenario(3, 6, 3, 2, Acks::All, 300, duration);
  s.faults.push_back(brokerFault(3 * kSecond, FaultAction::CrashBroker, 0));
  return s;
}

int leaders(const World &w) {
  int n = 0;
  for (const Controller &c : w.kafka.metadata.controllers)
    n += c.running && c.role == ControllerRole::Leader ? 1 : 0;
  return n;
}

/// Every running voter's log agrees with the committed log as far as both reach.
bool logsAgreeWithCommitted(const World &w) {
  const MetadataState &m = w.kafka.metadata;
  for (const Controller &c : m.controllers)
    for (std::size_t i = 0; i < c.log.size() && i < m.committedLog.size(); ++i)
      if (c.committed > m.base + static_cast<Offset>(i) && c.log[i] != m.committedLog[i])
        return false;
  return true;
}

} // namespace

class TstKraftQuorum : public QObject {
  Q_OBJECT
private slots:
  void oneLeaderPerEpochThroughControllerFaults() {
    Scenario s = busyCluster(60 * kSecond);
    s.faults.push_back(controllerFault(5 * kSecond, FaultAction::CrashBroker, 3000)); // the leader
    s.faults.push_back(controllerFault(15 * kSecond, FaultAction::RestartBroker, 3000));
    s.faults.push_back(controllerFault(20 * kSecond, FaultAction::IsolateBroker, 3001));
    s.faults.push_back(controllerFault(30 * kSecond, FaultAction::Heal, 3001));
    s.faults.push_back(controllerFault(35 * kSecond, FaultAction::IsolateBroker, 3002));
    s.faults.push_back(controllerFault(45 * kSecond, FaultAction::Heal, 3002));
    Simulation sim(s);
    std::vector<Event> events;
    sim.setEventSink(&events);
    sim.runToEnd();
    std::map<std::int64_t, std::int32_t> leaderOfEpoch;
    SimTime firstElection = -1;
    for (const Event &e : events) {
      if (e.type != EventType::ControllerElected)
        continue;
      QVERIFY2(!leaderOfEpoch.count(e.a) || leaderOfEpoch[e.a] == e.node, "two leaders in one epoch");
      leaderOfEpoch[e.a] = e.node;
      if (firstElection < 0)
        firstElection = e.time;
    }
    QVERIFY(!leaderOfEpoch.empty());
    // Followers stand once they have heard nothing for the fetch timeout (2 s); the last they
    // heard may be a long-poll answer up to 500 ms (the metadata fetch wait) before the crash.
    // An election takes up to two election timeouts.
    QVERIFY2(firstElection >= 7 * kSecond - 500 * kMillisecond && firstElection <= 7 * kSecond + 2 * kSecond,
             qPrintable(QString::number(toMs(firstElection))));
    QCOMPARE(leaders(sim.world()), 1);
    QVERIFY(logsAgreeWithCommitted(sim.world()));
  }

  void committedEntriesSurviveAnySingleControllerFailure() {
    for (int victim = 3000; victim < 3003; ++victim) {
      Scenario s = busyCluster();
      s.faults.push_back(controllerFault(14 * kSecond, FaultAction::PowerLoss, victim));
      s.faults.push_back(brokerFault(20 * kSecond, FaultAction::RestartBroker, 0));
      Simulation sim(s);
      sim.runUntil(14 * kSecond - 1);
      const std::vector<std::int32_t> before = sim.world().kafka.metadata.committedLog;
      QVERIFY2(before.size() >= 7, "the fence and six elections were committed");
      sim.runToEnd();
      const World &w = sim.world();
      const MetadataState &m = w.kafka.metadata;
      QVERIFY(m.committedLog.size() > before.size()); // the restart committed more after the failure
      QVERIFY(std::equal(before.begin(), before.end(), m.committedLog.begin()));
      QCOMPARE(leaders(w), 1);
      for (const Controller &c : m.controllers)
        if (c.running && c.role == ControllerRole::Leader)
          QVERIFY(std::equal(m.committedLog.begin(), m.committedLog.end(), c.log.begin()));
      QVERIFY(logsAgreeWithCommitted(w));
    }
  }

  void aMinorityCommitsNothingWhileLeadersKeepServing() {
    // acks=1: with acks=all the live leaders could not complete a write either, since the dead
    // broker stays in their ISRs while no ISR shrink can be committed.
    Scenario s = kafkaScenario(3, 6, 3, 1, Acks::Leader, 300, 60 * kSecond);
    s.producers[0].enableIdempotence = false;
    s.faults.push_back(controllerFault(1 * kSecond, FaultAction::CrashBroker, 3001));
    s.faults.push_back(controllerFault(1 * kSecond, FaultAction::CrashBroker, 3002));
    s.faults.push_back(brokerFault(5 * kSecond, FaultAction::CrashBroker, 0));
    s.faults.push_back(controllerFault(30 * kSecond, FaultAction::RestartBroker, 3002));
    Simulation sim(s);
    sim.runUntil(5 * kSecond);
    const World &w = sim.world();
    const Offset committed = w.kafka.metadata.committed();
    const std::int64_t ackedBefore = w.kafka.counters.acknowledged;
    sim.runUntil(29 * kSecond);
    QCOMPARE(w.kafka.metadata.committed(), committed); // no fencing, no election, no ISR change
    QCOMPARE(leaders(w), 0); // the lone leader resigned: it heard from no majority
    QVERIFY(!w.kafka.brokers[0].fenced);
    int stillLedByTheDeadBroker = 0;
    for (const Partition &p : w.kafka.partitions)
      stillLedByTheDeadBroker += p.leader == 0 ? 1 : 0;
    QCOMPARE(stillLedByTheDeadBroker, 2);
    QVERIFY2(w.kafka.counters.acknowledged > ackedBefore + 1000, "leaders on live brokers keep serving");
    QVERIFY(createTopicRefused(sim));
    // A majority again: a leader, which gives every broker a full session before it fences.
    sim.runUntil(45 * kSecond);
    QCOMPARE(leaders(w), 1);
    QVERIFY(w.kafka.metadata.committed() > committed);
    QVERIFY(w.kafka.brokers[0].fenced);
    for (const Partition &p : w.kafka.partitions)
      QVERIFY(p.leader == 1 || p.leader == 2);
  }

  void fencingFollowsTheSessionTimeout() {
    for (const SimTime session : {9 * kSecond, 4 * kSecond}) {
      Scenario s = busyCluster();
      s.kafka->brokerSessionTimeout = session;
      Simulation sim(s);
      std::vector<Event> events;
      sim.setEventSink(&events);
      sim.runUntil(30 * kSecond);
      SimTime fencedAt = -1;
      for (const Event &e : events)
        if (e.type == EventType::BrokerFenced && e.node == 0 && fencedAt < 0)
          fencedAt = e.time;
      // Heartbeats every 2 s: the last one reached the controller up to 2 s before the crash.
      const SimTime crash = 3 * kSecond;
      QVERIFY2(fencedAt >= crash + session - 2 * kSecond - 10 * kMillisecond && fencedAt <= crash + session + 10 * kMillisecond,
               qPrintable(QString::number(fencedAt)));
    }
  }

  void brokersApplyOnlyWhatIsCommittedAndLeadOnlyOnceApplied() {
    Scenario s = busyCluster();
    s.faults.push_back(controllerFault(12 * kSecond, FaultAction::IsolateBroker, 3000));
    s.faults.push_back(brokerFault(20 * kSecond, FaultAction::RestartBroker, 0));
    Simulation sim(s);
    bool sawLagOnApply = false;
    while (sim.step()) {
      const World &w = sim.world();
      const MetadataState &m = w.kafka.metadata;
      for (std::size_t b = 0; b < m.brokers.size(); ++b) {
        QVERIFY(m.brokers[b].applied <= m.committed());
        sawLagOnApply |= m.brokers[b].applied < m.committed();
      }
      // A leader has applied the record that made it leader: its partition epoch is in its copy.
      for (std::size_t p = 0; p < w.kafka.partitions.size(); ++p) {
        const Partition &part = w.kafka.partitions[p];
        if (part.leader < 0 || part.partitionEpoch == 0)
          continue;
        bool found = false;
        for (Offset o = m.base; o < m.brokers[static_cast<std::size_t>(part.leader)].applied && !found; ++o) {
          const MetadataRecord &r = m.records[static_cast<std::size_t>(m.committedLog[static_cast<std::size_t>(o - m.base)])];
          found = r.type == MetadataRecordType::PartitionChange && r.partition == static_cast<int>(p) && r.partitionEpoch == part.partitionEpoch;
        }
        QVERIFY2(found, "a broker leads only after applying its PartitionChangeRecord");
      }
    }
    QVERIFY2(sawLagOnApply, "brokers apply a little after the commit, not at once");
  }

  void runsWithControllerFaultsAreDeterministicAndReplayFromSnapshots() {
    Scenario s = busyCluster();
    s.faults.push_back(controllerFault(6 * kSecond, FaultAction::CrashBroker, 3000));
    s.faults.push_back(controllerFault(16 * kSecond, FaultAction::RestartBroker, 3000));
    s.kafka->controllers = 5;
    const Report original = runToEnd(s);
    QCOMPARE(runToEnd(s).eventHash, original.eventHash);
    Simulation sim(s);
    sim.runUntil(7 * kSecond); // an election under way
    const World snap = sim.snapshot();
    sim.runToEnd();
    QCOMPARE(makeReport(sim.world()).eventHash, original.eventHash);
    Simulation other(s);
    other.restore(snap);
    other.runToEnd();
    QCOMPARE(makeReport(other.world()).eventHash, original.eventHash);
    Scenario reseeded = s;
    reseeded.seed = 43; // election timeouts come from the seeded generator
    QVERIFY(runToEnd(reseeded).eventHash != original.eventHash);
  }

  void combinedModeBrokerFaultHitsItsController() {
    Scenario s = busyCluster();
    s.kafka->controllerMode = ControllerMode::Combined;
    Simulation sim(s);
    sim.runUntil(2 * kSecond);
    QCOMPARE(sim.world().kafka.metadata.controllers[0].id, 0);
    QCOMPARE(sim.world().kafka.metadata.controllers[0].node, sim.world().kafka.brokers[0].node);
    sim.runUntil(20 * kSecond); // broker 0 crashed at 3 s, and with it the leading controller
    const World &w = sim.world();
    QVERIFY(!w.kafka.metadata.controllers[0].running);
    QCOMPARE(leaders(w), 1);
    QVERIFY(w.kafka.brokers[0].fenced);
  }

private:
  static bool createTopicRefused(Simulation &sim) {
    AddTopic add;
    add.topic = "late";
    add.partitions = 1;
    add.replicationFactor = 1;
    const auto refused = sim.applyFault(Fault{sim.world().now, add});
    return refused && refused->find("TimeoutException") != std::string::npos;
  }
};

QTEST_APPLESS_MAIN(TstKraftQuorum)
#include "tst_kraft_quorum.moc"
