// The consumer rebalance protocol (KIP-848) next to the classic one: one owner per
// partition, revoke before assign, unaffected partitions keep their reader, session expiry,
// determinism, and the invariant checker's view of ownership.
#include "small_scenarios.h"

#include "engine/check/invariant_checker.h"
#include "engine/kafka/consumer_protocol.h"
#include "engine/kafka/group_partitions.h"

#include <QtTest>

using namespace streamscope::test;
using namespace streamscope::engine::kafka;

namespace {

/// Group "g" (3 members, 6 partitions of "t") under `protocol`, with every partition written.
Scenario churnScenario(GroupProtocol protocol, AssignorKind assignor, SimTime duration = 40 * kSecond) {
  Scenario s = kafkaScenario(3, 6, 3, 2, Acks::All, 600, duration);
  s.producers[0].keyCount = 100;
  addGroup(s, 3);
  s.consumers[0].protocol = protocol;
  s.consumers[0].assignor = assignor;
  return s;
}

Scenario consumerChurn(SimTime duration = 40 * kSecond) {
  Scenario s = churnScenario(GroupProtocol::Consumer, AssignorKind::Uniform, duration);
  s.faults.push_back(Fault{12 * kSecond, AddConsumer{"g"}});
  return s;
}

std::vector<int> owners(const World &w) {
  std::vector<int> o;
  for (const GroupPartition &gp : w.kafka.groups[0].parts)
    o.push_back(gp.owner);
  return o;
}

/// Whether each partition was ever without a live reader in [from, to).
std::vector<bool> everUnread(Simulation &sim, SimTime from, SimTime to) {
  sim.runUntil(from);
  const ConsumerGroup &g = sim.world().kafka.groups[0];
  std::vector<SimTime> before;
  for (const GroupPartition &gp : g.parts)
    before.push_back(unownedTime(gp, sim.now()));
  std::vector<bool> unread(g.parts.size(), false);
  while (sim.now() < to && sim.step())
    for (std::size_t i = 0; i < unread.size(); ++i) {
      const GroupPartition &gp = sim.world().kafka.groups[0].parts[i];
      unread[i] = unread[i] || gp.unownedSince >= 0 || unownedTime(gp, sim.now()) > before[i];
    }
  return unread;
}

} // namespace

class TstGroupProtocols : public QObject {
  Q_OBJECT
private slots:
  void membersJoinWithHeartbeatsAndShareThePartitions() {
    Simulation sim(consumerChurn(11 * kSecond));
    sim.runToEnd();
    const ConsumerGroup &g = sim.world().kafka.groups[0];
    QCOMPARE(g.groupEpoch, 3); // one bump per join
    for (std::size_t m = 0; m < 3; ++m) {
      QCOMPARE(g.members[m].epoch, 3);
      QCOMPARE(reconciliationOf(g, static_cast<int>(m)), Reconciliation::Stable);
    }
    // Member 0 took all six at its join; uniform kept its first two and its target on each join.
    QCOMPARE(owners(sim.world()), (std::vector<int>{0, 0, 2, 1, 1, 2}));
    for (const GroupPartition &gp : g.parts)
      QCOMPARE(gp.target, gp.owner);
  }

  void revokesBeforeTheNewOwnerGetsThePartition() {
    Simulation sim(consumerChurn(30 * kSecond));
    std::vector<Event> events;
    sim.setEventSink(&events);
    sim.runToEnd();
    // The newcomer (member 3) gets partitions only after members revoked and acknowledged.
    SimTime firstRevocation = -1, firstAssignment = -1, epochBump = -1;
    for (const Event &e : events) {
      if (e.time < 12 * kSecond)
        continue;
      if (e.type == EventType::GroupEpochBumped && epochBump < 0)
        epochBump = e.time;
      if (e.type == EventType::PartitionsRevoked && firstRevocation < 0)
        firstRevocation = e.time;
      if (e.type == EventType::PartitionsAssigned && e.a == 3 && firstAssignment < 0)
        firstAssignment = e.time;
    }
    QVERIFY(epochBump >= 12 * kSecond);
    QVERIFY(firstRevocation > epochBump); // at the owners' next heartbeats, not at once
    QVERIFY(firstAssignment > firstRevocation);
    QCOMPARE(sim.world().kafka.groups[0].groupEpoch, 4);
    const std::vector<int> o = owners(sim.world());
    QCOMPARE(std::count(o.begin(), o.end(), 3), 1L); // 6 partitions over 4 members: 2, 2, 1, 1 or similar
    QVERIFY(makeReport(sim.world()).duplicatesDelivered == 0); // revoked partitions were committed first
  }

  void neverTwoOwnersUnderChurn() {
    Scenario s = consumerChurn(80 * kSecond);
    s.faults.push_back(Fault{20 * kSecond, RemoveConsumer{"g", 0}});
    s.faults.push_back(Fault{30 * kSecond, KillConsumer{"g", 1}});
    s.faults.push_back(Fault{32 * kSecond, AddConsumer{"g"}});
    Simulation sim(s);
    std::vector<Event> events;
    sim.setEventSink(&events);
    check::InvariantChecker checker;
    std::vector<int> holder(6, -1);
    while (sim.step()) {
      checker.afterStep(sim.world(), events);
      // Direct check too: a partition changes hands only through "nobody".
      const ConsumerGroup &g = sim.world().kafka.groups[0];
      for (std::size_t i = 0; i < 6; ++i) {
        const int now = g.parts[i].owner;
        QVERIFY2(now < 0 || holder[i] < 0 || now == holder[i], "a partition passed straight from one member to another");
        holder[i] = now;
      }
      events.clear();
    }
    QVERIFY2(checker.ok(), checker.violations().empty() ? "" : checker.violations().front().c_str());
    const ConsumerGroup &g = sim.world().kafka.groups[0];
    for (const GroupPartition &gp : g.parts) {
      QVERIFY(gp.owner >= 0);
      QCOMPARE(gp.owner, gp.target); // settled: every live member owns exactly its target
    }
  }

  void checkerCatchesAHandOverWithoutRevocation() {
    Simulation sim(consumerChurn(11 * kSecond));
    sim.runToEnd();
    World w = sim.snapshot();
    check::InvariantChecker checker;
    checker.afterStep(w, {});
    QVERIFY(checker.ok());
    GroupPartition &gp = w.kafka.groups[0].parts[0];
    gp.owner = gp.owner == 0 ? 1 : 0; // straight to another member, no revocation
    checker.afterStep(w, {});
    QVERIFY(!checker.ok());
    QVERIFY(QString::fromStdString(checker.violations().front()).contains(QStringLiteral("still owned it")));
  }

  void consumerProtocolKeepsUnaffectedPartitionsReadEagerDoesNot() {
    Scenario eager = churnScenario(GroupProtocol::Classic, AssignorKind::Range, 30 * kSecond);
    eager.faults.push_back(Fault{12 * kSecond, AddConsumer{"g"}});
    Scenario incremental = consumerChurn(30 * kSecond);
    Simulation a(eager), b(incremental);
    const std::vector<bool> eagerUnread = everUnread(a, 12 * kSecond - 1, 30 * kSecond);
    const std::vector<bool> incrementalUnread = everUnread(b, 12 * kSecond - 1, 30 * kSecond);
    QCOMPARE(eagerUnread, std::vector<bool>(6, true)); // every partition stops in an eager rebalance
    int untouched = 0;
    for (bool unread : incrementalUnread)
      untouched += unread ? 0 : 1;
    QCOMPARE(untouched, 5); // 2, 2, 1, 1: only the partition moved to the newcomer stopped
    // The same numbers reach run --json and the report.
    const Report r = makeReport(b.world());
    QCOMPARE(static_cast<int>(r.groups[0].unownedMs.size()), 6);
    QVERIFY(r.groups[0].consumerProtocol);
    QCOMPARE(static_cast<int>(r.groups[0].memberStates.size()), 4);
  }

  void sessionExpiryFencesTheMemberAndFreesItsPartitions() {
    Scenario s = churnScenario(GroupProtocol::Consumer, AssignorKind::Uniform, 80 * kSecond);
    s.faults.push_back(Fault{20 * kSecond, KillConsumer{"g", 2}});
    Simulation sim(s);
    std::vector<Event> events;
    sim.setEventSink(&events);
    sim.runUntil(20 * kSecond + 1);
    const SimTime lastHeartbeat = sim.world().kafka.groups[0].members[2].lastHeartbeat;
    QVERIFY(lastHeartbeat > 15 * kSecond && lastHeartbeat <= 20 * kSecond);
    sim.runUntil(lastHeartbeat + 45 * kSecond - 1);
    QCOMPARE(owners(sim.world())[5], 2); // still the dead member's until the session times out
    sim.runToEnd();
    SimTime fencedAt = -1;
    for (const Event &e : events)
      if (e.type == EventType::MemberFenced)
        fencedAt = e.time;
    QCOMPARE(fencedAt, lastHeartbeat + 45 * kSecond); // from the last heartbeat, not from the kill
    const ConsumerGroup &g = sim.world().kafka.groups[0];
    QVERIFY(!g.members[2].inGroup);
    for (const GroupPartition &gp : g.parts)
      QVERIFY(gp.owner == 0 || gp.owner == 1);
    QVERIFY(g.parts[5].interruptions >= 1);
  }

  void rangeAssignorServerSide() {
    Scenario s = churnScenario(GroupProtocol::Consumer, AssignorKind::Range, 11 * kSecond);
    Simulation sim(s);
    sim.runToEnd();
    QCOMPARE(owners(sim.world()), (std::vector<int>{0, 0, 1, 1, 2, 2}));
  }

  void sameScenarioSameEventsAndSnapshotsResume() {
    Scenario s = consumerChurn(40 * kSecond);
    s.faults.push_back(Fault{25 * kSecond, KillConsumer{"g", 0}});
    Simulation a(s), b(s);
    std::vector<Event> ea, eb;
    a.setEventSink(&ea);
    b.setEventSink(&eb);
    a.runUntil(13 * kSecond);
    const World mid = a.snapshot(); // taken while members reconcile
    a.runToEnd();
    b.runToEnd();
    QCOMPARE(ea.size(), eb.size());
    for (std::size_t i = 0; i < ea.size(); ++i)
      QVERIFY(ea[i].time == eb[i].time && ea[i].type == eb[i].type && ea[i].a == eb[i].a && ea[i].b == eb[i].b);
    Simulation resumed(s);
    resumed.restore(mid);
    resumed.runToEnd();
    QCOMPARE(owners(resumed.world()), owners(a.world()));
    QCOMPARE(resumed.world().kafka.groups[0].groupEpoch, a.world().kafka.groups[0].groupEpoch);
    QCOMPARE(unownedTime(resumed.world().kafka.groups[0].parts[1], resumed.now()), unownedTime(a.world().kafka.groups[0].parts[1], a.now()));
  }
};

QTEST_APPLESS_MAIN(TstGroupProtocols)
#include "tst_group_protocols.moc"
