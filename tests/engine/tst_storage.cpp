// Page cache versus disk, crash versus power loss, flush policies, retention and compaction.
#include "small_scenarios.h"

#include "engine/world/kafka/replica_log.h"

#include <QtTest>

#include <map>

using namespace streamscope::test;
using namespace streamscope::engine::kafka;

class TstStorage : public QObject {
  Q_OBJECT
private slots:
  void crashKeepsThePageCache() {
    Scenario s = kafkaScenario(1, 1, 1, 1, Acks::Leader, 200, 15 * kSecond);
    s.faults.push_back(brokerFault(5 * kSecond, FaultAction::CrashBroker, 0));
    s.faults.push_back(brokerFault(6 * kSecond, FaultAction::RestartBroker, 0));
    Simulation sim(s);
    sim.runUntil(5 * kSecond);
    const Offset before = sim.world().kafka.partitions[0].logOf(0).leo();
    QCOMPARE(sim.world().kafka.partitions[0].logOf(0).flushed(), 0); // nothing on disk yet
    sim.runUntil(7 * kSecond);
    QVERIFY(sim.world().kafka.partitions[0].logOf(0).leo() >= before);
    sim.runToEnd();
    QCOMPARE(makeReport(sim.world()).acknowledgedLost, 0);
  }

  void powerLossDropsUnflushedRecords() {
    Scenario s = kafkaScenario(1, 1, 1, 1, Acks::Leader, 200, 15 * kSecond);
    s.faults.push_back(brokerFault(5 * kSecond, FaultAction::PowerLoss, 0));
    s.faults.push_back(brokerFault(6 * kSecond, FaultAction::RestartBroker, 0));
    Simulation sim(s);
    sim.runUntil(5 * kSecond + 1);
    QCOMPARE(sim.world().kafka.partitions[0].logOf(0).leo(), 0); // write-back had not run yet
    sim.runToEnd();
    const Report r = makeReport(sim.world());
    QVERIFY(r.acknowledgedLost >= 900); // ~5 s x 200 records/s
  }

  void flushEveryMessagePreventsTheLoss() {
    Scenario s = kafkaScenario(1, 1, 1, 1, Acks::Leader, 200, 15 * kSecond);
    s.kafka->topics[0].flushIntervalMessages = 1;
    s.faults.push_back(brokerFault(5 * kSecond, FaultAction::PowerLoss, 0));
    s.faults.push_back(brokerFault(6 * kSecond, FaultAction::RestartBroker, 0));
    const Report r = runToEnd(s);
    QCOMPARE(r.acknowledgedLost, 0);
    QVERIFY(r.acknowledged > 2000);
  }

  void forcedFlushCostsLatency() {
    Scenario fast = kafkaScenario(1, 1, 1, 1, Acks::Leader, 200, 5 * kSecond);
    Scenario flushed = fast;
    flushed.kafka->topics[0].flushIntervalMessages = 1;
    flushed.kafka->fsyncLatency = 10 * kMillisecond;
    QVERIFY(runToEnd(flushed).latencyP50Ms > runToEnd(fast).latencyP50Ms + 5);
  }

  void osWriteBackSavesOldRecords() {
    Scenario s = kafkaScenario(1, 1, 1, 1, Acks::Leader, 100, 60 * kSecond);
    s.faults.push_back(brokerFault(50 * kSecond, FaultAction::PowerLoss, 0));
    Simulation sim(s);
    sim.runUntil(50 * kSecond - 1);
    const Offset flushed = sim.world().kafka.partitions[0].logOf(0).flushed();
    QVERIFY2(flushed > 0, "pages dirty for 30 s were written back");
    sim.runToEnd();
    QCOMPARE(sim.world().kafka.partitions[0].logOf(0).leo(), flushed);
    const Report r = makeReport(sim.world());
    QVERIFY(r.acknowledgedLost > 0 && r.acknowledgedLost < r.acknowledged);
  }

  void retentionMovesTheLogStartOffset() {
    Scenario s = kafkaScenario(3, 1, 3, 2, Acks::All, 200, 20 * kSecond);
    s.kafka->topics[0].segmentBytes = 4096;
    s.kafka->topics[0].retention = 3 * kSecond;
    s.kafka->retentionCheckInterval = 1 * kSecond;
    addGroup(s, 1);
    Simulation sim(s);
    sim.runToEnd();
    const Partition &p = sim.world().kafka.partitions[0];
    for (const ReplicaLog &log : p.logs) {
      QVERIFY(log.logStart() > 0);
      QVERIFY(log.logStart() <= log.highWatermark());
      QCOMPARE(log.entries().front().offset, log.logStart());
    }
    QCOMPARE(makeReport(sim.world()).acknowledgedLost, 0); // deletion by policy is not loss
  }

  void sizeRetentionKeepsTheLogNearRetentionBytes() {
    Scenario s = kafkaScenario(3, 1, 3, 2, Acks::All, 400, 20 * kSecond);
    TopicConfig &t = s.kafka->topics[0];
    t.segmentBytes = 4096;
    t.retention = kNever;
    t.retentionBytes = 16384;
    s.kafka->retentionCheckInterval = 1 * kSecond;
    Simulation sim(s);
    for (SimTime at = 2 * kSecond; at <= s.duration; at += kSecond) {
      sim.runUntil(at); // just after the retention check at this instant
      for (const ReplicaLog &log : sim.world().kafka.partitions[0].logs) {
        const Segment &oldest = log.segments().front();
        // Kafka deletes the oldest segment while the log would still hold retention.bytes without it.
        QVERIFY(log.bytes() - oldest.bytes < t.retentionBytes || oldest.end > log.highWatermark());
      }
    }
    const Partition &p = sim.world().kafka.partitions[0];
    for (const ReplicaLog &log : p.logs) {
      QVERIFY(log.logStart() > 0);
      QVERIFY(log.bytes() >= t.retentionBytes - t.segmentBytes); // whole segments go, never more
    }
    QCOMPARE(makeReport(sim.world()).acknowledgedLost, 0);
  }

  void tombstonesOutliveCleaningForDeleteRetention() {
    Scenario s = kafkaScenario(1, 1, 1, 1, Acks::All, 300, 40 * kSecond);
    TopicConfig &t = s.kafka->topics[0];
    t.cleanupPolicy = CleanupPolicy::Compact;
    t.segmentBytes = 2048;
    t.deleteRetention = 5 * kSecond;
    s.kafka->cleanerBackoff = 1 * kSecond;
    s.producers[0].keyCount = 5;
    s.producers[0].tombstoneRatio = 0.3;
    Simulation sim(s);
    bool retainedAfterCleaning = false;
    for (SimTime at = kSecond; at <= s.duration; at += kSecond / 4) {
      sim.runUntil(at);
      const World &w = sim.world();
      const ReplicaLog &log = w.kafka.partitions[0].logOf(0);
      for (const LogEntry &e : log.entries()) {
        if (e.offset >= log.cleanerCheckpoint() || !w.kafka.records[e.record].has(RecordInfo::Tombstone))
          continue;
        const SimTime age = w.now - log.cleanedAt(e.offset);
        retainedAfterCleaning = retainedAfterCleaning || age > 0;
        // Removed by the first cleaner pass after its horizon (one back-off later at most).
        QVERIFY2(age < t.deleteRetention + s.kafka->cleanerBackoff, "an expired tombstone was kept");
      }
    }
    QVERIFY2(retainedAfterCleaning, "a cleaned tombstone stays readable for delete.retention.ms");
    std::int64_t tombstones = 0, removedTombstones = 0;
    for (const RecordInfo &r : sim.world().kafka.records) {
      tombstones += r.has(RecordInfo::Tombstone) ? 1 : 0;
      removedTombstones += r.has(RecordInfo::Tombstone) && r.has(RecordInfo::Removed) ? 1 : 0;
    }
    QVERIFY(tombstones > 1000);
    QVERIFY(removedTombstones > 0);
    QCOMPARE(makeReport(sim.world()).acknowledgedLost, 0);
  }

  void compactionKeepsTheNewestValuePerKey() {
    Scenario s = kafkaScenario(1, 1, 1, 1, Acks::All, 300, 20 * kSecond);
    s.kafka->topics[0].cleanupPolicy = CleanupPolicy::Compact;
    s.kafka->topics[0].segmentBytes = 2048;
    s.kafka->cleanerBackoff = 1 * kSecond;
    s.producers[0].keyCount = 5;
    Simulation sim(s);
    sim.runUntil(19 * kSecond);
    const World &w = sim.world();
    const ReplicaLog &log = w.kafka.partitions[0].logOf(0);
    const Offset activeBase = log.segments().back().base;
    std::map<std::int32_t, Offset> newest; // over the whole log
    for (const LogEntry &e : log.entries())
      newest[w.kafka.records[e.record].key] = e.offset;
    std::map<std::int32_t, int> cleanedCopies;
    Offset previous = -1;
    for (const LogEntry &e : log.entries()) {
      QVERIFY2(e.offset > previous, "offsets keep their order (gaps allowed)");
      previous = e.offset;
      if (e.offset < log.cleanerCheckpoint())
        ++cleanedCopies[w.kafka.records[e.record].key];
    }
    QVERIFY(log.cleanerCheckpoint() > 0);
    for (const auto &[key, copies] : cleanedCopies)
      QCOMPARE(copies, 1); // one record per key in the cleaned section
    QVERIFY(static_cast<Offset>(log.entries().size()) < log.leo()); // gaps appeared
    QVERIFY(activeBase > 0);
    QCOMPARE(static_cast<int>(newest.size()), 5); // every key still has its newest value
  }
};

QTEST_APPLESS_MAIN(TstStorage)
#include "tst_storage.moc"
