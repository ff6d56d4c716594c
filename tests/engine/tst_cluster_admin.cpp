// Changes to a running cluster behave as Kafka's admin tools make them behave: new
// partitions remap keys and trigger a rebalance, reassigned replicas catch up before they
// join the ISR, dynamic topic configs take effect at once, and nothing acknowledged is lost.
#include "engine/kafka/murmur2.h"
#include "small_scenarios.h"

#include <QtTest>

using namespace streamscope::test;
using namespace streamscope::engine;

namespace {

/// The partition (within topic t) the newest stored record with `key` went to.
int partitionOfNewest(const World &w, const std::string &key) {
  const auto k = w.kafka.keyIndex.at(key);
  for (auto it = w.kafka.records.rbegin(); it != w.kafka.records.rend(); ++it)
    if (it->key == k && it->partition >= 0)
      return w.kafka.localIndex(it->partition);
  return -1;
}

} // namespace

class TstClusterAdmin : public QObject {
  Q_OBJECT
private slots:
  void addingPartitionsRemapsKeysAndRebalances() {
    Scenario s = kafkaScenario(3, 3, 3, 2, Acks::All, 500, 30 * kSecond);
    addGroup(s, 2);
    Simulation sim(s);
    sim.runUntil(5 * kSecond);
    QCOMPARE(partitionOfNewest(sim.world(), "key-7"), kafka::partitionForKey("key-7", 3));
    QVERIFY(!sim.applyFault(Fault{0, AddPartitions{"t", 8}}));
    QCOMPARE(sim.world().kafka.topics[0].config.partitions, 8);
    QCOMPARE(static_cast<int>(sim.world().kafka.partitions.size()), 8);
    sim.runUntil(sim.world().now + 100 * kMillisecond); // the new partitions' leaders: committed, then applied
    for (const auto &p : sim.world().kafka.partitions)
      QVERIFY(p.leader >= 0);
    sim.runToEnd();
    const World &w = sim.world();
    // murmur2 modulo 8 now decides: a key can move to another partition, losing its order.
    QCOMPARE(partitionOfNewest(w, "key-7"), kafka::partitionForKey("key-7", 8));
    int moved = 0;
    for (int k = 0; k < 10; ++k)
      moved += kafka::partitionForKey("key-" + std::to_string(k), 3) != kafka::partitionForKey("key-" + std::to_string(k), 8);
    QVERIFY(moved > 0);
    // The group rebalanced onto all eight partitions and read the new ones too.
    const auto &g = w.kafka.groups[0];
    QCOMPARE(g.parts.size(), std::size_t{8});
    for (const auto &gp : g.parts)
      QVERIFY(gp.owner >= 0);
    kafka::Offset readFromNew = 0;
    for (std::size_t i = 3; i < 8; ++i)
      readFromNew += g.parts[i].position;
    QVERIFY(readFromNew > 0);
    QCOMPARE(makeReport(w).acknowledgedLost, 0);
    QVERIFY(sim.applyFault(Fault{0, AddPartitions{"t", 4}}).value().find("higher than the requested 4") != std::string::npos);
  }

  void raisingTheReplicationFactorCatchesUpBeforeJoiningTheIsr() {
    Scenario s = kafkaScenario(3, 2, 1, 1, Acks::All, 300, 30 * kSecond);
    Simulation sim(s);
    sim.runUntil(5 * kSecond);
    QVERIFY(!sim.applyFault(Fault{0, SetReplicationFactor{"t", 3}}));
    const auto &p0 = sim.world().kafka.partitions[0];
    QCOMPARE(p0.replicas.size(), std::size_t{3});
    QCOMPARE(p0.isr.size(), std::size_t{1}); // the new replicas are empty: not in sync yet
    sim.runUntil(15 * kSecond);
    for (const auto &p : sim.world().kafka.partitions) {
      QCOMPARE(p.isr.size(), std::size_t{3});
      for (const auto &log : p.logs)
        QVERIFY(log.leo() + 50 >= p.logOf(p.leader).leo());
    }
    // And back down to 2: the leader stays, one follower and its log go; nothing is lost.
    QVERIFY(!sim.applyFault(Fault{0, SetReplicationFactor{"t", 2}}));
    for (const auto &p : sim.world().kafka.partitions) {
      QCOMPARE(p.replicas.size(), std::size_t{2});
      QVERIFY(p.slotOf(p.leader) >= 0);
    }
    const auto acked = sim.world().kafka.counters.acknowledged;
    sim.runToEnd();
    QVERIFY(sim.world().kafka.counters.acknowledged > acked + 1000);
    QCOMPARE(makeReport(sim.world()).acknowledgedLost, 0);
    QVERIFY(sim.applyFault(Fault{0, SetReplicationFactor{"t", 4}}).value().find("larger than available brokers: 3") != std::string::npos);
  }

  void minIsrChangeTakesEffectAtOnce() {
    Scenario s = kafkaScenario(3, 1, 3, 2, Acks::All, 200, 30 * kSecond);
    s.faults.push_back(brokerFault(8 * kSecond, FaultAction::PowerLoss, 2));
    Simulation sim(s);
    sim.runUntil(5 * kSecond);
    Fault minIsr{0, AlterTopic{"t", TopicSettingKind::MinInsyncReplicas, 3}};
    QVERIFY(!sim.applyFault(minIsr));
    // Broker 2 is fenced after the session timeout; the ISR of 2 is now below min ISR 3.
    sim.runUntil(20 * kSecond);
    const auto ackedBefore = sim.world().kafka.counters.acknowledged;
    sim.runUntil(25 * kSecond);
    QCOMPARE(sim.world().kafka.counters.acknowledged, ackedBefore);
    std::get<AlterTopic>(minIsr.what).value = 2;
    QVERIFY(!sim.applyFault(minIsr));
    sim.runToEnd();
    QVERIFY(sim.world().kafka.counters.acknowledged > ackedBefore);
    std::get<AlterTopic>(minIsr.what).value = 0;
    QVERIFY(sim.applyFault(minIsr).value().find("at least 1") != std::string::npos);
  }

  void enablingUncleanElectionRevivesAnOfflinePartition() {
    Scenario s = kafkaScenario(2, 1, 2, 1, Acks::All, 100, 40 * kSecond);
    s.faults.push_back(brokerFault(2 * kSecond, FaultAction::IsolateBroker, 1));
    s.faults.push_back(brokerFault(15 * kSecond, FaultAction::PowerLoss, 0));
    s.faults.push_back(brokerFault(16 * kSecond, FaultAction::Heal, 1));
    Simulation sim(s);
    sim.runUntil(30 * kSecond);
    QCOMPARE(sim.world().kafka.partitions[0].leader, -1); // only the dead leader is in the ISR
    const Fault unclean{0, AlterTopic{"t", TopicSettingKind::UncleanLeaderElection, 1}};
    QVERIFY(!sim.applyFault(unclean));
    sim.runUntil(sim.world().now + 100 * kMillisecond); // the election is committed, then applied by broker 1
    QCOMPARE(sim.world().kafka.partitions[0].leader, 1);
  }

  void flushMsStartsFlushingWhenSet() {
    Scenario s = kafkaScenario(3, 1, 3, 2, Acks::All, 100, 20 * kSecond);
    s.kafka->dirtyExpire = 600 * kSecond; // the OS would not write back during the run
    s.kafka->logFlushSchedulerInterval = 100 * kMillisecond;
    s.kafka->topics[0].flushInterval = 600 * kSecond; // without it the topic would inherit the scheduler's 100 ms
    Simulation sim(s);
    sim.runUntil(5 * kSecond);
    QCOMPARE(sim.world().kafka.partitions[0].logs[0].flushed(), 0);
    const Fault flush{0, AlterTopic{"t", TopicSettingKind::FlushMs, 200 * kMillisecond}};
    QVERIFY(!sim.applyFault(flush));
    sim.runUntil(6 * kSecond);
    QVERIFY(sim.world().kafka.partitions[0].logs[0].flushed() > 0);
  }

  void flushMsDoesNothingWithoutTheLogFlusher() {
    Scenario s = kafkaScenario(3, 1, 3, 2, Acks::All, 100, 20 * kSecond);
    s.kafka->dirtyExpire = 600 * kSecond;
    Simulation sim(s);
    sim.runUntil(5 * kSecond);
    QVERIFY(!sim.applyFault(Fault{0, AlterTopic{"t", TopicSettingKind::FlushMs, 200 * kMillisecond}}));
    sim.runUntil(10 * kSecond);
    QCOMPARE(sim.world().kafka.partitions[0].logs[0].flushed(), 0); // log.flush.scheduler.interval.ms is Long.MAX_VALUE
  }

  void anAddedBrokerHoldsNothingUntilPartitionsArePlacedOnIt() {
    Scenario s = kafkaScenario(3, 3, 2, 1, Acks::All, 100, 20 * kSecond);
    Simulation sim(s);
    sim.runUntil(2 * kSecond);
    QVERIFY(!sim.applyFault(Fault{0, AddBroker{}}));
    const auto &k = sim.world().kafka;
    QCOMPARE(k.brokers.size(), std::size_t{4});
    for (const auto &p : k.partitions)
      QCOMPARE(p.slotOf(3), -1);
    QVERIFY(!sim.applyFault(Fault{0, AddPartitions{"t", 4}}));
    QCOMPARE(sim.world().kafka.partitions[3].replicas.front(), 3); // partition 3 starts at broker 3
    sim.runToEnd();
    QVERIFY(sim.world().kafka.partitions[3].logOf(3).leo() > 0);
    QCOMPARE(makeReport(sim.world()).acknowledgedLost, 0);
  }

  void producerSettingsChangeForNewRecords() {
    Scenario s = kafkaScenario(3, 2, 3, 2, Acks::All, 200, 10 * kSecond);
    Simulation sim(s);
    sim.runUntil(2 * kSecond);
    const Fault acks{0, SetAcks{"p", Acks::Leader}};
    QVERIFY(!sim.applyFault(acks));
    QCOMPARE(sim.world().kafka.producers[0].config.acks, Acks::Leader);
    QVERIFY(!sim.world().kafka.producers[0].config.enableIdempotence);
    QVERIFY(!sim.applyFault(Fault{0, SetKeys{"p", 1}}));
    const auto firstNew = sim.world().kafka.records.size();
    sim.runToEnd();
    const World &w = sim.world();
    const auto key0 = w.kafka.keyIndex.at("key-0");
    for (std::size_t i = firstNew; i < w.kafka.records.size(); ++i)
      QCOMPARE(w.kafka.records[i].key, key0); // one hot key now
    QVERIFY(w.kafka.counters.acknowledged > 1500);
  }

  // A produce request carries the acks it was sent with: set_acks while it is on the wire
  // changes only later requests, as with a real producer's request header.
  void aRequestInFlightKeepsTheAcksItWasSentWith() {
    for (const Acks from : {Acks::All, Acks::Leader}) {
      const Acks to = from == Acks::All ? Acks::Leader : Acks::All;
      Simulation sim(kafkaScenario(3, 1, 3, 2, from, 200, 10 * kSecond));
      sim.runUntil(1 * kSecond);
      const auto pendingProduce = [&]() -> std::optional<std::pair<std::int32_t, std::uint32_t>> {
        std::optional<std::pair<std::int32_t, std::uint32_t>> found;
        sim.world().queue.forEach([&](const auto &entry) {
          if (!found && entry.action.type == ActionType::ProduceArrive)
            found = std::make_pair(entry.action.a, entry.action.c);
        });
        return found;
      };
      while (!pendingProduce())
        QVERIFY(sim.step());
      // Plain variables, not a structured binding: lambdas below capture them (clang 14).
      const std::int32_t batch = pendingProduce()->first;
      const std::uint32_t attempt = pendingProduce()->second;
      QVERIFY(!sim.applyFault(Fault{0, SetAcks{"p", to}}));
      const auto stillPending = [&] {
        bool pending = false;
        sim.world().queue.forEach([&](const auto &entry) {
          pending = pending || (entry.action.type == ActionType::ProduceArrive && entry.action.a == batch && entry.action.c == attempt);
        });
        return pending;
      };
      while (stillPending())
        QVERIFY(sim.step());
      // The leader has appended it; with acks=all it waits in purgatory for the high watermark,
      // with acks=1 it was answered at once.
      const auto &purgatory = sim.world().kafka.partitions[0].purgatory;
      const bool waits = std::any_of(purgatory.begin(), purgatory.end(), [&](const auto &p) { return p.batch == batch && p.attempt == attempt; });
      QCOMPARE(waits, from == Acks::All);
      sim.runToEnd();
      QCOMPARE(makeReport(sim.world()).acknowledgedLost, 0);
    }
  }

  void topicsComeAndGoAndEmptyBrokersLeave() {
    Scenario s = kafkaScenario(3, 2, 2, 1, Acks::All, 100, 20 * kSecond);
    Simulation sim(s);
    sim.runUntil(2 * kSecond);
    const Fault create{0, AddTopic{"audit", 4, 3, 2}};
    QVERIFY(!sim.applyFault(create));
    const auto &k = sim.world().kafka;
    QCOMPARE(k.topics.size(), std::size_t{2});
    QCOMPARE(k.topics[1].partitionIds.size(), std::size_t{4});
    sim.runUntil(sim.world().now + 100 * kMillisecond); // leaders take effect once applied
    for (int p : k.topics[1].partitionIds) {
      QCOMPARE(k.partitions[static_cast<std::size_t>(p)].replicas.size(), std::size_t{3});
      QVERIFY(k.partitions[static_cast<std::size_t>(p)].leader >= 0);
    }
    QVERIFY(sim.applyFault(create).value().find("TopicExistsException") == 0);
    const Fault used{0, DeleteTopic{"t"}};
    QVERIFY(sim.applyFault(used).value().find("in use by producer p") != std::string::npos);
    const Fault drop{0, DeleteTopic{"audit"}};
    QVERIFY(!sim.applyFault(drop));
    QVERIFY(sim.world().kafka.topics[1].deleted);
    QVERIFY(sim.applyFault(drop).has_value()); // gone: Kafka says it does not exist

    Fault remove{0, RemoveBroker{0}};
    QVERIFY(sim.applyFault(remove).value().find("still holds a replica") != std::string::npos);
    QVERIFY(!sim.applyFault(Fault{0, AddBroker{}}));
    remove.what = RemoveBroker{3};
    QVERIFY(!sim.applyFault(remove));
    QVERIFY(sim.world().kafka.brokers[3].removed);
    const Fault restart{0, RestartBroker{3}};
    QVERIFY(sim.applyFault(restart).value().find("not registered") != std::string::npos);
    sim.runToEnd();
    QCOMPARE(makeReport(sim.world()).acknowledgedLost, 0);
    QCOMPARE(makeReport(sim.world()).partitions.size(), std::size_t{2}); // the deleted topic's are gone
  }

  void adminChangesReplayExactlyFromASnapshot() {
    Scenario s = kafkaScenario(3, 2, 2, 1, Acks::All, 300, 20 * kSecond);
    addGroup(s, 2);
    Simulation a(s);
    a.runUntil(3 * kSecond);
    QVERIFY(!a.applyFault(Fault{0, AddPartitions{"t", 5}}));
    QVERIFY(!a.applyFault(Fault{0, SetReplicationFactor{"t", 3}}));
    const World snapshot = a.snapshot();
    a.runToEnd();
    Simulation b(s);
    b.restore(snapshot);
    b.runToEnd();
    QCOMPARE(b.world().events.hash(), a.world().events.hash());
  }
};

QTEST_APPLESS_MAIN(TstClusterAdmin)
#include "tst_cluster_admin.moc"
