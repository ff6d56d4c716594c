// Snapshots that share unchanged chunks of the big tables: restoring one gives back exactly the
// World that was taken (same tables, same run afterwards), and a snapshot taken soon after
// another copies only what changed.
#include "engine/world/world_snapshot.h"
#include "small_scenarios.h"

#include <QtTest>

#include <set>

using namespace streamscope::test;

namespace {

/// Both systems, with Kafka retention deleting old segments and Kinesis retention trimming
/// shards while the run goes on, so the tables lose their oldest part as well as grow.
Scenario bothWithRetention() {
  ScenarioBuilder b("snapshots", 7, 40 * kSecond);
  b.kafka(3).retentionCheckInterval = 2 * kSecond;
  TopicConfig &t = b.topic("t", 3, 3, 2);
  t.segmentBytes = 16 * 1024;
  t.retention = 5 * kSecond;
  b.stream("s", 2).retention = 6 * kSecond;
  ProducerConfig &p = b.producer("p", "t", "s");
  p.rate = 1500;
  p.keyCount = 50;
  b.consumerGroup("g", "t", 2, OffsetReset::Earliest);
  b.application("app", "s", 2, IteratorType::TrimHorizon);
  return b.build();
}

std::size_t logEntries(const World &w) {
  std::size_t n = 0;
  for (const auto &p : w.kafka.partitions)
    for (const auto &log : p.logs)
      n += log.entries().size();
  return n;
}

} // namespace

class TstWorldSnapshot : public QObject {
  Q_OBJECT
private slots:
  void restoringRepeatsTheRun() {
    Simulation original(bothWithRetention());
    original.runToEnd();
    const std::uint64_t hash = original.world().events.hash();

    Simulation sim(bothWithRetention());
    std::vector<WorldSnapshot> snapshots;
    std::vector<std::uint64_t> hashes;
    for (SimTime t = 4 * kSecond; t <= 36 * kSecond; t += 4 * kSecond) {
      sim.runUntil(t);
      snapshots.push_back(sim.snapshotSharing(snapshots.empty() ? nullptr : &snapshots.back()));
      hashes.push_back(sim.world().events.hash());
    }
    QVERIFY(sim.world().kafka.partitions.front().logs.front().logStart() > 0); // retention deleted segments
    QVERIFY(sim.world().kinesis.shards.front().expired > 0); // and trimmed shards
    sim.runToEnd();
    QCOMPARE(sim.world().events.hash(), hash); // taking snapshots left the run as it was

    for (std::size_t i = 0; i < snapshots.size(); ++i) {
      sim.restore(snapshots[i]);
      QCOMPARE(sim.now(), snapshots[i].at());
      QCOMPARE(sim.world().events.hash(), hashes[i]);
      sim.runToEnd();
      QCOMPARE(sim.world().events.hash(), hash);
    }
  }

  void restoredTablesAreTheTakenOnes() {
    Simulation sim(bothWithRetention());
    sim.runUntil(20 * kSecond);
    const WorldSnapshot first = sim.snapshotSharing(nullptr);
    const World copy = sim.snapshot();
    sim.runUntil(22 * kSecond);
    const WorldSnapshot second = sim.snapshotSharing(&first);
    sim.runToEnd();
    sim.restore(first);
    const World &w = sim.world();
    QCOMPARE(w.kafka.records.size(), copy.kafka.records.size());
    QCOMPARE(w.kinesis.records.size(), copy.kinesis.records.size());
    QCOMPARE(logEntries(w), logEntries(copy));
    for (std::size_t p = 0; p < w.kafka.partitions.size(); ++p)
      for (std::size_t r = 0; r < w.kafka.partitions[p].logs.size(); ++r) {
        const auto &a = w.kafka.partitions[p].logs[r].entries(), &b = copy.kafka.partitions[p].logs[r].entries();
        QVERIFY(std::equal(a.begin(), a.end(), b.begin(), b.end(), [](const auto &x, const auto &y) {
          return x.offset == y.offset && x.record == y.record && x.epoch == y.epoch && x.bytes == y.bytes;
        }));
      }
    for (std::size_t s = 0; s < w.kinesis.shards.size(); ++s)
      QCOMPARE(w.kinesis.shards[s].records.size(), copy.kinesis.shards[s].records.size());
    QCOMPARE(w.kafka.groups.front().deliveries, copy.kafka.groups.front().deliveries);
    QCOMPARE(w.kinesis.apps.front().deliveries, copy.kinesis.apps.front().deliveries);
    QCOMPARE(w.kafka.records.back().ackedAt, copy.kafka.records.back().ackedAt);
    // Restoring the later one then the earlier one again: each is its own moment.
    sim.restore(second);
    QCOMPARE(sim.now(), 22 * kSecond);
    sim.restore(first);
    QCOMPARE(sim.world().events.hash(), copy.events.hash());
  }

  void aLaterSnapshotSharesWhatDidNotChange() {
    Scenario s = bothWithRetention();
    s.kafka->retentionCheckInterval = 300 * kSecond; // nothing deleted: the tables only grow
    s.kinesis->streams.front().retention = 24LL * 3600 * kSecond;
    Simulation sim(s);
    sim.runUntil(36 * kSecond);
    const WorldSnapshot first = sim.snapshotSharing(nullptr);
    sim.runUntil(37 * kSecond);
    const WorldSnapshot second = sim.snapshotSharing(&first);
    std::size_t all = 0;
    second.forEachChunk([&](const void *, std::size_t bytes) { all += bytes; });
    QVERIFY(first.newChunkBytes() > 1'000'000); // 36 s of records in both systems
    QVERIFY2(second.newChunkBytes() * 5 < first.newChunkBytes(), "one more second copies only the newest chunks");
    std::size_t shared = 0;
    std::set<const void *> firstChunks;
    first.forEachChunk([&](const void *c, std::size_t) { firstChunks.insert(c); });
    second.forEachChunk([&](const void *c, std::size_t bytes) { shared += firstChunks.count(c) ? bytes : 0; });
    QCOMPARE(shared + second.newChunkBytes(), all);
  }
};

QTEST_APPLESS_MAIN(TstWorldSnapshot)
#include "tst_world_snapshot.moc"
