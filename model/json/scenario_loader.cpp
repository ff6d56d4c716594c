#include "scenario_loader.h"
#include "control_plane_fields.h"

#include "fault_table.h"
#include "json_fields.h"
#include "json_load.h"
#include "json_locator.h"
#include "kinesis_scenario.h"
#include "scenario_fields.h"
#include "share_consumer_fields.h"

#include "engine/core/uint128.h"
#include "engine/world/config_rules.h"
#include "engine/world/kafka_version.h"
#include "engine/world/kinesis/hash_keys.h"
#include "pipeline_fields.h"
#include "transaction_fields.h"

#include <QJsonDocument>
#include <QObject>
#include <QSet>

#include <cmath>

namespace streamscope::model {
namespace {

using namespace streamscope::engine;

TopicConfig readTopic(const QJsonObject &o, const QString &pointer, int brokers) {
  JsonFields f(o, pointer, QObject::tr("a topic"));
  TopicConfig t;
  t.name = f.string(QStringLiteral("name")).toStdString();
  if (t.name.empty())
    f.fail(QStringLiteral("name"), QObject::tr("a topic name cannot be empty"));
  t.partitions = static_cast<int>(f.integer(QStringLiteral("partitions"), 1, 1024, 1));
  t.replicationFactor = static_cast<int>(f.integer(QStringLiteral("replication_factor"), 1, 64, 1));
  if (!engine::replicationFactorFits(t.replicationFactor, brokers))
    f.fail(QStringLiteral("replication_factor"),
           QObject::tr("replication factor %1 is larger than the %2 available brokers (INVALID_REPLICATION_FACTOR)")
               .arg(t.replicationFactor)
               .arg(brokers));
  t.minInsyncReplicas = static_cast<int>(f.integer(QStringLiteral("min_insync_replicas"), 1, 64, 1));
  t.uncleanLeaderElection = f.boolean(QStringLiteral("unclean_leader_election"), false);
  if (f.has(QStringLiteral("flush_interval_messages")))
    t.flushIntervalMessages = f.integer(QStringLiteral("flush_interval_messages"), 1, INT64_MAX / 2);
  else
    f.raw(QStringLiteral("flush_interval_messages"));
  t.flushInterval = optionalMsField(f, QStringLiteral("flush_interval_ms"), 1);
  t.segmentBytes = f.integer(QStringLiteral("segment_bytes"), 1024, 1073741824, 1073741824);
  const std::int64_t retentionMs = f.integer(QStringLiteral("retention_ms"), -1, kMaxMs, 168LL * 3600 * 1000);
  if (retentionMs == 0)
    f.fail(QStringLiteral("retention_ms"), QObject::tr("\"retention_ms\" must be -1 (unlimited) or positive"));
  t.retention = retentionMs < 0 ? kNever : fromMs(retentionMs);
  t.retentionBytes = f.integer(QStringLiteral("retention_bytes"), -1, INT64_MAX / 2, -1);
  t.cleanupPolicy = f.choice(QStringLiteral("cleanup_policy"), {QStringLiteral("delete"), QStringLiteral("compact")}, QStringLiteral("delete")) ==
          QLatin1String("compact")
      ? CleanupPolicy::Compact
      : CleanupPolicy::Delete;
  t.minCleanableDirtyRatio = f.number(QStringLiteral("min_cleanable_dirty_ratio"), 0, 1, 0.5);
  t.deleteRetention = msField(f, QStringLiteral("delete_retention_ms"), 0, t.deleteRetention);
  t.maxMessageBytes = f.integer(QStringLiteral("max_message_bytes"), 0, kIntMax, t.maxMessageBytes);
  f.finish();
  return t;
}

/// "version" sets the defaults of the replication rules; each can then be set on its own.
void readKafkaVersion(JsonFields &f, KafkaConfig &k) {
  QStringList versions;
  for (std::string_view v : engine::knownKafkaVersions())
    versions << QString::fromLatin1(v.data(), static_cast<qsizetype>(v.size()));
  const std::string_view fallback = engine::defaultKafkaVersionName();
  const QString name = f.choice(QStringLiteral("version"), versions, QString::fromLatin1(fallback.data(), static_cast<qsizetype>(fallback.size())));
  engine::useKafkaVersion(k, *engine::parseKafkaVersion(name.toStdString()));
  k.strictMinIsr = f.boolean(QStringLiteral("strict_min_isr"), k.strictMinIsr);
  k.eligibleLeaderReplicas = f.boolean(QStringLiteral("eligible_leader_replicas"), k.eligibleLeaderReplicas);
  if (k.eligibleLeaderReplicas && !engine::eligibleLeaderReplicasAvailable(k.version))
    f.fail(QStringLiteral("eligible_leader_replicas"),
           QObject::tr("eligible leader replicas need Kafka 4.0 or later (\"version\" is \"%1\")").arg(name));
  if (k.eligibleLeaderReplicas && !k.strictMinIsr)
    f.fail(QStringLiteral("eligible_leader_replicas"),
           QObject::tr("eligible leader replicas rely on \"strict_min_isr\": a replica outside the ISR is only safe to elect while "
                       "the high watermark cannot pass it"));
}

KafkaConfig readKafka(const QJsonObject &o) {
  JsonFields f(o, QStringLiteral("/kafka"), QObject::tr("the kafka section"));
  KafkaConfig k;
  k.brokers = static_cast<int>(f.integer(QStringLiteral("brokers"), 1, 64, 3));
  readKafkaVersion(f, k);
  readTransactionSettings(f, k);
  latencyRangeField(f, QStringLiteral("network_latency_ms"), k.latencyMin, k.latencyMax);
  k.fsyncLatency = fineMsField(f, QStringLiteral("fsync_ms"), k.fsyncLatency);
  k.replicaLagTimeMax = msField(f, QStringLiteral("replica_lag_time_max_ms"), 1, k.replicaLagTimeMax);
  k.replicaFetchWaitMax = msField(f, QStringLiteral("replica_fetch_wait_max_ms"), 0, k.replicaFetchWaitMax);
  k.replicaFetchMaxBytes = f.integer(QStringLiteral("replica_fetch_max_bytes"), 1, kIntMax, k.replicaFetchMaxBytes);
  k.replicaFetchResponseMaxBytes = f.integer(QStringLiteral("replica_fetch_response_max_bytes"), 1, kIntMax, k.replicaFetchResponseMaxBytes);
  k.brokerSessionTimeout = msField(f, QStringLiteral("broker_session_timeout_ms"), 1, k.brokerSessionTimeout);
  k.retentionCheckInterval = msField(f, QStringLiteral("retention_check_interval_ms"), 1, k.retentionCheckInterval);
  k.cleanerBackoff = msField(f, QStringLiteral("log_cleaner_backoff_ms"), 1, k.cleanerBackoff);
  k.dirtyWritebackInterval = msField(f, QStringLiteral("dirty_writeback_interval_ms"), 1, k.dirtyWritebackInterval);
  k.dirtyExpire = msField(f, QStringLiteral("dirty_expire_ms"), 0, k.dirtyExpire);
  k.logFlushSchedulerInterval = optionalMsField(f, QStringLiteral("log_flush_scheduler_interval_ms"), 1).value_or(kNever);
  k.logFlushInterval = optionalMsField(f, QStringLiteral("log_flush_interval_ms"), 1);
  readControlPlane(f, k);
  const QJsonArray topics = f.array(QStringLiteral("topics"));
  if (topics.isEmpty())
    f.fail(QStringLiteral("topics"), QObject::tr("the kafka section needs at least one topic"));
  QSet<QString> names;
  for (int i = 0; i < topics.size(); ++i) {
    const QString ptr = QStringLiteral("/kafka/topics/%1").arg(i);
    if (!topics[i].isObject())
      throw JsonFieldError{ptr, QObject::tr("a topic must be an object, not %1").arg(jsonTypeName(topics[i])), false};
    TopicConfig t = readTopic(topics[i].toObject(), ptr, k.brokers);
    const QString name = QString::fromStdString(t.name);
    if (names.contains(name))
      throw JsonFieldError{ptr + QStringLiteral("/name"), QObject::tr("topic \"%1\" is defined twice").arg(name), false};
    names.insert(name);
    k.topics.push_back(std::move(t));
  }
  f.finish();
  return k;
}

/// `target`: "kafka:TOPIC", "kinesis:STREAM", or a list of one of each (the same workload
/// into both systems); `topic` is the short form of a Kafka target.
void readTargets(JsonFields &f, const Scenario &s, ProducerConfig &p) {
  QStringList targets;
  const QString ptr = f.pointerOf(QStringLiteral("target"));
  if (f.has(QStringLiteral("topic")) == f.has(QStringLiteral("target")))
    f.fail(QString(), QObject::tr("a producer needs either \"topic\" or \"target\" (\"kafka:TOPIC\", \"kinesis:STREAM\" or a list of both)"));
  if (f.has(QStringLiteral("topic"))) {
    targets << QStringLiteral("kafka:") + f.string(QStringLiteral("topic"));
  } else {
    const QJsonValue v = f.raw(QStringLiteral("target"));
    const QJsonArray list = v.isArray() ? v.toArray() : QJsonArray{v};
    for (const QJsonValue &t : list) {
      if (!t.isString())
        throw JsonFieldError{ptr, QObject::tr("\"target\" must be a string or a list of strings"), false};
      targets << t.toString();
    }
  }
  for (const QString &target : targets) {
    const QString name = target.section(QLatin1Char(':'), 1);
    const bool kafka = target.startsWith(QLatin1String("kafka:")), kinesis = target.startsWith(QLatin1String("kinesis:"));
    const QString key = f.has(QStringLiteral("topic")) ? QStringLiteral("topic") : QStringLiteral("target");
    if (!kafka && !kinesis)
      f.fail(key, QObject::tr("target \"%1\" must start with \"kafka:\" or \"kinesis:\"").arg(target));
    std::string &slot = kafka ? p.topic : p.stream;
    if (!slot.empty())
      f.fail(key, QObject::tr("a producer feeds at most one topic and one stream"));
    if (kafka && !findTopic(s, name))
      f.fail(key, QObject::tr("no topic named \"%1\" in the kafka section").arg(name));
    if (kinesis && !findStream(s, name))
      f.fail(key, QObject::tr("no stream named \"%1\" in the kinesis section").arg(name));
    slot = name.toStdString();
  }
}

ProducerConfig readProducer(const QJsonObject &o, const QString &pointer, const Scenario &s) {
  JsonFields f(o, pointer, QObject::tr("a producer"));
  ProducerConfig p;
  p.name = f.string(QStringLiteral("name")).toStdString();
  readTargets(f, s, p);
  const TopicConfig *t = findTopic(s, QString::fromStdString(p.topic));
  const QString topic = QString::fromStdString(p.topic);
  p.acks = readAcks(f);
  p.enableIdempotence = f.boolean(QStringLiteral("enable_idempotence"), engine::idempotenceAllowed(p.acks));
  if (p.enableIdempotence && !engine::idempotenceAllowed(p.acks))
    f.fail(QStringLiteral("enable_idempotence"), QObject::tr("the idempotent producer needs acks=all (Kafka refuses this configuration)"));
  p.rate = f.number(QStringLiteral("rate"), 0, 10000000, 100);
  p.count = f.integer(QStringLiteral("count"), 1, 100000000, -1);
  if (!f.has(QStringLiteral("count")))
    p.count = -1;
  p.recordBytes = static_cast<std::int32_t>(f.integer(QStringLiteral("record_bytes"), 1, 10485760, 100));
  const QJsonValue keys = f.raw(QStringLiteral("keys"));
  if (keys.isArray()) {
    const QJsonArray list = keys.toArray();
    if (list.isEmpty())
      f.fail(QStringLiteral("keys"), QObject::tr("\"keys\" must not be an empty list (use 0 for null keys)"));
    for (int i = 0; i < list.size(); ++i) {
      if (!list[i].isString())
        throw JsonFieldError{pointer + QStringLiteral("/keys/%1").arg(i), QObject::tr("each key must be a string"), false};
      p.keys.push_back(list[i].toString().toStdString());
    }
  } else if (keys.isDouble()) {
    p.keyCount = static_cast<std::int32_t>(f.integer(QStringLiteral("keys"), 0, 10000000));
  } else if (!keys.isUndefined()) {
    f.fail(QStringLiteral("keys"), QObject::tr("\"keys\" must be a number of distinct keys or a list of keys"));
  }
  if (!p.stream.empty())
    for (std::size_t i = 0; i < p.keys.size(); ++i)
      if (const auto error = kinesis::partitionKeyError(p.keys[i]))
        throw JsonFieldError{pointer + QStringLiteral("/keys/%1").arg(i), QString::fromStdString(*error), false};
  const QJsonValue explicitKeys = f.raw(QStringLiteral("explicit_hash_keys"));
  if (!explicitKeys.isUndefined()) {
    const QJsonArray list = explicitKeys.toArray();
    if (p.stream.empty())
      f.fail(QStringLiteral("explicit_hash_keys"), QObject::tr("\"explicit_hash_keys\" route Kinesis records: this producer has no Kinesis target"));
    if (!explicitKeys.isArray() || list.size() != static_cast<int>(p.keys.size()))
      f.fail(QStringLiteral("explicit_hash_keys"),
             QObject::tr("\"explicit_hash_keys\" must be a list of decimal strings, one per entry of \"keys\""));
    for (int i = 0; i < list.size(); ++i) {
      if (!list[i].isString() || !parseDecimal128(list[i].toString().toStdString()))
        throw JsonFieldError{pointer + QStringLiteral("/explicit_hash_keys/%1").arg(i),
                             QObject::tr("an ExplicitHashKey must be a decimal string from 0 to 2^128 - 1"), false};
      p.explicitHashKeys.push_back(list[i].toString().toStdString());
    }
  }
  if (t && t->cleanupPolicy == CleanupPolicy::Compact && p.keys.empty() && p.keyCount == 0)
    f.fail(QStringLiteral("keys"), QObject::tr("topic \"%1\" is compacted: records need keys (Kafka rejects null keys there)").arg(topic));
  p.tombstoneRatio = f.number(QStringLiteral("tombstone_ratio"), 0, 1, 0);
  if (p.tombstoneRatio > 0 && !p.stream.empty())
    f.fail(QStringLiteral("tombstone_ratio"), QObject::tr("Kinesis records always have data: tombstones only exist in Kafka"));
  if (p.tombstoneRatio > 0 && p.keys.empty() && p.keyCount == 0)
    f.fail(QStringLiteral("tombstone_ratio"), QObject::tr("a tombstone deletes a key: \"tombstone_ratio\" needs \"keys\""));
  p.start = msField(f, QStringLiteral("start_ms"), 0, 0);
  p.batchSize = f.integer(QStringLiteral("batch_size"), 1, 16777216, p.batchSize);
  p.linger = msField(f, QStringLiteral("linger_ms"), 0, p.linger);
  p.requestTimeout = msField(f, QStringLiteral("request_timeout_ms"), 1, p.requestTimeout);
  p.deliveryTimeout = msField(f, QStringLiteral("delivery_timeout_ms"), 1, p.deliveryTimeout);
  p.retryBackoff = msField(f, QStringLiteral("retry_backoff_ms"), 0, p.retryBackoff);
  p.retryBackoffMax = msField(f, QStringLiteral("retry_backoff_max_ms"), 0, p.retryBackoffMax);
  if (p.deliveryTimeout < p.linger + p.requestTimeout)
    f.fail(QStringLiteral("delivery_timeout_ms"),
           QObject::tr("\"delivery_timeout_ms\" (%1) must be at least linger_ms + request_timeout_ms (%2), as Kafka requires")
               .arg(p.deliveryTimeout / kMillisecond)
               .arg((p.linger + p.requestTimeout) / kMillisecond));
  p.retries = f.integer(QStringLiteral("retries"), 0, kIntMax, p.retries);
  p.maxRequestSize = f.integer(QStringLiteral("max_request_size"), 1, kIntMax, p.maxRequestSize);
  p.putRecordsMax = static_cast<int>(f.integer(QStringLiteral("put_records_max"), 1, 500, 500));
  p.maxInFlight = static_cast<int>(f.integer(QStringLiteral("max_in_flight_requests_per_connection"), 1, 100, 5));
  if (p.enableIdempotence && p.maxInFlight > 5)
    f.fail(QStringLiteral("max_in_flight_requests_per_connection"), QObject::tr("the idempotent producer allows at most 5 requests in flight"));
  readTransactionalProducer(f, p);
  f.finish();
  return p;
}

/// group_protocol and the assignor it allows: classic runs a client-side assignor in the
/// group leader, consumer (KIP-848) a server-side one in the coordinator.
void readGroupProtocol(JsonFields &f, ConsumerGroupConfig &c) {
  const bool consumer = f.choice(QStringLiteral("group_protocol"), {QStringLiteral("classic"), QStringLiteral("consumer")},
                                 QStringLiteral("classic")) == QLatin1String("consumer");
  c.protocol = consumer ? GroupProtocol::Consumer : GroupProtocol::Classic;
  const QString assignor =
      f.choice(QStringLiteral("assignor"), {QStringLiteral("range"), QStringLiteral("cooperative-sticky"), QStringLiteral("uniform")},
               consumer ? QStringLiteral("uniform") : QStringLiteral("range"));
  if (consumer && assignor == QLatin1String("cooperative-sticky"))
    f.fail(QStringLiteral("assignor"),
           QObject::tr("\"assignor\" \"cooperative-sticky\" is a client-side assignor of the classic protocol; with group_protocol "
                       "\"consumer\" the coordinator assigns: use \"uniform\" or \"range\""));
  if (!consumer && assignor == QLatin1String("uniform"))
    f.fail(QStringLiteral("assignor"),
           QObject::tr("\"assignor\" \"uniform\" is a server-side assignor of group_protocol \"consumer\"; the classic protocol "
                       "takes \"range\" or \"cooperative-sticky\""));
  c.assignor = assignor == QLatin1String("range") ? AssignorKind::Range
      : assignor == QLatin1String("uniform")      ? AssignorKind::Uniform
                                                  : AssignorKind::CooperativeSticky;
}

ConsumerGroupConfig readConsumer(const QJsonObject &o, const QString &pointer, const Scenario &s) {
  JsonFields f(o, pointer, QObject::tr("a consumer group"));
  ConsumerGroupConfig c;
  c.group = f.string(QStringLiteral("group")).toStdString();
  const QString topic = f.string(QStringLiteral("topic"));
  if (!findTopic(s, topic))
    f.fail(QStringLiteral("topic"), QObject::tr("no topic named \"%1\" in the kafka section").arg(topic));
  c.topic = topic.toStdString();
  c.members = static_cast<int>(f.integer(QStringLiteral("members"), 0, 256, 1));
  const QString reset = f.choice(QStringLiteral("auto_offset_reset"), {QStringLiteral("earliest"), QStringLiteral("latest"), QStringLiteral("none")},
                                 QStringLiteral("latest"));
  c.autoOffsetReset = reset == QLatin1String("earliest") ? OffsetReset::Earliest
      : reset == QLatin1String("latest")                 ? OffsetReset::Latest
                                                         : OffsetReset::None;
  readGroupProtocol(f, c);
  c.enableAutoCommit = f.boolean(QStringLiteral("enable_auto_commit"), true);
  c.autoCommitInterval = msField(f, QStringLiteral("auto_commit_interval_ms"), 1, c.autoCommitInterval);
  c.sessionTimeout = msField(f, QStringLiteral("session_timeout_ms"), 1, c.sessionTimeout);
  if (c.protocol == GroupProtocol::Consumer) {
    c.heartbeatInterval = msField(f, QStringLiteral("heartbeat_interval_ms"), 1, c.heartbeatInterval);
    if (c.heartbeatInterval >= c.sessionTimeout)
      f.fail(QStringLiteral("heartbeat_interval_ms"),
             QObject::tr("\"heartbeat_interval_ms\" (%1) must be less than session_timeout_ms (%2), as the broker requires")
                 .arg(c.heartbeatInterval / kMillisecond)
                 .arg(c.sessionTimeout / kMillisecond));
  } else if (o.contains(QStringLiteral("heartbeat_interval_ms")))
    f.fail(QStringLiteral("heartbeat_interval_ms"),
           QObject::tr("\"heartbeat_interval_ms\" applies to group_protocol \"consumer\" only: the classic protocol's heartbeats are not modelled"));
  c.fetchMaxWait = msField(f, QStringLiteral("fetch_max_wait_ms"), 0, c.fetchMaxWait);
  c.requestTimeout = msField(f, QStringLiteral("request_timeout_ms"), 1, c.requestTimeout);
  c.maxPartitionFetchBytes = f.integer(QStringLiteral("max_partition_fetch_bytes"), 1, kIntMax, c.maxPartitionFetchBytes);
  c.fetchMaxBytes = f.integer(QStringLiteral("fetch_max_bytes"), 1, kIntMax, c.fetchMaxBytes);
  c.start = msField(f, QStringLiteral("start_ms"), 0, 0);
  c.isolationLevel = readIsolationLevel(f);
  f.finish();
  return c;
}

bool kafkaGroupNamed(const Scenario &s, const std::string &name) {
  for (const ConsumerGroupConfig &c : s.consumers)
    if (c.group == name)
      return true;
  return false;
}

/// What faults may name: the scenario's brokers and topics plus those its faults add.
struct KnownAtRuntime {
  int brokers = 0;
  QSet<QString> topics;
};

KnownAtRuntime knownAtRuntime(const Scenario &s, const QJsonArray &faults) {
  KnownAtRuntime known;
  if (!s.kafka)
    return known;
  known.brokers = s.kafka->brokers;
  for (const TopicConfig &t : s.kafka->topics)
    known.topics.insert(QString::fromStdString(t.name));
  for (const QJsonValue &v : faults) {
    const QJsonObject o = v.toObject();
    const QString action = o.value(QStringLiteral("action")).toString();
    if (action == faultRow(FaultAction::AddBroker).name)
      ++known.brokers;
    if (action == faultRow(FaultAction::AddTopic).name && o.value(QStringLiteral("topic")).isString())
      known.topics.insert(o.value(QStringLiteral("topic")).toString());
  }
  return known;
}

/// The names a fault may refer to, as the loader collected them.
struct ScenarioNames {
  const QSet<QString> &groups;
  const QSet<QString> &applications;
  const QSet<QString> &producers;
};

/// One "faults" entry: at_ms, then the action's row reads the rest.
Fault readFault(const QJsonObject &o, const QString &pointer, const Scenario &s, const ScenarioNames &names, const KnownAtRuntime &known) {
  JsonFields f(o, pointer, QObject::tr("a fault"));
  Fault fault;
  fault.at = instantMsField(f, QStringLiteral("at_ms"));
  if (fault.at > s.duration)
    f.fail(QStringLiteral("at_ms"), QObject::tr("the fault is after the end of the run (duration_ms %1)").arg(s.duration / kMillisecond));
  const QString action = f.string(QStringLiteral("action"));
  const FaultRow *row = findFaultRow(action);
  if (!row)
    f.fail(QStringLiteral("action"),
           QObject::tr("unknown action \"%1\" (known actions: %2)").arg(action, faultActionNames().join(QLatin1String(", "))));
  if (row->system == FaultSystem::Kinesis && !s.kinesis)
    f.fail(QStringLiteral("action"), QObject::tr("\"%1\" needs a kinesis section").arg(action));
  if (row->system == FaultSystem::Kafka && !s.kafka)
    f.fail(QStringLiteral("action"), QObject::tr("\"%1\" needs a kafka section").arg(action));
  if (namesController(action) && !o.contains(QStringLiteral("controller")))
    f.fail(QStringLiteral("action"), QObject::tr("\"%1\" needs \"controller\": the id of a KRaft controller").arg(action));
  if (namesController(action) && o.contains(QStringLiteral("broker")))
    f.fail(QStringLiteral("broker"), QObject::tr("\"%1\" takes \"controller\", not \"broker\"").arg(action));
  const FaultContext context{s, action, names.groups, names.applications, names.producers, known.topics, known.brokers};
  fault.what = row->read(f, context);
  f.finish();
  return fault;
}

Scenario readScenario(const QJsonObject &root) {
  JsonFields f(root, QString(), QObject::tr("the scenario"));
  Scenario s;
  s.name = f.string(QStringLiteral("name")).toStdString();
  s.description = f.string(QStringLiteral("description"), QString()).toStdString();
  s.seed = static_cast<std::uint64_t>(f.integer(QStringLiteral("seed"), 0, (1LL << 53), 1));
  s.duration = msField(f, QStringLiteral("duration_ms"), 1, std::nullopt);
  s.dropResponseRatio = f.number(QStringLiteral("drop_response_ratio"), 0, 1, 0);
  f.number(QStringLiteral("playback_speed"), 0.01, 1000, 1.0); // checked here, kept by the app (see loadScenarioText)
  if (!f.has(QStringLiteral("kafka")) && !f.has(QStringLiteral("kinesis")))
    f.fail(QString(), QObject::tr("the scenario needs a \"kafka\" section, a \"kinesis\" section, or both"));
  if (f.has(QStringLiteral("kafka")))
    s.kafka = readKafka(f.object(QStringLiteral("kafka")));
  if (f.has(QStringLiteral("kinesis")))
    s.kinesis = readKinesis(f.object(QStringLiteral("kinesis")));

  QSet<QString> producerNames, groupNames, appNames;
  const QJsonArray producers = f.array(QStringLiteral("producers"), false);
  for (int i = 0; i < producers.size(); ++i) {
    const QString ptr = QStringLiteral("/producers/%1").arg(i);
    if (!producers[i].isObject())
      throw JsonFieldError{ptr, QObject::tr("a producer must be an object"), false};
    ProducerConfig p = readProducer(producers[i].toObject(), ptr, s);
    const QString name = QString::fromStdString(p.name);
    if (producerNames.contains(name))
      throw JsonFieldError{ptr + QStringLiteral("/name"), QObject::tr("producer \"%1\" is defined twice").arg(name), false};
    for (const ProducerConfig &other : s.producers)
      if (!p.transactionalId.empty() && other.transactionalId == p.transactionalId)
        throw JsonFieldError{ptr + QStringLiteral("/transactional_id"),
                             QObject::tr("producers \"%1\" and \"%2\" share transactional_id \"%3\": each would fence the other "
                                         "(use restart_producer to show fencing)")
                                 .arg(QString::fromStdString(other.name), name, QString::fromStdString(p.transactionalId)),
                             false};
    producerNames.insert(name);
    s.producers.push_back(std::move(p));
  }
  const QJsonArray consumers = f.array(QStringLiteral("consumers"), false);
  for (int i = 0; i < consumers.size(); ++i) {
    const QString ptr = QStringLiteral("/consumers/%1").arg(i);
    if (!consumers[i].isObject())
      throw JsonFieldError{ptr, QObject::tr("a consumer group must be an object"), false};
    const QJsonObject o = consumers[i].toObject();
    if (o.contains(QStringLiteral("stream")) || o.contains(QStringLiteral("application"))) {
      KinesisAppConfig c = readApplication(o, ptr, s);
      const QString name = QString::fromStdString(c.application);
      if (appNames.contains(name) || groupNames.contains(name))
        throw JsonFieldError{ptr + QStringLiteral("/application"), QObject::tr("consumer \"%1\" is defined twice").arg(name), false};
      appNames.insert(name);
      s.applications.push_back(std::move(c));
      continue;
    }
    if (o.contains(QStringLiteral("share_group"))) {
      ShareConsumerConfig c = readShareConsumer(o, ptr, s);
      const QString name = QString::fromStdString(c.group);
      if (appNames.contains(name) || (groupNames.contains(name) && s.kafka && kafkaGroupNamed(s, c.group)))
        throw JsonFieldError{ptr + QStringLiteral("/share_group"), QObject::tr("consumer \"%1\" is defined twice").arg(name), false};
      groupNames.insert(name); // faults name it as "group"
      s.shareConsumers.push_back(std::move(c));
      continue;
    }
    ConsumerGroupConfig c = readConsumer(o, ptr, s);
    const QString name = QString::fromStdString(c.group);
    if (groupNames.contains(name) || appNames.contains(name))
      throw JsonFieldError{ptr + QStringLiteral("/group"), QObject::tr("consumer group \"%1\" is defined twice").arg(name), false};
    groupNames.insert(name);
    s.consumers.push_back(std::move(c));
  }
  QSet<QString> taken = producerNames + groupNames + appNames;
  readPipelines(f.array(QStringLiteral("pipelines"), false), s, taken);
  for (const PipelineConfig &p : s.pipelines) {
    producerNames.insert(QString::fromStdString(p.name));
    (p.kafkaInput ? groupNames : appNames).insert(QString::fromStdString(p.name));
  }
  const QJsonArray faults = f.array(QStringLiteral("faults"), false);
  const KnownAtRuntime known = knownAtRuntime(s, faults);
  for (int i = 0; i < faults.size(); ++i) {
    const QString ptr = QStringLiteral("/faults/%1").arg(i);
    if (!faults[i].isObject())
      throw JsonFieldError{ptr, QObject::tr("a fault must be an object"), false};
    s.faults.push_back(readFault(faults[i].toObject(), ptr, s, ScenarioNames{groupNames, appNames, producerNames}, known));
    checkShareGroupFault(s.faults.back(), ptr, s);
  }
  f.finish();
  return s;
}

} // namespace

ScenarioLoadResult loadScenarioText(const QByteArray &text, const QString &fileName) {
  ScenarioLoadResult result;
  result.text = text;
  result.scenario = loadJsonObject(text, fileName, QObject::tr("a scenario"), readScenario, result.error);
  if (result.scenario) // a display setting, not the engine's: valid once the scenario is
    result.playbackSpeed = QJsonDocument::fromJson(text).object().value(QStringLiteral("playback_speed")).toDouble(1.0);
  return result;
}

ScenarioLoadResult loadScenarioFile(const QString &path) {
  ScenarioLoadResult result;
  const std::optional<QByteArray> text = readJsonFile(path, result.error);
  return text ? loadScenarioText(*text, path) : result;
}

} // namespace streamscope::model
