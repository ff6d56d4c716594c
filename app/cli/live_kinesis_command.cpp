#include "live_kinesis_command.h"

#include "command_line.h"

#include "model/live/kinesis/aws_credentials.h"
#include "model/live/kinesis/kinesis_endpoint.h"
#include "model/live/kinesis/kinesis_json.h"

#include <QJsonDocument>
#include <QRegularExpression>
#include <QTextStream>

#include <optional>

namespace streamscope::app {
namespace {

using namespace streamscope::live::kinesis;

struct LiveKinesisArgs {
  QUrl endpoint;
  QString stream;
  QString region; ///< as given; empty: resolved later
  bool json = false;
  std::optional<ProbeOptions> probe;
};

/// The arguments, or nullopt with `exit` (0 after --help, 2 after a refusal).
std::optional<LiveKinesisArgs> parseArgs(const QStringList &args, int &exit) {
  CommandLine cli(kLiveKinesisCommand);
  const QCommandLineOption stream(QStringLiteral("stream"), QStringLiteral("The stream's name."), QStringLiteral("S"));
  const QCommandLineOption region(QStringLiteral("region"),
                                  QStringLiteral("The region to sign for (default: the endpoint's, AWS_REGION, the profile's, or us-east-1 "
                                                 "for endpoints outside AWS)."),
                                  QStringLiteral("R"));
  const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Print JSON instead of text."));
  const QCommandLineOption probe(QStringLiteral("probe"), QStringLiteral("Put records, read them back and report what was lost."));
  const QCommandLineOption records(QStringLiteral("records"), QStringLiteral("Records the probe puts (1 to 1000000)."), QStringLiteral("N"));
  const QCommandLineOption rate(QStringLiteral("rate"), QStringLiteral("Records per second (0.1 to 100000, default 100)."), QStringLiteral("R"),
                                QStringLiteral("100"));
  const QCommandLineOption keys(QStringLiteral("keys"), QStringLiteral("Distinct partition keys (1 to 100000, default 16)."), QStringLiteral("K"),
                                QStringLiteral("16"));
  for (const auto *option : {&stream, &region, &json, &probe, &records, &rate, &keys})
    cli.addOption(*option);
  cli.addPositional(QStringLiteral("ENDPOINT"), QStringLiteral("http:// or https:// URL of the Kinesis API (AWS, LocalStack, kinesalite)."));
  if (const auto done = cli.parse(args)) {
    exit = *done;
    return std::nullopt;
  }
  exit = 2;
  const QStringList positional = cli.positional();
  if (positional.isEmpty()) {
    cli.refuse(QStringLiteral("ENDPOINT is required"));
    return std::nullopt;
  }
  if (positional.size() > 1) {
    cli.refuse(QStringLiteral("unexpected argument '%1'").arg(positional[1]));
    return std::nullopt;
  }
  LiveKinesisArgs out;
  QString error;
  const auto endpoint = parseEndpoint(positional.front(), &error);
  if (!endpoint) {
    cli.refuse(error);
    return std::nullopt;
  }
  out.endpoint = *endpoint;
  static const QRegularExpression streamName(QStringLiteral("^[a-zA-Z0-9_.-]{1,128}$"));
  if (!cli.isSet(stream)) {
    cli.refuse(QStringLiteral("--stream S is required"));
    return std::nullopt;
  }
  out.stream = cli.value(stream);
  if (!streamName.match(out.stream).hasMatch()) {
    cli.refuse(QStringLiteral("--stream needs 1 to 128 letters, digits, '_', '.' or '-', not '%1'").arg(out.stream));
    return std::nullopt;
  }
  out.region = cli.value(region).trimmed();
  if (cli.isSet(region) && out.region.isEmpty()) {
    cli.refuse(QStringLiteral("--region needs a region such as us-east-1"));
    return std::nullopt;
  }
  out.json = cli.isSet(json);
  if (!cli.isSet(probe)) {
    for (const auto *option : {&records, &rate, &keys})
      if (cli.isSet(*option)) {
        cli.refuse(QStringLiteral("--%1 needs --probe").arg(option->names().front()));
        return std::nullopt;
      }
    return out;
  }
  if (!cli.isSet(records)) {
    cli.refuse(QStringLiteral("--probe needs --records N"));
    return std::nullopt;
  }
  ProbeOptions options;
  const auto n = cli.wholeNumber(records, 1, 1000000);
  const auto k = n ? cli.wholeNumber(keys, 1, 100000) : std::nullopt;
  if (!k)
    return std::nullopt;
  bool ok = false;
  options.rate = cli.value(rate).toDouble(&ok);
  if (!ok || !(options.rate >= 0.1 && options.rate <= 100000)) {
    cli.refuse(QStringLiteral("--rate needs a number of records per second from 0.1 to 100000, not '%1'").arg(cli.value(rate)));
    return std::nullopt;
  }
  options.records = static_cast<int>(*n);
  options.keys = static_cast<int>(*k);
  out.probe = options;
  return out;
}

QString orDash(const QString &s) { return s.isEmpty() ? QStringLiteral("-") : s; }

void printText(QTextStream &out, const StreamSnapshot &snapshot, const QString &endpoint, const QString &region) {
  const StreamSummary &s = snapshot.summary;
  out << "Stream " << s.name << " at " << endpoint << " (region " << region << "): " << s.status;
  if (!s.mode.isEmpty())
    out << ", " << s.mode;
  out << ", " << snapshot.shards.size() << " shards";
  if (s.retentionHours >= 0)
    out << ", retention " << s.retentionHours << " h";
  out << "\n\n";
  out << QStringLiteral("%1 %2 %3 %4 %5 %6\n")
             .arg(QStringLiteral("SHARD"), -21)
             .arg(QStringLiteral("STATE"), -6)
             .arg(QStringLiteral("PARENTS"), -43)
             .arg(QStringLiteral("STARTING_HASH_KEY"), -39)
             .arg(QStringLiteral("ENDING_HASH_KEY"), -39)
             .arg(QStringLiteral("LATEST_SEQUENCE_NUMBER"));
  for (const ShardSnapshot &shard : snapshot.shards) {
    QString parents = orDash(shard.shard.parentShardId);
    if (!shard.shard.adjacentParentShardId.isEmpty())
      parents += QLatin1Char('+') + shard.shard.adjacentParentShardId;
    QString latest = orDash(shard.latestSequenceNumber);
    if (!shard.latestKnown)
      latest += QStringLiteral(" (not read to the end)");
    out << QStringLiteral("%1 %2 %3 %4 %5 %6\n")
               .arg(shard.shard.shardId, -21)
               .arg(shard.shard.open() ? QStringLiteral("open") : QStringLiteral("closed"), -6)
               .arg(parents, -43)
               .arg(shard.shard.startingHashKey, -39)
               .arg(shard.shard.endingHashKey, -39)
               .arg(latest);
  }
  if (!snapshot.consumersKnown)
    out << "\nEnhanced fan-out consumers: not listed by this endpoint\n";
  else if (snapshot.consumers.isEmpty())
    out << "\nEnhanced fan-out consumers: none\n";
  else
    for (const ConsumerInfo &c : snapshot.consumers)
      out << "\nConsumer " << c.name << " (" << orDash(c.status) << ")";
}

int fail(const live::LiveError &error) {
  QTextStream(stderr) << "streamscope-cli live kinesis: " << error.message << '\n';
  return error.exitCode;
}

} // namespace

const CliCommand kLiveKinesisCommand{
    "live kinesis", "ENDPOINT --stream S [--region R] [--json] [--probe --records N [--rate R] [--keys K]]",
    "Connect to a real Kinesis stream through its HTTP API (AWS, LocalStack, kinesalite) and print its shards; with --probe, put "
    "N records, read them back and report what was acknowledged but lost. Credentials come from the AWS environment variables or "
    "the shared credentials file. Exit 3: cannot connect or authenticate; 4: acknowledged records missing.",
    runLiveKinesis};

int runLiveKinesis(const QStringList &args) {
  int exit = 0;
  const auto parsed = parseArgs(args, exit);
  if (!parsed)
    return exit;
  if (parseOnly())
    return 0;
  const QString endpointText =
      parsed->endpoint.adjusted(QUrl::RemovePath | QUrl::RemoveQuery | QUrl::RemoveFragment | QUrl::RemoveUserInfo).toString();
  QString why;
  const QString region = resolveRegion(parsed->region, parsed->endpoint, &why);
  if (region.isEmpty())
    return fail({2, why});
  const auto credentials = findAwsCredentials(&why);
  if (!credentials)
    return fail({3, QStringLiteral("cannot sign requests to %1: %2").arg(endpointText, why)});

  KinesisClient client({parsed->endpoint, region, *credentials});
  live::LiveError error;
  std::optional<ProbeReport> probe;
  if (parsed->probe) {
    probe = runProbe(client, parsed->stream, *parsed->probe, {}, &error);
    if (!probe)
      return fail(error);
  }
  const auto snapshot = takeSnapshot(client, parsed->stream, {}, &error);
  if (!snapshot)
    return fail(error);

  QTextStream out(stdout);
  if (parsed->json) {
    QJsonObject json = snapshotJson(*snapshot, endpointText, region);
    if (probe)
      json.insert(QStringLiteral("probe"), probeJson(*probe));
    out << QJsonDocument(json).toJson(QJsonDocument::Indented);
  } else {
    printText(out, *snapshot, endpointText, region);
    if (probe)
      out << '\n' << probeToText(*probe);
  }
  out.flush();
  if (probe && probe->acknowledgedLost > 0) {
    QTextStream(stderr) << "streamscope-cli live kinesis: " << probe->acknowledgedLost << " acknowledged records of " << parsed->stream << " at "
                        << endpointText << " were not read back\n";
    return 4;
  }
  return 0;
}

} // namespace streamscope::app
