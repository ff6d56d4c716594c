#include "transaction_fields.h"

#include "scenario_fields.h"

#include <QObject>

namespace streamscope::model {

using namespace streamscope::engine;

void readTransactionSettings(JsonFields &f, KafkaConfig &k) {
  k.transactionStatePartitions = static_cast<int>(f.integer(QStringLiteral("transaction_state_partitions"), 1, 50, 1));
  const int fallback = k.version == KafkaVersion::V3_9 ? 1 : 2;
  k.transactionVersion = static_cast<int>(f.integer(QStringLiteral("transaction_version"), 1, 2, fallback));
  if (k.transactionVersion == 2 && k.version == KafkaVersion::V3_9)
    f.fail(QStringLiteral("transaction_version"), QObject::tr("transaction version 2 (KIP-890) needs Kafka 4.0 or later (\"version\" is \"3.9\")"));
}

void readTransactionalProducer(JsonFields &f, ProducerConfig &p) {
  const QString idKey = QStringLiteral("transactional_id");
  const QStringList keys{QStringLiteral("transaction_records"), QStringLiteral("transaction_ms"), QStringLiteral("abort_ratio"),
                         QStringLiteral("transaction_timeout_ms")};
  if (!f.has(idKey)) {
    for (const QString &key : keys)
      if (f.has(key))
        f.fail(key, QObject::tr("\"%1\" belongs to a transactional producer: set \"transactional_id\" too").arg(key));
    return;
  }
  p.transactionalId = f.string(idKey).toStdString();
  if (p.transactionalId.empty())
    f.fail(idKey, QObject::tr("\"transactional_id\" must not be empty"));
  if (p.topic.empty())
    f.fail(idKey, QObject::tr("transactions are Kafka's: this producer has no Kafka topic (Kinesis has no transactions)"));
  if (!p.stream.empty())
    f.fail(idKey, QObject::tr("a transactional producer writes to Kafka only: remove its Kinesis target"));
  if (!p.enableIdempotence)
    f.fail(idKey, QObject::tr("a transactional producer is idempotent: Kafka refuses \"enable_idempotence\": false with a transactional.id"));
  if (f.has(keys[0]) && f.has(keys[1]))
    f.fail(keys[1], QObject::tr("a transaction ends after \"transaction_records\" records or after \"transaction_ms\": give one"));
  p.transactionRecords = static_cast<std::int32_t>(f.integer(keys[0], 1, 1000000, 0));
  // Without either, a transaction lasts 100 ms: Kafka Streams' commit.interval.ms under exactly-once.
  p.transactionTime = f.has(keys[0]) ? 0 : msField(f, keys[1], 1, 100 * kMillisecond);
  p.abortRatio = f.number(keys[2], 0, 1, 0);
  p.transactionTimeout = msField(f, keys[3], 1, p.transactionTimeout);
  if (p.transactionTimeout > 900 * kSecond)
    f.fail(keys[3], QObject::tr("\"transaction_timeout_ms\" may be at most 900000, the broker's transaction.max.timeout.ms"));
}

IsolationLevel readIsolationLevel(JsonFields &f) {
  const QString level = f.choice(QStringLiteral("isolation_level"), {QStringLiteral("read_uncommitted"), QStringLiteral("read_committed")},
                                 QStringLiteral("read_uncommitted"));
  return level == QLatin1String("read_committed") ? IsolationLevel::ReadCommitted : IsolationLevel::ReadUncommitted;
}

} // namespace streamscope::model
