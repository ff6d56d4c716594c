#pragma once
// What the Kinesis API answers, as plain values: shards, the stream summary, PutRecords
// results, records read back, consumers, and the error body of a refused call.
#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

namespace streamscope::live::kinesis {

struct ShardInfo {
  QString shardId;
  QString parentShardId; ///< empty for a shard the stream was created with
  QString adjacentParentShardId; ///< set for a shard made by merging two
  QString startingHashKey; ///< decimal, as Kinesis prints it
  QString endingHashKey;
  QString startingSequenceNumber;
  QString endingSequenceNumber; ///< empty while the shard is open
  bool open() const { return endingSequenceNumber.isEmpty(); }
};

struct ShardPage {
  QList<ShardInfo> shards;
  QString nextToken; ///< empty on the last page
};

struct StreamSummary {
  QString name;
  QString arn;
  QString status; ///< CREATING, ACTIVE, UPDATING, DELETING
  QString mode; ///< PROVISIONED or ON_DEMAND; empty where the endpoint does not say
  int openShardCount = -1; ///< -1 where the endpoint does not say
  int retentionHours = -1;
  int consumerCount = -1;
};

/// One record to put.
struct PutEntry {
  QByteArray data;
  QString partitionKey;
};

/// One record's outcome in a PutRecords answer, in request order.
struct PutOutcome {
  QString sequenceNumber;
  QString shardId;
  QString errorCode; ///< empty when the record was written
  QString errorMessage;
  bool ok() const { return errorCode.isEmpty(); }
};

struct PutRecordsResult {
  int failedRecordCount = 0;
  QList<PutOutcome> records;
};

struct KinesisRecord {
  QString sequenceNumber;
  QString partitionKey;
  QByteArray data; ///< decoded from base64
  double approximateArrival = 0; ///< seconds since the epoch; 0 where absent
};

struct RecordsPage {
  QList<KinesisRecord> records;
  QString nextShardIterator; ///< empty once a closed shard is read to its end
  qint64 millisBehindLatest = -1; ///< -1 where absent
  QStringList childShardIds;
};

struct ConsumerInfo {
  QString name;
  QString arn;
  QString status;
};

struct ConsumerPage {
  QList<ConsumerInfo> consumers;
  QString nextToken;
};

/// A refused call's error: the AWS type without its namespace ("ResourceNotFoundException")
/// and the message, whichever way the endpoint spelled them.
struct AwsErrorBody {
  QString type;
  QString message;
};

} // namespace streamscope::live::kinesis
