// The live Kafka window against librdkafka's mock cluster: it draws the cluster it reads,
// explains a clicked partition, runs the probe off the GUI thread, mirrors the cluster into
// a scenario the simulator opens, and takes a mock broker down.
#include "model/json/scenario_loader.h"
#include "ui/live/live_cluster_view.h"
#include "ui/live/live_kafka_window.h"

#include <QDialog>
#include <QSignalSpy>
#include <QTableWidget>
#include <QtTest>

using namespace streamscope;

class TstLiveKafkaWindow : public QObject {
  Q_OBJECT
private slots:
  void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

  void showsProbesMirrorsAndTakesABrokerDown() {
    auto *window = new ui::LiveKafkaWindow({}, 3);
    window->setAttribute(Qt::WA_DeleteOnClose, false);
    window->show();
    live::LiveKafkaSession &session = window->session();
    QSignalSpy refreshed(&session, &live::LiveKafkaSession::refreshed);
    QVERIFY(refreshed.wait(10000));
    QCOMPARE(session.latest().brokers.size(), std::size_t{3});

    live::KafkaProbeSettings probe;
    probe.records = 300;
    probe.rate = 150; // two seconds: the refreshes go on while it runs
    probe.createTopic = true;
    probe.partitions = 3;
    probe.replicationFactor = 3;
    probe.minInsyncReplicas = 2;
    QSignalSpy finished(&session, &live::LiveKafkaSession::probeFinished);
    QSignalSpy progress(&session, &live::LiveKafkaSession::probeProgress);
    refreshed.clear();
    session.runProbe(probe);
    QVERIFY(session.probing());
    QVERIFY(finished.wait(60000));
    QVERIFY2(refreshed.size() >= 1, "the cluster was not read while the probe ran");
    QVERIFY(!progress.isEmpty());
    const auto report = finished.takeFirst().at(0).value<live::ProbeReport>();
    QCOMPARE(report.acknowledged, 300);
    QCOMPARE(report.acknowledgedLost, 0);

    // The next read shows the topic; a click on a strip explains its partition.
    QTRY_VERIFY_WITH_TIMEOUT(session.latest().partitions.size() == 3, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(window->view()->grab().width() > 0, 1000);
    ui::LiveClusterView *view = window->view();
    QPoint strip;
    for (int y = 40; y < view->height() && strip.isNull(); y += 2) // the first strip of broker 1
      for (int x = view->width() / 4; x < view->width() / 2 && strip.isNull(); x += 20) {
        QTest::mouseClick(view, Qt::LeftButton, {}, QPoint(x, y));
        if (view->selectedPartition() >= 0)
          strip = QPoint(x, y);
      }
    QVERIFY(!strip.isNull());
    QVERIFY2(window->inspectorText().contains(QStringLiteral("Leader: broker")), qPrintable(window->inspectorText()));
    QVERIFY(window->inspectorText().contains(QStringLiteral("high watermark")));

    // The mirror opens in the simulator as a valid scenario of this cluster.
    QSignalSpy open(window, &ui::LiveKafkaWindow::openScenario); // through the toolbar's action, as a user would
    for (QAction *a : window->findChildren<QAction *>())
      if (a->text().contains(QStringLiteral("Mirror")))
        a->trigger();
    QVERIFY(!open.isEmpty());
    const model::ScenarioLoadResult loaded = model::loadScenarioFile(open.first().at(0).toString());
    QVERIFY2(loaded.scenario, qPrintable(loaded.error));
    QCOMPARE(loaded.scenario->kafka->brokers, 3);
    QCOMPARE(loaded.scenario->kafka->topics.front().minInsyncReplicas, 2);
    // ... and the probe's real numbers stand beside the mirror's simulated ones.
    auto *table = window->findChild<QDialog *>(QStringLiteral("mirrorComparison"))->findChild<QTableWidget *>();
    QVERIFY(table);
    QCOMPARE(table->item(0, 0)->text(), QStringLiteral("produced"));
    QCOMPARE(table->item(0, 1)->text(), QLocale().toString(300.0, 'g', 8));
    QCOMPARE(table->item(0, 2)->text(), QLocale().toString(300.0, 'g', 8)); // the mirror produced the probe's workload

    // Taking a broker down moves its leaderships.
    session.setMockBroker(2, false);
    QTRY_VERIFY_WITH_TIMEOUT(std::ranges::none_of(session.latest().partitions, [](const live::LivePartition &p) { return p.leader == 2; }), 15000);
    delete window;
  }
};

QTEST_MAIN(TstLiveKafkaWindow)
#include "tst_live_kafka_window.moc"
