// Stalled clients in the view: after the leader of a partition loses power, the producer is
// shown waiting for broker 0 until send time + request.timeout.ms, and the consumer until its
// fetch's deadline; a dead worker's lease is shown until the lease taker can take it over;
// nothing is shown while the cluster is healthy; and the inspector says it in words.
#include "engine/sim/simulation.h"
#include "engine/world/scenario_builder.h"
#include "example_scenario.h"
#include "model/explain/item_explainer.h"
#include "model/explain/wait_words.h"
#include "model/view/world_view.h"

#include <QtTest>

using namespace streamscope;
using Kind = model::WorldItem::Kind;
using model::WaitReason;

namespace {

constexpr engine::SimTime kPowerLoss = 6 * engine::kSecond; // acks1-leader-power-loss.json

/// The send of a request from `from` to `to` at exactly `at`, in the run's events.
bool sentAt(const std::vector<engine::Event> &events, engine::TransferKind kind, engine::NodeId from, engine::NodeId to, engine::SimTime at) {
  return std::any_of(events.begin(), events.end(), [&](const engine::Event &e) {
    return e.type == engine::EventType::TransferStarted && e.sub == static_cast<std::uint8_t>(kind) && e.node == from && e.peer == to && e.time == at;
  });
}

} // namespace

class TstClientWaits : public QObject {
  Q_OBJECT
private slots:
  void healthyClusterHasNoStall() {
    engine::Simulation sim(test::exampleScenario("acks1-leader-power-loss.json"));
    for (engine::SimTime t = engine::kSecond; t < kPowerLoss; t += 500 * engine::kMillisecond) {
      sim.runUntil(t);
      const auto view = model::WorldView::of(sim.world());
      QVERIFY2(view.waits().empty(), qPrintable(model::longestStallText(view)));
      QVERIFY(model::longestStallText(view).isEmpty());
    }
  }

  void producerWaitsForThePoweredOffLeader() {
    const engine::Scenario scenario = test::exampleScenario("acks1-leader-power-loss.json");
    const engine::SimTime timeout = scenario.producers.front().requestTimeout;
    QCOMPARE(timeout, 3 * engine::kSecond);
    engine::Simulation sim(scenario);
    std::vector<engine::Event> events;
    sim.setEventSink(&events);
    sim.runUntil(kPowerLoss + 1500 * engine::kMillisecond);
    const engine::World &w = sim.world();
    const auto view = model::WorldView::of(w);

    const model::WaitView *wait = view.waitOf({Kind::KafkaProducer, 0});
    QVERIFY(wait);
    QCOMPARE(wait->reason, WaitReason::ProduceResponse);
    QCOMPARE(wait->broker, 0);
    QCOMPARE(wait->target, std::string("broker 0"));
    QCOMPARE(wait->what, std::string("produce response from broker 0 for payments-0"));
    QCOMPARE(wait->setting, std::string("request.timeout.ms"));
    QCOMPARE(wait->settingValue, timeout);
    // The deadline is the request's send time plus request.timeout.ms; the send is a real one,
    // from the producer to broker 0, made around the power loss.
    QCOMPARE(wait->until, wait->since + timeout);
    QVERIFY(sentAt(events, engine::TransferKind::ProduceRequest, w.kafka.producers[0].node, w.kafka.brokers[0].node, wait->since));
    QVERIFY(wait->since >= kPowerLoss - 500 * engine::kMillisecond && wait->since <= kPowerLoss + 500 * engine::kMillisecond);
    QCOMPARE(wait->finalDeadline >= wait->until, true);
    QVERIFY(wait->waited(view.now()) >= model::kNoticeableWait);

    // The consumer's fetch to broker 0 is stalled too: fetch.max.wait.ms + request.timeout.ms.
    const model::WaitView *fetch = view.waitOf({Kind::Member, 0, 0});
    QVERIFY(fetch);
    QCOMPARE(fetch->reason, WaitReason::FetchResponse);
    QCOMPARE(fetch->broker, 0);
    QCOMPARE(fetch->setting, std::string("request.timeout.ms"));
    const auto &group = scenario.consumers.front();
    QCOMPARE(fetch->until, fetch->since + group.fetchMaxWait + group.requestTimeout);
    QVERIFY(sentAt(events, engine::TransferKind::ConsumerFetchRequest, w.kafka.groups[0].members[0].node, w.kafka.brokers[0].node, fetch->since));

    // Longest first, and the status bar names it.
    QCOMPARE(view.waits().front().stuckSince(), std::min(wait->stuckSince(), fetch->stuckSince()));
    const QString status = model::longestStallText(view);
    QVERIFY2(status.startsWith(QStringLiteral("Longest stall: ")), qPrintable(status));
    QVERIFY2(status.contains(QStringLiteral("for broker 0 (request.timeout.ms 3 s)")), qPrintable(status));
    QCOMPARE(model::waitCaption(*wait, view.now()),
             QStringLiteral("waits for broker 0 · gives up in %1").arg(model::waitDurationText(wait->until - view.now())));

    // Once the timeout has fired, this request is no longer what the producer waits for.
    sim.runUntil(wait->until + 1);
    const auto later = model::WorldView::of(sim.world());
    const model::WaitView *after = later.waitOf({Kind::KafkaProducer, 0});
    QVERIFY(!after || after->since > wait->since);
  }

  void producerStaysMarkedThroughItsRetries() {
    // Each request times out after 3 s and is resent to broker 0, still the leader until the
    // controller fences it (about 15 s): the producer is stalled all along, and stays marked.
    engine::Simulation sim(test::exampleScenario("acks1-leader-power-loss.json"));
    for (engine::SimTime t = kPowerLoss + engine::kSecond + 100 * engine::kMillisecond; t < 14 * engine::kSecond; t += 50 * engine::kMillisecond) {
      sim.runUntil(t);
      const auto view = model::WorldView::of(sim.world());
      const model::WaitView *wait = view.waitOf({Kind::KafkaProducer, 0});
      QVERIFY2(wait, qPrintable(QStringLiteral("no stall shown at %1 ms").arg(engine::toMs(t))));
      QVERIFY(wait->reason == WaitReason::ProduceResponse || wait->reason == WaitReason::ProduceBackoff);
      // It counts from when the producer got stuck, not from its latest retry.
      QVERIFY2(wait->stuckSince() <= kPowerLoss + 100 * engine::kMillisecond, qPrintable(QString::number(engine::toMs(wait->stuckSince()))));
    }
  }

  void inspectorExplainsTheWait() {
    engine::Simulation sim(test::exampleScenario("acks1-leader-power-loss.json"));
    sim.runUntil(kPowerLoss + 2 * engine::kSecond);
    const auto view = model::WorldView::of(sim.world());
    const model::WaitView *wait = view.waitOf({Kind::KafkaProducer, 0});
    QVERIFY(wait);
    const model::Explanation e = model::explainItem(sim.world(), {Kind::KafkaProducer, 0});
    QVERIFY(e.facts.size() >= 4);
    QCOMPARE(e.facts[0].first, QStringLiteral("Waiting for"));
    QCOMPARE(e.facts[0].second, QStringLiteral("produce response from broker 0 for payments-0"));
    QCOMPARE(e.facts[1].first, QStringLiteral("Since"));
    QVERIFY(e.facts[1].second.contains(QStringLiteral("t = %1 s").arg(engine::toMs(wait->since) / 1000, 0, 'f', 3)));
    QCOMPARE(e.facts[2].first, QStringLiteral("Until"));
    QVERIFY(e.facts[2].second.contains(QStringLiteral("t = %1 s").arg(engine::toMs(wait->until) / 1000, 0, 'f', 3)));
    QCOMPARE(e.facts[3].second, QStringLiteral("request.timeout.ms = 3000 (3 s)"));
    QVERIFY2(e.why.startsWith(QStringLiteral("The producer waits request.timeout.ms (3 s) for broker 0 to answer")), qPrintable(e.why));
    QVERIFY2(e.why.contains(QStringLiteral("Broker 0 lost power: it will never answer")), qPrintable(e.why));
    // A client that does not wait is explained as before, without wait facts.
    const model::Explanation broker = model::explainItem(sim.world(), {Kind::Broker, 1});
    for (const auto &fact : broker.facts)
      QVERIFY(fact.first != QStringLiteral("Waiting for"));
  }

  void deadMembersSessionIsAWait() {
    engine::ScenarioBuilder b("session", 5, 90 * engine::kSecond);
    b.kafka(3);
    b.topic("t", 2, 3, 2);
    b.producer("p", "t").rate = 50;
    b.consumerGroup("g", "t", 2, engine::OffsetReset::Earliest);
    engine::Scenario s = b.build();
    s.faults.push_back({10 * engine::kSecond, engine::KillConsumer{"g", 0}});
    engine::Simulation sim(s);
    sim.runUntil(12 * engine::kSecond);
    const auto view = model::WorldView::of(sim.world());
    const model::WaitView *wait = view.waitOf({Kind::Group, 0});
    QVERIFY(wait);
    QCOMPARE(wait->reason, WaitReason::SessionExpiry);
    QCOMPARE(wait->setting, std::string("session.timeout.ms"));
    QCOMPARE(wait->settingValue, s.consumers.front().sessionTimeout);
    QCOMPARE(wait->since, 10 * engine::kSecond); // the member died then
    QCOMPARE(wait->until, wait->since + wait->settingValue);
    QVERIFY(!view.waitOf({Kind::Member, 0, 1})); // the live member reads its own partition undisturbed
    // The coordinator lets the member go exactly then.
    sim.runUntil(wait->until - 1);
    QVERIFY(sim.world().kafka.groups[0].members[0].inGroup);
    sim.runUntil(wait->until);
    QVERIFY(!sim.world().kafka.groups[0].members[0].inGroup);
  }

  void deadWorkersLeaseIsAWait() {
    engine::ScenarioBuilder b("lease", 3, 60 * engine::kSecond);
    b.stream("events", 2);
    b.producer("p", "", "events").rate = 50;
    b.application("app", "events", 2, engine::IteratorType::TrimHorizon).kclVersion = 2; // its lease taker
    engine::Scenario s = b.build();
    s.faults.push_back({5 * engine::kSecond, engine::KillConsumer{"app", 0}});
    engine::Simulation sim(s);
    sim.runUntil(8 * engine::kSecond);
    const engine::World &w = sim.world();
    const auto view = model::WorldView::of(w);
    const model::WaitView *wait = view.waitOf({Kind::Application, 0});
    QVERIFY(wait);
    QCOMPARE(wait->reason, WaitReason::LeaseExpiry);
    QCOMPARE(wait->setting, std::string("failoverTimeMillis"));
    QCOMPARE(wait->settingValue, w.kinesis.apps[0].config.failoverTime);
    QVERIFY(wait->until > wait->since + wait->settingValue); // taken at the first lease-taker run after expiry
    // ... and the lease does change hands then, not before.
    sim.runUntil(wait->until - 1);
    const int shard = w.kinesis.apps[0].leases[0].owner == 0 ? 0 : 1;
    QCOMPARE(w.kinesis.apps[0].leases[static_cast<std::size_t>(shard)].owner, 0);
    sim.runUntil(wait->until);
    QVERIFY(w.kinesis.apps[0].leases[static_cast<std::size_t>(shard)].owner != 0);
  }

  void deadLeadersLeasesWaitForItsLock() {
    // KCL 3: worker 0 holds the leader lock; nobody assigns its leases before the lock is free.
    engine::ScenarioBuilder b("leader", 3, 150 * engine::kSecond);
    b.stream("events", 2);
    b.producer("p", "", "events").rate = 50;
    b.application("app", "events", 2, engine::IteratorType::TrimHorizon);
    engine::Scenario s = b.build();
    s.faults.push_back({5 * engine::kSecond, engine::KillConsumer{"app", 0}});
    engine::Simulation sim(s);
    sim.runUntil(8 * engine::kSecond);
    const engine::World &w = sim.world();
    const auto view = model::WorldView::of(w);
    const model::WaitView *wait = view.waitOf({Kind::Application, 0});
    QVERIFY(wait);
    QVERIFY(wait->until > w.kinesis.apps[0].leaderHeartbeatAt + w.kinesis.apps[0].config.leaderLockLease);
    const engine::SimTime until = wait->until;
    sim.runUntil(until - 1);
    QCOMPARE(w.kinesis.apps[0].leases[0].owner, 0);
    sim.runUntil(until);
    QVERIFY(w.kinesis.apps[0].leases[0].owner != 0);
  }
};

QTEST_GUILESS_MAIN(TstClientWaits)
#include "tst_client_waits.moc"
