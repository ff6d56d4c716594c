// Reading under Kinesis's limits: polling applications share a shard's 5 GetRecords calls/s
// and 2 MiB/s and slow each other; enhanced fan-out consumers each get their own pipe, renew
// their SubscribeToShard subscription every 5 minutes, and a stream admits 20 of them.
#include "small_scenarios.h"

#include "engine/kinesis/fan_out.h"
#include "engine/kinesis/polling_backoff.h"

#include <QtTest>

using namespace streamscope::test;
using namespace streamscope::engine::kinesis;

namespace {

/// One shard written at 0.86 MiB/s (900 records of 1,000 bytes a second): each reader needs that.
Scenario readers(int count, bool fanOut, SimTime duration = 60 * kSecond) {
  Scenario s = kinesisScenario(1, 900, duration);
  s.producers[0].recordBytes = 1000;
  for (int i = 0; i < count; ++i) {
    addApplication(s, 1);
    s.applications.back().application = "reader-" + std::to_string(i + 1);
    s.applications.back().enhancedFanOut = fanOut;
  }
  return s;
}

std::int64_t readThrottled(const Report &r) {
  std::int64_t total = 0;
  for (const ApplicationReport &a : r.applications)
    total += a.throttled;
  return total;
}

} // namespace

class TstKinesisReadLimits : public QObject {
  Q_OBJECT
private slots:
  void pollingApplicationsShareTheShardsReadLimits() {
    const Report two = runToEnd(readers(2, false)), three = runToEnd(readers(3, false));
    // Two readers take 1.7 MiB/s of the shard's 2 MiB/s; three would need 2.6 MiB/s.
    QCOMPARE(two.readThrottled, std::int64_t{0});
    QVERIFY(three.readThrottled > 0);
    QCOMPARE(three.shards[0].throttledReads, three.readThrottled);
    QCOMPARE(readThrottled(three), three.readThrottled); // every refusal is some application's
    // Read throttles are reported apart from write throttles.
    QCOMPARE(three.throttled, std::int64_t{0});
    // Records not yet read at the end: about one idle time's worth with two readers, many
    // seconds' worth with three (together they read no more than 2 MiB/s).
    std::int64_t behindTwo = 0, behindThree = 0, readThree = 0;
    for (const ApplicationReport &a : two.applications)
      behindTwo = std::max(behindTwo, two.acknowledged - a.consumed);
    for (const ApplicationReport &a : three.applications) {
      behindThree = std::max(behindThree, three.acknowledged - a.consumed);
      readThree += a.consumed;
    }
    QVERIFY2(behindTwo < 1500 && behindThree > 5000, qPrintable(QStringLiteral("behind %1 vs %2").arg(behindTwo).arg(behindThree)));
    QVERIFY(readThree * 1000.0 < 2.1 * kReadBytesPerSecond * 60);
  }

  void lagGrowsWhileReadersSlowEachOther() {
    // The MillisBehindLatest of successful GetRecords responses, early and late in the run.
    Simulation sim(readers(3, false));
    std::vector<Event> events;
    sim.setEventSink(&events);
    sim.runToEnd();
    std::int64_t early = 0, late = 0;
    for (const Event &e : events) {
      if (e.type != EventType::RecordsRead || e.sub != static_cast<std::uint8_t>(ReadError::None))
        continue;
      if (e.time < 15 * kSecond)
        early = std::max(early, e.b);
      if (e.time >= 45 * kSecond)
        late = std::max(late, e.b);
    }
    QVERIFY2(late > early + 3000, qPrintable(QStringLiteral("%1 then %2").arg(early).arg(late)));
  }

  void fanOutConsumersDoNotShareThePollingLimits() {
    const Report r = runToEnd(readers(3, true));
    QCOMPARE(r.readThrottled, std::int64_t{0});
    QCOMPARE(r.shards[0].throttledReads, std::int64_t{0});
    for (const ApplicationReport &a : r.applications) {
      QVERIFY(a.consumed >= r.acknowledged - 900);
      QVERIFY(a.millisBehindLatest < 1000);
      QCOMPARE(a.subscribeCalls, std::int64_t{1});
    }
  }

  void aThrottledCallIsRetriedWithBackOffThenAfterTheIdleTime() {
    Simulation sim(readers(1, false, kSecond));
    World w = sim.snapshot();
    w.now = 11 * kSecond;
    Application app;
    app.config.idleTimeBetweenReads = 1000 * kMillisecond;
    Lease l;
    l.lastReadSuccessAt = 10 * kSecond;
    QCOMPARE(nextPollDelay(w, app, l), 1000 * kMillisecond); // after a success: the idle time
    const auto within = [&](SimTime lo, SimTime hi) {
      const SimTime d = nextPollDelay(w, app, l);
      return d >= lo && d <= hi;
    };
    l.consecutiveReadThrottles = 1; // the SDK retries after 250-500 ms, then 500-1000 ms
    QVERIFY(within(250 * kMillisecond, 500 * kMillisecond));
    l.consecutiveReadThrottles = 2;
    QVERIFY(within(500 * kMillisecond, 1000 * kMillisecond));
    l.consecutiveReadThrottles = 3; // the SDK gave up; the idle time has passed: call at once
    QCOMPARE(nextPollDelay(w, app, l), SimTime{0});
    w.now = 10200 * kMillisecond; // not yet: the KCL waits out its idle time
    QCOMPARE(nextPollDelay(w, app, l), 800 * kMillisecond);
    l.consecutiveReadThrottles = 4; // a new SDK call starts over
    QVERIFY(within(250 * kMillisecond, 500 * kMillisecond));
  }

  void aSubscriptionLastsFiveMinutesAndIsRenewed() {
    Simulation sim(readers(2, true, 11 * 60 * kSecond));
    std::vector<Event> events;
    sim.setEventSink(&events);
    sim.runUntil(kSubscriptionLifetime - kSecond);
    for (const Application &a : sim.world().kinesis.apps)
      QCOMPARE(a.subscribeCalls, std::int64_t{1});
    sim.runToEnd();
    const World &w = sim.world();
    int ends = 0;
    for (const Event &e : events)
      ends += e.type == EventType::SubscriptionChanged && e.sub == static_cast<std::uint8_t>(SubscriptionChange::Ended) ? 1 : 0;
    for (const Application &a : w.kinesis.apps) {
      // Subscribed at about 0, 5 and 10 minutes: two renewals, nothing refused, nothing skipped.
      QCOMPARE(a.subscriptionsEnded, std::int64_t{2});
      QCOMPARE(a.subscribeCalls, std::int64_t{3});
      QCOMPARE(a.subscribeRefused, std::int64_t{0});
      QCOMPARE(a.duplicates, std::int64_t{0});
      QVERIFY(a.consumed >= w.kinesis.counters.acknowledged - 900);
    }
    QCOMPARE(ends, 4);
  }

  void aSecondSubscribeWithinASecondIsRefused() {
    Simulation sim(readers(1, true, 10 * kSecond));
    sim.runUntil(5 * kSecond);
    World w = sim.snapshot();
    Lease &l = w.kinesis.apps[0].leases[0];
    l.subscribed = false;
    l.lastSubscribeCall = w.now - 500 * kMillisecond; // a call half a second ago
    QVERIFY(subscribeToShard(w, 0, 0) == SubscribeResult::Refused);
    l.lastSubscribeCall = w.now - 2 * kSecond;
    l.lastSubscribeSuccess = w.now - 2 * kSecond; // a subscription 2 s old is still in use
    QVERIFY(subscribeToShard(w, 0, 0) == SubscribeResult::Refused);
    l.lastSubscribeCall = l.lastSubscribeSuccess = w.now - 6 * kSecond;
    QVERIFY(subscribeToShard(w, 0, 0) == SubscribeResult::Subscribed);
    QCOMPARE(w.kinesis.apps[0].subscribeRefused, std::int64_t{2});
  }

  void theTwentyFirstConsumerIsRefused() {
    const Scenario s = readers(21, true, 10 * kSecond);
    Simulation sim(s);
    sim.runToEnd();
    const Report r = makeReport(sim.world());
    QCOMPARE(r.applications.size(), std::size_t{21});
    for (int i = 0; i < 20; ++i) {
      QVERIFY(r.applications[static_cast<std::size_t>(i)].registrationError.empty());
      QVERIFY(r.applications[static_cast<std::size_t>(i)].consumed > 0);
    }
    const ApplicationReport &refused = r.applications[20];
    QCOMPARE(refused.registrationError, std::string(kConsumerLimitError));
    QVERIFY(refused.registrationError.starts_with("LimitExceededException"));
    QCOMPARE(refused.consumed, std::int64_t{0});
    QCOMPARE(refused.workers, 0);
    QCOMPARE(refused.subscribeCalls, std::int64_t{0});
    QCOMPARE(r.readThrottled, std::int64_t{0});
    // A polling application on the same stream is no registered consumer: it is not refused.
    Scenario mixed = s;
    mixed.applications[20].enhancedFanOut = false;
    const Report m = runToEnd(mixed);
    QVERIFY(m.applications[20].registrationError.empty());
    QVERIFY(m.applications[20].consumed > 0);
  }

  void aRefusedConsumersNewWorkersDoNotStartEither() {
    Scenario s = readers(21, true, 10 * kSecond);
    s.faults = {Fault{2 * kSecond, AddConsumer{"reader-21"}}};
    const Report r = runToEnd(s);
    QCOMPARE(r.applications[20].workers, 0);
    QCOMPARE(r.applications[20].consumed, std::int64_t{0});
  }

  void subscriptionStateIsPartOfASnapshot() {
    const Scenario s = readers(2, true, 8 * 60 * kSecond);
    const Report original = runToEnd(s);
    Simulation sim(s);
    sim.runUntil(4 * 60 * kSecond);
    const World snap = sim.snapshot();
    Simulation other(s);
    other.restore(snap);
    other.runToEnd();
    QCOMPARE(makeReport(other.world()).eventHash, original.eventHash);
    QCOMPARE(other.world().kinesis.apps[0].subscribeCalls, std::int64_t{2});
  }
};

QTEST_APPLESS_MAIN(TstKinesisReadLimits)
#include "tst_kinesis_read_limits.moc"
