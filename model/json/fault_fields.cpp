#include "fault_fields.h"

#include "kinesis_scenario.h"
#include "scenario_fields.h"

#include "engine/world/kinesis/sequence_number.h"

#include <QObject>

#include <cmath>

namespace streamscope::model {
namespace {

using namespace streamscope::engine;

const char *iteratorName(IteratorType t) {
  switch (t) {
  case IteratorType::TrimHorizon: return "trim_horizon";
  case IteratorType::Latest: return "latest";
  case IteratorType::AtSequenceNumber: return "at_sequence_number";
  case IteratorType::AfterSequenceNumber: return "after_sequence_number";
  case IteratorType::AtTimestamp: break;
  }
  return "at_timestamp";
}

/// seek on a Kafka group: one partition (or all) to exactly one target.
GroupPosition readGroupPosition(JsonFields &f) {
  GroupPosition p;
  p.partition = static_cast<int>(f.integer(QStringLiteral("partition"), 0, 1023, -1));
  const int targets = int(f.has(QStringLiteral("to"))) + int(f.has(QStringLiteral("offset"))) + int(f.has(QStringLiteral("timestamp_ms")));
  if (targets != 1)
    f.fail(QString(), QObject::tr("seek needs exactly one of \"to\" (\"earliest\" or \"latest\"), \"offset\" or \"timestamp_ms\""));
  if (f.has(QStringLiteral("to")))
    p.target = f.choice(QStringLiteral("to"), {QStringLiteral("earliest"), QStringLiteral("latest")}) == QLatin1String("earliest")
        ? SeekTarget::Earliest
        : SeekTarget::Latest;
  else if (f.has(QStringLiteral("offset"))) {
    p.target = SeekTarget::Offset;
    p.value = f.integer(QStringLiteral("offset"), 0, INT64_MAX / 2);
  } else {
    p.target = SeekTarget::Timestamp;
    p.value = msField(f, QStringLiteral("timestamp_ms"), 0, std::nullopt);
  }
  f.raw(QStringLiteral("to"));
  f.raw(QStringLiteral("offset"));
  f.raw(QStringLiteral("timestamp_ms"));
  return p;
}

/// seek on a Kinesis application: a shard (or all) and an iterator type.
ApplicationPosition readApplicationPosition(JsonFields &f) {
  ApplicationPosition p;
  p.shard = static_cast<int>(f.integer(QStringLiteral("shard"), 0, 100000, -1));
  const QStringList types = {QStringLiteral("trim_horizon"), QStringLiteral("latest"), QStringLiteral("at_sequence_number"),
                             QStringLiteral("after_sequence_number"), QStringLiteral("at_timestamp")};
  p.iterator = readIteratorType(f, QStringLiteral("to"), types, std::nullopt);
  if (p.iterator == IteratorType::AtSequenceNumber || p.iterator == IteratorType::AfterSequenceNumber) {
    if (p.shard < 0)
      f.fail(QStringLiteral("to"), QObject::tr("a sequence number belongs to one shard: this seek needs \"shard\""));
    p.sequenceNumber = f.string(QStringLiteral("sequence_number")).toStdString();
    if (!kinesis::SequenceNumber::parse(p.sequenceNumber))
      f.fail(QStringLiteral("sequence_number"), QObject::tr("\"%1\" is not a Kinesis sequence number").arg(QString::fromStdString(p.sequenceNumber)));
  }
  if (p.iterator == IteratorType::AtTimestamp)
    p.timestamp = msField(f, QStringLiteral("timestamp_ms"), 0, std::nullopt);
  return p;
}

/// A flush setting: a positive number, or null to remove it.
std::int64_t flushValue(JsonFields &f, const QString &key, std::int64_t unit) {
  if (f.raw(key).isNull())
    return -1;
  return f.integer(key, 1, kMaxMs) * unit;
}

} // namespace

int readBroker(JsonFields &f, const FaultContext &ctx, bool allowAll) {
  const QJsonValue v = f.raw(QStringLiteral("broker"));
  if (allowAll && v.isString() && v.toString() == QLatin1String("all"))
    return -1;
  if (v.isUndefined())
    f.fail(QString(), QObject::tr("this action needs \"broker\"%1").arg(allowAll ? QObject::tr(" (a broker id or \"all\")") : QString()));
  return static_cast<int>(f.integer(QStringLiteral("broker"), 0, ctx.brokers - 1));
}

std::string readConsumerName(JsonFields &f, const FaultContext &ctx) {
  if (f.has(QStringLiteral("application"))) {
    const QString a = f.string(QStringLiteral("application"));
    if (!ctx.applications.contains(a))
      f.fail(QStringLiteral("application"), QObject::tr("no Kinesis application named \"%1\"").arg(a));
    return a.toStdString();
  }
  if (!ctx.scenario.kafka)
    f.fail(QStringLiteral("action"), QObject::tr("\"%1\" needs a kafka section").arg(ctx.action));
  const QString g = f.string(QStringLiteral("group"));
  if (!ctx.groups.contains(g))
    f.fail(QStringLiteral("group"), QObject::tr("no consumer group named \"%1\"").arg(g));
  return g.toStdString();
}

std::string readProducerName(JsonFields &f, const FaultContext &ctx) {
  const QString name = f.string(QStringLiteral("producer"));
  if (!ctx.producers.contains(name))
    f.fail(QStringLiteral("producer"), QObject::tr("no producer named \"%1\"").arg(name));
  return name.toStdString();
}

std::string readTopicName(JsonFields &f, const FaultContext &ctx) {
  const QString name = f.string(QStringLiteral("topic"));
  if (!ctx.topics.contains(name))
    f.fail(QStringLiteral("topic"), QObject::tr("no topic named \"%1\" in the kafka section or an add_topic fault").arg(name));
  return name.toStdString();
}

std::string readStreamName(JsonFields &f, const FaultContext &ctx) {
  std::string name;
  readStreamName(f, ctx.scenario, name);
  return name;
}

Seek readSeek(JsonFields &f, const FaultContext &ctx) {
  Seek seek;
  seek.group = readConsumerName(f, ctx);
  if (f.has(QStringLiteral("application")))
    seek.to = readApplicationPosition(f);
  else
    seek.to = readGroupPosition(f);
  return seek;
}

void readTopicSetting(JsonFields &f, AlterTopic &alter) {
  const QStringList keys = {QStringLiteral("min_insync_replicas"), QStringLiteral("unclean_leader_election"),
                            QStringLiteral("flush_interval_messages"), QStringLiteral("flush_interval_ms")};
  int given = 0;
  for (const QString &k : keys)
    given += f.has(k) ? 1 : 0;
  if (given != 1)
    f.fail(QString(), QObject::tr("alter_topic changes exactly one of %1").arg(keys.join(QStringLiteral(", "))));
  if (f.has(keys[0])) {
    alter.setting = TopicSettingKind::MinInsyncReplicas;
    alter.value = f.integer(keys[0], 1, 64);
  } else if (f.has(keys[1])) {
    alter.setting = TopicSettingKind::UncleanLeaderElection;
    alter.value = f.boolean(keys[1]) ? 1 : 0;
  } else if (f.has(keys[2])) {
    alter.setting = TopicSettingKind::FlushMessages;
    alter.value = flushValue(f, keys[2], 1);
  } else {
    alter.setting = TopicSettingKind::FlushMs;
    alter.value = flushValue(f, keys[3], kMillisecond);
  }
}

QJsonValue msValue(SimTime t) {
  const double ms = toMs(t);
  return ms == std::floor(ms) ? QJsonValue(static_cast<qint64>(ms)) : QJsonValue(ms);
}

QJsonValue brokerOrAll(int broker) { return broker < 0 ? QJsonValue(QStringLiteral("all")) : QJsonValue(broker); }

void writeSeek(QJsonObject &o, const Seek &seek) {
  if (const auto *p = std::get_if<ApplicationPosition>(&seek.to)) {
    o[QStringLiteral("application")] = QString::fromStdString(seek.group);
    if (p->shard >= 0)
      o[QStringLiteral("shard")] = p->shard;
    o[QStringLiteral("to")] = QString::fromLatin1(iteratorName(p->iterator));
    if (!p->sequenceNumber.empty())
      o[QStringLiteral("sequence_number")] = QString::fromStdString(p->sequenceNumber);
    if (p->iterator == IteratorType::AtTimestamp)
      o[QStringLiteral("timestamp_ms")] = msValue(p->timestamp);
    return;
  }
  const auto &p = std::get<GroupPosition>(seek.to);
  o[QStringLiteral("group")] = QString::fromStdString(seek.group);
  if (p.partition >= 0)
    o[QStringLiteral("partition")] = p.partition;
  switch (p.target) {
  case SeekTarget::Earliest: o[QStringLiteral("to")] = QStringLiteral("earliest"); break;
  case SeekTarget::Latest: o[QStringLiteral("to")] = QStringLiteral("latest"); break;
  case SeekTarget::Offset: o[QStringLiteral("offset")] = static_cast<qint64>(p.value); break;
  case SeekTarget::Timestamp: o[QStringLiteral("timestamp_ms")] = msValue(p.value); break;
  }
}

void writeTopicSetting(QJsonObject &o, const AlterTopic &alter) {
  o[QStringLiteral("topic")] = QString::fromStdString(alter.topic);
  const QJsonValue count = alter.value < 0 ? QJsonValue(QJsonValue::Null) : QJsonValue(static_cast<qint64>(alter.value));
  switch (alter.setting) {
  case TopicSettingKind::MinInsyncReplicas: o[QStringLiteral("min_insync_replicas")] = count; break;
  case TopicSettingKind::UncleanLeaderElection: o[QStringLiteral("unclean_leader_election")] = alter.value != 0; break;
  case TopicSettingKind::FlushMessages: o[QStringLiteral("flush_interval_messages")] = count; break;
  case TopicSettingKind::FlushMs:
    o[QStringLiteral("flush_interval_ms")] = alter.value < 0 ? QJsonValue(QJsonValue::Null) : msValue(alter.value);
    break;
  }
}

} // namespace streamscope::model
