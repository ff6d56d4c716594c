// The live Kinesis window against kinesalite: it creates a missing stream, draws its shards,
// counts every probe record arriving while the probe runs beside the refreshes, shows a
// split's lineage, and explains a clicked shard.
#include "kinesalite_process.h"

#include "model/live/kinesis/aws_credentials.h"
#include "ui/live/live_kinesis_window.h"
#include "ui/live/live_stream_view.h"

#include <QJsonObject>
#include <QSignalSpy>
#include <QtTest>

using namespace streamscope;
using namespace streamscope::live::kinesis;

class TstLiveKinesisWindow : public QObject {
  Q_OBJECT
private slots:
  void initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    const QString why = m_kinesalite.start(QStringLiteral(KINESALITE_DIR));
    QVERIFY2(why.isEmpty(), qPrintable(why));
  }

  void hashKeyPositions() {
    QCOMPARE(hashKeyPosition(QStringLiteral("0")), 0.0);
    QCOMPARE(hashKeyPosition(QStringLiteral("340282366920938463463374607431768211455")), 1.0);
    QVERIFY(qAbs(hashKeyPosition(QStringLiteral("170141183460469231731687303715884105728")) - 0.5) < 1e-12);
    QCOMPARE(hashKeyPosition(QStringLiteral("12a")), 0.0);
    QCOMPARE(hashKeyPosition(QString()), 0.0);
  }

  void createsProbesCountsAndShowsLineage() {
    ClientOptions options{QUrl(m_kinesalite.url()), QStringLiteral("us-east-1"), credentials()};
    auto *window = new ui::LiveKinesisWindow(options, QStringLiteral("classroom"), 3);
    window->setAttribute(Qt::WA_DeleteOnClose, false);
    window->show();
    LiveKinesisSession &session = window->session();
    QSignalSpy refreshed(&session, &LiveKinesisSession::refreshed);
    QVERIFY(refreshed.wait(20000));
    QCOMPARE(session.latest().shards.size(), 3); // created, since it did not exist
    QCOMPARE(session.latest().summary.status, QStringLiteral("ACTIVE"));

    ProbeOptions probe;
    probe.records = 1200;
    probe.rate = 600;
    probe.keys = 32;
    QSignalSpy finished(&session, &LiveKinesisSession::probeFinished);
    QSignalSpy progress(&session, &LiveKinesisSession::probeProgress);
    session.runProbe(probe);
    QVERIFY(session.probing());
    // The refreshes go on while the probe writes: the reader sees its records arrive.
    QTRY_VERIFY_WITH_TIMEOUT(std::ranges::any_of(session.history(), [](const StreamSample &s) { return s.recordsPerSecond > 0; }), 20000);
    QVERIFY(finished.wait(60000));
    QVERIFY(!progress.isEmpty());
    const auto report = finished.takeFirst().at(0).value<ProbeReport>();
    QCOMPARE(report.acknowledged, 1200);
    QCOMPARE(report.acknowledgedLost, 0);
    QVERIFY(!session.probing());
    // Every record the probe wrote after the first refresh is counted once by the reader.
    const auto seen = [&session] {
      qint64 n = 0;
      for (const auto &[shard, count] : session.recordsSeen())
        n += count;
      return n;
    };
    QTRY_COMPARE_WITH_TIMEOUT(seen(), qint64{1200}, 10000);
    QVERIFY(window->statusText().contains(QStringLiteral("1200 acknowledged")));
    for (const ShardSnapshot &s : session.latest().shards)
      QVERIFY2(!s.latestSequenceNumber.isEmpty() || session.recordsSeen().at(s.shard.shardId) == 0, qPrintable(s.shard.shardId));

    // A split: the parent closes, two children appear, and the view draws all three.
    KinesisClient client(options);
    const ShardInfo parent = session.latest().shards.front().shard;
    const QString middle = QStringLiteral("56713727820156410577229101238628035242"); // inside shard 0's third
    QVERIFY2(client.call(QStringLiteral("SplitShard"),
                         QJsonObject{{QStringLiteral("StreamName"), QStringLiteral("classroom")},
                                     {QStringLiteral("ShardToSplit"), parent.shardId},
                                     {QStringLiteral("NewStartingHashKey"), middle}}),
             qPrintable(client.failure().message));
    QTRY_VERIFY_WITH_TIMEOUT(session.latest().shards.size() == 5, 20000);
    ui::LiveStreamView *view = window->view();
    QTRY_VERIFY_WITH_TIMEOUT(!view->laneRect(4).isEmpty(), 5000);
    QTest::mouseClick(view, Qt::LeftButton, {}, view->laneRect(0).center().toPoint());
    QCOMPARE(view->selectedShard(), 0);
    QVERIFY2(window->inspectorText().contains(QStringLiteral("Closed at sequence number")), qPrintable(window->inspectorText()));
    int child = -1;
    for (int i = 0; i < 5; ++i)
      if (session.latest().shards[i].shard.parentShardId == parent.shardId)
        child = i;
    QVERIFY(child > 0);
    QTest::mouseClick(view, Qt::LeftButton, {}, view->laneRect(child).center().toPoint());
    QVERIFY2(window->inspectorText().contains(QStringLiteral("Made by splitting")), qPrintable(window->inspectorText()));
    QVERIFY(window->inspectorText().contains(QStringLiteral("Hash keys")));
    delete window;
  }

  void unreachableEndpointSaysSo() {
    ClientOptions options{QUrl(QStringLiteral("http://127.0.0.1:1")), QStringLiteral("us-east-1"), credentials()};
    ui::LiveKinesisWindow window(options, QStringLiteral("s"), 0);
    QSignalSpy failed(&window.session(), &LiveKinesisSession::failed);
    QVERIFY(failed.wait(20000));
    QVERIFY2(failed.first().at(0).toString().contains(QStringLiteral("127.0.0.1:1")), qPrintable(failed.first().at(0).toString()));
    QVERIFY(window.statusText().startsWith(QStringLiteral("Cannot read the stream")));
  }

private:
  static AwsCredentials credentials() {
    QString why;
    const auto found = findAwsCredentials(&why);
    if (!found)
      qFatal("test credentials: %s", qPrintable(why));
    return *found;
  }

  KinesaliteProcess m_kinesalite;
};

QTEST_MAIN(TstLiveKinesisWindow)
#include "tst_live_kinesis_window.moc"
