// The kafka section's control-plane keys and faults aimed at controllers: the values land in
// the scenario, and every bad value is refused with a message naming the key.
#include "model/json/fault_json.h"
#include "model/json/scenario_loader.h"

#include <QJsonDocument>
#include <QtTest>

using namespace streamscope::model;
using namespace streamscope::engine;

namespace {

QByteArray scenario(const QByteArray &kafkaExtra, const QByteArray &fault = "{ \"at_ms\": 500, \"action\": \"crash_broker\", \"broker\": 1 }") {
  return R"({
  "name": "cp", "duration_ms": 1000,
  "kafka": { "brokers": 3, )" +
      kafkaExtra + R"( "topics": [ { "name": "t", "partitions": 2, "replication_factor": 3 } ] },
  "producers": [ { "name": "p", "topic": "t", "rate": 10 } ],
  "faults": [ )" +
      fault + R"( ]
})";
}

QString loadError(const QByteArray &text) {
  const ScenarioLoadResult r = loadScenarioText(text, QStringLiteral("s.json"));
  return r.scenario ? QString() : r.error;
}

} // namespace

class TstControlPlaneLoader : public QObject {
  Q_OBJECT
private slots:
  void defaultsAreKafka41WithThreeDedicatedControllers() {
    const ScenarioLoadResult r = loadScenarioText(scenario(""), QStringLiteral("s.json"));
    QVERIFY2(r.scenario, qPrintable(r.error));
    const KafkaConfig &k = *r.scenario->kafka;
    QCOMPARE(k.version, KafkaVersion::V4_1);
    QCOMPARE(k.metadataMode, MetadataMode::KRaft);
    QCOMPARE(k.controllers, 3);
    QCOMPARE(k.controllerMode, ControllerMode::Dedicated);
    QCOMPARE(k.controllerElectionTimeout, 1000 * kMillisecond);
    QCOMPARE(k.controllerFetchTimeout, 2000 * kMillisecond);
    QCOMPARE(k.brokerHeartbeatInterval, 2000 * kMillisecond);
    QCOMPARE(k.zookeeperSessionTimeout, 18000 * kMillisecond);
  }

  void everyKeyLoads() {
    ScenarioLoadResult r = loadScenarioText(scenario(R"("version": "4.0", "controllers": 2, "controller_mode": "combined",
        "controller_quorum_election_timeout_ms": 700, "controller_quorum_fetch_timeout_ms": 1500, "broker_heartbeat_interval_ms": 500,)",
                                                     "{ \"at_ms\": 1, \"action\": \"power_loss\", \"controller\": 1 }"),
                                            QStringLiteral("s.json"));
    QVERIFY2(r.scenario, qPrintable(r.error));
    const KafkaConfig &k = *r.scenario->kafka;
    QCOMPARE(k.version, KafkaVersion::V4_0);
    QCOMPARE(k.controllers, 2);
    QCOMPARE(k.controllerMode, ControllerMode::Combined);
    QCOMPARE(k.controllerElectionTimeout, 700 * kMillisecond);
    QCOMPARE(k.controllerFetchTimeout, 1500 * kMillisecond);
    QCOMPARE(k.brokerHeartbeatInterval, 500 * kMillisecond);
    QCOMPARE(std::get<PowerLoss>(r.scenario->faults[0].what).controller, 1);

    r = loadScenarioText(scenario(R"("version": "3.9", "metadata": "zookeeper", "zookeeper_session_timeout_ms": 6000,
        "zookeeper_load_ms_per_partition": 2.5,)"),
                         QStringLiteral("s.json"));
    QVERIFY2(r.scenario, qPrintable(r.error));
    QCOMPARE(r.scenario->kafka->metadataMode, MetadataMode::ZooKeeper);
    QCOMPARE(r.scenario->kafka->zookeeperSessionTimeout, 6000 * kMillisecond);
    QCOMPARE(r.scenario->kafka->zookeeperLoadMsPerPartition, 2.5);
  }

  void controllerFaultsRoundTrip() {
    const ScenarioLoadResult r = loadScenarioText(scenario("", R"({ "at_ms": 1, "action": "crash_broker", "controller": 3001 },
        { "at_ms": 2, "action": "restart_broker", "controller": 3001 }, { "at_ms": 3, "action": "isolate_broker", "controller": 3002 },
        { "at_ms": 4, "action": "heal", "controller": 3002 }, { "at_ms": 5, "action": "heal" })"),
                                                  QStringLiteral("s.json"));
    QVERIFY2(r.scenario, qPrintable(r.error));
    QCOMPARE(std::get<CrashBroker>(r.scenario->faults[0].what).controller, 3001);
    QCOMPARE(std::get<RestartBroker>(r.scenario->faults[1].what).controller, 3001);
    QCOMPARE(std::get<IsolateBroker>(r.scenario->faults[2].what).controller, 3002);
    QCOMPARE(std::get<Heal>(r.scenario->faults[3].what).controller, 3002);
    QCOMPARE(std::get<Heal>(r.scenario->faults[4].what).controller, -1);
    const QJsonObject written = faultToJson(r.scenario->faults[2], false);
    QCOMPARE(written.value(QStringLiteral("controller")).toInt(), 3002);
    QVERIFY(!written.contains(QStringLiteral("broker")));
  }

  void controllerActionNames() {
    const ScenarioLoadResult r = loadScenarioText(scenario("", R"({ "at_ms": 1, "action": "crash_controller", "controller": 3001 },
        { "at_ms": 2, "action": "restart_controller", "controller": 3001 }, { "at_ms": 3, "action": "isolate_controller", "controller": 3002 })"),
                                                  QStringLiteral("s.json"));
    QVERIFY2(r.scenario, qPrintable(r.error));
    QCOMPARE(std::get<CrashBroker>(r.scenario->faults[0].what).controller, 3001);
    QCOMPARE(std::get<RestartBroker>(r.scenario->faults[1].what).controller, 3001);
    QCOMPARE(std::get<IsolateBroker>(r.scenario->faults[2].what).controller, 3002);
  }

  void errors_data() {
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("expected");
    QTest::newRow("version") << scenario(R"("version": "3.8",)") << QStringLiteral("\"version\" must be one of \"3.9\", \"4.0\", \"4.1\"");
    QTest::newRow("metadata") << scenario(R"("metadata": "etcd",)") << QStringLiteral("\"metadata\" must be one of \"kraft\", \"zookeeper\"");
    QTest::newRow("zookeeper on 4.x") << scenario(R"("metadata": "zookeeper",)")
                                      << QStringLiteral("\"metadata\": \"zookeeper\" needs \"version\": \"3.9\"");
    QTest::newRow("controllers 0") << scenario(R"("controllers": 0,)") << QStringLiteral("\"controllers\" must be between 1 and 7, not 0");
    QTest::newRow("controllers 8") << scenario(R"("controllers": 8,)") << QStringLiteral("\"controllers\" must be between 1 and 7, not 8");
    QTest::newRow("controller_mode") << scenario(R"("controller_mode": "shared",)")
                                     << QStringLiteral("\"controller_mode\" must be one of \"dedicated\", \"combined\"");
    QTest::newRow("combined needs brokers") << scenario(R"("controllers": 5, "controller_mode": "combined",)")
                                            << QStringLiteral("5 controllers need at least 5 brokers, not 3");
    QTest::newRow("election timeout") << scenario(R"("controller_quorum_election_timeout_ms": 0,)")
                                      << QStringLiteral("\"controller_quorum_election_timeout_ms\"");
    QTest::newRow("fetch timeout") << scenario(R"("controller_quorum_fetch_timeout_ms": -5,)")
                                   << QStringLiteral("\"controller_quorum_fetch_timeout_ms\"");
    QTest::newRow("heartbeat interval") << scenario(R"("broker_heartbeat_interval_ms": 0,)") << QStringLiteral("\"broker_heartbeat_interval_ms\"");
    QTest::newRow("heartbeat above session") << scenario(R"("broker_heartbeat_interval_ms": 9000,)")
                                             << QStringLiteral("must be below \"broker_session_timeout_ms\" (9000 ms)");
    QTest::newRow("kraft key in zookeeper mode") << scenario(R"("version": "3.9", "metadata": "zookeeper", "controllers": 3,)")
                                                 << QStringLiteral("\"controllers\" is a KRaft setting");
    QTest::newRow("zookeeper key in kraft") << scenario(R"("zookeeper_session_timeout_ms": 6000,)")
                                            << QStringLiteral("\"zookeeper_session_timeout_ms\" applies only with \"metadata\": \"zookeeper\"");
    QTest::newRow("zookeeper session timeout") << scenario(R"("version": "3.9", "metadata": "zookeeper", "zookeeper_session_timeout_ms": 0,)")
                                               << QStringLiteral("\"zookeeper_session_timeout_ms\"");
    QTest::newRow("zookeeper load") << scenario(R"("version": "3.9", "metadata": "zookeeper", "zookeeper_load_ms_per_partition": -1,)")
                                    << QStringLiteral("\"zookeeper_load_ms_per_partition\" must be between 0 and 1000");
    QTest::newRow("unknown controller") << scenario("", "{ \"at_ms\": 1, \"action\": \"crash_broker\", \"controller\": 3003 }")
                                        << QStringLiteral("no controller has id 3003: the controllers are 3000..3002");
    QTest::newRow("broker and controller") << scenario("", "{ \"at_ms\": 1, \"action\": \"crash_broker\", \"broker\": 0, \"controller\": 3000 }")
                                           << QStringLiteral("give either \"broker\" or \"controller\", not both");
    QTest::newRow("controller in zookeeper mode") << scenario(R"("version": "3.9", "metadata": "zookeeper",)",
                                                              "{ \"at_ms\": 1, \"action\": \"power_loss\", \"controller\": 0 }")
                                                  << QStringLiteral("ZooKeeper mode has no KRaft controllers");
    QTest::newRow("crash_controller needs a controller")
        << scenario("", "{ \"at_ms\": 1, \"action\": \"crash_controller\" }") << QStringLiteral("\"crash_controller\" needs \"controller\"");
    QTest::newRow("crash_controller takes no broker")
        << scenario("", "{ \"at_ms\": 1, \"action\": \"crash_controller\", \"controller\": 3000, \"broker\": 1 }")
        << QStringLiteral("\"crash_controller\" takes \"controller\", not \"broker\"");
    QTest::newRow("slow_broker takes no controller")
        << scenario("", "{ \"at_ms\": 1, \"action\": \"slow_broker\", \"controller\": 3000, \"extra_latency_ms\": 5 }")
        << QStringLiteral("\"broker\"");
  }

  void errors() {
    QFETCH(QByteArray, text);
    QFETCH(QString, expected);
    const QString error = loadError(text);
    QVERIFY2(!error.isEmpty(), "the file must be refused");
    QVERIFY2(error.startsWith(QStringLiteral("s.json:")), qPrintable(error));
    QVERIFY2(error.contains(expected), qPrintable(error));
  }
};

QTEST_GUILESS_MAIN(TstControlPlaneLoader)
#include "tst_control_plane_loader.moc"
