// The scenario keys of transactions, isolation levels, producer crashes and pipelines: the
// values land in the scenario, and every bad value is refused with a precise message.
#include "model/json/scenario_loader.h"

#include <QtTest>

using namespace streamscope::model;
using namespace streamscope::engine;

namespace {

/// A scenario with topics "in" and "out" and stream "s"/"s2"; `producer`, `consumer`,
/// `pipeline` and `fault` are spliced into their lists, `kafkaExtra` into the kafka section.
QByteArray scenario(const QByteArray &producer, const QByteArray &consumer = {}, const QByteArray &pipeline = {}, const QByteArray &fault = {},
                    const QByteArray &kafkaExtra = {}) {
  return R"({ "name": "tx", "duration_ms": 1000,
  "kafka": { "brokers": 3, )" +
      kafkaExtra +
      R"( "topics": [ { "name": "in", "partitions": 2, "replication_factor": 3 }, { "name": "out", "partitions": 2, "replication_factor": 3 } ] },
  "kinesis": { "streams": [ { "name": "s", "shards": 1 }, { "name": "s2", "shards": 1 } ] },
  "producers": [ )" +
      producer + R"( ],
  "consumers": [ )" +
      consumer + R"( ],
  "pipelines": [ )" +
      pipeline + R"( ],
  "faults": [ )" +
      fault + R"( ] })";
}

const QByteArray kTxn =
    R"({ "name": "p", "topic": "in", "rate": 10, "transactional_id": "p-1", "transaction_records": 20, "abort_ratio": 0.5, "transaction_timeout_ms": 5000 })";

QString loadError(const QByteArray &text) {
  const ScenarioLoadResult r = loadScenarioText(text, QStringLiteral("s.json"));
  return r.scenario ? QString() : r.error;
}

} // namespace

class TstTransactionLoader : public QObject {
  Q_OBJECT
private slots:
  void everyKeyLoads() {
    const ScenarioLoadResult r = loadScenarioText(
        scenario(
            kTxn, R"({ "group": "g", "topic": "in", "isolation_level": "read_committed" })",
            R"({ "name": "eos", "input": "kafka:in", "output": "kafka:out", "exactly_once": true, "commit_interval_ms": 250 },
                    { "name": "kcl", "input": "kinesis:s", "output": "kinesis:s2", "workers": 2 })",
            R"({ "at_ms": 100, "action": "crash_producer", "producer": "eos" }, { "at_ms": 200, "action": "restart_producer", "producer": "p", "zombie_after_ms": null })",
            R"("transaction_state_partitions": 4, "transaction_version": 2,)"),
        QStringLiteral("s.json"));
    QVERIFY2(r.scenario, qPrintable(r.error));
    const Scenario &s = *r.scenario;
    QCOMPARE(s.kafka->transactionStatePartitions, 4);
    QCOMPARE(s.producers[0].transactionalId, std::string("p-1"));
    QCOMPARE(s.producers[0].transactionRecords, 20);
    QCOMPARE(s.producers[0].transactionTime, SimTime(0));
    QCOMPARE(s.producers[0].abortRatio, 0.5);
    QCOMPARE(s.producers[0].transactionTimeout, 5000 * kMillisecond);
    QCOMPARE(s.consumers[0].isolationLevel, IsolationLevel::ReadCommitted);
    QCOMPARE(s.pipelines.size(), std::size_t(2));
    QVERIFY(s.pipelines[0].exactlyOnce);
    // The pipeline's own clients: a transactional producer and a read_committed group without auto commit.
    QCOMPARE(s.producers[1].transactionalId, std::string("eos"));
    QCOMPARE(s.producers[1].transactionTime, 250 * kMillisecond);
    QCOMPARE(s.consumers[1].group, std::string("eos"));
    QVERIFY(!s.consumers[1].enableAutoCommit);
    QCOMPARE(s.applications[0].workers, 2);
    QCOMPARE(s.faults[1].as<RestartProducer>()->zombieAfter, SimTime(-1));
  }

  void defaults() {
    const ScenarioLoadResult r = loadScenarioText(
        scenario(R"({ "name": "p", "topic": "in", "transactional_id": "x" })", R"({ "group": "g", "topic": "in" })"), QStringLiteral("s.json"));
    QVERIFY2(r.scenario, qPrintable(r.error));
    QCOMPARE(r.scenario->producers[0].transactionTime, 100 * kMillisecond);
    QCOMPARE(r.scenario->producers[0].transactionTimeout, 60 * kSecond);
    QCOMPARE(r.scenario->consumers[0].isolationLevel, IsolationLevel::ReadUncommitted);
    QCOMPARE(r.scenario->kafka->transactionVersion, 2);
    QCOMPARE(r.scenario->kafka->transactionStatePartitions, 1);
  }

  void badValuesNameTheirKey_data() {
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("needle");
    const QByteArray plain = R"({ "name": "p", "topic": "in" })";
    QTest::newRow("records without id") << scenario(R"({ "name": "p", "topic": "in", "transaction_records": 5 })") << "transaction_records";
    QTest::newRow("abort ratio without id") << scenario(R"({ "name": "p", "topic": "in", "abort_ratio": 0.1 })") << "abort_ratio";
    QTest::newRow("both ends") << scenario(
                                      R"({ "name": "p", "topic": "in", "transactional_id": "x", "transaction_records": 5, "transaction_ms": 50 })")
                               << "transaction_ms";
    QTest::newRow("not idempotent") << scenario(R"({ "name": "p", "topic": "in", "transactional_id": "x", "enable_idempotence": false })")
                                    << "enable_idempotence";
    QTest::newRow("kinesis target") << scenario(R"({ "name": "p", "target": ["kafka:in", "kinesis:s"], "transactional_id": "x" })")
                                    << "Kinesis target";
    QTest::newRow("empty id") << scenario(R"({ "name": "p", "topic": "in", "transactional_id": "" })") << "transactional_id";
    QTest::newRow("ratio above 1") << scenario(R"({ "name": "p", "topic": "in", "transactional_id": "x", "abort_ratio": 2 })") << "abort_ratio";
    QTest::newRow("timeout too long") << scenario(R"({ "name": "p", "topic": "in", "transactional_id": "x", "transaction_timeout_ms": 1000000 })")
                                      << "transaction_timeout_ms";
    QTest::newRow("shared id")
        << scenario(R"({ "name": "p", "topic": "in", "transactional_id": "x" }, { "name": "q", "topic": "in", "transactional_id": "x" })")
        << "transactional_id";
    QTest::newRow("isolation level") << scenario(plain, R"({ "group": "g", "topic": "in", "isolation_level": "serializable" })") << "isolation_level";
    QTest::newRow("state partitions") << scenario(plain, {}, {}, {}, R"("transaction_state_partitions": 0,)") << "transaction_state_partitions";
    QTest::newRow("version 2 on 3.9") << scenario(plain, {}, {}, {}, R"("version": "3.9", "transaction_version": 2,)") << "KIP-890";
    QTest::newRow("crash unknown") << scenario(plain, {}, {}, R"({ "at_ms": 1, "action": "crash_producer", "producer": "nobody" })") << "producer";
    QTest::newRow("zombie negative") << scenario(plain, {}, {},
                                                 R"({ "at_ms": 1, "action": "restart_producer", "producer": "p", "zombie_after_ms": -5 })")
                                     << "zombie_after_ms";
    QTest::newRow("pipeline systems") << scenario(plain, {}, R"({ "name": "x", "input": "kafka:in", "output": "kinesis:s" })") << "same system";
    QTest::newRow("pipeline own input") << scenario(plain, {}, R"({ "name": "x", "input": "kafka:in", "output": "kafka:in" })") << "output";
    QTest::newRow("pipeline unknown topic") << scenario(plain, {}, R"({ "name": "x", "input": "kafka:nope", "output": "kafka:out" })") << "nope";
    QTest::newRow("pipeline prefix") << scenario(plain, {}, R"({ "name": "x", "input": "in", "output": "kafka:out" })") << "input";
    QTest::newRow("kinesis exactly once") << scenario(plain, {},
                                                      R"({ "name": "x", "input": "kinesis:s", "output": "kinesis:s2", "exactly_once": true })")
                                          << "Kinesis has no transactions";
    QTest::newRow("kafka workers") << scenario(plain, {}, R"({ "name": "x", "input": "kafka:in", "output": "kafka:out", "workers": 2 })")
                                   << "workers";
    QTest::newRow("pipeline name taken") << scenario(plain, {}, R"({ "name": "p", "input": "kafka:in", "output": "kafka:out" })") << "name";
    QTest::newRow("pipeline unknown key") << scenario(plain, {}, R"({ "name": "x", "input": "kafka:in", "output": "kafka:out", "speed": 2 })")
                                          << "speed";
  }
  void badValuesNameTheirKey() {
    QFETCH(QByteArray, text);
    QFETCH(QString, needle);
    const QString error = loadError(text);
    QVERIFY2(!error.isEmpty(), "refused");
    QVERIFY2(error.contains(needle), qPrintable(error));
  }
};

QTEST_APPLESS_MAIN(TstTransactionLoader)
#include "tst_transaction_loader.moc"
