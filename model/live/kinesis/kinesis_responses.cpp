#include "kinesis_responses.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QObject>
#include <QRegularExpression>

#include <limits>

namespace streamscope::live::kinesis {
namespace {

/// Reads fields of one JSON object and remembers the first problem, named by its path.
class Fields {
public:
  Fields(const QJsonObject &object, QString path, QString *error) : m_object(object), m_path(std::move(path)), m_error(error) {}

  bool failed() const { return m_failed; }

  QString string(const char *name, bool required) {
    const QJsonValue v = m_object.value(QLatin1String(name));
    if (v.isString()) {
      // A required name or number that is present but empty is as unusable as a missing one.
      if (required && v.toString().isEmpty())
        fail(QObject::tr("%1 is empty").arg(where(name)));
      return v.toString();
    }
    if (!v.isUndefined() && !v.isNull())
      fail(QObject::tr("%1 is not a string").arg(where(name)));
    else if (required)
      fail(QObject::tr("%1 is missing").arg(where(name)));
    return {};
  }

  /// A decimal string such as a hash key or a sequence number.
  QString decimal(const char *name, bool required) {
    const QString s = string(name, required);
    if (!s.isEmpty() && !isDecimal(s))
      fail(QObject::tr("%1 is not a decimal number: '%2'").arg(where(name), s.left(60)));
    return s;
  }

  /// A whole number within [0, max]; `absent` when missing.
  qint64 number(const char *name, bool required, qint64 absent, qint64 max = std::numeric_limits<int>::max()) {
    const QJsonValue v = m_object.value(QLatin1String(name));
    if (v.isUndefined() || v.isNull()) {
      if (required)
        fail(QObject::tr("%1 is missing").arg(where(name)));
      return absent;
    }
    const double d = v.toDouble(-1);
    if (!v.isDouble() || d < 0 || d > static_cast<double>(max) || d != static_cast<double>(static_cast<qint64>(d))) {
      fail(QObject::tr("%1 is not a whole number from 0 to %2").arg(where(name)).arg(max));
      return absent;
    }
    return static_cast<qint64>(d);
  }

  double seconds(const char *name) {
    const QJsonValue v = m_object.value(QLatin1String(name));
    if (v.isDouble())
      return v.toDouble();
    if (!v.isUndefined() && !v.isNull())
      fail(QObject::tr("%1 is not a number of seconds").arg(where(name)));
    return 0;
  }

  /// An array of objects, each handed to `each` with its own Fields.
  template <typename Each> void objects(const char *name, bool required, Each each) {
    const QJsonValue v = m_object.value(QLatin1String(name));
    if (v.isUndefined() || v.isNull()) {
      if (required)
        fail(QObject::tr("%1 is missing").arg(where(name)));
      return;
    }
    if (!v.isArray())
      return fail(QObject::tr("%1 is not an array").arg(where(name)));
    const QJsonArray array = v.toArray();
    for (qsizetype i = 0; i < array.size() && !m_failed; ++i) {
      const QString path = QStringLiteral("%1[%2]").arg(where(name)).arg(i);
      if (!array[i].isObject())
        return fail(QObject::tr("%1 is not an object").arg(path));
      Fields item(array[i].toObject(), path, m_error);
      each(item);
      if (item.failed())
        m_failed = true;
    }
  }

  /// A nested object; an empty one (and, when required, a refusal) where absent.
  Fields object(const char *name, bool required) {
    const QJsonValue v = m_object.value(QLatin1String(name));
    if (v.isObject())
      return Fields(v.toObject(), where(name), m_error);
    if (!v.isUndefined() && !v.isNull())
      fail(QObject::tr("%1 is not an object").arg(where(name)));
    else if (required)
      fail(QObject::tr("%1 is missing").arg(where(name)));
    return Fields({}, where(name), nullptr);
  }

  /// The first problem found is the one reported; an empty `why` only marks this object
  /// failed after a nested one reported its problem.
  void fail(const QString &why) {
    if (m_error && m_error->isEmpty())
      *m_error = why;
    m_failed = true;
  }

private:
  QString where(const char *name) const { return m_path.isEmpty() ? QString::fromLatin1(name) : m_path + QLatin1Char('.') + QLatin1String(name); }

  QJsonObject m_object;
  QString m_path;
  QString *m_error;
  bool m_failed = false;
};

std::optional<QJsonObject> topObject(const QByteArray &body, QString *error) {
  error->clear();
  QJsonParseError parseError;
  const QJsonDocument doc = QJsonDocument::fromJson(body, &parseError);
  if (parseError.error != QJsonParseError::NoError) {
    *error = QObject::tr("not JSON (%1 at byte %2)").arg(parseError.errorString()).arg(parseError.offset);
    return std::nullopt;
  }
  if (!doc.isObject()) {
    *error = QObject::tr("not a JSON object");
    return std::nullopt;
  }
  return doc.object();
}

/// Runs `read` over the body's top object; nullopt if the body or any field is wrong.
template <typename T, typename Read> std::optional<T> parse(const QByteArray &body, QString *error, Read read) {
  const auto top = topObject(body, error);
  if (!top)
    return std::nullopt;
  Fields fields(*top, QString(), error);
  T value = read(fields);
  if (fields.failed())
    return std::nullopt;
  return value;
}

} // namespace

bool isDecimal(const QString &text) {
  if (text.isEmpty() || text.size() > 128)
    return false;
  for (QChar c : text)
    if (c < QLatin1Char('0') || c > QLatin1Char('9'))
      return false;
  return true;
}

std::optional<ShardPage> parseListShards(const QByteArray &body, QString *error) {
  return parse<ShardPage>(body, error, [](Fields &f) {
    ShardPage page;
    f.objects("Shards", true, [&](Fields &s) {
      ShardInfo shard;
      shard.shardId = s.string("ShardId", true);
      shard.parentShardId = s.string("ParentShardId", false);
      shard.adjacentParentShardId = s.string("AdjacentParentShardId", false);
      Fields range = s.object("HashKeyRange", true);
      shard.startingHashKey = range.decimal("StartingHashKey", true);
      shard.endingHashKey = range.decimal("EndingHashKey", true);
      if (range.failed())
        return s.fail(QString()); // the range reported its own problem
      Fields sequence = s.object("SequenceNumberRange", false);
      shard.startingSequenceNumber = sequence.decimal("StartingSequenceNumber", false);
      shard.endingSequenceNumber = sequence.decimal("EndingSequenceNumber", false);
      if (sequence.failed())
        return s.fail(QString());
      page.shards.append(shard);
    });
    page.nextToken = f.string("NextToken", false);
    return page;
  });
}

std::optional<StreamSummary> parseDescribeStreamSummary(const QByteArray &body, QString *error) {
  return parse<StreamSummary>(body, error, [](Fields &f) {
    StreamSummary summary;
    Fields d = f.object("StreamDescriptionSummary", true);
    summary.name = d.string("StreamName", true);
    summary.arn = d.string("StreamARN", false);
    summary.status = d.string("StreamStatus", true);
    summary.mode = d.object("StreamModeDetails", false).string("StreamMode", false);
    summary.openShardCount = static_cast<int>(d.number("OpenShardCount", false, -1));
    summary.retentionHours = static_cast<int>(d.number("RetentionPeriodHours", false, -1));
    summary.consumerCount = static_cast<int>(d.number("ConsumerCount", false, -1));
    if (d.failed())
      f.fail(QString());
    return summary;
  });
}

std::optional<PutRecordsResult> parsePutRecords(const QByteArray &body, QString *error) {
  return parse<PutRecordsResult>(body, error, [](Fields &f) {
    PutRecordsResult result;
    result.failedRecordCount = static_cast<int>(f.number("FailedRecordCount", false, 0));
    f.objects("Records", true, [&](Fields &r) {
      PutOutcome outcome;
      outcome.errorCode = r.string("ErrorCode", false);
      outcome.errorMessage = r.string("ErrorMessage", false);
      const bool written = outcome.errorCode.isEmpty();
      outcome.sequenceNumber = r.decimal("SequenceNumber", written);
      outcome.shardId = r.string("ShardId", written);
      result.records.append(outcome);
    });
    return result;
  });
}

std::optional<QString> parseGetShardIterator(const QByteArray &body, QString *error) {
  return parse<QString>(body, error, [](Fields &f) { return f.string("ShardIterator", true); });
}

std::optional<RecordsPage> parseGetRecords(const QByteArray &body, QString *error) {
  return parse<RecordsPage>(body, error, [](Fields &f) {
    RecordsPage page;
    f.objects("Records", true, [&](Fields &r) {
      KinesisRecord record;
      record.sequenceNumber = r.decimal("SequenceNumber", true);
      record.partitionKey = r.string("PartitionKey", true);
      const auto decoded = QByteArray::fromBase64Encoding(r.string("Data", true).toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
      if (!decoded)
        return r.fail(QObject::tr("a record's Data is not base64"));
      record.data = *decoded;
      record.approximateArrival = r.seconds("ApproximateArrivalTimestamp");
      page.records.append(record);
    });
    page.nextShardIterator = f.string("NextShardIterator", false);
    page.millisBehindLatest = f.number("MillisBehindLatest", false, -1, std::numeric_limits<qint64>::max() / 2);
    f.objects("ChildShards", false, [&](Fields &c) { page.childShardIds.append(c.string("ShardId", true)); });
    return page;
  });
}

std::optional<ConsumerPage> parseListStreamConsumers(const QByteArray &body, QString *error) {
  return parse<ConsumerPage>(body, error, [](Fields &f) {
    ConsumerPage page;
    f.objects("Consumers", true, [&](Fields &c) {
      page.consumers.append({c.string("ConsumerName", true), c.string("ConsumerARN", true), c.string("ConsumerStatus", false)});
    });
    page.nextToken = f.string("NextToken", false);
    return page;
  });
}

AwsErrorBody parseAwsError(int httpStatus, const QByteArray &body, const QByteArray &errorTypeHeader) {
  AwsErrorBody error;
  // "com.amazonaws.kinesis.v20131202#ResourceNotFoundException" or "X:http://...".
  auto bare = [](QString type) {
    type = type.section(QLatin1Char(':'), 0, 0);
    return type.section(QLatin1Char('#'), -1).trimmed();
  };
  QJsonParseError parseError;
  const QJsonDocument doc = QJsonDocument::fromJson(body, &parseError);
  if (doc.isObject()) {
    const QJsonObject o = doc.object();
    error.type = bare(o.value(QLatin1String("__type")).toString());
    error.message = o.value(QLatin1String("message")).toString(o.value(QLatin1String("Message")).toString());
  } else if (body.trimmed().startsWith('<')) {
    static const QRegularExpression root(QStringLiteral("^\\s*<([A-Za-z][A-Za-z0-9]*)>"));
    static const QRegularExpression message(QStringLiteral("<Message>([^<]*)</Message>"));
    const QString text = QString::fromUtf8(body.left(4096));
    error.type = root.match(text).captured(1);
    error.message = message.match(text).captured(1).trimmed();
  }
  if (error.type.isEmpty())
    error.type = bare(QString::fromLatin1(errorTypeHeader));
  if (error.type.isEmpty())
    error.type = QStringLiteral("HTTP %1").arg(httpStatus);
  if (error.message.isEmpty() && !doc.isObject() && !body.trimmed().startsWith('<'))
    error.message = QString::fromUtf8(body.left(200)).simplified();
  return error;
}

} // namespace streamscope::live::kinesis
