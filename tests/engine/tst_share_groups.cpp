// Share groups (KIP-932): the record state machine (acquire, accept, release, reject, lock
// expiry, delivery limit), members sharing partitions, a member's crash and graceful leave,
// ordering, the invariants, determinism and snapshots.
#include "small_scenarios.h"

#include "engine/check/invariant_checker.h"

#include <QtTest>

using namespace streamscope::test;
using namespace streamscope::engine::kafka;
using streamscope::engine::check::InvariantChecker;

namespace {

/// Topic "t" (2 partitions, RF 3) fed by "p" at `rate` records/s, `count` records in all.
Scenario shareScenario(double rate, std::int64_t count, SimTime duration) {
  Scenario s = kafkaScenario(3, 2, 3, 2, Acks::All, rate, duration);
  s.producers[0].count = count;
  return s;
}

/// Share group "sg" on "t" (from the earliest offset).
ShareConsumerConfig &addShare(Scenario &s, int members) {
  ScenarioBuilder b(std::move(s));
  b.shareConsumer("sg", "t", members, OffsetReset::Earliest);
  s = b.build();
  return s.shareConsumers.back();
}

const ShareGroup &group(const Simulation &sim) { return sim.world().kafka.shareGroups[0]; }

/// Runs to the end with the invariant checker after every step.
std::vector<std::string> checkedRun(Simulation &sim) {
  InvariantChecker checker;
  while (sim.step())
    checker.afterStep(sim.world(), {});
  return checker.violations();
}

std::string joined(const std::vector<std::string> &v) {
  std::string out;
  for (const std::string &s : v)
    out += s + "\n";
  return out;
}

/// Two members holding records a few seconds into a run.
Scenario holdingScenario() {
  Scenario s = shareScenario(100, -1, 30 * kSecond);
  ShareConsumerConfig &c = addShare(s, 2);
  c.processing = 200 * kMillisecond;
  c.maxPollRecords = 5;
  return s;
}

struct Holding {
  Simulation sim{holdingScenario()};
  Holding() { sim.runUntil(5 * kSecond); }
};

} // namespace

class TstShareGroups : public QObject {
  Q_OBJECT
private slots:
  void everyMemberReadsEveryPartitionAndEachRecordIsAcceptedOnce() {
    Scenario s = shareScenario(200, 1000, 30 * kSecond);
    addShare(s, 3).processing = 2 * kMillisecond;
    Simulation sim(s);
    const std::vector<std::string> violations = checkedRun(sim);
    QVERIFY2(violations.empty(), joined(violations).c_str());
    const ShareGroup &g = group(sim);
    QCOMPARE(g.acknowledged, 1000);
    QCOMPARE(g.delivered, 1000);
    QCOMPARE(g.redelivered, 0);
    QCOMPARE(g.archived, 0);
    for (const ShareMember &m : g.members)
      QVERIFY(m.acquired > 0); // three members on two partitions: nobody idles
    const Report r = makeReport(sim.world());
    for (const SharePartitionReport &p : r.shareGroups[0].partitions) { // everything finished: SPSO caught up with the log
      QCOMPARE(p.spso, p.speo);
      QCOMPARE(p.spso, r.partitions[static_cast<std::size_t>(p.partition)].highWatermark);
    }
  }

  void rejectArchivesAtOnce() {
    Scenario s = shareScenario(100, 200, 20 * kSecond);
    addShare(s, 1).rejectRatio = 1;
    Simulation sim(s);
    sim.runToEnd();
    const ShareGroup &g = group(sim);
    QCOMPARE(g.rejected, 200);
    QCOMPARE(g.archived, 200);
    QCOMPARE(g.redelivered, 0);
    QCOMPARE(g.acknowledged, 0);
  }

  void releaseRedeliversUntilTheDeliveryLimitThenArchives() {
    Scenario s = shareScenario(100, 200, 20 * kSecond);
    ShareConsumerConfig &c = addShare(s, 2);
    c.releaseRatio = 1;
    c.deliveryCountLimit = 3;
    Simulation sim(s);
    const std::vector<std::string> violations = checkedRun(sim);
    QVERIFY2(violations.empty(), joined(violations).c_str());
    const ShareGroup &g = group(sim);
    QCOMPARE(g.archived, 200);
    QCOMPARE(g.delivered, 600); // three deliveries each, never a fourth
    QCOMPARE(g.redelivered, 400);
    QCOMPARE(g.released, 600);
  }

  void mixedVerdictsAddUp() {
    Scenario s = shareScenario(200, 2000, 40 * kSecond);
    ShareConsumerConfig &c = addShare(s, 2);
    c.rejectRatio = 0.1;
    c.releaseRatio = 0.2;
    Simulation sim(s);
    sim.runToEnd();
    const ShareGroup &g = group(sim);
    QVERIFY(g.rejected > 100 && g.released > 200);
    QCOMPARE(g.acknowledged + g.archived, 2000); // every record finished one way or the other
    QCOMPARE(g.delivered, g.acknowledged + g.released + g.rejected);
    QCOMPARE(g.redelivered, g.released - (g.archived - g.rejected)); // a release at the limit archives instead
  }

  void aCrashedMembersRecordsComeBackWhenTheirLocksExpire() {
    Scenario s = shareScenario(100, -1, 60 * kSecond);
    ShareConsumerConfig &c = addShare(s, 2);
    c.processing = 100 * kMillisecond;
    c.maxPollRecords = 20;
    s.faults.push_back(Fault{10 * kSecond, KillConsumer{"sg", 0}});
    Simulation sim(s);
    sim.runUntil(10 * kSecond);
    auto heldBy = [&](int member) {
      int n = 0;
      for (const SharePartition &sp : group(sim).parts)
        for (const ShareRecord &r : sp.window)
          n += r.state == ShareRecordState::Acquired && r.member == member ? 1 : 0;
      return n;
    };
    const int held = heldBy(0);
    QVERIFY(held > 0);
    sim.runUntil(30 * kSecond); // every lock runs 30 s from its acquisition (after 0 s): none has expired
    QCOMPARE(group(sim).lockExpired, 0);
    QCOMPARE(heldBy(0), held);
    sim.runUntil(41 * kSecond);
    QCOMPARE(heldBy(0), 0);
    QVERIFY(group(sim).lockExpired >= held);
    QVERIFY(group(sim).redelivered > 0); // the survivor got them
    QCOMPARE(group(sim).lateAcks, 0);
  }

  void aGracefulLeaveReleasesWithoutWaitingForTheLock() {
    Holding holding;
    Simulation &sim = holding.sim;
    const std::int64_t releasedBefore = group(sim).released;
    sim.applyFault(Fault{sim.now(), RemoveConsumer{"sg", 0}});
    sim.runUntil(sim.now() + 1 * kSecond);
    QVERIFY(group(sim).released > releasedBefore);
    QCOMPARE(group(sim).lockExpired, 0);
    QVERIFY(!group(sim).members[0].alive);
  }

  void aLeaderChangeDropsTheLocks() {
    Scenario s = shareScenario(100, -1, 30 * kSecond);
    ShareConsumerConfig &c = addShare(s, 2);
    c.processing = 200 * kMillisecond;
    c.maxPollRecords = 5;
    s.faults.push_back(Fault{5 * kSecond, CrashBroker{0}});
    Simulation sim(s);
    const std::vector<std::string> violations = checkedRun(sim);
    QVERIFY2(violations.empty(), joined(violations).c_str());
    const ShareGroup &g = group(sim);
    QVERIFY(g.parts[0].lockEpoch > 0 || g.parts[1].lockEpoch > 0);
    QVERIFY(g.redelivered > 0); // the new leader hands them out again, before any lock expires
    QCOMPARE(g.lockExpired, 0);
  }

  void recordsAreProcessedOutOfOffsetOrder() {
    Scenario s = shareScenario(200, 2000, 30 * kSecond);
    ShareConsumerConfig &c = addShare(s, 3);
    c.processing = 10 * kMillisecond;
    c.maxPollRecords = 10;
    Simulation sim(s);
    sim.runToEnd();
    QVERIFY(group(sim).outOfOrder > 0);
    Scenario single = shareScenario(200, 2000, 30 * kSecond);
    addShare(single, 1).processing = 1 * kMillisecond;
    Simulation one(single);
    one.runToEnd();
    QCOMPARE(group(one).outOfOrder, 0); // one member, no releases: offset order
  }

  void theInFlightWindowIsBounded() {
    Scenario s = shareScenario(500, -1, 20 * kSecond);
    ShareConsumerConfig &c = addShare(s, 1);
    c.maxRecordLocks = 100;
    c.processing = 50 * kMillisecond;
    c.maxPollRecords = 500;
    Simulation sim(s);
    const std::vector<std::string> violations = checkedRun(sim);
    QVERIFY2(violations.empty(), joined(violations).c_str());
    for (const SharePartition &sp : group(sim).parts)
      QVERIFY(sp.window.size() <= 100);
  }

  // --- the checker notices each broken promise ---
  void checkerNoticesTwoMembersHoldingOneRecord() {
    World w = Holding().sim.snapshot();
    ShareGroup &g = w.kafka.shareGroups[0];
    QVERIFY(!g.members[0].queue.empty());
    g.members[1].queue.push_back(g.members[0].queue.front()); // member 1 believes it holds member 0's records
    InvariantChecker checker;
    checker.afterStep(w, {});
    QVERIFY(!checker.ok());
    QVERIFY(joined(checker.violations()).find("at once") != std::string::npos);
  }

  void checkerNoticesADeliveryCountOverTheLimit() {
    World w = Holding().sim.snapshot();
    w.kafka.shareGroups[0].parts[0].window.front().deliveries = 6;
    InvariantChecker checker;
    checker.afterStep(w, {});
    QVERIFY(joined(checker.violations()).find("over the limit") != std::string::npos);
  }

  void checkerNoticesAnAcquiredRecordWithoutALock() {
    World w = Holding().sim.snapshot();
    bool changed = false;
    for (ShareRecord &r : w.kafka.shareGroups[0].parts[0].window)
      if (r.state == ShareRecordState::Acquired && !changed) {
        r.lockDeadline = 0;
        changed = true;
      }
    QVERIFY(changed);
    InvariantChecker checker;
    checker.afterStep(w, {});
    QVERIFY(joined(checker.violations()).find("without a live lock") != std::string::npos);
  }

  // --- determinism ---
  void sameScenarioSameEvents() {
    Scenario s = shareScenario(200, -1, 20 * kSecond);
    ShareConsumerConfig &c = addShare(s, 3);
    c.rejectRatio = 0.1;
    c.releaseRatio = 0.1;
    c.processing = 5 * kMillisecond;
    s.faults.push_back(Fault{8 * kSecond, KillConsumer{"sg", 1}});
    Simulation a(s), b(s);
    a.runToEnd();
    b.runToEnd();
    QCOMPARE(a.world().events.hash(), b.world().events.hash());
    QCOMPARE(group(a).archived, group(b).archived);
  }

  void aSnapshotReplaysIdentically() {
    Scenario s = shareScenario(200, -1, 40 * kSecond);
    ShareConsumerConfig &c = addShare(s, 2);
    c.releaseRatio = 0.3;
    c.processing = 20 * kMillisecond;
    s.faults.push_back(Fault{15 * kSecond, KillConsumer{"sg", 0}});
    Simulation sim(s);
    sim.runUntil(12 * kSecond);
    const World snap = sim.snapshot();
    sim.runToEnd();
    const auto hash = sim.world().events.hash();
    const ShareGroup first = group(sim);
    sim.restore(snap);
    sim.runToEnd();
    QCOMPARE(sim.world().events.hash(), hash);
    QCOMPARE(group(sim).redelivered, first.redelivered);
    QCOMPARE(group(sim).lockExpired, first.lockExpired);
    QCOMPARE(group(sim).parts[0].spso, first.parts[0].spso);
  }

  void withoutRatiosNothingIsDrawn() {
    // A member that accepts everything draws nothing: the run equals one whose member
    // has the ratios at 0 explicitly, and the generator's position is the same.
    Scenario s = shareScenario(100, 500, 10 * kSecond);
    addShare(s, 2);
    Scenario zero = s;
    zero.shareConsumers[0].rejectRatio = 0;
    zero.shareConsumers[0].releaseRatio = 0;
    Simulation a(s), b(zero);
    a.runToEnd();
    b.runToEnd();
    QCOMPARE(a.world().events.hash(), b.world().events.hash());
    Scenario drawing = s;
    drawing.shareConsumers[0].rejectRatio = 1e-9; // draws, and almost surely accepts
    Simulation c(drawing);
    c.runToEnd();
    QVERIFY(!(c.world().rng == a.world().rng));
  }
};

QTEST_APPLESS_MAIN(TstShareGroups)
#include "tst_share_groups.moc"
