// The broadcast latency hook at work: with N clients on loopback every command reaches every
// client, in order; the times are printed for docs/classroom-protocol.md, not asserted.
#include "classroom_latency.h"

#include <QTest>

using namespace streamscope::classroom::testing;

class TestClassroomLatency : public QObject {
  Q_OBJECT
private slots:
  void broadcastReachesEveryClient_data() {
    QTest::addColumn<int>("clients");
    QTest::addColumn<bool>("tls");
    QTest::newRow("10 clients") << 10 << false;
    QTest::newRow("30 clients") << 30 << false;
    QTest::newRow("30 clients, TLS") << 30 << true;
  }
  void broadcastReachesEveryClient() {
    QFETCH(int, clients);
    QFETCH(bool, tls);
    const BroadcastLatency latency = measureBroadcastLatency(clients, 100, tls);
    QVERIFY(latency.complete);
    QCOMPARE(latency.roundMs.size(), 100);
    qInfo("%d clients%s: broadcast to last client median %.3f ms, p95 %.3f ms, max %.3f ms", clients, tls ? " (TLS)" : "", latency.medianMs(),
          latency.p95Ms(), latency.maxMs());
  }
};

QTEST_MAIN(TestClassroomLatency)
#include "tst_classroom_latency.moc"
