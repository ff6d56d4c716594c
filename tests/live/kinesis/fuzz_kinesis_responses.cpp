// Fuzz target: an HTTP body as any Kinesis operation's answer, and as an error body. Each
// parser accepts it with well-formed values or refuses it with a reason, never crashes.
#include "fuzz_support.h"

#include "model/live/kinesis/kinesis_responses.h"

using namespace streamscope;
using namespace streamscope::live::kinesis;

namespace {

/// A refusal must say why; an acceptance must hold what the parser promises.
template <typename T> void check(const std::optional<T> &value, const QString &error, const char *parser) {
  if (!value && error.isEmpty())
    fuzz::fail(QStringLiteral("%1 refused without a reason").arg(QLatin1String(parser)));
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv) { return fuzz::initialize(argc, argv); }

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
  const QByteArray body = fuzz::bytes(data, size);
  QString error;
  const auto shards = parseListShards(body, &error);
  check(shards, error, "parseListShards");
  if (shards)
    for (const ShardInfo &s : shards->shards)
      if (!isDecimal(s.startingHashKey) || !isDecimal(s.endingHashKey) || s.shardId.isEmpty())
        fuzz::fail(QStringLiteral("parseListShards accepted a shard without an id or decimal hash keys"));
  check(parseDescribeStreamSummary(body, &error), error, "parseDescribeStreamSummary");
  const auto put = parsePutRecords(body, &error);
  check(put, error, "parsePutRecords");
  if (put)
    for (const PutOutcome &o : put->records)
      if (o.ok() && (!isDecimal(o.sequenceNumber) || o.shardId.isEmpty()))
        fuzz::fail(QStringLiteral("parsePutRecords accepted a written record without a sequence number or shard"));
  check(parseGetShardIterator(body, &error), error, "parseGetShardIterator");
  const auto records = parseGetRecords(body, &error);
  check(records, error, "parseGetRecords");
  if (records)
    for (const KinesisRecord &r : records->records)
      if (!isDecimal(r.sequenceNumber))
        fuzz::fail(QStringLiteral("parseGetRecords accepted a record without a decimal sequence number"));
  check(parseListStreamConsumers(body, &error), error, "parseListStreamConsumers");
  const AwsErrorBody aws = parseAwsError(400, body, body.left(64));
  if (aws.type.isEmpty())
    fuzz::fail(QStringLiteral("parseAwsError gave no error type"));
  return 0;
}
