// The broker's log flusher: a topic's flush.ms is only looked at when the flusher runs, every
// log.flush.scheduler.interval.ms (LogManager.flushDirtyLogs); flush.messages is checked on
// every append and needs no scheduler.
#include "small_scenarios.h"

#include "engine/world/kafka/replica_log.h"

#include <QtTest>

#include <vector>

using namespace streamscope::test;
using namespace streamscope::engine::kafka;

namespace {

/// One broker, one partition, acks=1 at 100 records/s; the OS never writes back during the
/// run, so every flush seen comes from Kafka itself.
Scenario quietDisk(SimTime duration = 10 * kSecond) {
  Scenario s = kafkaScenario(1, 1, 1, 1, Acks::Leader, 100, duration);
  s.kafka->dirtyExpire = 600 * kSecond;
  return s;
}

/// When broker 0 flushed partition 0, in whole milliseconds.
std::vector<std::int64_t> flushTimesMs(const Scenario &s) {
  std::vector<Event> events;
  Simulation sim(s);
  sim.setEventSink(&events);
  sim.runToEnd();
  std::vector<std::int64_t> times;
  for (const Event &e : events)
    if (e.type == EventType::Flushed && e.node == 0 && e.partition == 0)
      times.push_back(e.time / kMillisecond);
  return times;
}

} // namespace

class TstLogFlusher : public QObject {
  Q_OBJECT
private slots:
  void flushMsWithoutTheSchedulerNeverFlushes() {
    Scenario s = quietDisk();
    s.kafka->topics[0].flushInterval = 200 * kMillisecond; // log.flush.scheduler.interval.ms stays at Long.MAX_VALUE
    QVERIFY(flushTimesMs(s).empty());
    Simulation sim(s);
    sim.runToEnd();
    const ReplicaLog &log = sim.world().kafka.partitions[0].logOf(0);
    QVERIFY(log.leo() > 900);
    QCOMPARE(log.flushed(), 0);
  }

  void theSchedulerFlushesWhenFlushMsHasPassed() {
    Scenario s = quietDisk();
    s.kafka->logFlushSchedulerInterval = 1000 * kMillisecond;
    s.kafka->topics[0].flushInterval = 2500 * kMillisecond;
    // Checks at 1 s, 2 s, 3 s...: the first one at least 2.5 s after the last flush wins.
    QCOMPARE(flushTimesMs(s), (std::vector<std::int64_t>{3000, 6000, 9000}));
  }

  void withoutFlushMsATopicInheritsTheSchedulerInterval() {
    Scenario s = quietDisk(4500 * kMillisecond);
    s.kafka->logFlushSchedulerInterval = 1000 * kMillisecond; // log.flush.interval.ms defaults to it
    QCOMPARE(flushTimesMs(s), (std::vector<std::int64_t>{1000, 2000, 3000, 4000}));
  }

  void theBrokerDefaultForFlushMsComesBeforeTheSchedulerInterval() {
    Scenario s = quietDisk();
    s.kafka->logFlushSchedulerInterval = 1000 * kMillisecond;
    s.kafka->logFlushInterval = 2500 * kMillisecond; // log.flush.interval.ms
    QCOMPARE(flushTimesMs(s), (std::vector<std::int64_t>{3000, 6000, 9000}));
    s.kafka->topics[0].flushInterval = 4000 * kMillisecond; // the topic's own flush.ms wins
    QCOMPARE(flushTimesMs(s), (std::vector<std::int64_t>{4000, 8000}));
  }

  void aFlushedLogSurvivesPowerLossUpToTheLastFlush() {
    Scenario s = quietDisk();
    s.kafka->logFlushSchedulerInterval = 1000 * kMillisecond;
    s.kafka->topics[0].flushInterval = 1000 * kMillisecond;
    s.faults.push_back(brokerFault(5500 * kMillisecond, FaultAction::PowerLoss, 0));
    Simulation sim(s);
    sim.runUntil(5500 * kMillisecond - 1);
    const Offset flushed = sim.world().kafka.partitions[0].logOf(0).flushed();
    QVERIFY(flushed > 400);
    sim.runUntil(5500 * kMillisecond + 1);
    QCOMPARE(sim.world().kafka.partitions[0].logOf(0).leo(), flushed); // the last half second is gone
  }

  void flushMessagesAloneStillFlushes() {
    Scenario s = quietDisk();
    s.kafka->topics[0].flushIntervalMessages = 10; // checked on append, no scheduler needed
    Simulation sim(s);
    sim.runToEnd();
    const ReplicaLog &log = sim.world().kafka.partitions[0].logOf(0);
    QVERIFY(log.flushed() > 900);
    QVERIFY(log.leo() - log.flushed() < 10);
  }
};

QTEST_APPLESS_MAIN(TstLogFlusher)
#include "tst_log_flusher.moc"
