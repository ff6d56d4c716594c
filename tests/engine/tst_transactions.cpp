// Kafka transactions: a transactional producer's records become visible to read_committed
// consumers only once their commit marker is replicated (the last stable offset passes them);
// aborted records never reach them; markers take offsets; a restarted instance fences the old
// one, whose late writes are refused; a transaction left open is aborted after its timeout.
#include "small_scenarios.h"

#include <QtTest>

#include <map>

using namespace streamscope::test;

namespace {

/// Producer "p" made transactional (transactions of 500 ms, or `records` records), groups
/// "committed" (read_committed) and "uncommitted" (read_uncommitted) reading from the start.
Scenario transactional(double abortRatio, SimTime duration = 12 * kSecond, int records = 0) {
  Scenario s = kafkaScenario(3, 3, 3, 2, Acks::All, 200, duration);
  ProducerConfig &p = s.producers[0];
  p.transactionalId = "p-1";
  p.transactionTime = records > 0 ? 0 : 500 * kMillisecond;
  p.transactionRecords = records;
  p.abortRatio = abortRatio;
  ScenarioBuilder b(std::move(s));
  b.consumerGroup("committed", "t", 1, OffsetReset::Earliest).isolationLevel = IsolationLevel::ReadCommitted;
  b.consumerGroup("uncommitted", "t", 1, OffsetReset::Earliest);
  return b.build();
}

const GroupReport &group(const Report &r, const std::string &name) {
  for (const GroupReport &g : r.groups)
    if (g.group == name)
      return g;
  qFatal("no group %s", name.c_str());
}

/// Per transaction: how many markers the partitions' leader logs hold.
std::map<std::int32_t, int> markersInLogs(const World &w) {
  std::map<std::int32_t, int> markers;
  for (const kafka::Partition &part : w.kafka.partitions) {
    if (part.topic == w.kafka.txnStateTopic || part.leader < 0)
      continue;
    for (const kafka::LogEntry &e : part.logOf(part.leader).entries()) {
      const kafka::RecordInfo &r = w.kafka.records[e.record];
      if (r.has(kafka::RecordInfo::Control))
        ++markers[r.txn];
    }
  }
  return markers;
}

/// Runs to the end, checking after every step that no read_committed group was handed a
/// record of a transaction that had not committed.
Report runCheckingReadCommitted(const Scenario &s, Simulation *keep = nullptr) {
  Simulation sim(s);
  while (sim.step())
    for (const kafka::ConsumerGroup &g : sim.world().kafka.groups)
      if (g.config.isolationLevel == IsolationLevel::ReadCommitted && g.uncommittedDelivered != 0)
        qFatal("read_committed group %s got an uncommitted record at %lld us", g.config.group.c_str(), static_cast<long long>(sim.now()));
  sim.runToEnd();
  Report r = makeReport(sim.world());
  if (keep)
    keep->restore(sim.snapshot());
  return r;
}

void applyOrFail(Simulation &sim, FaultSpec spec) {
  if (const auto refused = sim.applyFault(Fault{sim.now(), std::move(spec)}))
    qFatal("fault refused: %s", refused->c_str());
}

} // namespace

class TstTransactions : public QObject {
  Q_OBJECT
private slots:
  void committedRecordsReachReadCommittedAfterTheirMarker() {
    const Scenario s = transactional(0);
    Simulation sim(s);
    sim.runToEnd();
    const Report r = makeReport(sim.world());
    QVERIFY2(r.transactions.committed >= 15, qPrintable(QString::number(r.transactions.committed)));
    QCOMPARE(r.transactions.aborted, 0);
    QCOMPARE(r.acknowledgedLost, 0);
    QCOMPARE(group(r, "committed").isolationLevel, std::string("read_committed"));
    QVERIFY(group(r, "committed").uncommittedDelivered == 0);
    QVERIFY2(group(r, "uncommitted").uncommittedDelivered > 0, "read_uncommitted reads records before their commit");
    for (const PartitionReport &p : r.partitions)
      QVERIFY(p.lastStableOffset <= p.highWatermark);
    // Each completed transaction has exactly one marker in each partition it wrote to.
    const auto markers = markersInLogs(sim.world());
    for (std::size_t t = 0; t < sim.world().kafka.transactions.size(); ++t) {
      const kafka::Transaction &txn = sim.world().kafka.transactions[t];
      if (txn.ended() && !txn.partitions.empty())
        QCOMPARE(markers.count(static_cast<std::int32_t>(t)) ? markers.at(static_cast<std::int32_t>(t)) : 0, static_cast<int>(txn.partitions.size()));
    }
  }

  void abortedRecordsNeverReachReadCommitted() {
    const Report r = runCheckingReadCommitted(transactional(0.5));
    QVERIFY2(r.transactions.aborted >= 5, qPrintable(QString::number(r.transactions.aborted)));
    QVERIFY(r.transactions.committed >= 5);
    QVERIFY2(group(r, "uncommitted").uncommittedDelivered > 0, "read_uncommitted hands out aborted records too");
    QVERIFY(group(r, "committed").uncommittedDelivered == 0);
  }

  void markersTakeOffsets() {
    Simulation sim(transactional(0, 4 * kSecond, 50));
    sim.runToEnd();
    const World &w = sim.world();
    std::int64_t data = 0;
    std::int64_t control = 0;
    for (const kafka::Partition &part : w.kafka.partitions) {
      if (part.topic == w.kafka.txnStateTopic)
        continue;
      for (const kafka::LogEntry &e : part.logOf(part.leader).entries())
        (w.kafka.records[e.record].has(kafka::RecordInfo::Control) ? control : data) += 1;
      QCOMPARE(part.logOf(part.leader).leo(), static_cast<kafka::Offset>(part.logOf(part.leader).entries().size()));
    }
    QVERIFY(control > 0);
    QVERIFY(data <= w.kafka.counters.produced);
    // The coordinator's own log grows with every state change, replicated like any partition.
    const kafka::Partition &state =
        w.kafka.partitions[static_cast<std::size_t>(w.kafka.topics[static_cast<std::size_t>(w.kafka.txnStateTopic)].partitionIds[0])];
    QCOMPARE(static_cast<int>(state.replicas.size()), 3);
    QVERIFY(state.logOf(state.leader).highWatermark() > 0);
  }

  void aTransactionLeftOpenHoldsTheLastStableOffsetUntilItTimesOut() {
    Scenario s = transactional(0, 30 * kSecond);
    s.producers[0].transactionTimeout = 8 * kSecond;
    Simulation sim(s);
    sim.runUntil(3 * kSecond + 250 * kMillisecond);
    applyOrFail(sim, CrashProducer{"p"});
    sim.runUntil(6 * kSecond);
    const Report held = makeReport(sim.world());
    bool stuck = false;
    for (const PartitionReport &p : held.partitions)
      stuck |= p.topic == "t" && p.lastStableOffset < p.highWatermark;
    QVERIFY2(stuck, "the crashed producer's open transaction holds the LSO below the HW");
    sim.runUntil(25 * kSecond);
    const Report after = makeReport(sim.world());
    QCOMPARE(after.transactions.timedOut, 1);
    for (const PartitionReport &p : after.partitions)
      QCOMPARE(p.lastStableOffset, p.highWatermark);
  }

  void aRestartFencesTheOldInstanceAndRefusesItsLateWrites() {
    Scenario s = transactional(0, 14 * kSecond);
    Simulation sim(s);
    sim.runUntil(4 * kSecond + 240 * kMillisecond);
    applyOrFail(sim, CrashProducer{"p"});
    sim.runUntil(6 * kSecond);
    applyOrFail(sim, RestartProducer{"p", 1 * kSecond});
    while (sim.step())
      for (const kafka::ConsumerGroup &g : sim.world().kafka.groups)
        if (g.config.isolationLevel == IsolationLevel::ReadCommitted && g.uncommittedDelivered != 0)
          qFatal("read_committed saw an uncommitted record");
    const Report r = makeReport(sim.world());
    QCOMPARE(r.transactions.fenced, 1);
    QVERIFY2(r.transactions.fencedWrites >= 1, "the zombie's writes were refused");
    QVERIFY2(r.transactions.committed >= 10, "the new instance goes on committing");
    // Nothing the zombie sent after the new instance's epoch was appended.
    const World &w = sim.world();
    for (const kafka::Partition &part : w.kafka.partitions)
      for (const kafka::LogEntry &e : part.logOf(part.leader).entries()) {
        const kafka::RecordInfo &rec = w.kafka.records[e.record];
        if (rec.txn >= 0 && !rec.has(kafka::RecordInfo::Control))
          QVERIFY(w.kafka.transactions[static_cast<std::size_t>(rec.txn)].state != kafka::TxnState::Ongoing ||
                  w.kafka.transactions[static_cast<std::size_t>(rec.txn)].instance == 1);
      }
  }

  void versionTwoBumpsTheEpochEveryTransaction() {
    Scenario v2 = transactional(0, 5 * kSecond);
    Simulation two(v2);
    two.runToEnd();
    Scenario v1 = transactional(0, 5 * kSecond);
    v1.kafka->version = KafkaVersion::V3_9;
    v1.kafka->transactionVersion = 1;
    Simulation one(v1);
    one.runToEnd();
    const auto &t2 = two.world().kafka.transactions;
    const auto &t1 = one.world().kafka.transactions;
    QVERIFY(t2.size() >= 5 && t1.size() >= 5);
    QVERIFY2(t2[4].epoch > t2[0].epoch, "KIP-890: a new epoch per transaction");
    QCOMPARE(t1[4].epoch, t1[0].epoch);
  }

  void aCoordinatorFailoverFinishesPreparedTransactions() {
    Scenario s = transactional(0.3, 20 * kSecond);
    Simulation sim(s);
    sim.runUntil(5 * kSecond);
    const World &w = sim.world();
    const int statePartition = w.kafka.topics[static_cast<std::size_t>(w.kafka.txnStateTopic)].partitionIds[0];
    const int coordinator = w.kafka.partitions[static_cast<std::size_t>(statePartition)].leader;
    applyOrFail(sim, brokerFault(sim.now(), FaultAction::CrashBroker, coordinator).what);
    const Report r = runCheckingReadCommitted(s); // the same run without the fault, for scale
    sim.runToEnd();
    const Report after = makeReport(sim.world());
    QVERIFY(after.transactions.committed + after.transactions.aborted >= r.transactions.committed / 2);
    QVERIFY2(after.transactions.open <= 1, "prepared transactions were completed by the new coordinator");
    for (const PartitionReport &p : after.partitions)
      QVERIFY(p.highWatermark - p.lastStableOffset <= 300);
  }

  void sameSeedSameRunAndSnapshotsReplay() {
    const Scenario s = transactional(0.3, 8 * kSecond);
    QCOMPARE(runToEnd(s).eventHash, runToEnd(s).eventHash);
    Simulation sim(s);
    sim.runUntil(3 * kSecond);
    const World snap = sim.snapshot();
    sim.runToEnd();
    const std::string first = makeReport(sim.world()).eventHash;
    sim.restore(snap);
    sim.runToEnd();
    QCOMPARE(makeReport(sim.world()).eventHash, first);
  }
};

QTEST_APPLESS_MAIN(TstTransactions)
#include "tst_transactions.moc"
