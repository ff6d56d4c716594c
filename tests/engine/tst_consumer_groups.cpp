// Assignors, rebalancing, commits, redelivery and seeks.
#include "small_scenarios.h"

#include "engine/kafka/assignors.h"
#include "engine/kafka/consumer_client.h"

#include <QtTest>

using namespace streamscope::test;
using namespace streamscope::engine::kafka;

namespace {

/// A seek of group "g" on every partition.
Fault seekFault(SimTime at, SeekTarget target, std::int64_t value = 0) { return Fault{at, Seek{"g", GroupPosition{-1, target, value}}}; }

std::vector<int> owners(const World &w) {
  std::vector<int> o;
  for (const GroupPartition &gp : w.kafka.groups[0].parts)
    o.push_back(gp.owner);
  return o;
}

} // namespace

class TstConsumerGroups : public QObject {
  Q_OBJECT
private slots:
  void rangeAssignorGivesContiguousRanges() {
    QCOMPARE(assignRange(7, 3), (std::vector<int>{0, 0, 0, 1, 1, 2, 2}));
    QCOMPARE(assignRange(2, 3), (std::vector<int>{0, 1}));
    QCOMPARE(assignRange(3, 0), (std::vector<int>{-1, -1, -1}));
  }

  void stickyAssignorKeepsOwnersAndBalances() {
    // member 2 joins a group where 0 and 1 split 6 partitions
    const std::vector<int> target = assignSticky(6, 3, {0, 0, 0, 1, 1, 1});
    QCOMPARE(target, (std::vector<int>{0, 0, 2, 1, 1, 2}));
    // member 1 leaves: its partitions go to the others, nobody else moves
    QCOMPARE(assignSticky(4, 2, {0, -1, 1, -1}), (std::vector<int>{0, 0, 1, 1}));
  }

  void joiningMemberTriggersRebalanceThatMovesPartitions() {
    Scenario s = kafkaScenario(3, 4, 3, 2, Acks::All, 200, 20 * kSecond);
    addGroup(s, 1);
    s.faults.push_back(Fault{8 * kSecond, AddConsumer{"g"}});
    Simulation sim(s);
    sim.runUntil(7 * kSecond);
    QCOMPARE(owners(sim.world()), (std::vector<int>{0, 0, 0, 0}));
    const int generation = sim.world().kafka.groups[0].generation;
    sim.runToEnd();
    QCOMPARE(owners(sim.world()), (std::vector<int>{0, 0, 1, 1}));
    QVERIFY(sim.world().kafka.groups[0].generation > generation);
    const Report r = makeReport(sim.world());
    QCOMPARE(r.duplicatesDelivered, 0); // a graceful rebalance commits first
  }

  void cooperativeRebalanceKeepsUnmovedPartitionsFetching() {
    Scenario s = kafkaScenario(3, 6, 3, 2, Acks::All, 600, 20 * kSecond);
    s.producers[0].keyCount = 100; // every partition gets records
    addGroup(s, 2);
    s.consumers[0].assignor = AssignorKind::CooperativeSticky;
    s.faults.push_back(Fault{8 * kSecond, AddConsumer{"g"}});
    Simulation sim(s);
    std::vector<Event> events;
    sim.setEventSink(&events);
    sim.runUntil(8 * kSecond - 1);
    const std::vector<int> before = owners(sim.world());
    QCOMPARE(before, (std::vector<int>{0, 0, 0, 1, 1, 1}));
    std::vector<Offset> positionAtJoin;
    for (const GroupPartition &gp : sim.world().kafka.groups[0].parts)
      positionAtJoin.push_back(gp.position);
    std::vector<bool> everUnowned(6, false);
    while (sim.now() < 12 * kSecond && sim.step())
      for (std::size_t i = 0; i < 6; ++i)
        everUnowned[i] = everUnowned[i] || sim.world().kafka.groups[0].parts[i].owner < 0;
    const std::vector<int> after = owners(sim.world());
    QCOMPARE(after, (std::vector<int>{0, 0, 2, 1, 1, 2})); // one partition from each, nobody else moves
    for (std::size_t i = 0; i < 6; ++i) {
      const bool moved = after[i] != before[i];
      QCOMPARE(everUnowned[i], moved); // only moved partitions are revoked
      if (!moved)
        QVERIFY(sim.world().kafka.groups[0].parts[i].position > positionAtJoin[i]);
    }
    // Two rounds: the first revokes, the second hands the revoked partitions to the newcomer.
    int rebalances = 0;
    for (const Event &e : events)
      rebalances += e.type == EventType::Rebalanced && e.time >= 8 * kSecond ? 1 : 0;
    QCOMPARE(rebalances, 2);
    sim.runToEnd();
    QCOMPARE(makeReport(sim.world()).duplicatesDelivered, 0);
  }

  void eagerRebalanceRevokesEveryPartition() {
    Scenario s = kafkaScenario(3, 6, 3, 2, Acks::All, 600, 12 * kSecond);
    addGroup(s, 2);
    s.faults.push_back(Fault{8 * kSecond, AddConsumer{"g"}});
    Simulation sim(s);
    sim.runUntil(8 * kSecond - 1);
    std::vector<bool> everUnowned(6, false);
    while (sim.step())
      for (std::size_t i = 0; i < 6; ++i)
        everUnowned[i] = everUnowned[i] || sim.world().kafka.groups[0].parts[i].owner < 0;
    QCOMPARE(everUnowned, std::vector<bool>(6, true)); // stop-the-world
    QCOMPARE(owners(sim.world()), (std::vector<int>{0, 0, 1, 1, 2, 2}));
  }

  void crashBeforeCommitRedeliversAndCountsDuplicatesExactly() {
    Scenario s = kafkaScenario(3, 2, 3, 2, Acks::All, 300, 70 * kSecond);
    addGroup(s, 2);
    s.consumers[0].sessionTimeout = 10 * kSecond;
    s.faults.push_back(Fault{13 * kSecond, KillConsumer{"g", 1}}); // 3 s after its last commit... or so
    Simulation sim(s);
    sim.runToEnd();
    const World &w = sim.world();
    const ConsumerGroup &g = w.kafka.groups[0];
    QVERIFY2(g.duplicates > 0, "the next owner re-reads from the last committed offset");
    std::int64_t counted = 0;
    for (std::uint8_t times : g.deliveries)
      counted += times > 1 ? times - 1 : 0;
    QCOMPARE(g.duplicates, counted);
    QCOMPARE(owners(w), (std::vector<int>{0, 0}));
    // At least once: every acknowledged record below the HW was delivered.
    for (std::size_t id = 0; id < w.kafka.records.size(); ++id)
      if (w.kafka.records[id].has(RecordInfo::Acked) && w.kafka.records[id].ackedAt < 60 * kSecond)
        QVERIFY(id < g.deliveries.size() && g.deliveries[id] > 0);
  }

  void committedOffsetsNeverPassTheHighWatermark() {
    Scenario s = kafkaScenario(3, 3, 3, 2, Acks::All, 300, 20 * kSecond);
    addGroup(s, 2);
    Simulation sim(s);
    while (sim.step()) {
      const World &w = sim.world();
      const ConsumerGroup &g = w.kafka.groups[0];
      for (std::size_t i = 0; i < g.parts.size(); ++i) {
        const Partition &p = w.kafka.partitions[i];
        QVERIFY(g.parts[i].committed <= p.logOf(p.leader).highWatermark());
      }
    }
  }

  void seekToEarliestReplaysAndLatestSkips() {
    Scenario s = kafkaScenario(3, 1, 3, 2, Acks::All, 100, 20 * kSecond);
    addGroup(s, 1);
    s.faults.push_back(seekFault(10 * kSecond, SeekTarget::Earliest));
    const Report r = runToEnd(s);
    QVERIFY(r.duplicatesDelivered >= 900); // the first ~10 s are read again
    QVERIFY(r.groups[0].lag < 600); // at most one auto-commit interval behind
  }

  void seekToTimestampFindsTheFirstOffsetAtOrAfterIt() {
    Scenario s = kafkaScenario(3, 1, 3, 2, Acks::All, 100, 20 * kSecond);
    addGroup(s, 1);
    s.faults.push_back(seekFault(15 * kSecond, SeekTarget::Timestamp, 5 * kSecond));
    Simulation sim(s);
    std::vector<Event> events;
    sim.setEventSink(&events);
    sim.runToEnd();
    Offset target = -1;
    for (const Event &e : events)
      if (e.type == EventType::OffsetReset && e.time == 15 * kSecond)
        target = e.a;
    QVERIFY(target > 0);
    const World &w = sim.world();
    const ReplicaLog &log = w.kafka.partitions[0].logOf(w.kafka.partitions[0].leader);
    const LogEntry &at = log.entries()[log.lowerBound(target)];
    QVERIFY(w.kafka.records[at.record].createdAt >= 5 * kSecond);
    const LogEntry &before = log.entries()[log.lowerBound(target) - 1];
    QVERIFY(w.kafka.records[before.record].createdAt < 5 * kSecond);
  }

  void autoOffsetResetLatestSkipsExistingRecords() {
    Scenario s = kafkaScenario(3, 1, 3, 2, Acks::All, 100, 20 * kSecond);
    addGroup(s, 1, OffsetReset::Latest);
    s.consumers[0].start = 10 * kSecond;
    const Report r = runToEnd(s);
    QVERIFY(r.consumed < r.acknowledged - 500);
    QVERIFY(r.consumed > 0);
  }
};

QTEST_APPLESS_MAIN(TstConsumerGroups)
#include "tst_consumer_groups.moc"
