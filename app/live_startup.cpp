#include "live_startup.h"

#include "model/live/kafka/kafka_probe.h"
#include "model/live/kinesis/aws_credentials.h"
#include "model/live/kinesis/kinesis_endpoint.h"
#include "ui/live/live_kafka_window.h"
#include "ui/live/live_kinesis_window.h"
#include "ui/main_window.h"

#include <QApplication>
#include <QRegularExpression>
#include <QTimer>

#include <cstdio>
#include <memory>

namespace streamscope::app {
namespace {

int refuse(const QString &message) {
  std::fprintf(stderr, "streamscope: %s\n", qPrintable(message));
  return 2;
}

/// With a screenshot path: pictures `w` a few refreshes after `ready` (or at once without
/// one), then quits; the status ends up in `status`.
void pictureWhenReady(QWidget *w, const QString &path, int &status) {
  QTimer::singleShot(2500, w, [w, path, &status] {
    if (!w->grab().save(path, "PNG")) {
      std::fprintf(stderr, "streamscope: cannot write screenshot to %s\n", qPrintable(path));
      status = 1;
    }
    QApplication::quit();
  });
}

void probeFailed(const QString &why, int &status) {
  std::fprintf(stderr, "streamscope: the probe failed: %s\n", qPrintable(why));
  status = 3;
  QApplication::quit();
}

} // namespace

LiveStartupOptions::LiveStartupOptions()
    : kafka(QStringLiteral("live-kafka"), QObject::tr("Open a live window on the Kafka cluster at <bootstrap>."), QStringLiteral("bootstrap")),
      mock(QStringLiteral("live-mock-cluster"), QObject::tr("Open a live window on librdkafka's mock cluster of <brokers> brokers (1 to 16)."),
           QStringLiteral("brokers")),
      kinesis(QStringLiteral("live-kinesis"),
              QObject::tr("Open a live window on a Kinesis stream at <endpoint> (with --live-stream; credentials from the AWS environment or "
                          "credentials file)."),
              QStringLiteral("endpoint")),
      stream(QStringLiteral("live-stream"), QObject::tr("The Kinesis stream of --live-kinesis."), QStringLiteral("name")),
      createShards(QStringLiteral("live-create-shards"),
                   QObject::tr("With --live-kinesis: create the stream with <shards> shards (1 to 64) if it does not exist."),
                   QStringLiteral("shards")),
      probe(QStringLiteral("live-probe"),
            QObject::tr("In the live window, run the durability probe with <records> records (with --screenshot, picture it after)."),
            QStringLiteral("records")) {}

void LiveStartupOptions::addTo(QCommandLineParser &parser) const { parser.addOptions({kafka, mock, kinesis, stream, createShards, probe}); }

bool LiveStartupOptions::anySet(const QCommandLineParser &parser) const { return parser.isSet(kafka) || parser.isSet(mock) || parser.isSet(kinesis); }

std::optional<int> openLiveWindows(const QCommandLineParser &parser, const LiveStartupOptions &o, ui::MainWindow &window, const QString &screenshot,
                                   QSize size) {
  bool ok = true;
  const int records = parser.isSet(o.probe) ? parser.value(o.probe).toInt(&ok) : 0;
  if (!ok || records < 0 || records > 1000000)
    return refuse(QObject::tr("--live-probe needs 1 to 1000000 records, not \"%1\"").arg(parser.value(o.probe)));
  if ((parser.isSet(o.kafka) || parser.isSet(o.mock)) && parser.isSet(o.kinesis))
    return refuse(QObject::tr("give either a Kafka cluster or a Kinesis stream, not both"));
  QWidget *live = nullptr;
  static int status = 0; // outlives this function: the callbacks set it while the app runs
  status = 0;
  if (parser.isSet(o.kinesis)) {
    QString why;
    const auto endpoint = live::kinesis::parseEndpoint(parser.value(o.kinesis), &why);
    if (!endpoint)
      return refuse(QObject::tr("--live-kinesis: %1").arg(why));
    static const QRegularExpression streamName(QStringLiteral("^[a-zA-Z0-9_.-]{1,128}$"));
    if (!streamName.match(parser.value(o.stream)).hasMatch())
      return refuse(
          QObject::tr("--live-kinesis needs --live-stream with 1 to 128 letters, digits, '_', '.' or '-', not \"%1\"").arg(parser.value(o.stream)));
    const int shards = parser.isSet(o.createShards) ? parser.value(o.createShards).toInt(&ok) : 0;
    if (!ok || shards < 0 || shards > 64)
      return refuse(QObject::tr("--live-create-shards needs 1 to 64 shards, not \"%1\"").arg(parser.value(o.createShards)));
    const QString region = live::kinesis::resolveRegion({}, *endpoint, &why);
    if (region.isEmpty())
      return refuse(why);
    const auto credentials = live::kinesis::findAwsCredentials(&why);
    if (!credentials)
      return refuse(QObject::tr("cannot sign requests to %1: %2").arg(endpoint->toString(), why));
    auto *w = window.openLiveKinesis({*endpoint, region, *credentials}, parser.value(o.stream), shards);
    live = w;
    if (records > 0) {
      live::kinesis::ProbeOptions probe;
      probe.records = records;
      probe.rate = std::max(1, records / 3); // about three seconds of traffic
      w->session().runProbe(probe);
      if (!screenshot.isEmpty()) {
        QObject::connect(&w->session(), &live::kinesis::LiveKinesisSession::probeFinished, w,
                         [w, screenshot] { pictureWhenReady(w, screenshot, status); });
        QObject::connect(&w->session(), &live::kinesis::LiveKinesisSession::probeFailed, w, [](const QString &why) { probeFailed(why, status); });
      }
    }
  } else {
    const int brokers = parser.isSet(o.mock) ? parser.value(o.mock).toInt(&ok) : 0;
    if (!ok || (parser.isSet(o.mock) && (brokers < 1 || brokers > 16)))
      return refuse(QObject::tr("--live-mock-cluster needs 1 to 16 brokers, not \"%1\"").arg(parser.value(o.mock)));
    live::KafkaConnection c;
    c.bootstrap = parser.value(o.kafka);
    if (const auto problem = live::bootstrapProblem(c.bootstrap); problem && brokers == 0)
      return refuse(*problem);
    auto *w = window.openLiveKafka(c, brokers);
    live = w;
    if (records > 0) {
      live::KafkaProbeSettings probe;
      probe.records = records;
      probe.rate = std::max(1, records / 3); // about three seconds of traffic
      probe.createTopic = true;
      probe.partitions = 3;
      probe.replicationFactor = std::min(3, std::max(1, brokers == 0 ? 3 : brokers));
      probe.minInsyncReplicas = std::min(2, probe.replicationFactor);
      w->session().runProbe(probe);
      if (!screenshot.isEmpty()) {
        QObject::connect(&w->session(), &live::LiveKafkaSession::probeFinished, w, [w, screenshot] { pictureWhenReady(w, screenshot, status); });
        QObject::connect(&w->session(), &live::LiveKafkaSession::probeFailed, w, [](const QString &why) { probeFailed(why, status); });
      }
    }
  }
  if (screenshot.isEmpty())
    return std::nullopt;
  live->resize(size);
  if (records == 0)
    pictureWhenReady(live, screenshot, status);
  QApplication::exec();
  return status;
}

} // namespace streamscope::app
