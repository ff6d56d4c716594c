#pragma once
// A Kinesis Data Streams client over the JSON 1.1 HTTP API (X-Amz-Target
// Kinesis_20131202.<Operation>, SigV4-signed) for any endpoint: AWS's regional one, LocalStack
// or kinesalite. Calls block (a local event loop with a timeout), so a GUI runs the client on
// a worker thread: one client per thread, created and used there; no widgets.
//
// Every failure names the endpoint and the cause: connection refused, no answer in time,
// authentication refused, stream not found, a malformed answer. Throttled calls (a whole
// call refused with ProvisionedThroughputExceededException or LimitExceededException) are
// retried with exponential back-off and counted per operation.
#include "aws_credentials.h"
#include "kinesis_types.h"
#include "model/live/live_error.h"

#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QUrl>

#include <memory>
#include <optional>

class QNetworkAccessManager;

namespace streamscope::live::kinesis {

enum class FailureKind {
  Transport, ///< no connection: refused, unknown host, TLS, reset
  Timeout, ///< no complete answer within the timeout
  Authentication, ///< credentials or signature refused
  Throttled, ///< still throttled after every retry
  NotFound, ///< the stream (or shard, consumer) does not exist
  Refused, ///< any other AWS error (validation, limits, service faults)
  Malformed, ///< an answer that is not what the operation answers
};

struct CallFailure {
  FailureKind kind = FailureKind::Transport;
  QString awsType; ///< "ResourceNotFoundException"; empty for transport failures
  QString message; ///< one sentence naming the endpoint, the operation and the cause
};

/// The failure kind of an AWS error type.
FailureKind failureKindOf(const QString &awsType);

struct ClientOptions {
  QUrl endpoint; ///< scheme, host and port; a path is ignored
  QString region = QStringLiteral("us-east-1");
  AwsCredentials credentials;
  int timeoutMs = 10000; ///< per HTTP request
  int throttleRetries = 8; ///< retries of a throttled call before giving up
};

class KinesisClient {
public:
  explicit KinesisClient(ClientOptions options);
  ~KinesisClient();
  KinesisClient(const KinesisClient &) = delete;
  KinesisClient &operator=(const KinesisClient &) = delete;

  /// "http://127.0.0.1:4567": how messages name the endpoint.
  QString endpointText() const;
  /// The last call's failure (valid after a call returned nullopt or false).
  const CallFailure &failure() const { return m_failure; }
  /// The last failure as streamscope-cli reports it (exit 3: cannot connect or authenticate,
  /// or the endpoint refused what the command needs).
  LiveError liveError() const { return {3, m_failure.message}; }
  /// How many calls of `operation` were answered "throttled" (and retried) so far.
  int throttles(const QString &operation) const { return m_throttles.value(operation); }

  /// One operation: the body of its 200 answer, or nullopt and failure().
  std::optional<QByteArray> call(const QString &operation, const QJsonObject &request);

  std::optional<StreamSummary> describeStreamSummary(const QString &stream);
  /// Every shard, following NextToken across pages.
  std::optional<QList<ShardInfo>> listShards(const QString &stream);
  std::optional<PutRecordsResult> putRecords(const QString &stream, const QList<PutEntry> &entries);
  /// `type` is TRIM_HORIZON, LATEST, AT_TIMESTAMP (with `timestamp`), AT_SEQUENCE_NUMBER or
  /// AFTER_SEQUENCE_NUMBER (with `sequenceNumber`).
  std::optional<QString> getShardIterator(const QString &stream, const QString &shardId, const QString &type, const QString &sequenceNumber = {},
                                          const QDateTime &timestamp = {});
  std::optional<RecordsPage> getRecords(const QString &iterator, int limit);
  /// Every registered enhanced fan-out consumer of the stream (by its ARN).
  std::optional<QList<ConsumerInfo>> listStreamConsumers(const QString &streamArn);
  /// Creates a provisioned stream; waitForActive polls DescribeStreamSummary until ACTIVE.
  bool createStream(const QString &stream, int shardCount);
  bool waitForActive(const QString &stream, int timeoutMs);

private:
  enum class Sent { Answered, Throttled, Failed };
  Sent sendOnce(const QString &operation, const QByteArray &body, QByteArray *answer);
  bool fail(FailureKind kind, const QString &awsType, const QString &message);
  bool malformed(const QString &operation, const QString &why);

  ClientOptions m_options;
  std::unique_ptr<QNetworkAccessManager> m_network;
  CallFailure m_failure;
  QHash<QString, int> m_throttles;
};

} // namespace streamscope::live::kinesis
