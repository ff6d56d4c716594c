// The scenario builder: each part carries the settings it was given and the real systems'
// defaults for the rest; a producer's idempotence follows its acks; a builder can go on
// from an existing scenario.
#include "engine/world/scenario_builder.h"

#include <QtTest>

using namespace streamscope::engine;

class TstScenarioBuilder : public QObject {
  Q_OBJECT
private slots:
  void partsKeepTheirSettingsAndDefaults() {
    ScenarioBuilder b("demo", 7, 30 * kSecond);
    b.kafka(5);
    b.topic("orders", 6, 3, 2);
    b.producer("load", "orders");
    b.consumerGroup("readers", "orders", 3, OffsetReset::Earliest);
    const Scenario s = b.build();
    QCOMPARE(s.name, std::string("demo"));
    QCOMPARE(s.seed, std::uint64_t{7});
    QCOMPARE(s.duration, 30 * kSecond);
    QVERIFY(s.kafka && !s.kinesis);
    QCOMPARE(s.kafka->brokers, 5);
    QCOMPARE(s.kafka->replicaLagTimeMax, KafkaConfig{}.replicaLagTimeMax);
    const TopicConfig &t = s.kafka->topics.at(0);
    QCOMPARE(t.name, std::string("orders"));
    QCOMPARE(t.partitions, 6);
    QCOMPARE(t.replicationFactor, 3);
    QCOMPARE(t.minInsyncReplicas, 2);
    QVERIFY(!t.flushIntervalMessages && !t.uncleanLeaderElection);
    const ProducerConfig &p = s.producers.at(0);
    QCOMPARE(p.topic, std::string("orders"));
    QVERIFY(p.stream.empty());
    QVERIFY(p.acks == Acks::All && p.enableIdempotence);
    QCOMPARE(p.rate, ProducerConfig{}.rate);
    const ConsumerGroupConfig &g = s.consumers.at(0);
    QCOMPARE(g.members, 3);
    QVERIFY(g.autoOffsetReset == OffsetReset::Earliest);
    QCOMPARE(g.sessionTimeout, ConsumerGroupConfig{}.sessionTimeout);
  }

  void idempotenceFollowsAcks() {
    ScenarioBuilder b;
    b.kafka(3);
    b.topic("t", 1, 3, 2);
    QVERIFY(!b.producer("one", "t", {}, Acks::Leader).enableIdempotence);
    QVERIFY(!b.producer("zero", "t", {}, Acks::None).enableIdempotence);
    QVERIFY(b.producer("all", "t", {}, Acks::All).enableIdempotence);
  }

  void kinesisPartsAndGoingOn() {
    ScenarioBuilder first("both", 1, 10 * kSecond);
    first.stream("s", 4);
    Scenario s = first.build();
    ScenarioBuilder more(s);
    more.stream("t", 2);
    more.producer("p", "", "s").rate = 500;
    more.application("app", "s", 2, IteratorType::TrimHorizon).enhancedFanOut = true;
    s = more.build();
    QVERIFY(s.kinesis && !s.kafka);
    QCOMPARE(s.kinesis->streams.size(), std::size_t{2});
    QCOMPARE(s.kinesis->streams[0].shards, 4);
    QCOMPARE(s.kinesis->streams[1].name, std::string("t"));
    QCOMPARE(s.producers.at(0).rate, 500.0);
    QVERIFY(s.producers.at(0).topic.empty());
    const KinesisAppConfig &a = s.applications.at(0);
    QCOMPARE(a.workers, 2);
    QVERIFY(a.enhancedFanOut && a.initialPosition == IteratorType::TrimHorizon);
    QCOMPARE(a.checkpointInterval, KinesisAppConfig{}.checkpointInterval);
  }
};

QTEST_APPLESS_MAIN(TstScenarioBuilder)
#include "tst_scenario_builder.moc"
