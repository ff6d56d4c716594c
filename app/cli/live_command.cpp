#include "cli_commands.h"
#include "command_line.h"
#include "live_kafka_options.h"
#include "live_kinesis_command.h"

#include "model/live/kafka/cluster_snapshot.h"
#include "model/live/kafka/live_kafka_json.h"
#include "model/live/kafka/mirror.h"
#include "model/live/kafka/mock_cluster.h"

#include <QFile>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QTextStream>

#include <memory>

namespace streamscope::app {
namespace {

const CliCommand kLiveKafkaCommand{
    "live kafka",
    "BOOTSTRAP | --mock-cluster N [--topic T] [--json] [--probe --records N [--rate R] [--acks 0|1|all] [--keys K] "
    "[--partitions P --replication-factor F]] [--mirror OUT.json]",
    "Connect to a real Kafka cluster (or start librdkafka's mock cluster) and print its brokers, partitions with leader, "
    "replicas, ISR and watermarks, and consumer groups with lag; optionally run the durability probe and write a scenario "
    "that mirrors the cluster. Exit 3: cannot connect or authenticate; 4: the probe found acknowledged records missing.",
    nullptr};

/// "B@N": take broker B down once N records are sent.
struct MockBrokerDown {
  int broker = -1;
  long long afterRecords = 0;
};

int runLiveKafka(const QStringList &args) {
  CommandLine cli(kLiveKafkaCommand);
  const LiveKafkaOptions o;
  o.addTo(cli);
  cli.addPositional(QStringLiteral("BOOTSTRAP"), QStringLiteral("host:port[,host:port...] of the cluster's brokers."));
  if (const auto exit = cli.parse(args))
    return *exit;
  const bool useMock = cli.isSet(o.mock);
  if (useMock == (cli.positional().size() == 1) || cli.positional().size() > 1)
    return cli.refuse(useMock ? QStringLiteral("give BOOTSTRAP or --mock-cluster N, not both")
                              : QStringLiteral("give BOOTSTRAP (host:port) or --mock-cluster N"));
  const auto timeout = cli.wholeNumber(o.timeout, 100, 600000);
  const auto records = cli.wholeNumber(o.records, 1, 10000000);
  const auto rate = cli.wholeNumber(o.rate, 1, 1000000);
  const auto keys = cli.wholeNumber(o.keys, 1, 1000000);
  const auto bytes = cli.wholeNumber(o.recordBytes, 20, 1000000);
  const auto minIsr = cli.wholeNumber(o.minIsr, 1, 64);
  if (!timeout || !records || !rate || !keys || !bytes || !minIsr)
    return 2;
  std::optional<long long> brokers, partitions, replication;
  if (useMock && !(brokers = cli.wholeNumber(o.mock, 1, 16)))
    return 2;
  if (cli.isSet(o.partitions) != cli.isSet(o.replication))
    return cli.refuse(QStringLiteral("--partitions and --replication-factor go together"));
  if (cli.isSet(o.partitions) && (!(partitions = cli.wholeNumber(o.partitions, 1, 10000)) || !(replication = cli.wholeNumber(o.replication, 1, 64))))
    return 2;
  if (cli.isSet(o.partitions) && *minIsr > *replication)
    return cli.refuse(QStringLiteral("--min-insync-replicas %1 is above --replication-factor %2").arg(*minIsr).arg(*replication));
  MockBrokerDown down;
  if (cli.isSet(o.mockDown)) {
    static const QRegularExpression form(QStringLiteral("^(\\d{1,2})@(\\d{1,8})$"));
    const QRegularExpressionMatch m = form.match(cli.value(o.mockDown));
    if (!useMock)
      return cli.refuse(QStringLiteral("--mock-broker-down needs --mock-cluster"));
    if (!m.hasMatch() || m.captured(1).toInt() < 1 || m.captured(1).toInt() > *brokers)
      return cli.refuse(
          QStringLiteral("--mock-broker-down '%1' is not B@N with B a broker id from 1 to %2").arg(cli.value(o.mockDown)).arg(*brokers));
    down = {m.captured(1).toInt(), m.captured(2).toLongLong()};
  }
  live::KafkaProbeSettings probe;
  if (cli.isSet(o.topic))
    probe.topic = cli.value(o.topic);
  probe.records = static_cast<int>(*records);
  probe.rate = static_cast<double>(*rate);
  probe.acks = cli.value(o.acks);
  probe.idempotence = !cli.isSet(o.noIdempotence);
  probe.keys = static_cast<int>(*keys);
  probe.recordBytes = static_cast<int>(*bytes);
  probe.minInsyncReplicas = static_cast<int>(*minIsr);
  if (const auto problem = live::probeSettingsProblem(probe))
    return cli.refuse(*problem);
  live::KafkaConnection c;
  c.timeoutMs = static_cast<int>(*timeout);
  c.securityProtocol = cli.value(o.protocol);
  c.saslMechanism = cli.value(o.mechanism);
  c.saslUsername = cli.value(o.username);
  c.sslCaFile = cli.value(o.ca);
  c.sslCertFile = cli.value(o.cert);
  c.sslKeyFile = cli.value(o.key);
  if (!useMock) {
    c.bootstrap = cli.positional().front();
    if (const auto problem = live::bootstrapProblem(c.bootstrap))
      return cli.refuse(*problem);
  }
  if (parseOnly())
    return 0;

  QTextStream out(stdout), err(stderr);
  std::unique_ptr<live::MockCluster> mock;
  if (useMock) {
    mock = std::make_unique<live::MockCluster>(static_cast<int>(*brokers));
    if (!mock->ok()) {
      err << "streamscope-cli live kafka: " << mock->error() << '\n';
      return 3;
    }
    c.bootstrap = mock->bootstrapServers();
  }
  if (cli.isSet(o.probe)) {
    if (mock) { // the mock has no CreateTopics: its own call makes the topic
      if (!mock->createTopic(probe.topic, partitions ? static_cast<int>(*partitions) : 3,
                             replication ? static_cast<int>(*replication) : std::min<int>(3, static_cast<int>(*brokers)))) {
        err << "streamscope-cli live kafka: cannot create " << probe.topic << " in the mock cluster: " << mock->error() << '\n';
        return 3;
      }
    } else if (partitions) {
      probe.createTopic = true;
      probe.partitions = static_cast<int>(*partitions);
      probe.replicationFactor = static_cast<int>(*replication);
    }
  }
  std::optional<live::ProbeReport> report;
  if (cli.isSet(o.probe)) {
    bool tookDown = false;
    if (mock) { // its coordinator moves off a broker taken down, as in a real cluster
      probe.group = live::probeGroupName();
      mock->pinGroupCoordinator(probe.group);
    }
    const live::ProbeResult r = live::runKafkaProbe(c, probe, [&](std::int64_t sent, std::int64_t) {
      if (down.broker > 0 && !tookDown && sent >= down.afterRecords) {
        tookDown = true;
        live::takeDownAndElect(*mock, c, down.broker);
      }
    });
    if (r.error) {
      err << "streamscope-cli live kafka: " << r.error->message << '\n';
      return r.error->exitCode;
    }
    report = r.report;
  }
  QStringList groups = cli.values(o.group);
  if (report)
    groups << report->group;
  const live::SnapshotResult s = live::readCluster(c, cli.isSet(o.topic) ? probe.topic : QString(), groups);
  if (s.error) {
    err << "streamscope-cli live kafka: " << s.error->message << '\n';
    return s.error->exitCode;
  }
  if (cli.isSet(o.mirror)) {
    live::MirrorSource source{c.bootstrap, s.snapshot, probe, {}, {}};
    if (mock) { // it has no DescribeConfigs: the probe topic's min ISR is the one asked for
      source.bootstrap = QStringLiteral("librdkafka's mock cluster");
      source.minInsyncReplicas[probe.topic] = probe.minInsyncReplicas;
    } else {
      source = live::readMirrorSource(c, s.snapshot, probe);
    }
    const QJsonObject scenario = live::mirrorScenario(source);
    QFile file(cli.value(o.mirror));
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(QJsonDocument(scenario).toJson()) < 0) {
      err << "streamscope-cli live kafka: cannot write " << cli.value(o.mirror) << ": " << file.errorString() << '\n';
      return 1;
    }
  }
  if (cli.isSet(o.json)) {
    QJsonObject json = live::clusterToJson(s.snapshot);
    if (report)
      json.insert(QStringLiteral("probe"), live::probeToJson(*report));
    out << QJsonDocument(json).toJson();
  } else {
    if (mock)
      out << "librdkafka mock cluster at " << c.bootstrap << '\n';
    out << live::clusterToText(s.snapshot);
    if (report)
      out << live::probeToText(*report);
  }
  return report && report->acknowledgedLost > 0 ? 4 : 0;
}

int runLive(const QStringList &args) {
  if (!args.isEmpty() && args.front() == QLatin1String("kafka"))
    return runLiveKafka(args.mid(1));
  if (!args.isEmpty() && args.front() == QLatin1String("kinesis"))
    return runLiveKinesis(args.mid(1));
  CommandLine cli(kLiveCommand);
  if (const auto exit = cli.parse(args))
    return *exit;
  return cli.refuse(args.isEmpty() ? QStringLiteral("say which system: live kafka ... or live kinesis ...")
                                   : QStringLiteral("unknown system '%1' (known: kafka, kinesis)").arg(args.front()));
}

} // namespace

const CliCommand kLiveCommand{"live", "kafka BOOTSTRAP|--mock-cluster N [options] | kinesis ENDPOINT --stream S [options]",
                              "Connect to a real system: print what it shows a client, run the durability probe, write a mirror "
                              "scenario (Kafka). 'live kafka --help' and 'live kinesis --help' list the options.",
                              runLive};

} // namespace streamscope::app
