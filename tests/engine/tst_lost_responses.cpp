// Where stored duplicates come from: a produce or PutRecords response lost on the wire after
// the server applied the request. The producer times out and sends the records again; the
// idempotent Kafka producer's broker recognises the sequence, the others store them twice.
// Kinesis retries also reorder: the second copy gets a later sequence number.
#include "small_scenarios.h"

#include <QtTest>

#include <algorithm>

using namespace streamscope::test;

namespace {

/// One record per request (batch.size 1 byte, one record per PutRecords), so each lost
/// response costs exactly one stored duplicate when the producer is not idempotent. One
/// request in flight: the engine draws each message's latency on its own, so requests sent
/// together may overtake each other, which a TCP connection would not allow.
Scenario kafkaOneRecordBatches(bool idempotent) {
  Scenario s = kafkaScenario(3, 1, 3, 2, Acks::All, 100, 20 * kSecond);
  s.producers[0].enableIdempotence = idempotent;
  s.producers[0].batchSize = 1;
  s.producers[0].maxInFlight = 1;
  return s;
}

Scenario kinesisOneRecordPuts() {
  Scenario s = kinesisScenario(2, 200, 20 * kSecond);
  s.producers[0].putRecordsMax = 1;
  s.producers[0].requestTimeout = 2 * kSecond;
  return s;
}

/// Loses the next response of `system`: the earliest in flight, or else the next one sent.
void dropNextResponse(Simulation &sim, ResponseSystem system) {
  if (const auto refused = sim.applyFault(Fault{sim.now(), DropResponse{system, {}}}))
    qFatal("drop_response refused: %s", refused->c_str());
}

/// Runs `s`, losing the first response in flight from each of `times` on (optionally
/// crashing the partition's leader 200 ms later); returns the finished run's report.
Report runDropping(const Scenario &s, const std::vector<SimTime> &times, ResponseSystem system, int *crashLeaderAfter = nullptr) {
  Simulation sim(s);
  for (SimTime t : times) {
    sim.runUntil(t);
    dropNextResponse(sim, system);
    if (crashLeaderAfter) {
      sim.runUntil(t + 200 * kMillisecond);
      *crashLeaderAfter = sim.world().kafka.partitions[0].leader;
      if (sim.applyFault(brokerFault(sim.now(), FaultAction::CrashBroker, *crashLeaderAfter)))
        qFatal("crash refused");
    }
  }
  sim.runToEnd();
  return makeReport(sim.world());
}

const std::vector<SimTime> kThreeDrops{2 * kSecond, 5 * kSecond, 9 * kSecond};

} // namespace

class TstLostResponses : public QObject {
  Q_OBJECT
private slots:
  void idempotentKafkaProducerStoresNoDuplicate() {
    const Report r = runDropping(kafkaOneRecordBatches(true), kThreeDrops, ResponseSystem::Kafka);
    QVERIFY2(r.retries >= 3, "each lost response is retried after the request timeout");
    QCOMPARE(r.duplicatesStored, 0);
    QCOMPARE(r.duplicatesStoredByProducer.at("p"), 0);
    QCOMPARE(r.acknowledgedLost, 0);
    QVERIFY2(r.acknowledged > r.produced * 9 / 10, qPrintable(QStringLiteral("%1 of %2").arg(r.acknowledged).arg(r.produced)));
  }

  void idempotentKafkaProducerStoresNoDuplicateAcrossALeaderChange() {
    int crashed = -1;
    const Report r = runDropping(kafkaOneRecordBatches(true), {2 * kSecond}, ResponseSystem::Kafka, &crashed);
    QVERIFY(crashed >= 0);
    QVERIFY2(r.partitions[0].leader != crashed, "the retry reached a new leader");
    QVERIFY(r.retries >= 1);
    QCOMPARE(r.duplicatesStored, 0);
    QCOMPARE(r.acknowledgedLost, 0);
  }

  void nonIdempotentKafkaProducerStoresOneDuplicatePerLostResponse() {
    const Report r = runDropping(kafkaOneRecordBatches(false), kThreeDrops, ResponseSystem::Kafka);
    QCOMPARE(r.duplicatesStored, 3);
    QCOMPARE(r.duplicatesStoredByProducer.at("p"), 3);
    QCOMPARE(r.acknowledgedLost, 0);
  }

  void nonIdempotentKafkaDuplicatesAcrossALeaderChangeToo() {
    int crashed = -1;
    const Report r = runDropping(kafkaOneRecordBatches(false), {2 * kSecond}, ResponseSystem::Kafka, &crashed);
    QVERIFY(r.partitions[0].leader != crashed);
    // The lost response's record, and any batch the old leader had appended (and its
    // followers copied) but not yet answered when it crashed: resent, stored again.
    QVERIFY2(r.duplicatesStored >= 1, qPrintable(QString::number(r.duplicatesStored)));
  }

  void withoutLostResponsesNothingIsStoredTwice() {
    QCOMPARE(runToEnd(kafkaOneRecordBatches(false)).duplicatesStored, 0);
    const Report k = runToEnd(kinesisOneRecordPuts());
    QCOMPARE(k.duplicatesStored, 0);
    QCOMPARE(k.reorderedStored, 0);
  }

  void kinesisProducerStoresOneDuplicatePerLostResponse() {
    const Report r = runDropping(kinesisOneRecordPuts(), kThreeDrops, ResponseSystem::Kinesis);
    QCOMPARE(r.duplicatesStored, 3);
    QCOMPARE(r.duplicatesStoredByProducer.at("p"), 3);
    // Each second copy comes after records the producer created later: reordered. So do
    // records of concurrent PutRecords calls sent in a burst after the retry's back-off.
    QVERIFY2(r.reorderedStored >= 3, qPrintable(QString::number(r.reorderedStored)));
    QCOMPARE(r.acknowledgedLost, 0);
  }

  void aKinesisRetryGetsALaterSequenceNumberThanNewerRecords() {
    Simulation sim(kinesisOneRecordPuts());
    sim.runUntil(2 * kSecond);
    dropNextResponse(sim, ResponseSystem::Kinesis);
    sim.runToEnd();
    const World &w = sim.world();
    bool found = false;
    for (const kinesis::Shard &shard : w.kinesis.shards) {
      std::map<std::uint32_t, std::vector<std::size_t>> positions; // record -> indexes in sequence order
      for (std::size_t i = 0; i < shard.records.size(); ++i)
        positions[shard.records[i].record].push_back(i);
      for (const auto &[record, at] : positions) {
        if (at.size() < 2)
          continue;
        // Between the two copies lie records created after it: the retry's sequence number
        // is larger than theirs although the producer made them later.
        const kinesis::StoredRecord &newer = shard.records[at[0] + 1];
        QVERIFY(newer.record > record);
        QVERIFY(shard.sequenceOf(shard.records[at[1]]) > shard.sequenceOf(newer));
        found = true;
      }
    }
    QVERIFY2(found, "the lost response's records were stored twice");
  }

  void dropResponseAsksForTheRightSystem() {
    Simulation sim(kinesisOneRecordPuts());
    sim.runUntil(2 * kSecond);
    const std::optional<std::string> refusal("no producer would receive such a response");
    const Fault kafkaOnly{sim.now(), DropResponse{ResponseSystem::Kafka, {}}};
    const Fault nobody{sim.now(), DropResponse{ResponseSystem::Any, "nobody"}};
    QCOMPARE(sim.applyFault(kafkaOnly), refusal);
    QCOMPARE(sim.applyFault(nobody), refusal);
    dropNextResponse(sim, ResponseSystem::Any);
    sim.runToEnd();
    QCOMPARE(makeReport(sim.world()).duplicatesStored, 1);
  }

  // The lone in-sync leader loses power with requests in flight and returns with an empty
  // log. Those requests get no answer, so the producer waits request.timeout.ms before it
  // resends (a power loss resets no connection); then the leader, which holds nothing of
  // this producer, accepts its sequences as they come, as Kafka does after KIP-360's epoch
  // bump. The producer recovers and stores nothing twice.
  void anIdempotentProducerRecoversAfterItsLoneLeaderLosesPower() {
    Scenario s = kafkaScenario(3, 1, 3, 1, Acks::All, 400, 40 * kSecond);
    s.kafka->replicaLagTimeMax = 2 * kSecond;
    s.kafka->topics[0].uncleanLeaderElection = false;
    for (int follower : {1, 2}) {
      s.faults.push_back(brokerFault(1 * kSecond, FaultAction::SlowBroker, follower, 3 * kSecond));
      s.faults.push_back(brokerFault(10500 * kMillisecond, FaultAction::SlowBroker, follower, 0));
    }
    s.faults.push_back(brokerFault(9900 * kMillisecond, FaultAction::PowerLoss, 0));
    s.faults.push_back(brokerFault(25 * kSecond, FaultAction::RestartBroker, 0));
    std::stable_sort(s.faults.begin(), s.faults.end(), [](const Fault &a, const Fault &b) { return a.at < b.at; });
    Simulation sim(s);
    sim.runUntil(25 * kSecond);
    const std::int64_t ackedBeforeRestart = sim.world().kafka.counters.acknowledged;
    sim.runToEnd();
    const Report r = makeReport(sim.world());
    QVERIFY2(r.acknowledged - ackedBeforeRestart > 5000, qPrintable(QStringLiteral("%1 then %2").arg(ackedBeforeRestart).arg(r.acknowledged)));
    QVERIFY(r.acknowledgedLost > 0); // the page cache of the lone in-sync replica
    QCOMPARE(r.duplicatesStored, 0);
  }

  void dropResponseRatioIsDeterministic() {
    Scenario s = kafkaOneRecordBatches(false);
    s.producers[0].requestTimeout = 500 * kMillisecond;
    s.dropResponseRatio = 0.05;
    Simulation a(s), b(s);
    a.runToEnd();
    b.runToEnd();
    QCOMPARE(a.world().events.hash(), b.world().events.hash());
    const Report r = makeReport(a.world());
    QVERIFY2(r.duplicatesStored > 10, qPrintable(QString::number(r.duplicatesStored)));
    QCOMPARE(r.duplicatesStored, makeReport(b.world()).duplicatesStored);
    Scenario other = s;
    other.seed = 43;
    Simulation c(other);
    c.runToEnd();
    QVERIFY(c.world().events.hash() != a.world().events.hash());
  }

  void dropResponseRatioNeverDuplicatesForTheIdempotentProducer() {
    Scenario s = kafkaOneRecordBatches(true);
    s.producers[0].requestTimeout = 500 * kMillisecond;
    s.dropResponseRatio = 0.05;
    const Report r = runToEnd(s);
    QVERIFY(r.retries > 10);
    QCOMPARE(r.duplicatesStored, 0);
    QCOMPARE(r.acknowledgedLost, 0);
  }

  void dropResponseRatioDuplicatesKinesisRecords() {
    Scenario s = kinesisOneRecordPuts();
    s.dropResponseRatio = 0.01;
    const Report r = runToEnd(s);
    QVERIFY(r.duplicatesStored > 5);
    QVERIFY(r.reorderedStored >= r.duplicatesStored);
  }
};

QTEST_GUILESS_MAIN(TstLostResponses)
#include "tst_lost_responses.moc"
