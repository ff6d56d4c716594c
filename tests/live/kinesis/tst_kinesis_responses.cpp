// Reading the Kinesis JSON 1.1 answers: what each operation answers, and for what it does not,
// a refusal that says which field is wrong.
#include "model/live/kinesis/kinesis_responses.h"

#include <QtTest>

using namespace streamscope::live::kinesis;

class TestKinesisResponses : public QObject {
  Q_OBJECT
private slots:
  void listShards();
  void listShardsRefusals_data();
  void listShardsRefusals();
  void describeStreamSummary();
  void putRecordsWithFailures();
  void getRecordsDecodesData();
  void getRecordsRefusesBadBase64();
  void listStreamConsumers();
  void awsErrors_data();
  void awsErrors();
  void decimals();
};

void TestKinesisResponses::listShards() {
  QString error;
  const auto page = parseListShards(R"({"Shards":[
      {"ShardId":"shardId-000000000000","HashKeyRange":{"StartingHashKey":"0","EndingHashKey":"170141183460469231731687303715884105727"},
       "SequenceNumberRange":{"StartingSequenceNumber":"1","EndingSequenceNumber":"9"}},
      {"ShardId":"shardId-000000000002","ParentShardId":"shardId-000000000000","AdjacentParentShardId":"shardId-000000000001",
       "HashKeyRange":{"StartingHashKey":"0","EndingHashKey":"340282366920938463463374607431768211455"},
       "SequenceNumberRange":{"StartingSequenceNumber":"10"}}],
      "NextToken":"AAA"})",
                                    &error);
  QVERIFY2(page, qPrintable(error));
  QCOMPARE(page->shards.size(), 2);
  QVERIFY(!page->shards[0].open());
  QCOMPARE(page->shards[0].endingHashKey, QStringLiteral("170141183460469231731687303715884105727"));
  QVERIFY(page->shards[1].open());
  QCOMPARE(page->shards[1].adjacentParentShardId, QStringLiteral("shardId-000000000001"));
  QCOMPARE(page->nextToken, QStringLiteral("AAA"));
}

void TestKinesisResponses::listShardsRefusals_data() {
  QTest::addColumn<QByteArray>("body");
  QTest::addColumn<QString>("error");
  QTest::newRow("empty") << QByteArray() << QStringLiteral("not JSON (illegal value at byte 0)");
  QTest::newRow("array") << QByteArray("[]") << QStringLiteral("not a JSON object");
  QTest::newRow("no shards") << QByteArray("{}") << QStringLiteral("Shards is missing");
  QTest::newRow("shards not array") << QByteArray(R"({"Shards":{}})") << QStringLiteral("Shards is not an array");
  QTest::newRow("shard not object") << QByteArray(R"({"Shards":[1]})") << QStringLiteral("Shards[0] is not an object");
  QTest::newRow("no id") << QByteArray(R"({"Shards":[{"HashKeyRange":{"StartingHashKey":"0","EndingHashKey":"1"}}]})")
                         << QStringLiteral("Shards[0].ShardId is missing");
  QTest::newRow("id not string") << QByteArray(R"({"Shards":[{"ShardId":7}]})") << QStringLiteral("Shards[0].ShardId is not a string");
  QTest::newRow("no range") << QByteArray(R"({"Shards":[{"ShardId":"s"}]})") << QStringLiteral("Shards[0].HashKeyRange is missing");
  QTest::newRow("negative key") << QByteArray(R"({"Shards":[{"ShardId":"s","HashKeyRange":{"StartingHashKey":"-1","EndingHashKey":"1"}}]})")
                                << QStringLiteral("Shards[0].HashKeyRange.StartingHashKey is not a decimal number: '-1'");
  QTest::newRow("bad sequence")
      << QByteArray(
             R"({"Shards":[{"ShardId":"s","HashKeyRange":{"StartingHashKey":"0","EndingHashKey":"1"},"SequenceNumberRange":{"StartingSequenceNumber":"x"}}]})")
      << QStringLiteral("Shards[0].SequenceNumberRange.StartingSequenceNumber is not a decimal number: 'x'");
}

void TestKinesisResponses::listShardsRefusals() {
  QFETCH(QByteArray, body);
  QFETCH(QString, error);
  QString why;
  QVERIFY(!parseListShards(body, &why));
  QCOMPARE(why, error);
}

void TestKinesisResponses::describeStreamSummary() {
  QString error;
  const auto s =
      parseDescribeStreamSummary(R"({"StreamDescriptionSummary":{"StreamName":"orders","StreamARN":"arn:aws:kinesis:us-east-1:1:stream/orders",
      "StreamStatus":"ACTIVE","StreamModeDetails":{"StreamMode":"ON_DEMAND"},"OpenShardCount":4,"RetentionPeriodHours":24,"ConsumerCount":1}})",
                                 &error);
  QVERIFY2(s, qPrintable(error));
  QCOMPARE(s->mode, QStringLiteral("ON_DEMAND"));
  QCOMPARE(s->openShardCount, 4);
  QCOMPARE(s->consumerCount, 1);
  QVERIFY(!parseDescribeStreamSummary(R"({"StreamDescriptionSummary":{"StreamName":"o","StreamStatus":"ACTIVE","OpenShardCount":-2}})", &error));
  QCOMPARE(error, QStringLiteral("StreamDescriptionSummary.OpenShardCount is not a whole number from 0 to 2147483647"));
  QVERIFY(!parseDescribeStreamSummary(R"({"StreamDescriptionSummary":{"StreamName":"o"}})", &error));
  QCOMPARE(error, QStringLiteral("StreamDescriptionSummary.StreamStatus is missing"));
}

void TestKinesisResponses::putRecordsWithFailures() {
  QString error;
  const auto r = parsePutRecords(R"({"FailedRecordCount":1,"Records":[{"SequenceNumber":"42","ShardId":"shardId-000000000000"},
      {"ErrorCode":"ProvisionedThroughputExceededException","ErrorMessage":"Rate exceeded for shard"}]})",
                                 &error);
  QVERIFY2(r, qPrintable(error));
  QCOMPARE(r->failedRecordCount, 1);
  QVERIFY(r->records[0].ok());
  QVERIFY(!r->records[1].ok());
  QCOMPARE(r->records[1].errorCode, QStringLiteral("ProvisionedThroughputExceededException"));
  QVERIFY(!parsePutRecords(R"({"Records":[{"ShardId":"s"}]})", &error));
  QCOMPARE(error, QStringLiteral("Records[0].SequenceNumber is missing"));
  QVERIFY(!parsePutRecords(R"({"Records":[{"SequenceNumber":"87","ShardId":""}]})", &error));
  QCOMPARE(error, QStringLiteral("Records[0].ShardId is empty"));
}

void TestKinesisResponses::getRecordsDecodesData() {
  QString error;
  const auto page = parseGetRecords(R"({"Records":[{"SequenceNumber":"5","PartitionKey":"k","Data":"aGVsbG8=","ApproximateArrivalTimestamp":1.7e9}],
      "NextShardIterator":"it","MillisBehindLatest":0,"ChildShards":[{"ShardId":"shardId-000000000003"}]})",
                                    &error);
  QVERIFY2(page, qPrintable(error));
  QCOMPARE(page->records[0].data, QByteArray("hello"));
  QCOMPARE(page->records[0].approximateArrival, 1.7e9);
  QCOMPARE(page->millisBehindLatest, 0);
  QCOMPARE(page->childShardIds, QStringList{QStringLiteral("shardId-000000000003")});
  const auto end = parseGetRecords(R"({"Records":[]})", &error);
  QVERIFY(end && end->nextShardIterator.isEmpty() && end->millisBehindLatest == -1);
}

void TestKinesisResponses::getRecordsRefusesBadBase64() {
  QString error;
  QVERIFY(!parseGetRecords(R"({"Records":[{"SequenceNumber":"5","PartitionKey":"k","Data":"!!"}]})", &error));
  QCOMPARE(error, QStringLiteral("a record's Data is not base64"));
}

void TestKinesisResponses::listStreamConsumers() {
  QString error;
  const auto page = parseListStreamConsumers(R"({"Consumers":[{"ConsumerName":"c","ConsumerARN":"arn:c","ConsumerStatus":"ACTIVE"}]})", &error);
  QVERIFY2(page, qPrintable(error));
  QCOMPARE(page->consumers[0].status, QStringLiteral("ACTIVE"));
  QVERIFY(!parseListStreamConsumers(R"({"Consumers":[{"ConsumerName":"c"}]})", &error));
  QCOMPARE(error, QStringLiteral("Consumers[0].ConsumerARN is missing"));
}

void TestKinesisResponses::awsErrors_data() {
  QTest::addColumn<int>("status");
  QTest::addColumn<QByteArray>("body");
  QTest::addColumn<QByteArray>("header");
  QTest::addColumn<QString>("type");
  QTest::addColumn<QString>("message");
  QTest::newRow("json") << 400 << QByteArray(R"({"__type":"ResourceNotFoundException","message":"Stream s not found."})") << QByteArray()
                        << QStringLiteral("ResourceNotFoundException") << QStringLiteral("Stream s not found.");
  QTest::newRow("namespaced, capital Message") << 400
                                               << QByteArray(
                                                      R"({"__type":"com.amazonaws.kinesis.v20131202#InvalidArgumentException","Message":"bad"})")
                                               << QByteArray() << QStringLiteral("InvalidArgumentException") << QStringLiteral("bad");
  QTest::newRow("xml") << 403 << QByteArray("<AccessDeniedException>\n  <Message>Unable to determine service</Message>\n</AccessDeniedException>\n")
                       << QByteArray() << QStringLiteral("AccessDeniedException") << QStringLiteral("Unable to determine service");
  QTest::newRow("header only") << 400 << QByteArray() << QByteArray("UnrecognizedClientException:http://internal.amazon.com/coral/")
                               << QStringLiteral("UnrecognizedClientException") << QString();
  QTest::newRow("proxy page") << 502 << QByteArray("Bad Gateway") << QByteArray() << QStringLiteral("HTTP 502") << QStringLiteral("Bad Gateway");
}

void TestKinesisResponses::awsErrors() {
  QFETCH(int, status);
  QFETCH(QByteArray, body);
  QFETCH(QByteArray, header);
  QFETCH(QString, type);
  QFETCH(QString, message);
  const AwsErrorBody e = parseAwsError(status, body, header);
  QCOMPARE(e.type, type);
  QCOMPARE(e.message, message);
}

void TestKinesisResponses::decimals() {
  QVERIFY(isDecimal(QStringLiteral("340282366920938463463374607431768211455")));
  QVERIFY(!isDecimal(QString()));
  QVERIFY(!isDecimal(QStringLiteral("1e5")));
  QVERIFY(!isDecimal(QStringLiteral("٣"))); // a digit, but not an ASCII one
}

QTEST_APPLESS_MAIN(TestKinesisResponses)
#include "tst_kinesis_responses.moc"
