// A recording survives a killed writer: `streamscope-cli run --record` is killed (SIGKILL)
// mid-run; the file still opens and replays exactly to its last committed batch.
#include "model/history/recording_store.h"
#include "model/json/scenario_loader.h"

#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

using namespace streamscope;

class TstKilledRecorder : public QObject {
  Q_OBJECT
private slots:
  void aKilledWriterLeavesAnOpenableFile() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("killed.db"));
    QProcess cli;
    cli.start(QStringLiteral(CLI_PATH), {QStringLiteral("run"), QStringLiteral(SCENARIO_DIR "/big-cluster.json"), QStringLiteral("--record"), path});
    QVERIFY(cli.waitForStarted());
    // Wait for a few committed batches, then pull the plug.
    QString error;
    engine::SimTime explored = 0;
    for (int i = 0; i < 400 && explored < 5 * engine::kSecond; ++i) {
      QTest::qWait(10);
      if (const auto r = model::readRecording(path, &error))
        explored = r->branches.front().explored;
    }
    QVERIFY2(explored >= 5 * engine::kSecond, "the writer did not commit batches");
    QVERIFY2(cli.state() == QProcess::Running, "the run ended before it could be killed");
    cli.kill(); // SIGKILL
    QVERIFY(cli.waitForFinished());
    QCOMPARE(cli.exitStatus(), QProcess::CrashExit);

    const auto recording = model::readRecording(path, &error);
    QVERIFY2(recording, qPrintable(error));
    const engine::SimTime last = recording->branches.front().explored;
    QVERIFY(last >= explored);
    QVERIFY(last < 120 * engine::kSecond); // it was cut short
    const auto loaded = model::loadScenarioText(recording->scenarioJson, path);
    engine::Simulation sim(*loaded.scenario);
    model::RunHistory history;
    const auto failed = model::replayRecording(*recording, sim, history);
    QVERIFY2(!failed, qPrintable(failed.value_or(QString())));
    QCOMPARE(sim.world().events.hash(), recording->branches.front().exploredHash);
  }
};

QTEST_GUILESS_MAIN(TstKilledRecorder)
#include "tst_killed_recorder.moc"
