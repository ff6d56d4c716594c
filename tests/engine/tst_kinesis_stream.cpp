// The Kinesis write path and shards: routing, sequence numbers, write and read limits,
// iterators, resharding, availability zones, determinism.
#include "small_scenarios.h"

#include "engine/kinesis/reshard_plan.h"
#include "engine/kinesis/shard_reader.h"
#include "engine/kinesis/stream_frontend.h"
#include "engine/kinesis/stream_topology.h"

#include <QtTest>

using namespace streamscope::test;
using namespace streamscope::engine::kinesis;

namespace {

/// A split of `shard` at `key`, or a merge of `shard` with `adjacent`, on stream "s".
Fault reshard(SimTime at, FaultAction action, int shard, int adjacent = -1, std::string key = std::string()) {
  if (action == FaultAction::SplitShard)
    return Fault{at, SplitShard{"s", shard, std::move(key)}};
  return Fault{at, MergeShards{"s", shard, adjacent}};
}

ShardIterator iteratorOf(const World &w, int slot, IteratorType type, std::string seq = std::string(), SimTime ts = 0) {
  const IteratorResult r = getShardIterator(w, slot, IteratorRequest{type, std::move(seq), ts});
  if (!r.iterator)
    qFatal("%s", r.error.c_str());
  return *r.iterator;
}

} // namespace

class TstKinesisStream : public QObject {
  Q_OBJECT
private slots:
  void recordsGoToTheShardOwningTheirHashKey() {
    Scenario s = kinesisScenario(4, 400, 3 * kSecond);
    Simulation sim(s);
    sim.runToEnd();
    const World &w = sim.world();
    for (const Shard &shard : w.kinesis.shards)
      for (const StoredRecord &r : shard.records)
        QVERIFY(shard.range.contains(routingHashKey(w, r.record)));
  }

  void explicitHashKeyOverridesTheKey() {
    Scenario s = kinesisScenario(4, 100, 2 * kSecond);
    const auto ranges = initialHashKeyRanges(4);
    // Every record uses key "same", but the explicit hash keys sit on both sides of a boundary.
    s.producers[0].keys = {std::string("same"), std::string("same")};
    s.producers[0].explicitHashKeys = {toDecimal(ranges[1].end), toDecimal(ranges[2].start)};
    Simulation sim(s);
    sim.runToEnd();
    const World &w = sim.world();
    QVERIFY(!w.kinesis.shards[1].records.empty());
    QVERIFY(!w.kinesis.shards[2].records.empty());
    QVERIFY(w.kinesis.shards[0].records.empty() && w.kinesis.shards[3].records.empty());
  }

  void sequenceNumbersIncreaseAndAreUniquePerShard() {
    Simulation sim(kinesisScenario(2, 800, 5 * kSecond));
    sim.runToEnd();
    const World &w = sim.world();
    for (const Shard &shard : w.kinesis.shards) {
      QVERIFY(shard.records.size() > 100);
      for (std::size_t i = 1; i < shard.records.size(); ++i) {
        const SequenceNumber prev = shard.sequenceOf(shard.records[i - 1]), next = shard.sequenceOf(shard.records[i]);
        QVERIFY(prev < next);
        QVERIFY(prev.toDecimal() < next.toDecimal()); // same length: text order is numeric order
        QCOMPARE(SequenceNumber::parse(next.toDecimal()), std::optional<SequenceNumber>(next));
      }
    }
  }

  void writeLimitThrottlesAt2000ButNotAt500() {
    const Report fast = runToEnd(kinesisScenario(1, 2000, 10 * kSecond));
    const Report slow = runToEnd(kinesisScenario(1, 500, 10 * kSecond));
    QVERIFY(fast.throttled > 1000);
    QCOMPARE(fast.shards[0].throttledWrites, fast.throttled);
    QVERIFY(fast.retries > 0);
    QCOMPARE(slow.throttled, 0);
    // Whatever the producer retries, the shard never stores more than ~1,000 records/s.
    QVERIFY(fast.shards[0].records <= 1000 * 10 + 1000);
    QCOMPARE(fast.acknowledgedLost, 0);
  }

  void putIsAcknowledgedOnlyAfterThreeZones() {
    Scenario s = kinesisScenario(1, 200, 2 * kSecond);
    Simulation sim(s);
    std::vector<Event> events;
    sim.setEventSink(&events);
    sim.runToEnd();
    const World &w = sim.world();
    for (const Shard &shard : w.kinesis.shards)
      for (const StoredRecord &r : shard.records)
        if (w.kinesis.records[r.record].has(RecordInfo::Acked))
          QCOMPARE(r.zones, std::uint8_t{0x7});
    int zoneWrites = 0, puts = 0;
    for (const Event &e : events) {
      zoneWrites += e.type == EventType::TransferStarted && e.sub == static_cast<std::uint8_t>(TransferKind::ZoneWrite) ? 1 : 0;
      puts += e.type == EventType::TransferArrived && e.sub == static_cast<std::uint8_t>(TransferKind::PutRecordsRequest) ? 1 : 0;
    }
    QCOMPARE(zoneWrites, 3 * puts); // every put that reached the endpoint went to all three zones
    // Two client hops and two zone hops at least.
    QVERIFY(makeReport(w).kinesisLatency->p50Ms > 2 * 4 + 2 * 2);
  }

  void zoneOutageLosesNothingAcknowledged() {
    Scenario s = kinesisScenario(2, 400, 20 * kSecond);
    addApplication(s, 1);
    const Fault down{5 * kSecond, AzOutage{1}};
    s.faults = {down, Fault{12 * kSecond, AzRestore{1}}};
    Simulation sim(s);
    sim.runUntil(10 * kSecond);
    const World &w = sim.world();
    std::int64_t twoZoneCopies = 0;
    for (const Shard &shard : w.kinesis.shards)
      for (const StoredRecord &r : shard.records)
        twoZoneCopies += r.durable && r.zones == 0x5 ? 1 : 0;
    QVERIFY2(twoZoneCopies > 0, "during the outage puts complete with the two remaining zones");
    sim.runToEnd();
    const Report r = makeReport(sim.world());
    QCOMPARE(r.acknowledgedLost, 0);
    QVERIFY(r.acknowledged > 7000);
    QVERIFY(r.consumed >= r.acknowledged - 1000); // reads kept being served
    Fault again = down;
    QVERIFY(!sim.applyFault(again).has_value());
    const Fault second{down.at, AzOutage{2}};
    QVERIFY(sim.applyFault(second).has_value()); // one zone at a time
  }

  void getRecordsAllowsFiveCallsPerSecond() {
    Simulation sim(kinesisScenario(1, 100, 2 * kSecond));
    sim.runToEnd();
    World w = sim.snapshot();
    const ShardIterator it = iteratorOf(w, 0, IteratorType::TrimHorizon);
    int served = 0, throttled = 0;
    for (int call = 0; call < 10; ++call) {
      const ReadPayload p = readRecords(w, it, 1, nullptr);
      (p.error == static_cast<std::uint8_t>(ReadError::Throttled) ? throttled : served) += 1;
    }
    QCOMPARE(served, 5);
    QCOMPARE(throttled, 5);
    w.now += kSecond; // a second later the shard serves again
    QCOMPARE(readRecords(w, it, 1, nullptr).error, std::uint8_t{0});
  }

  void everyIteratorTypeStartsWhereKinesisSays() {
    Simulation sim(kinesisScenario(1, 100, 10 * kSecond));
    sim.runToEnd();
    World w = sim.snapshot();
    const Shard &shard = w.kinesis.shards[0];
    const StoredRecord &tenth = shard.records[10];
    const std::string seq = shard.sequenceOf(tenth).toDecimal();
    const auto first = [&](IteratorType t, std::string s = std::string(), SimTime ts = 0) {
      w.now += kSecond; // stay under the call limit
      const ReadPayload p = readRecords(w, iteratorOf(w, 0, t, std::move(s), ts), 1, nullptr);
      return p.records.empty() ? -1 : static_cast<std::int64_t>(p.records.front());
    };
    QCOMPARE(first(IteratorType::TrimHorizon), static_cast<std::int64_t>(shard.records.front().record));
    QCOMPARE(first(IteratorType::AtSequenceNumber, seq), static_cast<std::int64_t>(tenth.record));
    QCOMPARE(first(IteratorType::AfterSequenceNumber, seq), static_cast<std::int64_t>(shard.records[11].record));
    QCOMPARE(first(IteratorType::AtTimestamp, std::string(), tenth.arrival),
             static_cast<std::int64_t>(std::find_if(shard.records.begin(), shard.records.end(), [&](const StoredRecord &r) {
                                         return r.arrival >= tenth.arrival;
                                       })->record));
    QCOMPARE(first(IteratorType::AtTimestamp, std::string(), -kSecond), static_cast<std::int64_t>(shard.records.front().record));
    QCOMPARE(first(IteratorType::Latest), -1); // only what arrives after
    // A sequence number of another shard is refused.
    SequenceNumber other = shard.sequenceOf(tenth);
    other.shardIndex = 7;
    QVERIFY(QString::fromStdString(getShardIterator(w, 0, IteratorRequest{IteratorType::AtSequenceNumber, other.toDecimal(), 0}).error)
                .contains(QStringLiteral("InvalidArgumentException")));
  }

  void iteratorsExpireAfterFiveMinutes() {
    Simulation sim(kinesisScenario(1, 10, 2 * kSecond));
    sim.runToEnd();
    World w = sim.snapshot();
    const ShardIterator it = iteratorOf(w, 0, IteratorType::TrimHorizon);
    w.now += 300 * kSecond;
    QCOMPARE(readRecords(w, it, 10, nullptr).error, std::uint8_t{0});
    w.now += 1 * kSecond;
    QCOMPARE(readRecords(w, it, 10, nullptr).error, static_cast<std::uint8_t>(ReadError::ExpiredIterator));
  }

  void retentionTrimsAndTheTrimHorizonMoves() {
    Scenario s = kinesisScenario(1, 2, 25 * 3600 * kSecond);
    Simulation sim(s);
    sim.runToEnd();
    World w = sim.snapshot();
    const Shard &shard = w.kinesis.shards[0];
    QVERIFY(shard.expired > 0);
    QVERIFY(shard.records.front().arrival >= w.now - 24 * 3600 * kSecond - kSecond);
    // An iterator at a trimmed sequence number reads from the oldest record still retained.
    const ShardIterator old{0, IteratorPosition{1, true}, w.now};
    QCOMPARE(readRecords(w, old, 1, nullptr).records.front(), shard.records.front().record);
  }

  void splitAndMergeFollowKinesis() {
    Scenario s = kinesisScenario(3, 400, 10 * kSecond);
    const auto ranges = initialHashKeyRanges(3);
    const Uint128 middle = ranges[0].end / 2;
    s.kinesis->streams[0].reshardTime = 1 * kSecond; // each operation completes a second after it is asked for
    s.faults = {reshard(2 * kSecond, FaultAction::SplitShard, 0, -1, toDecimal(middle)), // -> 3, 4
                reshard(4 * kSecond, FaultAction::MergeShards, 4, 1), // -> 5
                reshard(6 * kSecond, FaultAction::SplitShard, 0, -1, toDecimal(middle)), // closed
                reshard(6 * kSecond, FaultAction::SplitShard, 3, -1, std::string("0")), // outside its range
                reshard(6 * kSecond, FaultAction::MergeShards, 3, 2)}; // not adjacent
    Simulation sim(s);
    sim.runToEnd();
    const Report r = makeReport(sim.world());
    const World &w = sim.world();
    QCOMPARE(static_cast<int>(w.kinesis.shards.size()), 6);
    const Shard &c0 = w.kinesis.shards[3], &c1 = w.kinesis.shards[4];
    QCOMPARE(c0.parent, 0);
    QCOMPARE(c1.parent, 0);
    QCOMPARE(c0.range.start, ranges[0].start);
    QCOMPARE(c0.range.end, middle - 1);
    QCOMPARE(c1.range.start, middle);
    QCOMPARE(c1.range.end, ranges[0].end);
    const Shard &merged = w.kinesis.shards[5];
    QCOMPARE(merged.parent, 4);
    QCOMPARE(merged.adjacentParent, 1);
    QCOMPARE(merged.range.start, middle);
    QCOMPARE(merged.range.end, ranges[1].end);
    for (int closed : {0, 1, 4}) {
      const Shard &parent = w.kinesis.shards[static_cast<std::size_t>(closed)];
      QVERIFY(!parent.open());
      for (const StoredRecord &rec : parent.records) // no writes after closing
        QVERIFY(rec.arrival <= parent.closedAt);
    }
    QVERIFY(!merged.records.empty());
    QCOMPARE(static_cast<int>(r.refusals.size()), 3);
    QVERIFY(QString::fromStdString(r.refusals[0]).contains(QStringLiteral("has already been merged or split")));
    QVERIFY(QString::fromStdString(r.refusals[1]).contains(QStringLiteral("not both greater than one plus")));
    QVERIFY(QString::fromStdString(r.refusals[2]).contains(QStringLiteral("not an adjacent pair")));
    QCOMPARE(r.acknowledgedLost, 0);
    // The open shards still cover the key space exactly.
    std::vector<HashKeyRange> open;
    for (const Shard &sh : w.kinesis.shards)
      if (sh.open())
        open.push_back(sh.range);
    std::sort(open.begin(), open.end(), [](const HashKeyRange &x, const HashKeyRange &y) { return x.start < y.start; });
    QCOMPARE(open.front().start, Uint128{0});
    QCOMPARE(open.back().end, kUint128Max);
    for (std::size_t i = 1; i < open.size(); ++i)
      QCOMPARE(open[i].start, open[i - 1].end + 1);
  }

  void reshardPlanReachesTheTargetOneValidStepAtATime() {
    Scenario s = kinesisScenario(3, 400, 10 * kSecond);
    s.kinesis->streams[0].reshardTime = 100 * kMillisecond;
    Simulation sim(s);
    sim.runUntil(2 * kSecond);
    const auto reshardTo = [&](int target, FaultAction expected) {
      for (int steps = 0; openShardCount(sim.world(), 0) != target; ++steps) {
        QVERIFY2(steps < 16, "the plan does not converge");
        const int before = openShardCount(sim.world(), 0);
        const std::optional<Fault> step = nextReshardStep(sim.world(), 0, target);
        QVERIFY(step);
        QCOMPARE(step->action(), expected);
        const std::string stream = expected == FaultAction::SplitShard ? step->as<SplitShard>()->stream : step->as<MergeShards>()->stream;
        QCOMPARE(stream, std::string("s"));
        const auto refused = sim.applyFault(*step); // Kinesis accepts every step
        QVERIFY2(!refused, refused ? refused->c_str() : "");
        QCOMPARE(openShardCount(sim.world(), 0), before); // UPDATING: the old shards until it completes
        sim.runUntil(sim.world().now + 100 * kMillisecond);
        QCOMPARE(openShardCount(sim.world(), 0), before + (expected == FaultAction::SplitShard ? 1 : -1));
      }
      QVERIFY(!nextReshardStep(sim.world(), 0, target)); // nothing left to do
    };
    reshardTo(5, FaultAction::SplitShard);
    reshardTo(2, FaultAction::MergeShards);
    sim.runUntil(4 * kSecond);
    // The open shards still cover the key space exactly.
    std::vector<HashKeyRange> open;
    for (const Shard &sh : sim.world().kinesis.shards)
      if (sh.open())
        open.push_back(sh.range);
    std::sort(open.begin(), open.end(), [](const HashKeyRange &x, const HashKeyRange &y) { return x.start < y.start; });
    QCOMPARE(open.size(), std::size_t{2});
    QCOMPARE(open.front().start, Uint128{0});
    QCOMPARE(open.back().end, kUint128Max);
    QCOMPARE(open[1].start, open[0].end + 1);
    QCOMPARE(makeReport(sim.world()).acknowledgedLost, 0);
  }

  void sameSeedSameEventsAndSnapshotsReplay() {
    Scenario s = kinesisScenario(2, 1500, 10 * kSecond);
    addApplication(s, 2);
    s.faults = {reshard(4 * kSecond, FaultAction::SplitShard, 0, -1, std::string("1000000000000000000000000000000000000"))};
    const Report a = runToEnd(s), b = runToEnd(s);
    QCOMPARE(a.eventHash, b.eventHash);
    Simulation sim(s);
    sim.runUntil(5 * kSecond);
    const World mid = sim.snapshot();
    sim.runToEnd();
    const std::string straight = makeReport(sim.world()).eventHash;
    sim.restore(mid);
    sim.runToEnd();
    QCOMPARE(makeReport(sim.world()).eventHash, straight);
    QCOMPARE(straight, a.eventHash);
    s.seed = 43;
    QVERIFY(runToEnd(s).eventHash != a.eventHash);
  }
};

QTEST_APPLESS_MAIN(TstKinesisStream)
#include "tst_kinesis_stream.moc"
