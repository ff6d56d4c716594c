// KCL 3 lease assignment: the leader lock, load-based assignment, rebalancing with threshold
// and dampening, graceful handoff, failover after a crash, and KCL 2 left as it was.
#include "small_scenarios.h"

#include "engine/check/checked_run.h"
#include "engine/kinesis/kcl_lease_assignment.h"

#include <QtTest>

using namespace streamscope::test;
using namespace streamscope::engine::kinesis;

namespace {

std::vector<Event> runWithEvents(Simulation &sim) {
  std::vector<Event> events, all;
  sim.setEventSink(&events);
  while (sim.step()) {
    all.insert(all.end(), events.begin(), events.end());
    events.clear();
  }
  return all;
}

/// A world at 30 s whose leases (all of worker 0 or free) carry the given throughputs.
World worldWithLeases(int workers, const std::vector<std::int64_t> &throughputs, int owner, int threshold = 10, int dampening = 80) {
  Scenario s = kinesisScenario(static_cast<int>(throughputs.size()), 0, 60 * kSecond);
  addApplication(s, workers);
  s.applications[0].rebalanceThresholdPercent = threshold;
  s.applications[0].dampeningPercent = dampening;
  Simulation sim(s);
  sim.runUntil(30 * kSecond);
  World w = sim.snapshot();
  Application &app = w.kinesis.apps[0];
  for (std::size_t i = 0; i < app.leases.size(); ++i) {
    Lease &l = app.leases[i];
    l.owner = owner;
    l.lastOwner = owner;
    l.handoffTo = -1;
    l.renewedAt = w.now;
    l.throughput = throughputs[i];
  }
  app.leader = 0;
  app.leaderHeartbeatAt = w.now;
  return w;
}

std::vector<int> owners(const Application &app) {
  std::vector<int> out;
  for (const Lease &l : app.leases)
    out.push_back(l.owner);
  return out;
}

int handoffs(const Application &app) {
  int n = 0;
  for (const Lease &l : app.leases)
    n += l.handoffTo >= 0 ? 1 : 0;
  return n;
}

/// Four shards of the same traffic, one worker at first; a second joins at 30 s.
Scenario joinScenario(int kclVersion) {
  Scenario s = kinesisScenario(4, 800, 120 * kSecond);
  s.producers[0].count = 800 * 90;
  addApplication(s, 1);
  s.applications[0].kclVersion = kclVersion;
  s.faults = {Fault{30 * kSecond, AddConsumer{"app"}}};
  return s;
}

} // namespace

class TstKcl3Leases : public QObject {
  Q_OBJECT
private slots:
  void theFirstWorkerTakesTheLockAndOthersWaitForItsLease() {
    Scenario s = kinesisScenario(4, 400, 260 * kSecond);
    addApplication(s, 3);
    s.faults = {Fault{40 * kSecond, KillConsumer{"app", 0}}};
    Simulation sim(s);
    sim.runUntil(39 * kSecond);
    QCOMPARE(sim.world().kinesis.apps[0].leader, 0);
    const SimTime heartbeat = sim.world().kinesis.apps[0].leaderHeartbeatAt;
    const std::vector<Event> events = runWithEvents(sim);
    std::vector<std::pair<SimTime, std::int64_t>> leaders;
    for (const Event &e : events)
      if (e.type == EventType::KclLeaderChanged)
        leaders.emplace_back(e.time, e.a);
    QCOMPARE(leaders.size(), std::size_t{1});
    const Application &app = sim.world().kinesis.apps[0];
    // Nobody may take the lock before its lease (120 s) has passed since the last heartbeat,
    // and a worker's next assignment run (every 20 s) takes it after that.
    QVERIFY(leaders[0].first > heartbeat + app.config.leaderLockLease);
    QVERIFY(leaders[0].first <= heartbeat + app.config.leaderLockLease + kcl3::assignmentInterval(app));
    QVERIFY(leaders[0].second == 1 || leaders[0].second == 2);
    QCOMPARE(kcl3::liveLeader(app), static_cast<int>(leaders[0].second));
    // Until then nobody assigned the dead leader's leases; the new leader did.
    for (const Event &e : events)
      if (e.type == EventType::LeaseTaken)
        QVERIFY(e.time >= leaders[0].first);
    for (const Lease &l : app.leases)
      QVERIFY(l.owner == 1 || l.owner == 2);
  }

  void aGracefulShutdownReleasesTheLock() {
    Scenario s = kinesisScenario(2, 400, 60 * kSecond);
    addApplication(s, 2);
    s.faults = {Fault{25 * kSecond, RemoveConsumer{"app", 0}}};
    Simulation sim(s);
    const std::vector<Event> events = runWithEvents(sim);
    SimTime reelected = -1;
    for (const Event &e : events)
      if (e.type == EventType::KclLeaderChanged && e.a == 1)
        reelected = e.time;
    QVERIFY(reelected > 25 * kSecond);
    QVERIFY(reelected <= 25 * kSecond + kcl3::assignmentInterval(sim.world().kinesis.apps[0]));
    for (const Lease &l : sim.world().kinesis.apps[0].leases)
      QCOMPARE(l.owner, 1);
  }

  void freeLeasesGoToTheLeastLoadedWorker() {
    // One hot shard and three cold ones: by load, not by count.
    World w = worldWithLeases(2, {3000, 1000, 1000, 1000}, -1);
    kcl3::assignmentRun(w, 0, 0);
    const Application &app = w.kinesis.apps[0];
    QCOMPARE(owners(app), (std::vector<int>{0, 1, 1, 1}));
    QCOMPARE(kcl3::workerLoad(app, 0), kcl3::workerLoad(app, 1));
    QCOMPARE(app.leaseMoves, std::int64_t{0}); // a first owner is not a move
  }

  void rebalancingMovesTheDampenedExcess() {
    // Worker 0 carries 10 x 1000 B/s, worker 1 nothing: the average is 5000, the excess 5000.
    const std::vector<std::int64_t> tenEqual(10, 1000);
    for (const auto &[dampening, moved] : {std::pair{50, 2}, std::pair{80, 3}, std::pair{100, 4}}) {
      World w = worldWithLeases(2, tenEqual, 0, 10, dampening);
      w.kinesis.apps[0].leaderRuns = 2; // this run is the third: it balances
      kcl3::assignmentRun(w, 0, 0);
      QCOMPARE(handoffs(w.kinesis.apps[0]), moved);
    }
    // Balancing runs on every third assignment run only.
    World w = worldWithLeases(2, tenEqual, 0);
    w.kinesis.apps[0].leaderRuns = 0; // this run is the first
    kcl3::assignmentRun(w, 0, 0);
    QCOMPARE(handoffs(w.kinesis.apps[0]), 0);
  }

  void withinTheThresholdNothingMoves() {
    // Loads 4000 and 1000 (lease 4 on worker 1): average 2500.
    for (const auto &[threshold, moved] : {std::pair{10, 1}, std::pair{70, 0}}) {
      World w = worldWithLeases(2, {1000, 1000, 1000, 1000, 1000}, 0, threshold);
      w.kinesis.apps[0].leases[4].owner = 1;
      w.kinesis.apps[0].leaderRuns = 2;
      kcl3::assignmentRun(w, 0, 0);
      QCOMPARE(handoffs(w.kinesis.apps[0]), moved);
    }
  }

  void aGracefulHandoffRedeliversNothing() {
    Simulation sim(joinScenario(3));
    const std::vector<Event> events = runWithEvents(sim);
    const Application &app = sim.world().kinesis.apps[0];
    int graceful = 0;
    for (const Event &e : events)
      graceful += e.type == EventType::LeaseTaken && e.sub == 2 ? 1 : 0;
    QVERIFY(graceful >= 1);
    QCOMPARE(app.leaseMoves, static_cast<std::int64_t>(graceful));
    QCOMPARE(app.duplicates, std::int64_t{0});
    QVERIFY(kcl3::workerLoad(app, 1) > 0); // the newcomer carries load
    const Report r = makeReport(sim.world());
    QCOMPARE(r.applications[0].redelivered, std::int64_t{0});
    QCOMPARE(r.applications[0].consumed, r.acknowledged);
  }

  void aCrashRedeliversSinceTheCheckpoint() {
    Scenario s = kinesisScenario(4, 800, 90 * kSecond);
    addApplication(s, 2);
    s.applications[0].checkpointInterval = 10 * kSecond;
    s.faults = {Fault{53 * kSecond, KillConsumer{"app", 1}}};
    Simulation sim(s);
    sim.runUntil(53 * kSecond - 1);
    // What worker 1 processed after its last checkpoint is what must come again.
    std::int64_t uncheckpointed = 0;
    const World &before = sim.world();
    for (const Lease &l : before.kinesis.apps[0].leases) {
      if (l.owner != 1 || !l.processedAny)
        continue;
      const Shard &sh = before.kinesis.shardAt(l.shard);
      const std::uint64_t from = l.checkpoint == CheckpointKind::Sequence ? l.checkpointCounter : 0;
      const bool fromStart = l.checkpoint != CheckpointKind::Sequence;
      uncheckpointed += static_cast<std::int64_t>(sh.firstAt(l.processedCounter, false) - sh.firstAt(from, fromStart));
    }
    QVERIFY(uncheckpointed > 0);
    const std::int64_t movesBefore = before.kinesis.apps[0].leaseMoves;
    const std::vector<Event> events = runWithEvents(sim);
    const Application &app = sim.world().kinesis.apps[0];
    QCOMPARE(app.duplicates, uncheckpointed);
    SimTime takenAt = -1;
    for (const Event &e : events)
      if (e.type == EventType::LeaseTaken && takenAt < 0)
        takenAt = e.time;
    QVERIFY(takenAt >= 53 * kSecond + app.config.failoverTime - app.config.failoverTime / 3);
    for (const Lease &l : app.leases)
      QCOMPARE(l.owner, 0);
    QVERIFY(app.leaseMoves > movesBefore);
  }

  void kcl2KeepsItsLeaseTakerAndStealing() {
    Simulation sim(joinScenario(2));
    const std::vector<Event> events = runWithEvents(sim);
    const Application &app = sim.world().kinesis.apps[0];
    int stolen = 0;
    for (const Event &e : events) {
      QVERIFY(e.type != EventType::KclLeaderChanged && e.type != EventType::LeaseHandoffRequested);
      stolen += e.type == EventType::LeaseTaken && e.sub == 1 ? 1 : 0;
    }
    QCOMPARE(stolen, 2); // one lease per taker run until the newcomer has its fair share
    QCOMPARE(app.leaseMoves, std::int64_t{2});
    QVERIFY(app.duplicates > 0); // a stolen lease's uncheckpointed records come again
    QCOMPARE(app.leader, -1);
    QCOMPARE(makeReport(sim.world()).applications[0].leader, -1);
  }

  void onlyOwnersProcessUnderChurn() {
    // The invariant checker's lease checks over a churning KCL 3 run.
    Scenario s = kinesisScenario(4, 800, 150 * kSecond);
    s.producers[0].count = 800 * 60;
    addApplication(s, 3);
    s.faults = {Fault{15 * kSecond, AddConsumer{"app"}}, Fault{30 * kSecond, RemoveConsumer{"app", 1}}, Fault{45 * kSecond, KillConsumer{"app", 2}},
                Fault{50 * kSecond, AddConsumer{"app"}}};
    const streamscope::engine::check::CheckedRun run = streamscope::engine::check::checkRun({s, false, 60 * kSecond});
    QVERIFY2(run.violations.empty(), run.violations.empty() ? "" : run.violations.front().c_str());
  }
};

QTEST_APPLESS_MAIN(TstKcl3Leases)
#include "tst_kcl3_leases.moc"
