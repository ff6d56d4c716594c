// Time travel: stepping back, seeking and branching rebuild exactly the state a fresh run
// reaches, user actions are replayed where they were made, and snapshots stay in budget.
#include "example_scenario.h"
#include "model/history/run_history.h"
#include "model/simulation_controller.h"

#include <QSignalSpy>
#include <QtTest>

#include <algorithm>

using namespace streamscope;
using engine::kSecond;
using engine::SimTime;

namespace {

/// What two states must agree on.
struct Fingerprint {
  std::uint64_t hash, processed;
  SimTime now;
  std::int64_t kafkaAcked, kinesisAcked;
  bool operator==(const Fingerprint &) const = default;
};

Fingerprint fingerprint(const engine::World &w) {
  return {w.events.hash(), w.processed, w.now, w.kafka.counters.acknowledged, w.kinesis.counters.acknowledged};
}

engine::Fault fault(engine::FaultAction action, int broker) { return engine::brokerFault(0, action, broker); }

} // namespace

class TstRunHistory : public QObject {
  Q_OBJECT
private slots:
  void stepBackMatchesAFreshRun() {
    const engine::Scenario s = test::exampleScenario("first-look.json");
    engine::Simulation sim(s);
    model::RunHistory history;
    history.reset(sim);
    const int n = 4000, m = 700;
    for (int i = 0; i < n; ++i)
      QVERIFY(history.stepForward(sim));
    for (int i = 0; i < m; ++i)
      QVERIFY(history.stepBack(sim));
    engine::Simulation fresh(s);
    for (int i = 0; i < n - m; ++i)
      QVERIFY(fresh.step());
    QCOMPARE(fingerprint(sim.world()), fingerprint(fresh.world()));
    QCOMPARE(sim.processed(), std::uint64_t(n - m));
  }

  void seekingLandsOnTheSameStateBothWays() {
    const engine::Scenario s = test::exampleScenario("side-by-side.json");
    engine::Simulation sim(s);
    model::RunHistory history;
    history.reset(sim);
    history.runForward(sim, 20 * kSecond);
    const Fingerprint end = fingerprint(sim.world());
    history.seek(sim, 7300 * engine::kMillisecond);
    engine::Simulation fresh(s);
    fresh.runUntil(7300 * engine::kMillisecond);
    QCOMPARE(fingerprint(sim.world()), fingerprint(fresh.world()));
    history.seek(sim, 20 * kSecond);
    QCOMPARE(fingerprint(sim.world()), end);
    history.seek(sim, 0);
    engine::Simulation start(s);
    start.runUntil(0); // what is due at time zero has happened
    QCOMPARE(fingerprint(sim.world()), fingerprint(start.world()));
  }

  void userActionsAreReplayedWhereTheyWereMade() {
    const engine::Scenario s = test::exampleScenario("first-look.json");
    engine::Simulation sim(s);
    model::RunHistory history;
    history.reset(sim);
    history.runForward(sim, 5 * kSecond);
    for (int i = 0; i < 3; ++i) // mid-microsecond: between two actions due at the same time
      history.stepForward(sim);
    QVERIFY(!history.act(sim, fault(engine::FaultAction::PowerLoss, 0)));
    history.runForward(sim, 12 * kSecond);
    const Fingerprint after = fingerprint(sim.world());
    QCOMPARE(history.branches().size(), std::size_t{1}); // acting at the frontier does not fork
    history.seek(sim, 3 * kSecond);
    history.seek(sim, 12 * kSecond);
    QCOMPARE(fingerprint(sim.world()), after);
    // Stepping back over the action undoes it first.
    history.seek(sim, 5 * kSecond);
    while (history.actionsApplied() == 0)
      history.stepForward(sim);
    QCOMPARE(sim.world().kafka.brokers[0].state, engine::kafka::BrokerState::PoweredOff);
    QVERIFY(history.stepBack(sim));
    QCOMPARE(history.actionsApplied(), std::size_t{0});
    QCOMPARE(sim.world().kafka.brokers[0].state, engine::kafka::BrokerState::Running);
  }

  void actingInThePastForksAndKeepsBothFutures() {
    const engine::Scenario s = test::exampleScenario("first-look.json");
    engine::Simulation sim(s);
    model::RunHistory history;
    history.reset(sim);
    history.runForward(sim, 10 * kSecond);
    const Fingerprint mainEnd = fingerprint(sim.world());
    history.seek(sim, 4 * kSecond);
    QVERIFY(!history.act(sim, fault(engine::FaultAction::CrashBroker, 1)));
    QCOMPARE(history.branches().size(), std::size_t{2});
    QCOMPARE(history.current(), 1);
    QCOMPARE(history.branch().parent, 0);
    QCOMPARE(history.branch().forkedAt, 4 * kSecond);
    history.runForward(sim, 10 * kSecond);
    const Fingerprint forkEnd = fingerprint(sim.world());
    QVERIFY(!(forkEnd == mainEnd));
    history.switchBranch(sim, 0);
    QCOMPARE(fingerprint(sim.world()), mainEnd);
    QVERIFY(history.branch().actions.empty());
    history.switchBranch(sim, 1);
    QCOMPARE(fingerprint(sim.world()), forkEnd);
    QCOMPARE(sim.world().kafka.brokers[1].state, engine::kafka::BrokerState::Crashed);
  }

  void anExplicitForkIsANamedBranchWhereActingDoesNotForkAgain() {
    const engine::Scenario s = test::exampleScenario("first-look.json");
    engine::Simulation sim(s);
    model::RunHistory history;
    history.reset(sim);
    history.runForward(sim, 10 * kSecond);
    const Fingerprint mainEnd = fingerprint(sim.world());
    history.seek(sim, 4 * kSecond);
    history.fork(sim, QStringLiteral("crash broker 1"));
    QCOMPARE(history.branches().size(), std::size_t{2});
    QCOMPARE(history.current(), 1);
    QCOMPARE(history.branch().name, QStringLiteral("crash broker 1"));
    QCOMPARE(history.branch().forkedAt, 4 * kSecond);
    // The new branch has no future yet: acting on it stays on it.
    QVERIFY(!history.act(sim, fault(engine::FaultAction::CrashBroker, 1)));
    QCOMPARE(history.branches().size(), std::size_t{2});
    history.runForward(sim, 10 * kSecond);
    QCOMPARE(sim.world().kafka.brokers[1].state, engine::kafka::BrokerState::Crashed);
    // Without an action, a fork's future is its parent's: the engine is deterministic.
    history.switchBranch(sim, 0);
    history.seek(sim, 4 * kSecond);
    history.fork(sim, QStringLiteral("unchanged"));
    history.runForward(sim, 10 * kSecond);
    QCOMPARE(fingerprint(sim.world()), mainEnd);
    history.switchBranch(sim, 0);
    QCOMPARE(fingerprint(sim.world()), mainEnd);
  }

  void aUserActionGroupIsOneEntryOneSignalAndOneStepBack() {
    model::SimulationController controller;
    controller.load(test::exampleScenario("first-look.json"));
    controller.runTo(5 * kSecond);
    const Fingerprint before = fingerprint(controller.world());
    QSignalSpy applied(&controller, &model::SimulationController::userActionApplied);
    QSignalSpy frames(&controller, &model::SimulationController::frameReady);
    const engine::Fault partitions{0, engine::AddPartitions{"orders", 5}};
    const engine::Fault minIsr{0, engine::AlterTopic{"orders", engine::TopicSettingKind::MinInsyncReplicas, 3}};
    const auto rateOf = [](double r) { return engine::Fault{0, engine::SetRate{"checkout", r}}; };
    const engine::Fault rate = rateOf(80);
    QVERIFY(!controller.applyUserActions({partitions, minIsr, rate}));
    QCOMPARE(applied.count(), 1);
    QCOMPARE(frames.count(), 1);
    const model::Branch &b = controller.history().branch();
    QCOMPARE(b.actions.size(), std::size_t{3});
    for (const model::UserAction &a : b.actions)
      QCOMPARE(a.group, std::size_t{0});
    QCOMPARE(model::describeActionGroups(b).size(), 1);
    QCOMPARE(
        std::count_if(b.markers.begin(), b.markers.end(), [](const model::TimelineMarker &m) { return m.kind == model::MarkerKind::UserAction; }), 1);
    QCOMPARE(controller.world().kafka.topics[0].config.partitions, 5);
    QCOMPARE(controller.world().kafka.topics[0].config.minInsyncReplicas, 3);

    // One step back undoes the whole group; one step forward redoes it.
    controller.stepBack();
    QCOMPARE(controller.history().actionsApplied(), std::size_t{0});
    QCOMPARE(fingerprint(controller.world()), before);
    QCOMPARE(controller.world().kafka.topics[0].config.partitions, 3);
    controller.stepEvent();
    QCOMPARE(controller.history().actionsApplied(), std::size_t{3});
    QCOMPARE(controller.world().kafka.topics[0].config.minInsyncReplicas, 3);

    // A later action at the same place is a group of its own, and is undone alone.
    QVERIFY(!controller.applyUserAction(rateOf(20)));
    QCOMPARE(controller.history().branch().actions.back().group, std::size_t{3});
    QCOMPARE(model::describeActionGroups(controller.history().branch()).size(), 2);
    controller.stepBack();
    QCOMPARE(controller.history().actionsApplied(), std::size_t{3});

    // A refusal stops the group; what came before it stays, announced once.
    applied.clear();
    const engine::Fault fewer{0, engine::AddPartitions{"orders", 2}}; // partitions can only be added
    QVERIFY(controller.applyUserActions({rateOf(60), fewer, rateOf(5)}));
    QCOMPARE(applied.count(), 1);
    QCOMPARE(controller.history().branch().actions.size(), std::size_t{4});
    QCOMPARE(controller.history().branch().actions.back().fault.as<engine::SetRate>()->rate, 60.0);
  }

  void markersNameFaultsElectionsAndLosses() {
    engine::Simulation sim(test::exampleScenario("acks1-leader-power-loss.json"));
    model::RunHistory history;
    history.reset(sim);
    history.runForward(sim, sim.duration());
    QSet<int> kinds;
    for (const auto &m : history.branch().markers)
      kinds.insert(static_cast<int>(m.kind));
    QVERIFY(kinds.contains(static_cast<int>(model::MarkerKind::Fault)));
    QVERIFY(kinds.contains(static_cast<int>(model::MarkerKind::LeaderElection)));
    QVERIFY(kinds.contains(static_cast<int>(model::MarkerKind::AcknowledgedLoss)));
    const auto count = history.branch().markers.size();
    history.seek(sim, 2 * kSecond); // replaying the past adds no markers twice
    history.seek(sim, sim.duration());
    QCOMPARE(history.branch().markers.size(), count);

    engine::Simulation throttled(test::exampleScenario("kinesis-throttling.json"));
    model::RunHistory h2;
    h2.reset(throttled);
    h2.runForward(throttled, 30 * kSecond);
    bool throttling = false;
    for (const auto &m : h2.branch().markers)
      throttling = throttling || m.kind == model::MarkerKind::Throttling;
    QVERIFY(throttling);
  }

  void snapshotsStayWithinTheirBudget() {
    const engine::Scenario s = test::exampleScenario("side-by-side.json");
    engine::Simulation sim(s);
    model::RunHistory history(std::size_t{24} << 20);
    history.reset(sim);
    history.runForward(sim, s.duration);
    // The budget counts what snapshots hold beyond the live World (which shares their ledger
    // and log chunks).
    QVERIFY2(history.snapshotBytesBeyond(sim.world()) <= (std::size_t{24} << 20),
             qPrintable(QString::number(history.snapshotBytesBeyond(sim.world()))));
    QVERIFY(history.snapshotCount() >= 2);
    QVERIFY(history.snapshotInterval() > kSecond); // thinned
    const Fingerprint end = fingerprint(sim.world());
    history.seek(sim, 11 * kSecond);
    engine::Simulation fresh(s);
    fresh.runUntil(11 * kSecond);
    QCOMPARE(fingerprint(sim.world()), fingerprint(fresh.world()));
    history.seek(sim, s.duration);
    QCOMPARE(fingerprint(sim.world()), end);
  }

  void snapshotsShareWhatDidNotChange() {
    const engine::Scenario s = test::exampleScenario("side-by-side.json");
    engine::Simulation sim(s);
    model::RunHistory history;
    history.reset(sim);
    history.runForward(sim, s.duration);
    const std::size_t world = model::estimateWorldBytes(sim.world());
    // Whole copies would cost about half a world each on average (more than four worlds for
    // nine); with the delivery counts and shard records shared between snapshots, and the
    // ledgers and replica logs shared copy-on-write with each other and the live World, all of
    // them cost less than two and a half worlds; the ledger and log chunks the live World
    // holds are counted with it, not with them.
    QVERIFY(history.snapshotCount() >= 8);
    QVERIFY2(history.snapshotBytes() < 5 * world / 2,
             qPrintable(QStringLiteral("%1 snapshots, %2 bytes, world %3").arg(history.snapshotCount()).arg(history.snapshotBytes()).arg(world)));
    QVERIFY(history.snapshotBytesBeyond(sim.world()) + world / 10 < history.snapshotBytes());
    for (SimTime t : {3 * kSecond, 17 * kSecond + 1234, 29 * kSecond, 9 * kSecond}) {
      history.seek(sim, t);
      engine::Simulation fresh(s);
      fresh.runUntil(t);
      QCOMPARE(fingerprint(sim.world()), fingerprint(fresh.world()));
    }
  }

  void droppedHistoryCannotBeReached() {
    const engine::Scenario s = test::exampleScenario("side-by-side.json");
    engine::Simulation sim(s);
    model::RunHistory history;
    history.reset(sim);
    history.runForward(sim, 20 * kSecond);
    const std::size_t before = history.snapshotBytes();
    const SimTime earliest = history.dropHistoryBefore(10 * kSecond + 500 * engine::kMillisecond);
    QCOMPARE(history.earliest(), earliest);
    QVERIFY(earliest > 5 * kSecond && earliest <= 10 * kSecond + 500 * engine::kMillisecond);
    QVERIFY(history.snapshotBytes() < before);
    history.seek(sim, 2 * kSecond); // clamped to where the history starts
    QCOMPARE(sim.now(), earliest);
    QVERIFY(!history.stepBack(sim)); // nothing before it to rebuild from
    QCOMPARE(sim.now(), earliest);
    history.seek(sim, 15 * kSecond);
    engine::Simulation fresh(s);
    fresh.runUntil(15 * kSecond);
    QCOMPARE(fingerprint(sim.world()), fingerprint(fresh.world()));
  }

  void aLongSeekForwardReportsProgressAndCanStop() {
    const engine::Scenario s = test::exampleScenario("first-look.json");
    engine::Simulation fresh(s);
    fresh.runUntil(60 * kSecond);

    model::SimulationController controller;
    controller.load(s);
    std::vector<double> shares;
    controller.setLongWorkReporter([&](double share) {
      shares.push_back(share);
      return true;
    });
    controller.seek(60 * kSecond);
    QCOMPARE(fingerprint(controller.world()), fingerprint(fresh.world()));
    QVERIFY(shares.size() >= 50);
    QVERIFY(std::is_sorted(shares.begin(), shares.end()));
    QCOMPARE(shares.back(), 1.0); // the end is announced

    // Stopped after five simulated seconds of new ground: the run stays there.
    model::SimulationController stopped;
    stopped.load(s);
    int calls = 0;
    stopped.setLongWorkReporter([&](double share) { return share >= 1.0 || ++calls < 5; });
    stopped.seek(60 * kSecond);
    QCOMPARE(stopped.world().now, 5 * kSecond);
    QVERIFY(stopped.history().branch().explored < 10 * kSecond);
  }
};

QTEST_GUILESS_MAIN(TstRunHistory)
#include "tst_run_history.moc"
