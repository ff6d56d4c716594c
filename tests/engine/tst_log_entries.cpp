// The compact per-record storage: a replica log's entries kept by column with runs, and the
// chunked ledger. Each is checked against a plain vector through random appends, truncations,
// deletions from the front and rewrites, and for its size per record; copies share their
// chunks until one of them writes (copy-on-write), and a write never shows in another copy.
#include "engine/core/chunked_vector.h"
#include "engine/core/rng.h"
#include "engine/world/kafka/kafka_state.h"
#include "engine/world/kafka/log_entries.h"
#include "engine/world/kinesis/kinesis_state.h"

#include <QtTest>

#include <algorithm>
#include <set>
#include <utility>
#include <vector>

using namespace streamscope::engine;
using namespace streamscope::engine::kafka;

namespace {

bool same(const LogEntry &a, const LogEntry &b) { return a.offset == b.offset && a.record == b.record && a.epoch == b.epoch && a.bytes == b.bytes; }

void compare(const LogEntries &log, const std::vector<LogEntry> &model) {
  QCOMPARE(log.size(), model.size());
  for (std::size_t i = 0; i < model.size(); ++i)
    QVERIFY2(same(log[i], model[i]), qPrintable(QStringLiteral("entry %1 differs").arg(i)));
  std::size_t i = 0;
  for (const LogEntry &e : log)
    QVERIFY(same(e, model[i++]));
  // lowerBound against the model's, for offsets inside, between and around the entries.
  const Offset last = model.empty() ? 0 : model.back().offset;
  for (Offset o = -2; o <= last + 2; ++o) {
    const auto it = std::lower_bound(model.begin(), model.end(), o, [](const LogEntry &e, Offset x) { return e.offset < x; });
    QCOMPARE(log.lowerBound(o), static_cast<std::size_t>(it - model.begin()));
  }
}

template <typename T> std::vector<const void *> chunksOf(const ChunkedVector<T> &v) {
  std::vector<const void *> ids;
  v.forEachChunk([&](const void *c, std::size_t) { ids.push_back(c); });
  return ids;
}

std::set<const void *> chunksOf(const LogEntries &log) {
  std::set<const void *> ids;
  log.forEachChunk([&](const void *c, std::size_t) { ids.insert(c); });
  return ids;
}

} // namespace

class TstLogEntries : public QObject {
  Q_OBJECT
private slots:
  void matchesAPlainVectorThroughRandomChanges() {
    Rng rng(7);
    LogEntries log;
    std::vector<LogEntry> model;
    Offset next = 0;
    std::int32_t epoch = 0;
    RecordId id = 0;
    for (int step = 0; step < 400; ++step) {
      const auto what = rng.between(0, 9);
      if (what <= 5) { // a batch, sometimes after a gap, a new epoch or with another size
        if (rng.between(0, 4) == 0)
          next += rng.between(1, 5);
        if (rng.between(0, 6) == 0)
          ++epoch;
        // Sizes of 64 KiB and more are kept apart from the 2-byte column.
        const auto kind = rng.between(0, 5);
        const auto bytes = static_cast<std::uint32_t>(kind == 0 ? 200 : kind == 1 ? 70000 + rng.between(0, 3) : 100);
        for (int n = static_cast<int>(rng.between(1, 8)); n > 0; --n) {
          const LogEntry e{next++, id++, epoch, bytes};
          log.push_back(e);
          model.push_back(e);
        }
      } else if (what == 6 && !model.empty()) { // truncation after a leader change
        const auto keep = static_cast<std::size_t>(rng.between(0, static_cast<std::int64_t>(model.size())));
        QCOMPARE(log.copy(keep, log.size()).size(), model.size() - keep);
        log.truncate(keep);
        model.resize(keep);
        if (!model.empty())
          next = model.back().offset + 1;
      } else if (what == 7 && !model.empty()) { // retention deletes the oldest segment
        const auto cut = static_cast<std::size_t>(rng.between(0, static_cast<std::int64_t>(model.size())));
        const std::vector<LogEntry> removed = log.copy(0, cut);
        for (std::size_t i = 0; i < cut; ++i)
          QVERIFY(same(removed[i], model[i]));
        log.eraseFront(cut);
        model.erase(model.begin(), model.begin() + static_cast<std::ptrdiff_t>(cut));
      } else if (what == 8) { // compaction keeps every other entry
        std::vector<LogEntry> kept;
        for (std::size_t i = 0; i < model.size(); i += 2)
          kept.push_back(model[i]);
        log.assign(kept);
        model = kept;
      } else { // a copy is an equal, independent value
        LogEntries copy = log;
        compare(copy, model);
        copy.clear();
        QCOMPARE(log.size(), model.size());
      }
      compare(log, model);
    }
  }

  void anEntryCostsSixBytesWhenOffsetsAndEpochsRunOn() {
    LogEntries log;
    for (RecordId i = 0; i < 100000; ++i)
      log.push_back(LogEntry{1000 + static_cast<Offset>(i), i * 3, 4, 100 + i % 7});
    // The id and size columns (at most one chunk of each part-used), one run each of offsets and epochs.
    // Six bytes an entry, plus at most one part-used chunk per column (record ids, sizes).
    QVERIFY(log.memoryBytes() <= 100000 * 6 + ChunkedVector<RecordId>::kChunk * 4 + ChunkedVector<std::uint16_t>::kChunk * 2 + 1024);
    QCOMPARE(log[99999].offset, Offset{100999});
    QCOMPARE(log.lowerBound(100999), std::size_t{99999});
  }

  void chunkedVectorKeepsIndicesAndCopies() {
    ChunkedVector<std::uint32_t> v;
    const std::size_t n = ChunkedVector<std::uint32_t>::kChunk * 2 + 17;
    for (std::size_t i = 0; i < n; ++i)
      v.push_back(static_cast<std::uint32_t>(i * 7));
    QCOMPARE(v.size(), n);
    QVERIFY(v.capacity() >= n && v.capacity() <= n + ChunkedVector<std::uint32_t>::kChunk);
    const ChunkedVector<std::uint32_t> copy = v;
    v[5] = 1;
    QCOMPARE(copy[5], std::uint32_t{35});
    QCOMPARE(copy.back(), static_cast<std::uint32_t>((n - 1) * 7));
    std::size_t i = 0;
    for (std::uint32_t x : copy)
      QCOMPARE(x, static_cast<std::uint32_t>(i++ * 7));
    QCOMPARE(i, n);
    // A small ledger stays small: the first chunk grows like a vector.
    ChunkedVector<std::uint32_t> small;
    small.push_back(1);
    QVERIFY(small.capacity() < 16);
  }

  void chunkedVectorCopiesShareChunksUntilWritten() {
    using V = ChunkedVector<std::uint32_t>;
    V v;
    const std::size_t n = V::kChunk * 3 + 5;
    for (std::size_t i = 0; i < n; ++i)
      v.push_back(static_cast<std::uint32_t>(i));
    const V copy = v;
    QCOMPARE(chunksOf(copy), chunksOf(v)); // a copy is the chunk pointers
    QCOMPARE(std::as_const(v)[V::kChunk + 1], std::uint32_t(V::kChunk + 1));
    QCOMPARE(chunksOf(copy), chunksOf(v)); // reading through const clones nothing
    v[V::kChunk + 1] = 7; // clones the second chunk only
    QCOMPARE(copy[V::kChunk + 1], std::uint32_t(V::kChunk + 1));
    QCOMPARE(v[V::kChunk + 1], std::uint32_t{7});
    auto mine = chunksOf(v), theirs = chunksOf(copy);
    QCOMPARE(mine[0], theirs[0]);
    QVERIFY(mine[1] != theirs[1]);
    QCOMPARE(mine[2], theirs[2]);
    QCOMPARE(mine[3], theirs[3]);
    v[V::kChunk + 2] = 8; // its own now: written in place
    QCOMPARE(chunksOf(v)[1], mine[1]);
    v.push_back(99); // into the shared last chunk: cloned
    QCOMPARE(copy.size(), n);
    QVERIFY(chunksOf(v)[3] != theirs[3]);
    // Deleting from the front after a copy releases whole chunks and keeps the others shared.
    V front = copy;
    front.eraseFront(V::kChunk + 3);
    QCOMPARE(front.size(), n - V::kChunk - 3);
    QCOMPARE(std::as_const(front)[0], std::uint32_t(V::kChunk + 3));
    QCOMPARE(std::as_const(front).back(), std::uint32_t(n - 1));
    QCOMPARE(chunksOf(front), std::vector<const void *>(theirs.begin() + 1, theirs.end()));
    front[0] = 5;
    front.push_back(6);
    QCOMPARE(copy[V::kChunk + 3], std::uint32_t(V::kChunk + 3));
    QCOMPARE(copy.size(), n);
    // Truncating after a copy leaves the copy whole.
    V cut = copy;
    cut.resize(V::kChunk + 10);
    QCOMPARE(cut.size(), V::kChunk + 10);
    QCOMPARE(copy.size(), n);
    QCOMPARE(copy.back(), std::uint32_t(n - 1));
    cut.push_back(1);
    QCOMPARE(copy[V::kChunk + 10], std::uint32_t(V::kChunk + 10));
  }

  void chunkedVectorCopiesKeepTheirValuesThroughRandomChanges() {
    // Copies taken along the way (as snapshots are) each keep the values of their moment
    // while the original appends, rewrites, truncates and deletes from the front.
    Rng rng(11);
    ChunkedVector<std::uint32_t> v;
    std::vector<std::uint32_t> model;
    std::vector<std::pair<ChunkedVector<std::uint32_t>, std::vector<std::uint32_t>>> copies;
    std::uint32_t next = 0;
    for (int step = 0; step < 300; ++step) {
      const auto what = rng.between(0, 9);
      if (what <= 4) {
        for (auto n = rng.between(1, 6000); n > 0; --n) {
          v.push_back(next);
          model.push_back(next++);
        }
      } else if (what == 5 && !model.empty()) {
        for (int k = 0; k < 20; ++k) {
          const auto i = static_cast<std::size_t>(rng.between(0, static_cast<std::int64_t>(model.size()) - 1));
          v[i] = model[i] = next++;
        }
      } else if (what == 6 && !model.empty()) {
        const auto keep =
            model.size() - static_cast<std::size_t>(rng.between(0, std::min<std::int64_t>(3000, static_cast<std::int64_t>(model.size()))));
        v.resize(keep);
        model.resize(keep);
      } else if (what == 7 && !model.empty()) {
        const auto cut = static_cast<std::size_t>(rng.between(0, static_cast<std::int64_t>(model.size()) / 2));
        v.eraseFront(cut);
        model.erase(model.begin(), model.begin() + static_cast<std::ptrdiff_t>(cut));
      } else {
        copies.emplace_back(v, model);
      }
      QCOMPARE(v.size(), model.size());
    }
    QVERIFY(model.size() > ChunkedVector<std::uint32_t>::kChunk); // the run crossed chunks
    copies.emplace_back(v, model);
    for (const auto &[copy, values] : copies) {
      QCOMPARE(copy.size(), values.size());
      QVERIFY(std::equal(values.begin(), values.end(), copy.begin(), copy.end()));
    }
  }

  void logEntriesCopiesShareTheirColumns() {
    LogEntries log;
    std::vector<LogEntry> model;
    for (RecordId i = 0; i < 3 * ChunkedVector<RecordId>::kChunk + 100; ++i) {
      model.push_back(LogEntry{static_cast<Offset>(i), i * 2, 1, 100});
      log.push_back(model.back());
    }
    const LogEntries copy = log;
    const std::vector<LogEntry> copyModel = model;
    QCOMPARE(chunksOf(copy), chunksOf(log));
    const auto before = chunksOf(copy);
    // Appends clone only the last chunk of each column.
    for (RecordId i = 0; i < 10; ++i) {
      model.push_back(LogEntry{model.back().offset + 1, 7, 2, 70000});
      log.push_back(model.back());
    }
    std::size_t shared = 0;
    for (const void *c : chunksOf(log))
      shared += before.count(c);
    QCOMPARE(shared, before.size() - 2);
    // Retention deletes the oldest part: the copy keeps it.
    log.eraseFront(ChunkedVector<RecordId>::kChunk + 50);
    model.erase(model.begin(), model.begin() + static_cast<std::ptrdiff_t>(ChunkedVector<RecordId>::kChunk + 50));
    log.truncate(log.size() - 3);
    model.resize(model.size() - 3);
    compare(log, model);
    compare(copy, copyModel);
    QVERIFY(log.memoryBytes() < copy.memoryBytes());
  }

  void recordsKeepTheirSizeAndTimes() {
    static_assert(sizeof(kafka::RecordInfo) == 40);
    static_assert(sizeof(kinesis::RecordInfo) == 24);
    static_assert(sizeof(kinesis::StoredRecord) == 20);
    kafka::RecordInfo r;
    QCOMPARE(static_cast<SimTime>(r.ackedAt), SimTime{-1});
    r.createdAt = 3600LL * 24 * 365 * kSecond; // a year in, well inside 48 bits
    r.ackedAt = r.createdAt + 5;
    r.producer = -1;
    r.copies = 65535;
    QCOMPARE(static_cast<SimTime>(r.createdAt), 3600LL * 24 * 365 * kSecond);
    QCOMPARE(static_cast<SimTime>(r.ackedAt), 3600LL * 24 * 365 * kSecond + 5);
    QCOMPARE(r.producer, std::int16_t{-1});
    QCOMPARE(r.copies, std::uint16_t{65535});
    kinesis::StoredRecord s{kinesis::kEndingCounter, -1, 7, true, 42};
    QCOMPARE(s.counter, kinesis::kEndingCounter);
    QCOMPARE(static_cast<SimTime>(s.arrival), SimTime{-1});
    QCOMPARE(s.record, std::uint32_t{42});
  }
};

QTEST_APPLESS_MAIN(TstLogEntries)
#include "tst_log_entries.moc"
