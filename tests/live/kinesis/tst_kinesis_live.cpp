// The Kinesis client, snapshot, probe and `live kinesis` command against kinesalite (the
// Kinesis API in Node.js, started here on 127.0.0.1 at a free port) and, for failures
// kinesalite cannot show, against a scripted endpoint (fake_endpoint.h).
#include "fake_endpoint.h"
#include "kinesalite_process.h"

#include "engine/core/uint128.h"
#include "engine/world/kinesis/hash_keys.h"
#include "model/live/kinesis/kinesis_json.h"
#include "model/live/kinesis/sigv4.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QtTest>

using namespace streamscope::live::kinesis;
using streamscope::live::LiveError;

namespace {

AwsCredentials testCredentials() {
  return {QStringLiteral("AKIDLIVETEST"), QStringLiteral("live-test-secret-never-printed"), {}, QStringLiteral("the environment")};
}

struct CliRun {
  int exitCode = -1;
  QByteArray out, err;
};

CliRun runCli(const QStringList &args) {
  QProcess p;
  p.start(QStringLiteral(LIVE_KINESIS_CLI), args);
  if (!p.waitForFinished(120000))
    p.kill();
  return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(), p.readAllStandardError()};
}

/// A port nothing listens on: bound, then released.
quint16 closedPort() {
  QTcpServer server;
  server.listen(QHostAddress::LocalHost, 0);
  return server.serverPort();
}

} // namespace

class TestKinesisLive : public QObject {
  Q_OBJECT
private slots:
  void initTestCase();
  void cleanupTestCase();
  void shardTableEqualsTheSimulators_data();
  void shardTableEqualsTheSimulators();
  void probeReadsBackEveryAcknowledgedRecord();
  void snapshotFindsTheLatestSequenceNumber();
  void missingStreamNamesEndpointAndCause();
  void connectionRefusedIsExit3();
  void malformedAnswersGiveClearErrors();
  void refusedCredentialsAreAuthenticationFailures();
  void throttledCallsAreRetriedAndCounted();
  void silentEndpointTimesOut();
  void listShardsFollowsNextToken();
  void sentRequestIsExactlyWhatWasSigned();
  void cliJsonContract();
  void cliUsageErrors();
  void cliWithoutCredentials();

private:
  std::unique_ptr<KinesisClient> client(const QString &url = {});
  QString createStream(int shards);

  KinesaliteProcess m_kinesalite;
  QString m_url;
  int m_streams = 0;
};

void TestKinesisLive::initTestCase() {
  const QString why = m_kinesalite.start(QStringLiteral(KINESALITE_DIR));
  QVERIFY2(why.isEmpty(), qPrintable(why));
  m_url = m_kinesalite.url();
}

void TestKinesisLive::cleanupTestCase() {}

std::unique_ptr<KinesisClient> TestKinesisLive::client(const QString &url) {
  ClientOptions options{QUrl(url.isEmpty() ? m_url : url), QStringLiteral("us-east-1"), testCredentials()};
  options.timeoutMs = 5000;
  return std::make_unique<KinesisClient>(options);
}

QString TestKinesisLive::createStream(int shards) {
  const QString name = QStringLiteral("stream-%1-%2").arg(++m_streams).arg(shards);
  auto c = client();
  if (!c->createStream(name, shards) || !c->waitForActive(name, 10000))
    qWarning("%s", qPrintable(c->failure().message));
  return name;
}

void TestKinesisLive::shardTableEqualsTheSimulators_data() {
  QTest::addColumn<int>("shards");
  for (int n : {1, 2, 3, 7, 10})
    QTest::addRow("%d shards", n) << n;
}

void TestKinesisLive::shardTableEqualsTheSimulators() {
  QFETCH(int, shards);
  const QString stream = createStream(shards);
  auto c = client();
  LiveError error;
  const auto snapshot = takeSnapshot(*c, stream, {}, &error);
  QVERIFY2(snapshot, qPrintable(error.message));
  QCOMPARE(snapshot->summary.status, QStringLiteral("ACTIVE"));
  QCOMPARE(snapshot->shards.size(), shards);
  namespace ek = streamscope::engine::kinesis;
  const auto ranges = ek::initialHashKeyRanges(shards);
  for (int i = 0; i < shards; ++i) {
    const ShardInfo &s = snapshot->shards[i].shard;
    QCOMPARE(s.shardId, QString::fromStdString(ek::shardId(i)));
    QCOMPARE(s.startingHashKey, QString::fromStdString(streamscope::engine::toDecimal(ranges[i].start)));
    QCOMPARE(s.endingHashKey, QString::fromStdString(streamscope::engine::toDecimal(ranges[i].end)));
    QVERIFY(s.open());
    QVERIFY(s.parentShardId.isEmpty());
  }
}

void TestKinesisLive::probeReadsBackEveryAcknowledgedRecord() {
  const QString stream = createStream(3);
  auto c = client();
  ProbeOptions options;
  options.records = 400;
  options.rate = 4000;
  options.keys = 12;
  bool wrote = false, read = false;
  LiveError error;
  const auto report = runProbe(
      *c, stream, options,
      [&](const ProbeProgress &p) {
        (p.phase == ProbeProgress::Phase::Writing ? wrote : read) = true;
        return p.total == 400;
      },
      &error);
  QVERIFY2(report, qPrintable(error.message));
  QCOMPARE(report->produced, 400);
  QCOMPARE(report->acknowledged, 400);
  QCOMPARE(report->failed, 0);
  QCOMPARE(report->consumed, 400);
  QCOMPARE(report->acknowledgedLost, 0);
  QCOMPARE(report->duplicates, 0);
  QCOMPARE(report->shardsRead, 3); // twelve keys reach every shard of three
  QVERIFY(report->latencyP50Ms >= 0 && report->latencyP99Ms >= report->latencyP50Ms);
  QVERIFY(wrote && read);
  // A second probe on the same stream counts only its own records.
  const auto again = runProbe(*c, stream, options, {}, &error);
  QVERIFY2(again, qPrintable(error.message));
  QCOMPARE(again->consumed, 400);
  QCOMPARE(again->duplicates, 0);
  QVERIFY(again->probeId != report->probeId);
}

void TestKinesisLive::snapshotFindsTheLatestSequenceNumber() {
  const QString stream = createStream(1);
  auto c = client();
  const auto put = c->putRecords(stream, {{"a", QStringLiteral("k")}, {"b", QStringLiteral("k")}});
  QVERIFY2(put && put->records.size() == 2 && put->records[1].ok(), qPrintable(c->failure().message));
  LiveError error;
  const auto snapshot = takeSnapshot(*c, stream, {}, &error);
  QVERIFY2(snapshot, qPrintable(error.message));
  QCOMPARE(snapshot->shards[0].latestSequenceNumber, put->records[1].sequenceNumber);
  QVERIFY(snapshot->shards[0].latestKnown);
  QVERIFY(!snapshot->consumersKnown); // kinesalite has no enhanced fan-out
}

void TestKinesisLive::missingStreamNamesEndpointAndCause() {
  auto c = client();
  LiveError error;
  QVERIFY(!takeSnapshot(*c, QStringLiteral("no-such-stream"), {}, &error));
  QCOMPARE(error.exitCode, 3);
  QVERIFY2(error.message.contains(m_url) && error.message.contains(QStringLiteral("ResourceNotFoundException")), qPrintable(error.message));
  QCOMPARE(c->failure().kind, FailureKind::NotFound);
}

void TestKinesisLive::connectionRefusedIsExit3() {
  const QString url = QStringLiteral("http://127.0.0.1:%1").arg(closedPort());
  auto c = client(url);
  LiveError error;
  QVERIFY(!takeSnapshot(*c, QStringLiteral("s"), {}, &error));
  QCOMPARE(error.exitCode, 3);
  QCOMPARE(c->failure().kind, FailureKind::Transport);
  QCOMPARE(error.message, QStringLiteral("cannot connect to %1 (DescribeStreamSummary): connection refused").arg(url));
  const CliRun run =
      runCli({url, QStringLiteral("--stream"), QStringLiteral("s"), QStringLiteral("--probe"), QStringLiteral("--records"), QStringLiteral("5")});
  QCOMPARE(run.exitCode, 3);
  QVERIFY2(run.err.contains(url.toUtf8()) && run.err.contains("connection refused"), run.err.constData());
}

void TestKinesisLive::malformedAnswersGiveClearErrors() {
  FakeEndpoint notJson({{200, "{\"StreamDescriptionSummary\": {"}});
  auto c = client(notJson.url());
  QVERIFY(!c->describeStreamSummary(QStringLiteral("s")));
  QCOMPARE(c->failure().kind, FailureKind::Malformed);
  QVERIFY2(c->failure().message.startsWith(notJson.url() + QStringLiteral(" answered DescribeStreamSummary with a malformed response: not JSON")),
           qPrintable(c->failure().message));

  FakeEndpoint badShard({{200, R"({"Shards":[{"ShardId":"shardId-000000000000","HashKeyRange":{"StartingHashKey":"0","EndingHashKey":"x1"}}]})"}});
  auto c2 = client(badShard.url());
  QVERIFY(!c2->listShards(QStringLiteral("s")));
  QVERIFY2(c2->failure().message.endsWith(QStringLiteral("Shards[0].HashKeyRange.EndingHashKey is not a decimal number: 'x1'")),
           qPrintable(c2->failure().message));

  FakeEndpoint shortPut({{200, R"({"FailedRecordCount":0,"Records":[]})"}});
  auto c3 = client(shortPut.url());
  QVERIFY(!c3->putRecords(QStringLiteral("s"), {{"a", QStringLiteral("k")}}));
  QVERIFY2(c3->failure().message.endsWith(QStringLiteral("0 results for 1 records")), qPrintable(c3->failure().message));
}

void TestKinesisLive::refusedCredentialsAreAuthenticationFailures() {
  for (const QByteArray &type : {QByteArray("UnrecognizedClientException"), QByteArray("InvalidSignatureException")}) {
    FakeEndpoint endpoint({{400, "{\"__type\":\"" + type + "\",\"message\":\"The security token included in the request is invalid.\"}"}});
    auto c = client(endpoint.url());
    LiveError error;
    QVERIFY(!takeSnapshot(*c, QStringLiteral("s"), {}, &error));
    QCOMPARE(c->failure().kind, FailureKind::Authentication);
    QCOMPARE(error.exitCode, 3);
    QCOMPARE(error.message,
             QStringLiteral("%1 refused the credentials from the environment (DescribeStreamSummary answered HTTP 400, %2: "
                            "The security token included in the request is invalid.)")
                 .arg(endpoint.url(), QString::fromLatin1(type)));
    QVERIFY(!error.message.contains(QStringLiteral("live-test-secret")));
  }
}

void TestKinesisLive::throttledCallsAreRetriedAndCounted() {
  const QByteArray throttled = R"({"__type":"LimitExceededException","message":"Rate exceeded for stream s"})";
  FakeEndpoint endpoint({{400, throttled}, {400, throttled}, {200, R"({"StreamDescriptionSummary":{"StreamName":"s","StreamStatus":"ACTIVE"}})"}});
  auto c = client(endpoint.url());
  const auto summary = c->describeStreamSummary(QStringLiteral("s"));
  QVERIFY2(summary, qPrintable(c->failure().message));
  QCOMPARE(summary->status, QStringLiteral("ACTIVE"));
  QCOMPARE(c->throttles(QStringLiteral("DescribeStreamSummary")), 2);
  QCOMPARE(endpoint.requests().size(), 3);

  // PutRecords' per-record throttles are retried by the probe and counted as write throttles.
  const QByteArray partly =
      R"({"FailedRecordCount":1,"Records":[{"ErrorCode":"ProvisionedThroughputExceededException","ErrorMessage":"Rate exceeded"}]})";
  FakeEndpoint puts({{200, partly}, {200, R"({"FailedRecordCount":0,"Records":[{"SequenceNumber":"1","ShardId":"shardId-000000000000"}]})"}});
  auto c2 = client(puts.url());
  ProbeOptions options;
  options.records = 1;
  options.idleTimeoutMs = 300;
  LiveError error;
  const auto report = runProbe(*c2, QStringLiteral("s"), options, {}, &error);
  // The read-back then meets the scripted answer again, which is no GetShardIterator answer.
  QVERIFY(!report);
  QVERIFY2(error.message.contains(QStringLiteral("GetShardIterator with a malformed response")), qPrintable(error.message));
  QCOMPARE(puts.requests().size(), 3);
  // The retry sends the same record again.
  auto recordId = [](const QByteArray &body) {
    const QJsonObject put = QJsonDocument::fromJson(body).object();
    const QByteArray data =
        QByteArray::fromBase64(put.value(QStringLiteral("Records")).toArray()[0].toObject().value(QStringLiteral("Data")).toString().toLatin1());
    return QJsonDocument::fromJson(data).object().value(QStringLiteral("id")).toInt(-1);
  };
  QCOMPARE(recordId(puts.requests()[0].body), 0);
  QCOMPARE(recordId(puts.requests()[1].body), 0);
}

void TestKinesisLive::silentEndpointTimesOut() {
  FakeEndpoint endpoint({{200, {}, true}});
  ClientOptions options{QUrl(endpoint.url()), QStringLiteral("us-east-1"), testCredentials()};
  options.timeoutMs = 300;
  KinesisClient c(options);
  QVERIFY(!c.describeStreamSummary(QStringLiteral("s")));
  QCOMPARE(c.failure().kind, FailureKind::Timeout);
  QCOMPARE(c.failure().message, QStringLiteral("%1 did not answer DescribeStreamSummary within 0.3 s").arg(endpoint.url()));
}

void TestKinesisLive::listShardsFollowsNextToken() {
  FakeEndpoint endpoint(
      {{200, R"({"Shards":[{"ShardId":"shardId-000000000000","HashKeyRange":{"StartingHashKey":"0","EndingHashKey":"9"}}],"NextToken":"page-2"})"},
       {200,
        R"({"Shards":[{"ShardId":"shardId-000000000001","ParentShardId":"shardId-000000000000","HashKeyRange":{"StartingHashKey":"10","EndingHashKey":"19"},
                 "SequenceNumberRange":{"StartingSequenceNumber":"5","EndingSequenceNumber":"7"}}]})"}});
  auto c = client(endpoint.url());
  const auto shards = c->listShards(QStringLiteral("s"));
  QVERIFY2(shards, qPrintable(c->failure().message));
  QCOMPARE(shards->size(), 2);
  QCOMPARE(shards->at(1).parentShardId, QStringLiteral("shardId-000000000000"));
  QVERIFY(!shards->at(1).open());
  const QJsonObject second = QJsonDocument::fromJson(endpoint.requests()[1].body).object();
  QCOMPARE(second.value(QStringLiteral("NextToken")).toString(), QStringLiteral("page-2"));
  QVERIFY(!second.contains(QStringLiteral("StreamName"))); // Kinesis refuses both together
}

void TestKinesisLive::sentRequestIsExactlyWhatWasSigned() {
  FakeEndpoint endpoint({{200, R"({"StreamDescriptionSummary":{"StreamName":"s","StreamStatus":"ACTIVE"}})"}});
  auto c = client(endpoint.url());
  QVERIFY(c->describeStreamSummary(QStringLiteral("s")));
  const FakeRequest &sent = endpoint.requests().front();
  QCOMPARE(sent.header("X-Amz-Target"), QByteArray("Kinesis_20131202.DescribeStreamSummary"));
  QCOMPARE(sent.header("Content-Type"), QByteArray("application/x-amz-json-1.1"));
  // Sign again what arrived, at the time it says: the signature must be the one sent.
  SigV4Request received{"POST",
                        "/",
                        {},
                        {{"Host", sent.header("Host")}, {"Content-Type", sent.header("Content-Type")}, {"X-Amz-Target", sent.header("X-Amz-Target")}},
                        sent.body};
  const QDateTime time = QDateTime::fromString(QString::fromLatin1(sent.header("X-Amz-Date")), QStringLiteral("yyyyMMdd'T'HHmmss'Z'"));
  const SigV4Signature expected =
      signV4(received, testCredentials(), {QStringLiteral("us-east-1"), QStringLiteral("kinesis"), QDateTime(time.date(), time.time(), Qt::UTC)});
  QCOMPARE(sent.header("Authorization"), expected.headersToAdd.back().second);
  QVERIFY(sent.header("Authorization").contains("SignedHeaders=content-type;host;x-amz-date;x-amz-target,"));
}

void TestKinesisLive::cliJsonContract() {
  const QString stream = createStream(2);
  const CliRun run =
      runCli({m_url, QStringLiteral("--stream"), stream, QStringLiteral("--json"), QStringLiteral("--probe"), QStringLiteral("--records"),
              QStringLiteral("200"), QStringLiteral("--rate"), QStringLiteral("2000"), QStringLiteral("--keys"), QStringLiteral("4")});
  QVERIFY2(run.exitCode == 0, run.err.constData());
  const QJsonObject json = QJsonDocument::fromJson(run.out).object();
  const QJsonArray shards = json.value(QStringLiteral("shards")).toArray();
  QCOMPARE(shards.size(), 2);
  for (const char *key : {"shard_id", "starting_hash_key", "ending_hash_key", "parent_shard_id", "open"})
    QVERIFY2(shards[0].toObject().contains(QLatin1String(key)), key);
  QCOMPARE(shards[1].toObject().value(QStringLiteral("shard_id")).toString(), QStringLiteral("shardId-000000000001"));
  QCOMPARE(shards[1].toObject().value(QStringLiteral("ending_hash_key")).toString(), QStringLiteral("340282366920938463463374607431768211455"));
  QVERIFY(shards[0].toObject().value(QStringLiteral("parent_shard_id")).isNull());
  QCOMPARE(shards[0].toObject().value(QStringLiteral("open")).toBool(), true);
  const QJsonObject probe = json.value(QStringLiteral("probe")).toObject();
  for (const char *key : {"produced", "acknowledged", "failed", "consumed", "acknowledged_lost", "duplicates", "throttled"})
    QVERIFY2(probe.value(QLatin1String(key)).isDouble(), key);
  QCOMPARE(probe.value(QStringLiteral("produced")).toInt(), 200);
  QCOMPARE(probe.value(QStringLiteral("acknowledged")).toInt(), 200);
  QCOMPARE(probe.value(QStringLiteral("consumed")).toInt(), 200);
  QCOMPARE(probe.value(QStringLiteral("acknowledged_lost")).toInt(), 0);
  const QJsonObject latency = probe.value(QStringLiteral("latency_ms")).toObject();
  QVERIFY(latency.value(QStringLiteral("p50")).isDouble() && latency.value(QStringLiteral("p99")).isDouble());
  QVERIFY(!run.out.contains("live-test-secret") && !run.err.contains("live-test-secret"));

  const CliRun text = runCli({m_url, QStringLiteral("--stream"), stream});
  QCOMPARE(text.exitCode, 0);
  QVERIFY2(QRegularExpression(QStringLiteral("\\nshardId-000000000001 +open ")).match(QString::fromUtf8(text.out)).hasMatch(), text.out.constData());
  QVERIFY(!text.out.contains("Probe"));
}

void TestKinesisLive::cliUsageErrors() {
  const QList<std::pair<QStringList, QByteArray>> cases{
      {{}, "ENDPOINT is required"},
      {{m_url}, "--stream S is required"},
      {{QStringLiteral("127.0.0.1:4567"), QStringLiteral("--stream"), QStringLiteral("s")}, "must be an http:// or https:// URL"},
      {{m_url, QStringLiteral("--stream"), QStringLiteral("bad name")}, "--stream needs 1 to 128 letters"},
      {{m_url, QStringLiteral("--stream"), QStringLiteral("s"), QStringLiteral("--records"), QStringLiteral("5")}, "--records needs --probe"},
      {{m_url, QStringLiteral("--stream"), QStringLiteral("s"), QStringLiteral("--probe")}, "--probe needs --records N"},
      {{m_url, QStringLiteral("--stream"), QStringLiteral("s"), QStringLiteral("--probe"), QStringLiteral("--records"), QStringLiteral("0")},
       "--records needs a whole number from 1 to 1000000, not '0'"},
      {{m_url, QStringLiteral("--stream"), QStringLiteral("s"), QStringLiteral("--probe"), QStringLiteral("--records"), QStringLiteral("5"),
        QStringLiteral("--rate"), QStringLiteral("fast")},
       "--rate needs a number of records per second from 0.1 to 100000, not 'fast'"},
      {{m_url, QStringLiteral("--stream"), QStringLiteral("s"), QStringLiteral("--frobnicate")}, "unknown option '--frobnicate'"},
  };
  for (const auto &[args, message] : cases) {
    const CliRun run = runCli(args);
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.startsWith("streamscope-cli live kinesis: ") && run.err.contains(message), run.err.constData());
    QVERIFY(run.err.contains("usage: streamscope-cli live kinesis ENDPOINT --stream S"));
  }
  const CliRun help = runCli({QStringLiteral("--help")});
  QCOMPARE(help.exitCode, 0);
  QVERIFY(help.out.startsWith("usage: streamscope-cli live kinesis ENDPOINT"));
}

void TestKinesisLive::cliWithoutCredentials() {
  qunsetenv("AWS_ACCESS_KEY_ID");
  qunsetenv("AWS_SECRET_ACCESS_KEY");
  const CliRun run = runCli({m_url, QStringLiteral("--stream"), QStringLiteral("s")});
  qputenv("AWS_ACCESS_KEY_ID", "AKIDLIVETEST");
  qputenv("AWS_SECRET_ACCESS_KEY", "live-test-secret-never-printed");
  QCOMPARE(run.exitCode, 3);
  QVERIFY2(run.err.startsWith("streamscope-cli live kinesis: cannot sign requests to " + m_url.toUtf8() + ": no AWS credentials found"),
           run.err.constData());
}

QTEST_GUILESS_MAIN(TestKinesisLive)
#include "tst_kinesis_live.moc"
