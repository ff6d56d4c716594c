// Live Kafka against librdkafka's mock cluster, in process: a real Kafka protocol server on
// 127.0.0.1. Metadata, watermarks, groups, the probe (with a broker taken down and its
// leaderships moved mid-run), the mirror scenario and the errors a person can cause.
#include "engine/sim/report.h"
#include "engine/sim/simulation.h"
#include "model/json/scenario_loader.h"
#include "model/live/kafka/cluster_snapshot.h"
#include "model/live/kafka/kafka_probe.h"
#include "model/live/kafka/live_kafka_json.h"
#include "model/live/kafka/mirror.h"
#include "model/live/kafka/mock_cluster.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

using namespace streamscope;

namespace {

live::KafkaConnection connectionTo(const live::MockCluster &mock) {
  live::KafkaConnection c;
  c.bootstrap = mock.bootstrapServers();
  c.timeoutMs = 5000;
  return c;
}

live::KafkaProbeSettings smallProbe(int records) {
  live::KafkaProbeSettings s;
  s.topic = QStringLiteral("orders");
  s.records = records;
  s.rate = 2000;
  s.keys = 50;
  s.readIdleMs = 5000;
  return s;
}

} // namespace

class TstKafkaLive : public QObject {
  Q_OBJECT
private slots:
  void snapshotShowsBrokersPartitionsAndWatermarks() {
    live::MockCluster mock(3);
    QVERIFY2(mock.ok(), qPrintable(mock.error()));
    QVERIFY(mock.createTopic(QStringLiteral("orders"), 4, 3));
    const live::ProbeResult probe = live::runKafkaProbe(connectionTo(mock), smallProbe(400));
    QVERIFY2(!probe.error, probe.error ? qPrintable(probe.error->message) : "");
    const live::SnapshotResult s = live::readCluster(connectionTo(mock));
    QVERIFY(!s.error);
    QCOMPARE(s.snapshot.brokers.size(), std::size_t{3});
    QCOMPARE(s.snapshot.brokers.front().id, 1); // the mock numbers its brokers from 1
    QCOMPARE(s.snapshot.partitions.size(), std::size_t{4});
    std::int64_t records = 0;
    for (const live::LivePartition &p : s.snapshot.partitions) {
      QCOMPARE(p.topic, QStringLiteral("orders"));
      QCOMPARE(p.replicas.size(), std::size_t{3});
      QCOMPARE(p.isr.size(), std::size_t{3});
      QVERIFY(p.leader >= 1 && p.leader <= 3);
      QCOMPARE(p.lowWatermark, 0);
      records += p.highWatermark;
    }
    QCOMPARE(records, 400); // every acknowledged record is below a high watermark
    const QJsonObject json = live::clusterToJson(s.snapshot);
    for (const char *key : {"brokers", "partitions", "groups"})
      QVERIFY2(json.contains(QLatin1String(key)), key);
    const QJsonObject first = json[QStringLiteral("partitions")].toArray().first().toObject();
    for (const char *key : {"topic", "partition", "leader", "replicas", "isr", "low_watermark", "high_watermark"})
      QVERIFY2(first.contains(QLatin1String(key)), key);
  }

  void probeLosesNothingOnAHealthyCluster() {
    live::MockCluster mock(3);
    QVERIFY(mock.createTopic(QStringLiteral("orders"), 3, 3));
    std::int64_t lastSent = 0;
    const live::ProbeResult r = live::runKafkaProbe(connectionTo(mock), smallProbe(1000), [&](std::int64_t sent, std::int64_t) { lastSent = sent; });
    QVERIFY(!r.error);
    QCOMPARE(lastSent, 1000);
    QCOMPARE(r.report.produced, 1000);
    QCOMPARE(r.report.acknowledged, 1000);
    QCOMPARE(r.report.failed, 0);
    QCOMPARE(r.report.consumed, 1000);
    QCOMPARE(r.report.acknowledgedLost, 0);
    QCOMPARE(r.report.duplicates, 0);
    QVERIFY(r.report.latencyP50Ms > 0 && r.report.latencyP99Ms >= r.report.latencyP50Ms);
    // The group that read them back has committed every partition, with no lag.
    const live::SnapshotResult s = live::readCluster(connectionTo(mock), QStringLiteral("orders"), {r.report.group});
    const auto g = std::ranges::find(s.snapshot.groups, r.report.group, &live::LiveGroup::group);
    QVERIFY(g != s.snapshot.groups.end());
    QCOMPARE(g->committed.size(), std::size_t{3});
    QCOMPARE(g->lag, 0);
  }

  void probeSurvivesABrokerTakenDownAndItsLeadersMoved() {
    live::MockCluster mock(3);
    QVERIFY(mock.createTopic(QStringLiteral("orders"), 3, 3));
    const live::KafkaConnection c = connectionTo(mock);
    const live::SnapshotResult before = live::readCluster(c, QStringLiteral("orders"));
    bool down = false;
    const live::ProbeResult r = live::runKafkaProbe(c, smallProbe(1500), [&](std::int64_t sent, std::int64_t) {
      if (down || sent < 500)
        return;
      down = true;
      QVERIFY(mock.setBrokerDown(2));
      for (const live::LivePartition &p : before.snapshot.partitions)
        if (p.leader == 2)
          QVERIFY(mock.setLeader(p.topic, p.partition, p.replicas.front() == 2 ? p.replicas[1] : p.replicas.front()));
    });
    QVERIFY(down);
    QVERIFY2(!r.error, r.error ? qPrintable(r.error->message) : "");
    QCOMPARE(r.report.acknowledged + r.report.failed, 1500);
    QCOMPARE(r.report.acknowledgedLost, 0);
    const live::SnapshotResult after = live::readCluster(c, QStringLiteral("orders"));
    for (const live::LivePartition &p : after.snapshot.partitions)
      QVERIFY(p.leader != 2);
  }

  void groupCoordinatorMovesOffABrokerTakenDown() {
    live::MockCluster mock(3);
    QVERIFY(mock.createTopic(QStringLiteral("orders"), 3, 3));
    const live::KafkaConnection c = connectionTo(mock);
    live::KafkaProbeSettings probe = smallProbe(1500);
    probe.group = live::probeGroupName();
    QVERIFY(mock.pinGroupCoordinator(probe.group)); // broker 1, the first one up
    bool down = false;
    const live::ProbeResult r = live::runKafkaProbe(c, probe, [&](std::int64_t sent, std::int64_t) {
      if (!down && sent >= 500) {
        down = true;
        live::takeDownAndElect(mock, c, 1);
      }
    });
    QVERIFY(down);
    QVERIFY2(!r.error, r.error ? qPrintable(r.error->message) : "");
    QCOMPARE(r.report.acknowledgedLost, 0);
    // The read-back group committed through its new coordinator: its offsets are there.
    const live::SnapshotResult after = live::readCluster(c, QStringLiteral("orders"), {probe.group});
    QVERIFY2(!after.error, after.error ? qPrintable(after.error->message) : "");
    const auto group = std::ranges::find(after.snapshot.groups, probe.group, &live::LiveGroup::group);
    QVERIFY(group != after.snapshot.groups.end());
    QCOMPARE(group->committed.size(), std::size_t{3});
    QCOMPARE(group->lag, std::int64_t{0});
  }

  void mirrorRunsInTheSimulator() {
    live::MockCluster mock(3);
    QVERIFY(mock.createTopic(QStringLiteral("orders"), 6, 3));
    const live::KafkaProbeSettings probe = smallProbe(300);
    QVERIFY(!live::runKafkaProbe(connectionTo(mock), probe).error);
    const live::SnapshotResult s = live::readCluster(connectionTo(mock));
    live::MirrorSource source{QStringLiteral("the mock"), s.snapshot, probe, {{QStringLiteral("orders"), 2}}, {}};
    const QByteArray text = QJsonDocument(live::mirrorScenario(source)).toJson();
    const model::ScenarioLoadResult loaded = model::loadScenarioText(text, QStringLiteral("mirror.json"));
    QVERIFY2(loaded.scenario, qPrintable(loaded.error));
    QCOMPARE(loaded.scenario->kafka->brokers, 3);
    QCOMPARE(loaded.scenario->kafka->topics.size(), std::size_t{1});
    QCOMPARE(loaded.scenario->kafka->topics.front().partitions, 6);
    QCOMPARE(loaded.scenario->kafka->topics.front().replicationFactor, 3);
    QCOMPARE(loaded.scenario->kafka->topics.front().minInsyncReplicas, 2);
    engine::Simulation sim(*loaded.scenario);
    sim.runToEnd();
    const engine::Report report = engine::makeReport(sim.world());
    QCOMPARE(report.produced, 300); // the probe's workload, in the model
    QCOMPARE(report.acknowledgedLost, 0);
  }

  void badInputIsRefusedWithAReason() {
    QVERIFY(live::bootstrapProblem(QStringLiteral("localhost:9092,broker-2:9093")) == std::nullopt);
    QVERIFY(live::bootstrapProblem(QStringLiteral("localhost"))->contains(QStringLiteral("\"localhost\" is not host:port")));
    QVERIFY(live::bootstrapProblem(QStringLiteral("h:99999"))->contains(QStringLiteral("99999")));
    QVERIFY(live::bootstrapProblem(QString())->contains(QStringLiteral("no bootstrap servers")));
    live::KafkaConnection sasl;
    sasl.bootstrap = QStringLiteral("localhost:9092");
    sasl.securityProtocol = QStringLiteral("sasl_ssl");
    sasl.saslUsername = QStringLiteral("alice");
    qunsetenv(live::kSaslPasswordVariable);
    const live::KafkaClientResult noPassword = live::makeKafkaClient(sasl, false);
    QVERIFY(!noPassword.client);
    QVERIFY(noPassword.error->message.contains(QLatin1String(live::kSaslPasswordVariable)));
    live::KafkaProbeSettings p = smallProbe(10);
    p.acks = QStringLiteral("1");
    QVERIFY(live::probeSettingsProblem(p)->contains(QStringLiteral("idempotence needs acks=all")));
  }

  void aRefusedConnectionNamesTheBrokerAndTheCause() {
    live::KafkaConnection c;
    c.bootstrap = QStringLiteral("127.0.0.1:1");
    c.timeoutMs = 1500;
    const live::SnapshotResult s = live::readCluster(c);
    QVERIFY(s.error);
    QCOMPARE(s.error->exitCode, 3);
    QVERIFY2(s.error->message.contains(QStringLiteral("127.0.0.1:1")), qPrintable(s.error->message));
    QVERIFY2(s.error->message.contains(QStringLiteral("refused"), Qt::CaseInsensitive), qPrintable(s.error->message));
    const live::ProbeResult r = live::runKafkaProbe(c, smallProbe(10));
    QVERIFY(r.error && r.error->exitCode == 3);
    QCOMPARE(r.report.produced, 0); // it failed before sending anything
  }

  void theCommandLineProbesMirrorsAndExitsAsDocumented() {
    const auto cli = [](const QStringList &args, QByteArray *out = nullptr) {
      QProcess p;
      p.start(QStringLiteral(CLI_PATH), args);
      p.waitForFinished(120000);
      if (out)
        *out = p.readAllStandardOutput() + p.readAllStandardError();
      return p.exitCode();
    };
    QTemporaryDir dir;
    const QString mirror = dir.filePath(QStringLiteral("mirror.json"));
    QByteArray out;
    QCOMPARE(cli({QStringLiteral("live"), QStringLiteral("kafka"), QStringLiteral("--mock-cluster"), QStringLiteral("3"), QStringLiteral("--probe"),
                  QStringLiteral("--records"), QStringLiteral("300"), QStringLiteral("--mock-broker-down"), QStringLiteral("2@100"),
                  QStringLiteral("--json"), QStringLiteral("--mirror"), mirror,
                  // a group whose mock coordinator was taken down is described within this
                  QStringLiteral("--timeout-ms"), QStringLiteral("3000")},
                 &out),
             0);
    const QJsonObject probe = QJsonDocument::fromJson(out.left(out.lastIndexOf('}') + 1)).object()[QStringLiteral("probe")].toObject();
    QCOMPARE(probe[QStringLiteral("acknowledged_lost")].toInt(-1), 0);
    QCOMPARE(probe[QStringLiteral("produced")].toInt(), 300);
    QCOMPARE(cli({QStringLiteral("run"), mirror, QStringLiteral("--json")}, &out), 0);
    QVERIFY(out.contains("\"produced\": 300"));
    QCOMPARE(
        cli({QStringLiteral("live"), QStringLiteral("kafka"), QStringLiteral("127.0.0.1:1"), QStringLiteral("--timeout-ms"), QStringLiteral("1000")},
            &out),
        3);
    QVERIFY2(out.contains("127.0.0.1:1") && out.contains("refused"), out.constData());
    QCOMPARE(cli({QStringLiteral("live"), QStringLiteral("kafka"), QStringLiteral("nohostport")}, &out), 2);
    QCOMPARE(cli({QStringLiteral("live"), QStringLiteral("kafka"), QStringLiteral("--mock-cluster"), QStringLiteral("3"),
                  QStringLiteral("--mock-broker-down"), QStringLiteral("7@10")},
                 &out),
             2);
    QCOMPARE(cli({QStringLiteral("live"), QStringLiteral("kafka"), QStringLiteral("--mock-cluster"), QStringLiteral("2"), QStringLiteral("--probe"),
                  QStringLiteral("--acks"), QStringLiteral("1")},
                 &out),
             2); // idempotence needs acks=all
  }
};

QTEST_GUILESS_MAIN(TstKafkaLive)
#include "tst_kafka_live.moc"
