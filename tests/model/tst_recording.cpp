// Recordings: saving a run with branches and reopening it replays exactly (same event hash,
// same metric series, same position); damaged, foreign and newer files are refused with a
// message; the library remembers what was saved.
#include "model/history/library_store.h"
#include "model/history/recording_store.h"
#include "model/json/scenario_loader.h"
#include "model/simulation_controller.h"

#include <QFile>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <set>

using namespace streamscope;
using engine::kSecond;
using streamscope::model::sqliteVersion;

namespace {

QByteArray scenarioText(const char *name) {
  QFile f(QStringLiteral(SCENARIO_DIR "/") + QString::fromLatin1(name));
  if (!f.open(QIODevice::ReadOnly))
    qFatal("cannot read %s", name);
  return f.readAll();
}

engine::Scenario scenarioOf(const QByteArray &text) { return *model::loadScenarioText(text, QStringLiteral("s.json")).scenario; }

/// A run with two branches: main to 12 s, and a fork at 4 s with a broker crash.
void makeBranchedRun(engine::Simulation &sim, model::RunHistory &history) {
  history.reset(sim);
  history.runForward(sim, 12 * kSecond);
  history.seek(sim, 4 * kSecond);
  for (int i = 0; i < 5; ++i) // mid-microsecond, on purpose
    history.stepForward(sim);
  const engine::Fault crash{0, engine::CrashBroker{1}};
  QVERIFY(!history.act(sim, crash));
  history.runForward(sim, 9 * kSecond);
  for (int i = 0; i < 3; ++i)
    history.stepForward(sim);
}

/// The whole run so far as a recording at `path`, in one batch.
bool writeWholeRun(const QString &path, const QByteArray &scenario, const model::RunHistory &history, const engine::Simulation &sim) {
  QString error;
  model::RecordingWriter writer;
  const bool ok = writer.create(path, scenario, &error) && writer.writeBatch(history, sim, &error);
  if (!ok)
    qWarning("%s", qPrintable(error));
  return ok;
}

} // namespace

class TstRecording : public QObject {
  Q_OBJECT
private slots:
  void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

  void aRecordingReplaysExactly() {
    const QByteArray text = scenarioText("first-look.json");
    engine::Simulation sim(scenarioOf(text));
    model::RunHistory history;
    makeBranchedRun(sim, history);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("run.db"));
    model::RecordingWriter writer;
    QString error;
    QVERIFY2(writer.create(path, text, &error), qPrintable(error));
    QVERIFY2(writer.writeBatch(history, sim, &error), qPrintable(error));

    const auto recording = model::readRecording(path, &error);
    QVERIFY2(recording, qPrintable(error));
    QCOMPARE(recording->branches.size(), std::size_t{2});
    QCOMPARE(recording->branches[1].actions.size(), std::size_t{1});
    QCOMPARE(recording->currentBranch, 1);
    engine::Simulation again(scenarioOf(recording->scenarioJson));
    model::RunHistory replayed;
    const auto failed = model::replayRecording(*recording, again, replayed);
    QVERIFY2(!failed, qPrintable(failed.value_or(QString())));
    QCOMPARE(again.world().events.hash(), sim.world().events.hash());
    QCOMPARE(again.processed(), sim.processed());
    QCOMPARE(replayed.current(), 1);
    for (std::size_t b = 0; b < 2; ++b) {
      const auto &a = history.branches()[b].metrics;
      const auto &r = replayed.branches()[b].metrics;
      QCOMPARE(r.times(), a.times());
      QCOMPARE(r.series().size(), a.series().size());
      for (std::size_t s = 0; s < a.series().size(); ++s)
        for (std::size_t i = 0; i < a.times().size(); ++i) {
          const double x = a.series()[s].values[i], y = r.series()[s].values[i];
          QVERIFY((std::isnan(x) && std::isnan(y)) || x == y);
        }
      QCOMPARE(replayed.branches()[b].exploredHash, history.branches()[b].exploredHash);
    }
    // The stored series are the ones the replay rebuilt.
    const auto &stored = recording->samples[0].at(QStringLiteral("kafka.produce.records_per_s"));
    QCOMPARE(stored.size(), history.branches()[0].metrics.times().size());
  }

  void aUserActionGroupReplaysAsOneGroup() {
    const QByteArray text = scenarioText("first-look.json");
    engine::Simulation sim(scenarioOf(text));
    model::RunHistory history;
    history.reset(sim);
    history.runForward(sim, 3 * kSecond);
    for (int i = 0; i < 2; ++i) // mid-microsecond, on purpose
      history.stepForward(sim);
    const engine::Fault partitions{0, engine::AddPartitions{"orders", 4}};
    const engine::Fault rf{0, engine::SetReplicationFactor{"orders", 2}};
    const engine::Fault crash{0, engine::CrashBroker{2}};
    QVERIFY(!history.act(sim, partitions));
    QVERIFY(!history.act(sim, rf, true));
    QVERIFY(!history.act(sim, crash)); // a group of its own, at the same place
    history.runForward(sim, 8 * kSecond);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("groups.db"));
    QVERIFY(writeWholeRun(path, text, history, sim));

    QString error;
    const auto recording = model::readRecording(path, &error);
    QVERIFY2(recording, qPrintable(error));
    const auto &actions = recording->branches[0].actions;
    QCOMPARE(actions.size(), std::size_t{3});
    QCOMPARE(actions[0].group, std::size_t{0});
    QCOMPARE(actions[1].group, std::size_t{0});
    QCOMPARE(actions[2].group, std::size_t{2});
    engine::Simulation again(scenarioOf(recording->scenarioJson));
    model::RunHistory replayed;
    const auto failed = model::replayRecording(*recording, again, replayed);
    QVERIFY2(!failed, qPrintable(failed.value_or(QString())));
    QCOMPARE(again.world().events.hash(), sim.world().events.hash());
    QCOMPARE(model::describeActionGroups(replayed.branch()), model::describeActionGroups(history.branch()));
    // Stepping back through the replayed run undoes the crash, then the whole group.
    replayed.seek(again, 3 * kSecond);
    while (replayed.actionsApplied() < 3)
      replayed.stepForward(again);
    QVERIFY(replayed.stepBack(again));
    QCOMPARE(replayed.actionsApplied(), std::size_t{2});
    QVERIFY(replayed.stepBack(again));
    QCOMPARE(replayed.actionsApplied(), std::size_t{0});
    QCOMPARE(again.world().kafka.topics[0].config.partitions, 3);

    // A file written before groups existed (no action_group column): one group per action,
    // and it still replays exactly.
    {
      QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("old"));
      db.setDatabaseName(path);
      QVERIFY(db.open());
      QSqlQuery q(db);
      if (!q.exec(QStringLiteral("ALTER TABLE actions DROP COLUMN action_group")))
        QSKIP("this SQLite cannot drop a column");
      db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("old"));
    const auto old = model::readRecording(path, &error);
    QVERIFY2(old, qPrintable(error));
    QCOMPARE(old->branches[0].actions[1].group, std::size_t{1});
    engine::Simulation oldAgain(scenarioOf(old->scenarioJson));
    model::RunHistory oldReplayed;
    const auto oldFailed = model::replayRecording(*old, oldAgain, oldReplayed);
    QVERIFY2(!oldFailed, qPrintable(oldFailed.value_or(QString())));
    QCOMPARE(oldAgain.world().events.hash(), sim.world().events.hash());
  }

  void openingShowsProgressAndCanBeCancelled() {
    const QByteArray text = scenarioText("first-look.json");
    engine::Simulation sim(scenarioOf(text));
    model::RunHistory history;
    makeBranchedRun(sim, history);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("run.db"));
    QVERIFY(writeWholeRun(path, text, history, sim));
    QString error;
    const auto recording = model::readRecording(path, &error);
    QVERIFY2(recording, qPrintable(error));

    // Progress rises to the end, and the replay with progress is the same replay.
    std::vector<double> shares;
    engine::Simulation again(scenarioOf(text));
    model::RunHistory replayed;
    QVERIFY(!model::replayRecording(*recording, again, replayed, [&](double share) {
      shares.push_back(share);
      return true;
    }));
    QCOMPARE(again.world().events.hash(), sim.world().events.hash());
    QVERIFY(shares.size() >= 10); // about one call per simulated second (12 s + 5 s of branches)
    QVERIFY(std::is_sorted(shares.begin(), shares.end()));
    QVERIFY(shares.back() <= 1.0 && shares.back() > 0.8);

    // Cancelled halfway: the controller keeps the run it had.
    model::SimulationController controller;
    controller.load(scenarioOf(scenarioText("calm-cluster.json")));
    controller.runTo(2 * kSecond);
    const auto before = controller.world().events.hash();
    int calls = 0;
    const auto failed = controller.loadRecording(*recording, [&](double) { return ++calls < 5; });
    QCOMPARE(failed.value_or(QString()), model::replayCancelledMessage());
    QCOMPARE(calls, 5);
    QCOMPARE(controller.world().events.hash(), before);
  }

  void badFilesAreRefusedWithAMessage() {
    QTemporaryDir dir;
    QString error;
    QVERIFY(!model::readRecording(dir.filePath(QStringLiteral("missing.db")), &error));
    QVERIFY(error.contains(QStringLiteral("no such file")));

    const QString text = dir.filePath(QStringLiteral("text.db"));
    QFile f(text);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("{\"name\": \"not sqlite\"}");
    f.close();
    QVERIFY(!model::readRecording(text, &error));
    QVERIFY2(error.contains(QStringLiteral("not an SQLite database")), qPrintable(error));

    // A recording from a newer StreamScope.
    const QByteArray scenario = scenarioText("calm-cluster.json");
    engine::Simulation sim(scenarioOf(scenario));
    model::RunHistory history;
    history.reset(sim);
    history.runForward(sim, 3 * kSecond);
    const QString newer = dir.filePath(QStringLiteral("newer.db"));
    QVERIFY(writeWholeRun(newer, scenario, history, sim));
    {
      QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("bump"));
      db.setDatabaseName(newer);
      QVERIFY(db.open());
      QSqlQuery(db).exec(QStringLiteral("UPDATE meta SET value = '99' WHERE key = 'schema_version'"));
      db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("bump"));
    QVERIFY(!model::readRecording(newer, &error));
    QVERIFY2(error.contains(QStringLiteral("schema 99 is newer")), qPrintable(error));

    // A recording cut short (a power cut mid-write): refused or read, never a crash.
    const QString whole = dir.filePath(QStringLiteral("whole.db"));
    QVERIFY(writeWholeRun(whole, scenario, history, sim));
    QFile source(whole);
    QVERIFY(source.open(QIODevice::ReadOnly));
    const QByteArray bytes = source.readAll();
    for (const double share : {0.1, 0.5, 0.9}) {
      const QString cut = dir.filePath(QStringLiteral("cut%1.db").arg(share));
      QFile out(cut);
      QVERIFY(out.open(QIODevice::WriteOnly));
      out.write(bytes.left(static_cast<int>(bytes.size() * share)));
      out.close();
      const auto r = model::readRecording(cut, &error);
      if (r) { // what could be read must replay
        engine::Simulation again(scenarioOf(r->scenarioJson));
        model::RunHistory replayed;
        model::replayRecording(*r, again, replayed);
      } else {
        QVERIFY(error.startsWith(cut));
      }
    }

    // A recording whose actions do not replay to the stored hash is refused.
    {
      QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("tamper"));
      db.setDatabaseName(whole);
      QVERIFY(db.open());
      QSqlQuery(db).exec(QStringLiteral("UPDATE branches SET explored_hash = '1234'"));
      db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("tamper"));
    const auto tampered = model::readRecording(whole, &error);
    QVERIFY(tampered);
    engine::Simulation again(scenarioOf(tampered->scenarioJson));
    model::RunHistory replayed;
    const auto failed = model::replayRecording(*tampered, again, replayed);
    QVERIFY(failed && failed->contains(QStringLiteral("does not replay")));
  }

  void sqliteVersionIsKnown() { QVERIFY(sqliteVersion().startsWith(QStringLiteral("3."))); }

  void theLibraryRemembers() {
    QTemporaryDir dir;
    model::LibraryStore library(dir.filePath(QStringLiteral("library.sqlite")));
    QVERIFY2(library.ok(), qPrintable(library.error()));
    QVERIFY(library.remember(
        {dir.filePath(QStringLiteral("a.json")), QStringLiteral("scenario"), QStringLiteral("A"), QStringLiteral("Kafka"), 30000, {}}));
    QVERIFY(library.remember(
        {dir.filePath(QStringLiteral("b.db")), QStringLiteral("recording"), QStringLiteral("B"), QStringLiteral("Kinesis"), 60000, {}}));
    QVERIFY(library.remember(
        {dir.filePath(QStringLiteral("a.json")), QStringLiteral("scenario"), QStringLiteral("A2"), QStringLiteral("Kafka"), 30000, {}}));
    const auto entries = library.entries();
    QCOMPARE(entries.size(), std::size_t{2});
    QCOMPARE(entries.front().name, QStringLiteral("A2")); // newest first, updated in place
    QVERIFY(library.forget(dir.filePath(QStringLiteral("b.db"))));
    QCOMPARE(library.entries().size(), std::size_t{1});
  }

  void aPowerCutKeepsTheLastWholeBatch() {
    // While a recording is written, its newest batches live in SQLite's write-ahead log.
    // A power cut can end that log anywhere: reading must then give the recording as of
    // the last whole batch, and it must replay; or refuse with a message.
    QTemporaryDir dir;
    const QByteArray scenario = scenarioText("calm-cluster.json");
    engine::Simulation sim(scenarioOf(scenario));
    model::RunHistory history;
    history.reset(sim);
    const QString live = dir.filePath(QStringLiteral("live.db"));
    QString error;
    model::RecordingWriter writer;
    QVERIFY2(writer.create(live, scenario, &error), qPrintable(error));
    std::set<engine::SimTime> batches{0};
    for (int b = 1; b <= 6; ++b) {
      history.runForward(sim, b * kSecond);
      QVERIFY2(writer.writeBatch(history, sim, &error), qPrintable(error));
      batches.insert(b * kSecond);
    }
    const auto bytesOf = [](const QString &path) {
      QFile f(path);
      return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    };
    const QByteArray db = bytesOf(live), wal = bytesOf(live + QStringLiteral("-wal"));
    QVERIFY2(!wal.isEmpty(), "the batches should still be in the write-ahead log");
    engine::Rng rng(2026);
    int replayed = 0, refused = 0;
    for (int i = 0; i < 40; ++i) {
      const auto cut = static_cast<qsizetype>(rng.below(static_cast<std::uint64_t>(wal.size()) + 1));
      const QString copy = dir.filePath(QStringLiteral("cut%1.db").arg(i));
      for (const auto &[path, bytes] : {std::pair{copy, db}, std::pair{copy + QStringLiteral("-wal"), wal.left(cut)}}) {
        QFile out(path);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(bytes);
      }
      const auto r = model::readRecording(copy, &error);
      if (!r) {
        QVERIFY2(error.startsWith(copy), qPrintable(error));
        if (refused++ == 0)
          qInfo("cut at %lld of %lld bytes: %s", static_cast<long long>(cut), static_cast<long long>(wal.size()), qPrintable(error));
        continue;
      }
      QVERIFY2(
          batches.count(r->branches.at(0).explored),
          qPrintable(
              QStringLiteral("cut at %1 of %2 bytes: explored %3 us is not a whole batch").arg(cut).arg(wal.size()).arg(r->branches[0].explored)));
      engine::Simulation again(scenarioOf(r->scenarioJson));
      model::RunHistory rebuilt;
      const auto failed = model::replayRecording(*r, again, rebuilt);
      QVERIFY2(!failed, qPrintable(failed.value_or(QString())));
      ++replayed;
    }
    qInfo("40 power cuts: %d read and replayed to their last whole batch, %d refused", replayed, refused);
    QVERIFY(replayed > 20);
  }
};

QTEST_GUILESS_MAIN(TstRecording)
#include "tst_recording.moc"
