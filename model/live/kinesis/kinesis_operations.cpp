// The operations of KinesisClient: each builds its request, calls, and reads the answer with
// the pure parsers of kinesis_responses.h.
#include "kinesis_client.h"

#include "kinesis_responses.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QObject>
#include <QThread>

namespace streamscope::live::kinesis {

std::optional<StreamSummary> KinesisClient::describeStreamSummary(const QString &stream) {
  const auto body = call(QStringLiteral("DescribeStreamSummary"), {{QStringLiteral("StreamName"), stream}});
  if (!body)
    return std::nullopt;
  QString why;
  if (auto summary = parseDescribeStreamSummary(*body, &why))
    return summary;
  malformed(QStringLiteral("DescribeStreamSummary"), why);
  return std::nullopt;
}

std::optional<QList<ShardInfo>> KinesisClient::listShards(const QString &stream) {
  QList<ShardInfo> shards;
  QString nextToken;
  do {
    // A follow-up page names only its token: Kinesis refuses StreamName with NextToken.
    const QJsonObject request = nextToken.isEmpty() ? QJsonObject{{QStringLiteral("StreamName"), stream}, {QStringLiteral("MaxResults"), 1000}}
                                                    : QJsonObject{{QStringLiteral("NextToken"), nextToken}, {QStringLiteral("MaxResults"), 1000}};
    const auto body = call(QStringLiteral("ListShards"), request);
    if (!body)
      return std::nullopt;
    QString why;
    const auto page = parseListShards(*body, &why);
    if (!page) {
      malformed(QStringLiteral("ListShards"), why);
      return std::nullopt;
    }
    shards += page->shards;
    if (!page->nextToken.isEmpty() && page->nextToken == nextToken) {
      malformed(QStringLiteral("ListShards"), QObject::tr("NextToken repeats the token just sent"));
      return std::nullopt;
    }
    nextToken = page->nextToken;
  } while (!nextToken.isEmpty());
  return shards;
}

std::optional<PutRecordsResult> KinesisClient::putRecords(const QString &stream, const QList<PutEntry> &entries) {
  QJsonArray records;
  for (const PutEntry &entry : entries)
    records.append(
        QJsonObject{{QStringLiteral("Data"), QString::fromLatin1(entry.data.toBase64())}, {QStringLiteral("PartitionKey"), entry.partitionKey}});
  const auto body = call(QStringLiteral("PutRecords"), {{QStringLiteral("StreamName"), stream}, {QStringLiteral("Records"), records}});
  if (!body)
    return std::nullopt;
  QString why;
  auto result = parsePutRecords(*body, &why);
  if (result && result->records.size() != entries.size())
    why = QObject::tr("%1 results for %2 records").arg(result->records.size()).arg(entries.size());
  if (!result || !why.isEmpty()) {
    malformed(QStringLiteral("PutRecords"), why);
    return std::nullopt;
  }
  return result;
}

std::optional<QString> KinesisClient::getShardIterator(const QString &stream, const QString &shardId, const QString &type,
                                                       const QString &sequenceNumber, const QDateTime &timestamp) {
  QJsonObject request{{QStringLiteral("StreamName"), stream}, {QStringLiteral("ShardId"), shardId}, {QStringLiteral("ShardIteratorType"), type}};
  if (!sequenceNumber.isEmpty())
    request.insert(QStringLiteral("StartingSequenceNumber"), sequenceNumber);
  if (timestamp.isValid())
    request.insert(QStringLiteral("Timestamp"), static_cast<double>(timestamp.toMSecsSinceEpoch()) / 1000.0);
  const auto body = call(QStringLiteral("GetShardIterator"), request);
  if (!body)
    return std::nullopt;
  QString why;
  if (auto iterator = parseGetShardIterator(*body, &why))
    return iterator;
  malformed(QStringLiteral("GetShardIterator"), why);
  return std::nullopt;
}

std::optional<RecordsPage> KinesisClient::getRecords(const QString &iterator, int limit) {
  const auto body = call(QStringLiteral("GetRecords"), {{QStringLiteral("ShardIterator"), iterator}, {QStringLiteral("Limit"), limit}});
  if (!body)
    return std::nullopt;
  QString why;
  if (auto page = parseGetRecords(*body, &why))
    return page;
  malformed(QStringLiteral("GetRecords"), why);
  return std::nullopt;
}

std::optional<QList<ConsumerInfo>> KinesisClient::listStreamConsumers(const QString &streamArn) {
  QList<ConsumerInfo> consumers;
  QString nextToken;
  do {
    QJsonObject request{{QStringLiteral("StreamARN"), streamArn}};
    if (!nextToken.isEmpty())
      request.insert(QStringLiteral("NextToken"), nextToken);
    const auto body = call(QStringLiteral("ListStreamConsumers"), request);
    if (!body)
      return std::nullopt;
    QString why;
    const auto page = parseListStreamConsumers(*body, &why);
    if (!page) {
      malformed(QStringLiteral("ListStreamConsumers"), why);
      return std::nullopt;
    }
    consumers += page->consumers;
    if (!page->nextToken.isEmpty() && page->nextToken == nextToken) {
      malformed(QStringLiteral("ListStreamConsumers"), QObject::tr("NextToken repeats the token just sent"));
      return std::nullopt;
    }
    nextToken = page->nextToken;
  } while (!nextToken.isEmpty());
  return consumers;
}

bool KinesisClient::createStream(const QString &stream, int shardCount) {
  return call(QStringLiteral("CreateStream"), {{QStringLiteral("StreamName"), stream}, {QStringLiteral("ShardCount"), shardCount}}).has_value();
}

bool KinesisClient::waitForActive(const QString &stream, int timeoutMs) {
  QElapsedTimer clock;
  clock.start();
  for (;;) {
    const auto summary = describeStreamSummary(stream);
    if (!summary)
      return false;
    if (summary->status == QLatin1String("ACTIVE"))
      return true;
    if (clock.elapsed() > timeoutMs)
      return fail(FailureKind::Timeout, {},
                  QObject::tr("%1: stream '%2' is still %3 after %4 s").arg(endpointText(), stream, summary->status).arg(timeoutMs / 1000));
    QThread::msleep(100);
  }
}

} // namespace streamscope::live::kinesis
