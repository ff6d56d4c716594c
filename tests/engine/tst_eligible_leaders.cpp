// Kafka 4 replication rules: strict min ISR (the high watermark waits for min ISR, whatever
// the acks) and eligible leader replicas (KIP-966): who joins and leaves the ELR, the
// election order, the unclean-shutdown rule and what each version turns on.
#include "small_scenarios.h"

#include "engine/check/invariant_checker.h"
#include "engine/world/kafka_version.h"

#include <QtTest>

using namespace streamscope::test;
using namespace streamscope::engine::kafka;

namespace {

Scenario withVersion(Scenario s, const char *version) {
  const std::optional<KafkaVersion> v = parseKafkaVersion(version);
  if (!v)
    qFatal("unknown Kafka version %s", version);
  useKafkaVersion(*s.kafka, *v);
  return s;
}

/// RF 3, min ISR 2, acks=1: both followers cut off at 1 s (fenced by 10 s), back at 20 s.
Scenario followersCutOff(const char *version) {
  Scenario s = withVersion(kafkaScenario(3, 1, 3, 2, Acks::Leader, 200, 30 * kSecond), version);
  for (int b : {1, 2}) {
    s.faults.push_back(brokerFault(1 * kSecond, FaultAction::IsolateBroker, b));
    s.faults.push_back(brokerFault(20 * kSecond, FaultAction::Heal, b));
  }
  return s;
}

/// RF 3, min ISR 2, acks=all: follower 2 cut off at 1 s (fenced by 10 s), follower 1 at 12 s
/// (fenced by 21 s), leader 0 crashes at 23 s (fenced by 32 s); 1 is back at 35 s, 2 at 40 s,
/// 0 restarts at 45 s.
Scenario leaderLeftAlone(const char *version) {
  Scenario s = withVersion(kafkaScenario(3, 1, 3, 2, Acks::All, 200, 60 * kSecond), version);
  s.faults.push_back(brokerFault(1 * kSecond, FaultAction::IsolateBroker, 2));
  s.faults.push_back(brokerFault(12 * kSecond, FaultAction::IsolateBroker, 1));
  s.faults.push_back(brokerFault(23 * kSecond, FaultAction::CrashBroker, 0));
  s.faults.push_back(brokerFault(35 * kSecond, FaultAction::Heal, 1));
  s.faults.push_back(brokerFault(40 * kSecond, FaultAction::Heal, 2));
  s.faults.push_back(brokerFault(45 * kSecond, FaultAction::RestartBroker, 0));
  return s;
}

/// The KIP-966 story: followers cut off at 1 s (fenced by 10 s: 1 first, then 2, which took
/// the ISR below min ISR and so joins the ELR), the lone leader loses power
/// at 12 s (fenced by 21 s) and restarts at 25 s with only what reached its disk; follower 2 is
/// back at 30 s, follower 1 at 35 s.
Scenario lastReplicaStanding(const char *version) {
  Scenario s = withVersion(kafkaScenario(3, 1, 3, 2, Acks::All, 200, 50 * kSecond), version);
  s.faults.push_back(brokerFault(1 * kSecond, FaultAction::IsolateBroker, 1));
  s.faults.push_back(brokerFault(1 * kSecond, FaultAction::IsolateBroker, 2));
  s.faults.push_back(brokerFault(12 * kSecond, FaultAction::PowerLoss, 0));
  s.faults.push_back(brokerFault(25 * kSecond, FaultAction::RestartBroker, 0));
  s.faults.push_back(brokerFault(30 * kSecond, FaultAction::Heal, 2));
  s.faults.push_back(brokerFault(35 * kSecond, FaultAction::Heal, 1));
  return s;
}

const Partition &partitionOf(const Simulation &sim) { return sim.world().kafka.partitions[0]; }

Offset leaderHighWatermark(const Simulation &sim) {
  const Partition &p = partitionOf(sim);
  return p.logOf(p.leader).highWatermark();
}

/// Every event of the run, with an invariant checker watching each step.
std::vector<Event> checkedRun(Simulation &sim) {
  std::vector<Event> all, step;
  sim.setEventSink(&step);
  check::InvariantChecker checker;
  while (sim.step()) {
    checker.afterStep(sim.world(), step);
    all.insert(all.end(), step.begin(), step.end());
    step.clear();
  }
  checker.atEnd(sim.world(), makeReport(sim.world()), -1);
  for (const std::string &v : checker.violations())
    qWarning("%s", v.c_str());
  [&] { QVERIFY(checker.ok()); }();
  return all;
}

const Event *firstElection(const std::vector<Event> &events, SimTime after) {
  for (const Event &e : events)
    if (e.type == EventType::LeaderElected && e.time > after)
      return &e;
  return nullptr;
}

} // namespace

class TstEligibleLeaders : public QObject {
  Q_OBJECT
private slots:
  void versionsSetTheDefaults() {
    QCOMPARE(std::string(defaultKafkaVersionName()), std::string("4.1"));
    QVERIFY(rulesForKafkaVersion(KafkaVersion::V3_9).strictMinIsr); // KAFKA-15583 shipped in 3.7
    QVERIFY(!rulesForKafkaVersion(KafkaVersion::V3_9).eligibleLeaderReplicas);
    QVERIFY(rulesForKafkaVersion(KafkaVersion::V4_0).strictMinIsr);
    QVERIFY(!rulesForKafkaVersion(KafkaVersion::V4_0).eligibleLeaderReplicas); // available, off by default
    QVERIFY(rulesForKafkaVersion(KafkaVersion::V4_1).eligibleLeaderReplicas);
    QVERIFY(!parseKafkaVersion("3.8"));
    QCOMPARE(*parseKafkaVersion("4.0"), KafkaVersion::V4_0);
    QCOMPARE(std::string(kafkaVersionName(KafkaVersion::V3_9)), std::string("3.9"));
    KafkaConfig k;
    QCOMPARE(k.version, KafkaVersion::V4_1); // a scenario without a version
    QVERIFY(k.strictMinIsr && k.eligibleLeaderReplicas);
    useKafkaVersion(k, KafkaVersion::V4_0);
    QVERIFY(k.strictMinIsr && !k.eligibleLeaderReplicas);
  }

  void strictMinIsrKeepsAcksOneRecordsInvisibleUntilTheIsrRecovers() {
    Simulation sim(followersCutOff("4.1"));
    sim.runUntil(11 * kSecond); // both followers fenced at 10 s
    QCOMPARE(partitionOf(sim).isr, (std::vector<int>{0}));
    const Offset frozen = leaderHighWatermark(sim);
    const std::int64_t ackedEarly = sim.world().kafka.counters.acknowledged;
    sim.runUntil(19 * kSecond);
    QCOMPARE(leaderHighWatermark(sim), frozen); // nothing new is visible to consumers...
    QVERIFY(partitionOf(sim).logOf(0).leo() > frozen + 1000);
    QVERIFY(sim.world().kafka.counters.acknowledged > ackedEarly + 1000); // ...though acks=1 answered
    sim.runUntil(25 * kSecond);
    QVERIFY(partitionOf(sim).isr.size() >= 2);
    QVERIFY(leaderHighWatermark(sim) > frozen + 1000); // the same records, now committed
    sim.runToEnd();
    QCOMPARE(makeReport(sim.world()).acknowledgedLost, 0);
  }

  void withoutStrictMinIsrTheHighWatermarkMovesOnTheLeaderAlone() {
    Scenario s = followersCutOff("3.9");
    s.kafka->strictMinIsr = false; // before KAFKA-15583 (3.7)
    Simulation sim(s);
    sim.runUntil(11 * kSecond);
    const Offset early = leaderHighWatermark(sim);
    sim.runUntil(19 * kSecond);
    QVERIFY(leaderHighWatermark(sim) > early + 1000); // acks=1 records visible at once
  }

  void version39KeepsTheLastIsrMemberAndNoElr() {
    Simulation sim(leaderLeftAlone("3.9"));
    sim.runUntil(33 * kSecond); // the leader was fenced at 32 s
    const Partition &p = partitionOf(sim);
    QCOMPARE(p.leader, -1);
    QCOMPARE(p.isr, (std::vector<int>{0})); // KRaft kept the last member
    QVERIFY(p.elr.empty());
    QVERIFY(p.lastKnownElr.empty());
    sim.runUntil(41 * kSecond);
    QCOMPARE(p.leader, -1); // the followers are back but were never safe to elect
    sim.runToEnd();
    QCOMPARE(p.leader, 0);
    const Report r = makeReport(sim.world());
    // No serving leader from the crash at 23 s until the restarted broker has registered, been
    // unfenced and applied its leadership (a heartbeat or two after 45 s).
    QVERIFY(r.partitions[0].unavailableMs > 22000.0 && r.partitions[0].unavailableMs < 25000.0);
    QCOMPARE(r.acknowledgedLost, 0);
  }

  void version40LeavesElrOffByDefault() {
    Simulation sim(leaderLeftAlone("4.0"));
    const std::vector<Event> events = checkedRun(sim);
    for (const Event &e : events)
      QVERIFY(e.type != EventType::ElrChanged);
    const double unavailable = makeReport(sim.world()).partitions[0].unavailableMs;
    QVERIFY(unavailable > 22000.0 && unavailable < 25000.0); // as on 3.9
  }

  void elrMembershipFollowsTheIsr() {
    Simulation sim(leaderLeftAlone("4.1"));
    sim.runUntil(11 * kSecond);
    const Partition &p = partitionOf(sim);
    QCOMPARE(p.isr, (std::vector<int>{0, 1}));
    QVERIFY(p.elr.empty()); // 2 left while the ISR stayed at min ISR
    sim.runUntil(22 * kSecond);
    QCOMPARE(p.isr, (std::vector<int>{0}));
    QCOMPARE(p.elr, (std::vector<int>{1})); // it left and took the ISR below min ISR
    sim.runUntil(33 * kSecond);
    QVERIFY(p.isr.empty()); // with ELR the ISR may become empty
    QCOMPARE(p.elr, (std::vector<int>{0, 1}));
    QCOMPARE(p.lastKnownElr, (std::vector<int>{0}));
    QCOMPARE(p.leader, -1);
  }

  void anUnfencedElrMemberIsElectedBeforeTheLastLeaderReturns() {
    Simulation sim(leaderLeftAlone("4.1"));
    const std::vector<Event> events = checkedRun(sim);
    const Event *back = firstElection(events, 33 * kSecond);
    QVERIFY(back);
    QCOMPARE(back->node, 1);
    // As soon as it is unfenced: healed at 35 s, its next heartbeat unfences it.
    QVERIFY(back->time >= 35 * kSecond && back->time <= 37 * kSecond);
    QCOMPARE(static_cast<ElectionKind>(back->sub), ElectionKind::Elr);
    const Partition &p = partitionOf(sim);
    QCOMPARE(p.leader, 1);
    QVERIFY(p.elr.empty()); // the ISR is back at min ISR
    QVERIFY(p.lastKnownElr.empty());
    const Report r = makeReport(sim.world());
    // No serving leader from the crash at 23 s until broker 1 leads, just after 35 s.
    QVERIFY(r.partitions[0].unavailableMs >= 12000.0 && r.partitions[0].unavailableMs < 13000.0);
    QCOMPARE(r.partitions[0].elr, std::vector<int>{});
    QCOMPARE(r.acknowledgedLost, 0);
  }

  void aBrokerBackFromPowerLossLeavesTheElr() {
    Simulation sim(lastReplicaStanding("4.1"));
    sim.runUntil(22 * kSecond);
    const Partition &p = partitionOf(sim);
    QCOMPARE(p.elr, (std::vector<int>{0, 2})); // 1 left while the ISR was still at min ISR
    sim.runUntil(26 * kSecond); // 0 registered again after an unclean shutdown
    QCOMPARE(p.elr, (std::vector<int>{2}));
    QCOMPARE(p.leader, -1); // not eligible, and the ELR is not empty: no last-known-leader election
    sim.runUntil(31 * kSecond);
    QCOMPARE(p.leader, 2); // from the ELR: it holds every committed record
    sim.runToEnd();
    QCOMPARE(makeReport(sim.world()).acknowledgedLost, 0);
  }

  void theControllerDecidesTheElrAndRecordsCarryIt() {
    Simulation sim(lastReplicaStanding("4.1"));
    sim.runUntil(22 * kSecond);
    const MetadataState &m = sim.world().kafka.metadata;
    QCOMPARE(m.image[0].elr, (std::vector<int>{0, 2}));
    QCOMPARE(m.image[0].lastKnownElr, (std::vector<int>{0}));
    QCOMPARE(partitionOf(sim).elr, m.image[0].elr); // applied from the committed record
    const auto carries = [&](const std::vector<int> &elr) {
      for (std::int32_t index : m.committedLog) {
        const MetadataRecord &r = m.records[static_cast<std::size_t>(index)];
        if (r.type == MetadataRecordType::PartitionChange && r.partition == 0 && r.elr == elr)
          return true;
      }
      return false;
    };
    QVERIFY(carries({2}));
    QVERIFY(carries({0, 2}));
    sim.runUntil(26 * kSecond); // broker 0 registered its new incarnation
    QCOMPARE(m.image[0].elr, (std::vector<int>{2}));
  }

  void aRestartedBrokerThatCannotRegisterStaysInTheElr() {
    Scenario s = lastReplicaStanding("4.1");
    s.faults.push_back(brokerFault(24 * kSecond, FaultAction::IsolateBroker, 0));
    Simulation sim(s);
    sim.runUntil(29 * kSecond);
    QCOMPARE(partitionOf(sim).elr, (std::vector<int>{0, 2})); // the controller never heard of the restart
    QCOMPARE(partitionOf(sim).leader, -1);
    sim.runUntil(32 * kSecond);
    QCOMPARE(partitionOf(sim).leader, 2); // broker 0 is still fenced: the next ELR member leads
  }

  void withoutElrTheLastReplicaStandingLosesCommittedRecords() {
    Simulation sim(lastReplicaStanding("4.0"));
    sim.runUntil(26 * kSecond);
    QCOMPARE(partitionOf(sim).leader, -1); // registered at 25 s, fenced until it has caught up
    sim.runUntil(28 * kSecond);
    QCOMPARE(partitionOf(sim).leader, 0); // re-elected with the log its disk kept
    sim.runToEnd();
    QVERIFY(makeReport(sim.world()).acknowledgedLost > 0); // the followers truncated to it
  }

  void theLastKnownLeaderIsElectedWhenIsrAndElrAreEmpty() {
    // RF 2, min ISR 2: follower 1 crashes at 1 s (fenced by 10 s: ELR [1]), restarts at
    // 10.5 s and registers (an unclean shutdown: it leaves the ELR), and is cut off at 11 s,
    // before a later heartbeat could unfence it. Leader 0 crashes at 12 s (fenced by 21 s:
    // ISR empty, ELR [0], last known leader 0) and restarts at 25 s.
    Scenario s = withVersion(kafkaScenario(2, 1, 2, 2, Acks::All, 200, 30 * kSecond), "4.1");
    s.faults.push_back(brokerFault(1 * kSecond, FaultAction::CrashBroker, 1));
    s.faults.push_back(brokerFault(10500 * kMillisecond, FaultAction::RestartBroker, 1));
    s.faults.push_back(brokerFault(11 * kSecond, FaultAction::IsolateBroker, 1));
    s.faults.push_back(brokerFault(12 * kSecond, FaultAction::CrashBroker, 0));
    s.faults.push_back(brokerFault(25 * kSecond, FaultAction::RestartBroker, 0));
    Simulation sim(s);
    sim.runUntil(22 * kSecond);
    const Partition &p = partitionOf(sim);
    QVERIFY(p.isr.empty());
    QCOMPARE(p.elr, (std::vector<int>{0}));
    QCOMPARE(p.lastKnownElr, (std::vector<int>{0}));
    const std::vector<Event> events = checkedRun(sim);
    const Event *back = firstElection(events, 22 * kSecond);
    QVERIFY(back);
    QCOMPARE(back->node, 0);
    QCOMPARE(static_cast<ElectionKind>(back->sub), ElectionKind::LastKnownLeader);
    QCOMPARE(p.isr, (std::vector<int>{0}));
    QVERIFY(p.lastKnownElr.empty());
    QCOMPARE(sim.world().kafka.counters.uncleanElections, 0);
  }

  void uncleanElectionStillNeedsTheTopicSettingAndIsCounted() {
    Scenario s = leaderLeftAlone("4.1");
    s.kafka->topics[0].uncleanLeaderElection = true;
    // Only broker 2 (never in the ELR) comes back before the leader.
    s.faults.erase(s.faults.begin() + 3); // heal 1 at 35 s
    Simulation sim(s);
    const std::vector<Event> events = checkedRun(sim);
    const Event *back = firstElection(events, 33 * kSecond);
    QVERIFY(back);
    QCOMPARE(back->node, 2);
    QCOMPARE(static_cast<ElectionKind>(back->sub), ElectionKind::Unclean);
    QCOMPARE(sim.world().kafka.counters.uncleanElections, 1);
  }

  void snapshotsCarryTheElr() {
    Simulation sim(leaderLeftAlone("4.1"));
    sim.runUntil(33 * kSecond);
    const World copy = sim.snapshot();
    QCOMPARE(copy.kafka.partitions[0].elr, (std::vector<int>{0, 1}));
    QCOMPARE(copy.kafka.partitions[0].lastKnownElr, (std::vector<int>{0}));
    QVERIFY(copy.kafka.partitions[0].unavailableSince >= 0); // offline since the leader was fenced
    sim.runToEnd();
    const std::string straight = sim.world().events.hashHex();
    sim.restore(copy);
    QCOMPARE(sim.world().kafka.partitions[0].elr, (std::vector<int>{0, 1}));
    sim.runToEnd();
    QCOMPARE(sim.world().events.hashHex(), straight);
  }
};

QTEST_APPLESS_MAIN(TstEligibleLeaders)
#include "tst_eligible_leaders.moc"
