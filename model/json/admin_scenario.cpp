#include "admin_scenario.h"

#include "scenario_fields.h"

namespace streamscope::model {
namespace {

using engine::FaultAction;
using engine::TopicSettingKind;

const QStringList kAdminActions = {QStringLiteral("add_broker"),     QStringLiteral("remove_broker"), QStringLiteral("add_topic"),
                                   QStringLiteral("delete_topic"),   QStringLiteral("alter_topic"),   QStringLiteral("add_partitions"),
                                   QStringLiteral("set_replication_factor"), QStringLiteral("set_acks"), QStringLiteral("set_keys")};

void readTopicName(JsonFields &f, const AdminNames &names, std::string &out) {
  const QString name = f.string(QStringLiteral("topic"));
  if (!names.topics.contains(name))
    f.fail(QStringLiteral("topic"), QObject::tr("no topic named \"%1\" in the kafka section or an add_topic fault").arg(name));
  out = name.toStdString();
}

/// A flush setting: a positive number, or null to remove it.
std::int64_t flushValue(JsonFields &f, const QString &key, std::int64_t unit) {
  if (f.raw(key).isNull())
    return -1;
  return f.integer(key, 1, kMaxMs) * unit;
}

void readAlterTopic(JsonFields &f, engine::Fault &fault) {
  const QStringList keys = {QStringLiteral("min_insync_replicas"), QStringLiteral("unclean_leader_election"),
                            QStringLiteral("flush_interval_messages"), QStringLiteral("flush_interval_ms")};
  int given = 0;
  for (const QString &k : keys)
    given += f.has(k) ? 1 : 0;
  if (given != 1)
    f.fail(QString(), QObject::tr("alter_topic changes exactly one of %1").arg(keys.join(QStringLiteral(", "))));
  if (f.has(keys[0])) {
    fault.topicSetting = TopicSettingKind::MinInsyncReplicas;
    fault.value = f.integer(keys[0], 1, 64);
  } else if (f.has(keys[1])) {
    fault.topicSetting = TopicSettingKind::UncleanLeaderElection;
    fault.value = f.boolean(keys[1]) ? 1 : 0;
  } else if (f.has(keys[2])) {
    fault.topicSetting = TopicSettingKind::FlushMessages;
    fault.value = flushValue(f, keys[2], 1);
  } else {
    fault.topicSetting = TopicSettingKind::FlushMs;
    fault.value = flushValue(f, keys[3], engine::kMillisecond);
  }
}

} // namespace

bool isAdminAction(const QString &action) { return kAdminActions.contains(action); }

engine::Acks readAcks(JsonFields &f) {
  using engine::Acks;
  const QJsonValue v = f.raw(QStringLiteral("acks"));
  if (v.isUndefined())
    return Acks::All;
  if (v.isString()) {
    const QString s = v.toString();
    if (s == QLatin1String("all") || s == QLatin1String("-1")) return Acks::All;
    if (s == QLatin1String("1")) return Acks::Leader;
    if (s == QLatin1String("0")) return Acks::None;
  } else if (v.isDouble()) {
    const double d = v.toDouble();
    if (d == -1) return Acks::All;
    if (d == 1) return Acks::Leader;
    if (d == 0) return Acks::None;
  }
  f.fail(QStringLiteral("acks"), QObject::tr("\"acks\" must be 0, 1 or \"all\" (or -1)"));
}

void readAdminFault(JsonFields &f, const QString &action, const engine::Scenario &s, const AdminNames &names, engine::Fault &fault) {
  const bool onProducer = action == QLatin1String("set_acks") || action == QLatin1String("set_keys");
  if (!onProducer && !s.kafka)
    f.fail(QStringLiteral("action"), QObject::tr("\"%1\" needs a kafka section").arg(action));
  if (onProducer) {
    const QString name = f.string(QStringLiteral("producer"));
    if (!names.producers.contains(name))
      f.fail(QStringLiteral("producer"), QObject::tr("no producer named \"%1\"").arg(name));
    fault.producer = name.toStdString();
  }
  if (action == QLatin1String("add_broker")) {
    fault.action = FaultAction::AddBroker;
  } else if (action == QLatin1String("remove_broker")) {
    fault.action = FaultAction::RemoveBroker;
    fault.broker = static_cast<int>(f.integer(QStringLiteral("broker"), 0, names.brokers - 1));
  } else if (action == QLatin1String("add_topic")) {
    fault.action = FaultAction::AddTopic;
    const QString name = f.string(QStringLiteral("topic"));
    if (name.isEmpty() || name.size() > 249)
      f.fail(QStringLiteral("topic"), QObject::tr("a topic name has 1 to 249 characters"));
    fault.topic = name.toStdString();
    fault.value = f.integer(QStringLiteral("partitions"), 1, 1024, 1);
    fault.replicationFactor = static_cast<int>(f.integer(QStringLiteral("replication_factor"), 1, 64, 1));
    fault.minInsyncReplicas = static_cast<int>(f.integer(QStringLiteral("min_insync_replicas"), 1, 64, 1));
  } else if (action == QLatin1String("delete_topic")) {
    fault.action = FaultAction::DeleteTopic;
    readTopicName(f, names, fault.topic);
  } else if (action == QLatin1String("alter_topic")) {
    fault.action = FaultAction::AlterTopic;
    readTopicName(f, names, fault.topic);
    readAlterTopic(f, fault);
  } else if (action == QLatin1String("add_partitions")) {
    fault.action = FaultAction::AddPartitions;
    readTopicName(f, names, fault.topic);
    fault.value = f.integer(QStringLiteral("partitions"), 1, 1024);
  } else if (action == QLatin1String("set_replication_factor")) {
    fault.action = FaultAction::SetReplicationFactor;
    readTopicName(f, names, fault.topic);
    fault.value = f.integer(QStringLiteral("replication_factor"), 1, 64);
  } else if (action == QLatin1String("set_acks")) {
    fault.action = FaultAction::SetAcks;
    if (!f.has(QStringLiteral("acks")))
      f.fail(QString(), QObject::tr("set_acks needs \"acks\" (0, 1 or \"all\")"));
    fault.acks = readAcks(f);
  } else {
    fault.action = FaultAction::SetKeys;
    fault.value = f.integer(QStringLiteral("keys"), 0, 1000000);
  }
}

} // namespace streamscope::model
