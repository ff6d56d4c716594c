// The UI's view of the world says what the world says: messages in flight between the right
// nodes with the right progress, brokers' network state, replicas' high watermark, log end
// and ISR, shards and leases; and the controller builds it once per frame, not per read.
#include "example_scenario.h"
#include "model/explain/event_words.h"
#include "model/explain/item_explainer.h"
#include "model/simulation_controller.h"
#include "model/view/world_view.h"

#include <QtTest>

#include <map>

using namespace streamscope;
using model::TransferKind;

namespace {

engine::Fault brokerAction(engine::FaultAction action, int broker, engine::SimTime extraDelay = 0) {
  return engine::brokerFault(0, action, broker, extraDelay);
}

} // namespace

class TstWorldView : public QObject {
  Q_OBJECT

  struct Seen {
    int produces = 0, puts = 0, fetches = 0;
  };

  /// Every flight in the view is a message pending in the scheduler, decoded right.
  static void checkFlights(const model::SimulationController &c, Seen &seen) {
    const engine::World &w = c.world();
    const model::WorldView &view = c.view();
    QCOMPARE(view.now(), w.now);
    std::map<std::uint64_t, std::pair<const engine::Action *, engine::SimTime>> bySeq;
    w.queue.forEach([&](const auto &e) { bySeq[e.seq] = {&e.action, e.time}; });
    for (const model::FlightView &f : view.flights()) {
      QVERIFY(bySeq.count(f.seq));
      const engine::Action &m = *bySeq[f.seq].first;
      QCOMPARE(f.arrivesAt, bySeq[f.seq].second);
      QCOMPARE(f.from.node, m.from);
      QCOMPARE(f.to.node, m.to);
      QCOMPARE(f.sentAt, m.sentAt);
      QCOMPARE(f.kind, static_cast<TransferKind>(m.kind));
      QCOMPARE(f.from.broker, w.kafka.brokerOfNode(m.from));
      QCOMPARE(f.to.broker, w.kafka.brokerOfNode(m.to));
      const double progress = f.progress(view.now());
      QVERIFY(progress >= 0 && progress <= 1);
      QCOMPARE(progress, static_cast<double>(w.now - m.sentAt) / static_cast<double>(f.arrivesAt - m.sentAt));
      if (f.kind == TransferKind::ProduceRequest) {
        ++seen.produces;
        QVERIFY(!f.kinesis);
        QCOMPARE(f.from.broker, -1); // from a producer
        QVERIFY(f.to.broker >= 0);
        const auto &batch = w.kafka.batches[m.a];
        QCOMPARE(f.partition, batch.live ? batch.partition : -1);
        QCOMPARE(f.records, batch.live ? static_cast<int>(batch.records.size()) : 0);
      }
      if (f.kind == TransferKind::ReplicaFetchRequest) {
        ++seen.fetches;
        QVERIFY(f.from.broker >= 0 && f.to.broker >= 0); // follower to leader
        // A session's request covers many partitions: the view shows the first one listed.
        const auto &request = w.kafka.sessionMessages[static_cast<std::int32_t>(m.d)];
        QCOMPARE(f.partition, request.live && !request.requests.empty() ? request.requests.front().partition : -1);
      }
      if (f.kind == TransferKind::PutRecordsRequest) {
        ++seen.puts;
        QVERIFY(f.kinesis);
        QCOMPARE(f.partition, -1);
      }
      if (f.kind == TransferKind::GetRecordsRequest) {
        QVERIFY(f.kinesis);
        QVERIFY(f.to.shard >= 0); // the shard end, not the endpoint
        QCOMPARE(f.from.shard, -1);
      }
    }
  }

private slots:
  void flightsAreTheSchedulersMessages() {
    model::SimulationController c;
    c.load(test::exampleScenario("side-by-side.json"));
    c.runTo(2 * engine::kSecond);
    Seen seen;
    // Step through the run until each kind of interest has been in flight at a checked moment.
    for (int i = 0; i < 20000 && !(seen.produces && seen.puts && seen.fetches); ++i) {
      checkFlights(c, seen);
      c.stepEvent();
    }
    QVERIFY(seen.produces > 0);
    QVERIFY(seen.puts > 0);
    QVERIFY(seen.fetches > 0);
  }

  void progressMovesWithTheClock() {
    model::SimulationController c;
    c.load(test::exampleScenario("first-look.json"));
    c.runTo(2 * engine::kSecond);
    QVERIFY(!c.view().flights().empty());
    const model::FlightView first = c.view().flights().front();
    const double before = first.progress(c.view().now());
    const model::SimTime start = c.view().now();
    for (int i = 0; i < 1000 && c.view().now() == start; ++i) // until the clock moves
      c.stepEvent();
    QVERIFY(c.view().now() > start);
    for (const model::FlightView &f : c.view().flights())
      if (f.seq == first.seq)
        QVERIFY(f.progress(c.view().now()) >= before);
  }

  void brokersShowTheirNetwork() {
    model::SimulationController c;
    c.load(test::exampleScenario("first-look.json"));
    c.runTo(engine::kSecond);
    QVERIFY(c.view().kafka().brokers.size() >= 3);
    QVERIFY(!c.view().kafka().brokers[1].isolated);
    QVERIFY(!c.applyUserAction(brokerAction(engine::FaultAction::IsolateBroker, 1)));
    QVERIFY(c.view().kafka().brokers[1].isolated);
    QVERIFY(c.view().isolated(c.view().kafka().brokers[1].node));
    QVERIFY(!c.view().kafka().brokers[0].isolated);
    QVERIFY(!c.applyUserAction(brokerAction(engine::FaultAction::SlowBroker, 2, 50 * engine::kMillisecond)));
    QCOMPARE(c.view().kafka().brokers[2].extraDelay, 50 * engine::kMillisecond);
    QVERIFY(!c.applyUserAction(brokerAction(engine::FaultAction::CrashBroker, 0)));
    QCOMPARE(c.view().kafka().brokers[0].state, model::BrokerState::Crashed);
    QVERIFY(!c.view().kafka().brokers[0].running());
  }

  void controllersMatchTheQuorum() {
    model::SimulationController c;
    c.load(test::exampleScenario("clean-election.json"));
    c.runTo(2 * engine::kSecond);
    engine::Fault crash = brokerAction(engine::FaultAction::CrashBroker, -1);
    std::get<engine::CrashBroker>(crash.what).controller = 3000; // the active controller
    QVERIFY(!c.applyUserAction(crash));
    c.runTo(20 * engine::kSecond);
    const engine::kafka::MetadataState &m = c.world().kafka.metadata;
    const model::KafkaView &k = c.view().kafka();
    QCOMPARE(k.controllers.size(), m.controllers.size());
    QCOMPARE(k.controllers[0].id, 3000);
    QCOMPARE(k.controllers[0].role, model::ControllerView::Role::Offline);
    int leaders = 0;
    for (std::size_t i = 0; i < k.controllers.size(); ++i) {
      QCOMPARE(k.controllers[i].epoch, m.controllers[i].epoch);
      QCOMPARE(k.controllers[i].logEnd, m.controllers[i].logEnd(m.base));
      QCOMPARE(k.controllers[i].committed, m.controllers[i].committed);
      QCOMPARE(k.controllerOfNode(m.controllers[i].node), &k.controllers[i]);
      leaders += k.controllers[i].role == model::ControllerView::Role::Leader ? 1 : 0;
    }
    QCOMPARE(leaders, 1);
    QCOMPARE(k.metadataCommitted, m.committed());
    for (std::size_t b = 0; b < k.brokers.size(); ++b)
      QCOMPARE(k.brokers[b].metadataApplied, m.brokers[b].applied);
    const auto words = model::explainItem(c.world(), model::WorldItem{model::WorldItem::Kind::Controller, 0});
    QCOMPARE(words.title, QStringLiteral("Controller 3000"));
    QVERIFY(words.why.contains(QStringLiteral("process is down")));
  }

  void replicasMatchTheWorld() {
    model::SimulationController c;
    c.load(test::exampleScenario("lesson-isr.json"));
    c.runTo(20 * engine::kSecond);
    const engine::World &w = c.world();
    const model::KafkaView &k = c.view().kafka();
    QCOMPARE(k.partitions.size(), w.kafka.partitions.size());
    for (std::size_t p = 0; p < k.partitions.size(); ++p) {
      const auto &part = w.kafka.partitions[p];
      const model::PartitionView &v = k.partitions[p];
      QCOMPARE(v.name, w.kafka.partitionName(static_cast<int>(p)));
      QCOMPARE(v.leader, part.leader);
      QCOMPARE(v.epoch, part.leaderEpoch);
      QCOMPARE(std::vector<int>(v.isr.begin(), v.isr.end()), part.isr);
      QCOMPARE(v.replicas.size(), part.replicas.size());
      for (int broker : part.replicas) {
        QVERIFY(v.replicaOn(broker));
        QCOMPARE(v.logOf(broker).highWatermark(), part.logOf(broker).highWatermark());
        QCOMPARE(v.logOf(broker).leo(), part.logOf(broker).leo());
        QCOMPARE(v.logOf(broker).flushed(), part.logOf(broker).flushed());
        QCOMPARE(&v.logOf(broker), &part.logOf(broker)); // referenced, not copied
        QCOMPARE(v.inIsr(broker), part.inIsr(broker));
      }
    }
    QCOMPARE(k.groups.size(), w.kafka.groups.size());
    for (std::size_t g = 0; g < k.groups.size(); ++g)
      for (std::size_t i = 0; i < k.groups[g].parts.size(); ++i)
        QCOMPARE(k.groups[g].parts[i].committed, w.kafka.groups[g].parts[i].committed);
  }

  void shardsAndLeasesMatchTheWorld() {
    model::SimulationController c;
    c.load(test::exampleScenario("kinesis-stream.json"));
    c.runTo(10 * engine::kSecond);
    const engine::World &w = c.world();
    const model::KinesisView &k = c.view().kinesis();
    QVERIFY(c.view().hasKinesis());
    QCOMPARE(k.shards.size(), w.kinesis.shards.size());
    for (std::size_t s = 0; s < k.shards.size(); ++s) {
      const auto &shard = w.kinesis.shards[s];
      QCOMPARE(k.shards[s].records, &shard.records);
      QCOMPARE(k.shards[s].open, shard.open());
      QVERIFY(k.shards[s].rangeStart == shard.range.start && k.shards[s].rangeEnd == shard.range.end);
      QCOMPARE(k.shards[s].throttledWrites, shard.throttledWrites);
      if (!shard.records.empty())
        QCOMPARE(k.shards[s].sequenceText(shard.records.back()), shard.sequenceOf(shard.records.back()).toDecimal());
    }
    QCOMPARE(k.apps.size(), w.kinesis.apps.size());
    for (std::size_t a = 0; a < k.apps.size(); ++a)
      for (std::size_t l = 0; l < k.apps[a].leases.size(); ++l)
        QCOMPARE(k.apps[a].leases[l].owner, w.kinesis.apps[a].leases[l].owner);
    for (int z = 0; z < model::kZones; ++z)
      QCOMPARE(k.zones[static_cast<std::size_t>(z)].up, w.kinesis.zoneUp[static_cast<std::size_t>(z)]);
  }

  void consumerProtocolMembersShowTargetAndReconciliation() {
    // At 26 s member 3 of "incremental" awaits partition 5, released by member 2 a moment ago.
    engine::Simulation sim(test::exampleScenario("lesson-group-protocols.json"));
    std::vector<engine::Event> events;
    sim.setEventSink(&events);
    sim.runUntil(26 * engine::kSecond);
    model::KafkaView view;
    view.build(sim.world());
    const int g = sim.world().kafka.groupIndex("incremental");
    const model::GroupView &group = view.groups[static_cast<std::size_t>(g)];
    QVERIFY(group.consumerProtocol);
    QCOMPARE(group.groupEpoch, 4);
    QCOMPARE(group.members[3].pending, std::vector<int>{5});
    QVERIFY(group.members[3].reading.empty());
    QCOMPARE(group.members[2].reading, std::vector<int>{2});
    QVERIFY(!view.groups[0].consumerProtocol && view.groups[0].members[0].pending.empty()); // classic: no target shown

    const model::Explanation member = model::explainItem(sim.world(), {model::WorldItem::Kind::Member, g, 3});
    const auto fact = [&](const QString &name) {
      for (const auto &f : member.facts)
        if (f.first == name)
          return f.second;
      return QString();
    };
    QCOMPARE(fact(QStringLiteral("Target")), QStringLiteral("5"));
    QVERIFY(fact(QStringLiteral("Member epoch")).startsWith(QStringLiteral("4")));
    QVERIFY(fact(QStringLiteral("Reconciliation")).startsWith(QStringLiteral("awaiting")));
    QVERIFY(member.why.contains(QStringLiteral("handed over")));
    const model::Explanation groupWords = model::explainItem(sim.world(), {model::WorldItem::Kind::Group, g});
    QVERIFY(groupWords.facts.front().first == QStringLiteral("Topic"));
    QVERIFY(groupWords.facts[1].second.startsWith(QStringLiteral("consumer (KIP-848)")));
    QVERIFY(groupWords.why.contains(QStringLiteral("reconciling to group epoch 4")));

    bool revoked = false, epochBumped = false;
    for (const engine::Event &e : events) {
      const QString words = model::describeEvent(e, sim.world());
      if (e.type == engine::EventType::PartitionsRevoked)
        revoked = words.contains(QStringLiteral("incremental-member-")) && words.contains(QStringLiteral("revoked 1 partition"));
      if (e.type == engine::EventType::GroupEpochBumped)
        epochBumped = words.startsWith(QStringLiteral("coordinator of incremental: group epoch"));
    }
    QVERIFY(revoked);
    QVERIFY(epochBumped);
  }

  void builtOncePerFrame() {
    model::SimulationController c;
    c.load(test::exampleScenario("first-look.json"));
    c.runTo(engine::kSecond);
    const model::WorldView *first = &c.view();
    const auto *flightData = c.view().flights().data();
    QCOMPARE(&c.view(), first);
    QCOMPARE(c.view().flights().data(), flightData); // not rebuilt by a second read
    const std::uint64_t processed = c.view().processed();
    c.stepEvent();
    QCOMPARE(c.view().processed(), processed + 1);
    QCOMPARE(c.view().processed(), c.world().processed);
    QCOMPARE(c.view().now(), c.world().now);
  }
};

QTEST_GUILESS_MAIN(TstWorldView)
#include "tst_world_view.moc"
