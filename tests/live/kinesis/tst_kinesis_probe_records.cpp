// The probe's own records and arithmetic: record data that names the probe and the record,
// nearest-rank percentiles, and sequence numbers compared as numbers.
#include "model/live/kinesis/kinesis_probe.h"
#include "model/live/kinesis/kinesis_probe_reader.h"

#include <QtTest>

using namespace streamscope::live::kinesis;

class TestKinesisProbeRecords : public QObject {
  Q_OBJECT
private slots:
  void recordDataRoundTrips();
  void otherRecordsAreNotProbeRecords();
  void percentiles();
  void sequenceNumbersCompareAsNumbers();
  void ledgerKeepsEachShardsFirstAcknowledgement();
};

void TestKinesisProbeRecords::recordDataRoundTrips() {
  const QByteArray data = probeRecordData(QStringLiteral("p1"), 41, 1700000000000);
  QCOMPARE(data, QByteArray(R"({"id":41,"probe":"p1","sent_ms":1700000000000})"));
  QCOMPARE(probeRecordId(data, QStringLiteral("p1")), 41);
}

void TestKinesisProbeRecords::otherRecordsAreNotProbeRecords() {
  QCOMPARE(probeRecordId(probeRecordData(QStringLiteral("p1"), 3, 0), QStringLiteral("p2")), -1);
  QCOMPARE(probeRecordId("not json", QStringLiteral("p1")), -1);
  QCOMPARE(probeRecordId(R"({"probe":"p1","id":1.5})", QStringLiteral("p1")), -1);
  QCOMPARE(probeRecordId(R"({"probe":"p1","id":-1})", QStringLiteral("p1")), -1);
  QCOMPARE(probeRecordId(R"({"probe":"p1","id":"7"})", QStringLiteral("p1")), -1);
}

void TestKinesisProbeRecords::percentiles() {
  std::vector<double> none;
  QCOMPARE(percentile(none, 50), 0.0);
  std::vector<double> v;
  for (int i = 100; i >= 1; --i)
    v.push_back(i);
  QCOMPARE(percentile(v, 50), 50.0);
  QCOMPARE(percentile(v, 99), 99.0);
  QCOMPARE(percentile(v, 100), 100.0);
  std::vector<double> one{7};
  QCOMPARE(percentile(one, 99), 7.0);
}

void TestKinesisProbeRecords::sequenceNumbersCompareAsNumbers() {
  QVERIFY(sequenceBefore(QStringLiteral("9"), QStringLiteral("10")));
  QVERIFY(!sequenceBefore(QStringLiteral("10"), QStringLiteral("9")));
  QVERIFY(sequenceBefore(QStringLiteral("49680789658214334146334226926282838423776353429206597634"),
                         QStringLiteral("49680789658214334146334226926282838423776353429206597635")));
  QVERIFY(!sequenceBefore(QStringLiteral("5"), QStringLiteral("5")));
}

void TestKinesisProbeRecords::ledgerKeepsEachShardsFirstAcknowledgement() {
  ProbeLedger ledger(3);
  ledger.acknowledge(0, QStringLiteral("a"), QStringLiteral("20"), 5);
  ledger.acknowledge(1, QStringLiteral("a"), QStringLiteral("9"), 7);
  ledger.acknowledge(2, QStringLiteral("b"), QStringLiteral("30"), 1);
  QCOMPARE(ledger.firstSequence.value(QStringLiteral("a")), QStringLiteral("9"));
  QCOMPARE(ledger.firstSequence.value(QStringLiteral("b")), QStringLiteral("30"));
  QCOMPARE(ledger.latencies(), (std::vector<double>{5, 7, 1}));
}

QTEST_APPLESS_MAIN(TestKinesisProbeRecords)
#include "tst_kinesis_probe_records.moc"
