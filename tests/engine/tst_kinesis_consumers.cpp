// KCL-style applications: leases, checkpoints, failover, parents before children, fan-out.
#include "small_scenarios.h"

#include "engine/kinesis/kcl_application.h"

#include <QtTest>

using namespace streamscope::test;
using namespace streamscope::engine::kinesis;

class TstKinesisConsumers : public QObject {
  Q_OBJECT
private slots:
  void everyAcknowledgedRecordIsProcessed() {
    Scenario s = kinesisScenario(4, 1000, 50 * kSecond);
    addApplication(s, 2);
    Simulation sim(s);
    sim.runToEnd();
    const World &w = sim.world();
    const Application &app = w.kinesis.apps[0];
    for (std::size_t id = 0; id < w.kinesis.records.size(); ++id)
      if (w.kinesis.records[id].has(RecordInfo::Acked) && w.kinesis.records[id].ackedAt < 45 * kSecond)
        QVERIFY(id < app.deliveries.size() && app.deliveries[id] > 0);
    // One owner per lease; lease stealing (one per taker pass) has balanced them.
    std::vector<int> owned(2, 0);
    for (const Lease &l : app.leases)
      if (l.owner >= 0)
        ++owned[static_cast<std::size_t>(l.owner)];
    QCOMPARE(owned, (std::vector<int>{2, 2}));
  }

  void rewritingCheckpointsDoesNotMoveRunningWorkers() {
    // The KCL has no seek: the rewrite is only in the lease table, and the owner's next
    // checkpoint overwrites it.
    Scenario s = kinesisScenario(2, 400, 20 * kSecond);
    addApplication(s, 1);
    s.applications[0].checkpointInterval = 1 * kSecond;
    s.faults = {Fault{10 * kSecond, Seek{"app", ApplicationPosition{-1, IteratorType::TrimHorizon, {}, 0}}}};
    Simulation sim(s);
    sim.runUntil(10 * kSecond + 1);
    QCOMPARE(checkpointText(sim.world(), 0, 0), std::string("TRIM_HORIZON"));
    sim.runToEnd();
    const Application &app = sim.world().kinesis.apps[0];
    QCOMPARE(app.duplicates, std::int64_t{0});
    for (const Lease &l : app.leases)
      QCOMPARE(l.checkpoint, CheckpointKind::Sequence);
  }

  void theNextOwnerStartsAtTheRewrittenCheckpoint() {
    // The operator's way: stop the workers (they checkpoint and release their leases),
    // rewrite the checkpoints, start workers again; they take the leases and read from there.
    Scenario s = kinesisScenario(2, 400, 20 * kSecond);
    addApplication(s, 1);
    s.faults = {Fault{10 * kSecond, RemoveConsumer{"app", 0}},
                Fault{10 * kSecond, Seek{"app", ApplicationPosition{-1, IteratorType::TrimHorizon, {}, 0}}}, Fault{10 * kSecond, AddConsumer{"app"}}};
    Simulation sim(s);
    sim.runUntil(10 * kSecond - 1);
    const std::int64_t consumedBefore = sim.world().kinesis.apps[0].consumed;
    QVERIFY(consumedBefore > 3000);
    sim.runToEnd();
    const Application &app = sim.world().kinesis.apps[0];
    QVERIFY(app.duplicates >= consumedBefore - 100); // the first ten seconds were read again
    for (const Lease &l : app.leases)
      QCOMPARE(l.owner, 1);
  }

  void failoverResumesFromTheCheckpointAndCountsRedelivery() {
    Scenario s = kinesisScenario(2, 600, 60 * kSecond);
    addApplication(s, 2);
    s.applications[0].checkpointInterval = 10 * kSecond;
    s.applications[0].kclVersion = 2; // KCL 2's lease taker; KCL 3 failover: tst_kcl3_leases
    s.faults = {Fault{33 * kSecond, KillConsumer{"app", 0}}};
    Simulation sim(s);
    sim.runUntil(33 * kSecond - 1);
    std::vector<std::uint64_t> checkpointAtKill;
    for (const Lease &l : sim.world().kinesis.apps[0].leases)
      checkpointAtKill.push_back(l.checkpointCounter);
    std::vector<Event> events;
    sim.setEventSink(&events);
    sim.runToEnd();
    const World &w = sim.world();
    const Application &app = w.kinesis.apps[0];
    for (const Lease &l : app.leases)
      QCOMPARE(l.owner, 1); // the survivor took every lease
    // The takeover waited for the lease to expire (failover time), not less.
    SimTime takenAt = -1;
    for (const Event &e : events)
      if (e.type == EventType::LeaseTaken && e.a == 1 && takenAt < 0)
        takenAt = e.time;
    QVERIFY(takenAt >= 33 * kSecond + s.applications[0].failoverTime - 4 * kSecond);
    QVERIFY2(app.duplicates > 0, "records processed after the last checkpoint come again");
    std::int64_t counted = 0;
    for (std::uint8_t times : app.deliveries)
      counted += times > 1 ? times - 1 : 0;
    QCOMPARE(app.duplicates, counted);
    for (std::size_t id = 0; id < w.kinesis.records.size(); ++id)
      if (w.kinesis.records[id].has(RecordInfo::Acked) && w.kinesis.records[id].ackedAt < 50 * kSecond)
        QVERIFY(app.deliveries[id] > 0);
  }

  void gracefulShutdownCheckpointsSoNothingRepeats() {
    Scenario s = kinesisScenario(2, 600, 40 * kSecond);
    addApplication(s, 2);
    s.applications[0].checkpointInterval = 0; // after every batch
    s.faults = {Fault{25 * kSecond, RemoveConsumer{"app", 0}}};
    const Report r = runToEnd(s);
    QCOMPARE(r.applications[0].workers, 1);
    const std::int64_t startupSteals = r.applications[0].duplicates; // the second worker stole from the first at start
    QVERIFY(startupSteals < 200);
  }

  void childrenWaitForTheirParents() {
    Scenario s = kinesisScenario(1, 500, 60 * kSecond); // the split completes at 20 s; the lease taker runs every 20 s
    addApplication(s, 1);
    s.faults = {Fault{10 * kSecond, SplitShard{"s", 0, "170141183460469231731687303715884105728"}}};
    Simulation sim(s);
    std::vector<Event> events;
    sim.setEventSink(&events);
    sim.runToEnd();
    SimTime parentEnd = -1, firstChildRead = -1;
    for (const Event &e : events) {
      if (e.type == EventType::Checkpointed && e.partition == 0 && e.sub == 1)
        parentEnd = e.time;
      if (e.type == EventType::RecordsRead && e.partition > 0 && e.a > 0 && firstChildRead < 0)
        firstChildRead = e.time;
    }
    QVERIFY(parentEnd > 10 * kSecond);
    QVERIFY(firstChildRead > parentEnd);
    const World &w = sim.world();
    QCOMPARE(checkpointText(w, 0, 0), std::string("SHARD_END"));
    // Per key order survives: a key's records are processed in sequence order across the split.
    const Report r = makeReport(w);
    QVERIFY(r.consumed >= r.acknowledged - 1000);
  }

  void enhancedFanOutHasItsOwnThroughput() {
    // Three polling applications share 5 calls/s per shard; three fan-out ones do not.
    Scenario polling = kinesisScenario(1, 200, 20 * kSecond);
    for (int i = 0; i < 3; ++i) {
      addApplication(polling, 1);
      polling.applications.back().application = "app" + std::to_string(i);
      polling.applications.back().idleTimeBetweenReads = 100 * kMillisecond;
    }
    Scenario fanOut = polling;
    for (KinesisAppConfig &a : fanOut.applications)
      a.enhancedFanOut = true;
    const Report p = runToEnd(polling), f = runToEnd(fanOut);
    QVERIFY(p.shards[0].throttledReads > 0);
    QCOMPARE(f.shards[0].throttledReads, 0);
    for (const ApplicationReport &a : f.applications)
      QVERIFY(a.consumed >= f.acknowledged - 400);
  }
};

QTEST_APPLESS_MAIN(TstKinesisConsumers)
#include "tst_kinesis_consumers.moc"
