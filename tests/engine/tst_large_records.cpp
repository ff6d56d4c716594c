// Records too large for a limit. Kafka: a record above the producer's max.request.size fails
// in send() and is never sent; a batch above the topic's max.message.bytes is refused by the
// leader (MESSAGE_TOO_LARGE), split when it holds several records, failed when it holds one.
// Kinesis: a record above the stream's maximum record size is refused (ValidationException);
// one above 1 MiB is accepted when allowed, bursts past the shard's 1 MiB/s, and the shard
// throttles its next writes until the burst is repaid.
#include "small_scenarios.h"

#include <QtTest>

#include <algorithm>

using namespace streamscope::test;

namespace {

constexpr std::int32_t kMiB = 1024 * 1024;

/// One producer "p" into topic "t" (3 brokers, RF 3) sending `recordBytes` records.
Scenario kafkaRecords(std::int32_t recordBytes, std::int64_t maxRequestSize, std::int64_t maxMessageBytes, double rate = 2) {
  ScenarioBuilder b("large-kafka", 42, 20 * kSecond);
  b.kafka(3);
  b.topic("t", 1, 3, 2).maxMessageBytes = maxMessageBytes;
  ProducerConfig &p = b.producer("p", "t", {}, Acks::All);
  p.rate = rate;
  p.keyCount = 3;
  p.recordBytes = recordBytes;
  p.maxRequestSize = maxRequestSize;
  return b.build();
}

/// Stream "s" (one shard, maximum record size `maxKib`) fed by "small" (2,000-byte records,
/// 200 a second) and, when `bigBytes` > 0, by "big" (one record of `bigBytes` every 10 s).
Scenario kinesisRecords(int maxKib, std::int32_t bigBytes) {
  ScenarioBuilder b("large-kinesis", 42, 30 * kSecond);
  b.stream("s", 1).maxRecordSizeKib = maxKib;
  ProducerConfig &small = b.producer("small", {}, "s");
  small.rate = 200;
  small.keyCount = 50;
  small.recordBytes = 2000;
  if (bigBytes > 0) {
    ProducerConfig &big = b.producer("big", {}, "s");
    big.rate = 0.1;
    big.keyCount = 5;
    big.recordBytes = bigBytes;
    big.start = 1 * kSecond;
  }
  return b.build();
}

int eventsWithError(const std::vector<Event> &events, EventType type, ErrorCode error) {
  return static_cast<int>(
      std::count_if(events.begin(), events.end(), [&](const Event &e) { return e.type == type && e.sub == static_cast<std::uint8_t>(error); }));
}

} // namespace

class TstLargeRecords : public QObject {
  Q_OBJECT
private slots:
  void aRecordAboveMaxRequestSizeNeverLeavesTheProducer() {
    Simulation sim(kafkaRecords(2 * kMiB, kMiB, 1048588));
    std::vector<Event> events;
    sim.setEventSink(&events);
    sim.runToEnd();
    const auto &k = sim.world().kafka;
    QVERIFY(k.counters.produced >= 30);
    QCOMPARE(k.counters.tooLarge, k.counters.produced);
    QCOMPARE(k.counters.failed, k.counters.produced);
    QCOMPARE(k.counters.acknowledged, std::int64_t{0});
    QCOMPARE(k.counters.retries, std::int64_t{0});
    QCOMPARE(k.partitions[0].logOf(k.partitions[0].leader).leo(), kafka::Offset{0});
    const auto sent = std::count_if(events.begin(), events.end(), [](const Event &e) {
      return e.type == EventType::TransferStarted && e.sub == static_cast<std::uint8_t>(TransferKind::ProduceRequest);
    });
    QCOMPARE(sent, std::ptrdiff_t{0});
    QCOMPARE(eventsWithError(events, EventType::ProduceFailed, ErrorCode::MessageTooLarge), static_cast<int>(k.counters.produced));
  }

  void theLeaderRefusesABatchAboveMaxMessageBytes() {
    Simulation sim(kafkaRecords(2 * kMiB, 10 * kMiB, 1048588));
    sim.runToEnd();
    const auto &k = sim.world().kafka;
    QVERIFY(k.counters.produced >= 30);
    // A batch of one record is not retried: MESSAGE_TOO_LARGE is about the record.
    QVERIFY(k.counters.tooLarge >= k.counters.produced - 2); // the last ones may still be on the wire
    QCOMPARE(k.counters.failed, k.counters.tooLarge);
    QCOMPARE(k.counters.acknowledged, std::int64_t{0});
    QCOMPARE(k.counters.retries, std::int64_t{0});
    QCOMPARE(k.partitions[0].logOf(k.partitions[0].leader).leo(), kafka::Offset{0});
    QCOMPARE(makeReport(sim.world()).tooLargeKafka, k.counters.tooLarge);
  }

  void bothLimitsRaisedCarryTheRecords() {
    const Report r = runToEnd(kafkaRecords(2 * kMiB, 10 * kMiB, 10 * kMiB));
    QVERIFY(r.produced >= 30);
    QCOMPARE(r.tooLargeKafka, std::int64_t{0});
    QCOMPARE(r.failed, std::int64_t{0});
    QVERIFY(r.acknowledged >= r.produced - 2);
  }

  void aBatchOfSeveralRecordsIsSplitAndSentAgain() {
    // batch.size 16 MiB and linger 500 ms gather several 300 KB records into one batch above
    // max.message.bytes: the leader refuses it, the producer splits it, every record arrives
    // once, in order, with its sequence number.
    Scenario s = kafkaRecords(300 * 1024, 16 * kMiB, 1048588, 20);
    s.producers[0].batchSize = 16 * kMiB;
    s.producers[0].linger = 500 * kMillisecond;
    s.producers[0].maxInFlight = 1; // the split batches go one by one: no request overtakes another
    Simulation sim(s);
    std::vector<Event> events;
    sim.setEventSink(&events);
    sim.runToEnd();
    const Report r = makeReport(sim.world());
    QVERIFY(eventsWithError(events, EventType::ProduceRetried, ErrorCode::MessageTooLarge) > 0);
    QCOMPARE(r.tooLargeKafka, std::int64_t{0});
    QCOMPARE(r.failed, std::int64_t{0});
    QCOMPARE(r.duplicatesStored, std::int64_t{0});
    QVERIFY2(r.acknowledged >= r.produced - 20, qPrintable(QStringLiteral("%1 of %2 acknowledged").arg(r.acknowledged).arg(r.produced)));
    const auto &k = sim.world().kafka;
    QCOMPARE(k.partitions[0].logOf(k.partitions[0].leader).leo(), r.acknowledged);
  }

  void aKinesisRecordAboveTheMaximumIsRefused() {
    Simulation sim(kinesisRecords(1024, 2 * kMiB));
    std::vector<Event> events;
    sim.setEventSink(&events);
    sim.runToEnd();
    const auto &k = sim.world().kinesis;
    QCOMPARE(k.producers[1].tooLarge, k.producers[1].produced);
    QVERIFY(k.producers[1].produced >= 2);
    QCOMPARE(k.counters.tooLarge, k.producers[1].produced);
    for (const kinesis::StoredRecord &stored : k.shards[0].records)
      QCOMPARE(k.records[stored.record].producer, std::int16_t{0}); // only the small records are stored
    QCOMPARE(eventsWithError(events, EventType::ProduceFailed, ErrorCode::ValidationException), static_cast<int>(k.counters.tooLarge));
    QCOMPARE(k.shards[0].throttledWrites, std::int64_t{0});
    const Report r = makeReport(sim.world());
    QCOMPARE(r.tooLargeKinesis, k.counters.tooLarge);
    QCOMPARE(r.failed, k.counters.tooLarge);
  }

  void aLargeRecordBurstsThenThrottlesTheShard() {
    const Report calm = runToEnd(kinesisRecords(10240, 0));
    QCOMPARE(calm.shards[0].throttledWrites, std::int64_t{0});

    Simulation sim(kinesisRecords(10240, 2 * kMiB));
    sim.runToEnd();
    const auto &k = sim.world().kinesis;
    QCOMPARE(k.counters.tooLarge, std::int64_t{0});
    int bigStored = 0;
    for (const kinesis::StoredRecord &stored : k.shards[0].records)
      bigStored += k.records[stored.record].producer == 1 ? 1 : 0;
    QVERIFY2(bigStored >= 2, qPrintable(QString::number(bigStored)));
    // Each 2 MiB record leaves the shard about 1 MiB in debt; the small records' writes are
    // refused until the refill repays it, then resent: late, not lost.
    QVERIFY(k.shards[0].throttledWrites > 0);
    QCOMPARE(makeReport(sim.world()).acknowledgedLost, std::int64_t{0});
  }

  void theBurstIsRepaidAtOneMiBPerSecond() {
    // Over the whole run a shard writes no more than 1 MiB/s on average plus one burst.
    Simulation sim(kinesisRecords(10240, 8 * kMiB));
    sim.runToEnd();
    const auto &k = sim.world().kinesis;
    double bytes = 0;
    for (const kinesis::StoredRecord &stored : k.shards[0].records)
      bytes += k.records[stored.record].bytes;
    const double seconds = toMs(sim.now()) / 1000.0;
    QVERIFY2(bytes <= (seconds + 10) * kMiB, qPrintable(QStringLiteral("%1 MiB in %2 s").arg(bytes / kMiB).arg(seconds)));
    QVERIFY(k.shards[0].throttledWrites > 0);
  }
};

QTEST_APPLESS_MAIN(TstLargeRecords)
#include "tst_large_records.moc"
