// Snapshots that share unchanged chunks of the big tables: restoring one gives back exactly the
// World that was taken (same tables, same run afterwards), a snapshot taken soon after another
// copies only what changed, and the record ledgers and replica logs are shared with the live
// World itself until it writes them, without the live World's writes reaching the snapshot.
#include "engine/world/world_snapshot.h"
#include "small_scenarios.h"

#include <QtTest>

#include <cstring>
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

std::set<const void *> copyOnWriteChunks(const World &w) {
  std::set<const void *> ids;
  forEachCopyOnWriteChunk(w, [&](const void *c, std::size_t) { ids.insert(c); });
  return ids;
}

/// The ledgers and log entries by value (not sharing anything with the World).
struct Tables {
  std::vector<kafka::RecordInfo> kafkaRecords;
  std::vector<kinesis::RecordInfo> kinesisRecords;
  std::vector<std::vector<kafka::LogEntry>> logs;
};

Tables valuesOf(const World &w) {
  Tables t;
  t.kafkaRecords.assign(w.kafka.records.begin(), w.kafka.records.end());
  t.kinesisRecords.assign(w.kinesis.records.begin(), w.kinesis.records.end());
  for (const auto &p : w.kafka.partitions)
    for (const auto &log : p.logs)
      t.logs.push_back(log.entries().copy(0, log.entries().size()));
  return t;
}

template <typename T> bool sameBytes(const std::vector<T> &a, const std::vector<T> &b) {
  return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(T)) == 0;
}

bool same(const Tables &a, const Tables &b) {
  if (!sameBytes(a.kafkaRecords, b.kafkaRecords) || !sameBytes(a.kinesisRecords, b.kinesisRecords) || a.logs.size() != b.logs.size())
    return false;
  for (std::size_t i = 0; i < a.logs.size(); ++i)
    if (!std::equal(a.logs[i].begin(), a.logs[i].end(), b.logs[i].begin(), b.logs[i].end(), [](const auto &x, const auto &y) {
          return x.offset == y.offset && x.record == y.record && x.epoch == y.epoch && x.bytes == y.bytes;
        }))
      return false;
  return true;
}

/// Snapshots of `sim` every `every` up to `until`, each sharing chunks with the one before,
/// and the event hash at each.
struct TakenSnapshots {
  std::vector<WorldSnapshot> snapshots;
  std::vector<std::uint64_t> hashes;
};
TakenSnapshots takeSnapshots(Simulation &sim, SimTime every, SimTime until) {
  TakenSnapshots taken;
  taken.snapshots.reserve(static_cast<std::size_t>(until / every));
  for (SimTime t = every; t <= until; t += every) {
    sim.runUntil(t);
    taken.snapshots.push_back(sim.snapshotSharing(taken.snapshots.empty() ? nullptr : &taken.snapshots.back()));
    taken.hashes.push_back(sim.world().events.hash());
  }
  return taken;
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
    const auto [snapshots, hashes] = takeSnapshots(sim, 4 * kSecond, 36 * kSecond);
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
    // One more second clones each table's newest chunk (16,384 entries: 640 KiB of the Kafka
    // ledger, a third of these 36 s) and the chunks its acknowledgements wrote.
    QVERIFY2(second.newChunkBytes() * 2 < first.newChunkBytes(), "one more second copies only the newest chunks");
    std::size_t shared = 0;
    std::set<const void *> firstChunks;
    first.forEachChunk([&](const void *c, std::size_t) { firstChunks.insert(c); });
    second.forEachChunk([&](const void *c, std::size_t bytes) { shared += firstChunks.count(c) ? bytes : 0; });
    QCOMPARE(shared + second.newChunkBytes(), all);
  }

  void ledgersAndLogsAreSharedWithTheLiveWorld() {
    Simulation sim(bothWithRetention());
    sim.runUntil(20 * kSecond);
    const WorldSnapshot snapshot = sim.snapshotSharing(nullptr);
    const Tables taken = valuesOf(sim.world());
    // Taking it copied chunk pointers only: every ledger and log chunk is the live World's.
    const std::set<const void *> live = copyOnWriteChunks(sim.world());
    QVERIFY(live.size() > 10);
    QCOMPARE(copyOnWriteChunks(snapshot.rest()), live);
    // The live World goes on (acknowledgements and copies rewrite ledger entries, retention
    // deletes the oldest log segments, appends fill the newest chunks): the snapshot keeps
    // its values, and the chunks nothing wrote are still shared.
    sim.runUntil(21 * kSecond);
    QVERIFY(!same(valuesOf(sim.world()), taken));
    QVERIFY(same(valuesOf(snapshot.rest()), taken));
    std::size_t stillShared = 0;
    for (const void *c : copyOnWriteChunks(sim.world()))
      stillShared += live.count(c);
    QVERIFY(stillShared > 0);
    QVERIFY(stillShared < live.size());
    sim.runUntil(30 * kSecond);
    QVERIFY(same(valuesOf(snapshot.rest()), taken));
    sim.restore(snapshot);
    QVERIFY(same(valuesOf(sim.world()), taken));
  }

  void restoringAfterManySnapshotsRepeatsTheRun() {
    Simulation original(bothWithRetention());
    original.runToEnd();
    const std::uint64_t hash = original.world().events.hash();

    // A snapshot every simulated second, as a long history holds them, each sharing chunks
    // with the one before and with the live World.
    Simulation sim(bothWithRetention());
    const auto [snapshots, hashes] = takeSnapshots(sim, kSecond, 38 * kSecond);
    sim.runToEnd();
    QCOMPARE(sim.world().events.hash(), hash);
    // Back and forth in a scattered order; runs after a restore write the restored chunks
    // (copy-on-write), which must leave every snapshot as it was taken.
    for (std::size_t k = 0; k < snapshots.size(); ++k) {
      const std::size_t i = (k * 23) % snapshots.size();
      sim.restore(snapshots[i]);
      QCOMPARE(sim.world().events.hash(), hashes[i]);
      if (k % 6 == 0) {
        sim.runToEnd();
        QCOMPARE(sim.world().events.hash(), hash);
      } else {
        sim.runUntil(sim.now() + 1500 * kMillisecond);
      }
    }
  }
};

QTEST_APPLESS_MAIN(TstWorldSnapshot)
#include "tst_world_snapshot.moc"
