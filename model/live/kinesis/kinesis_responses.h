#pragma once
// Reading the Kinesis JSON 1.1 answers. Pure functions of the response body, so they can be
// fuzzed: a body that is not what the operation answers gives nullopt and `error` saying
// what is wrong ("Shards[2] has no ShardId"), never a crash. Any thread.
#include "kinesis_types.h"

#include <optional>

namespace streamscope::live::kinesis {

std::optional<ShardPage> parseListShards(const QByteArray &body, QString *error);
std::optional<StreamSummary> parseDescribeStreamSummary(const QByteArray &body, QString *error);
std::optional<PutRecordsResult> parsePutRecords(const QByteArray &body, QString *error);
std::optional<QString> parseGetShardIterator(const QByteArray &body, QString *error);
std::optional<RecordsPage> parseGetRecords(const QByteArray &body, QString *error);
std::optional<ConsumerPage> parseListStreamConsumers(const QByteArray &body, QString *error);

/// The error of a refused call: from the JSON body's "__type" and "message" (or "Message"),
/// the x-amzn-ErrorType header, or an XML body's root element; "HTTP <status>" if none.
AwsErrorBody parseAwsError(int httpStatus, const QByteArray &body, const QByteArray &errorTypeHeader);

/// True for a string of decimal digits (a hash key or sequence number as Kinesis prints it).
bool isDecimal(const QString &text);

} // namespace streamscope::live::kinesis
