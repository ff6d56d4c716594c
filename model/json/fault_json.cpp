#include "fault_json.h"

#include "scenario_loader.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>
#include <cmath>

namespace streamscope::model {
namespace {

using engine::FaultAction;

QString actionName(FaultAction a) {
  switch (a) {
  case FaultAction::CrashBroker: return QStringLiteral("crash_broker");
  case FaultAction::PowerLoss: return QStringLiteral("power_loss");
  case FaultAction::RestartBroker: return QStringLiteral("restart_broker");
  case FaultAction::IsolateBroker: return QStringLiteral("isolate_broker");
  case FaultAction::Heal: return QStringLiteral("heal");
  case FaultAction::SlowBroker: return QStringLiteral("slow_broker");
  case FaultAction::KillConsumer: return QStringLiteral("kill_consumer");
  case FaultAction::AddConsumer: return QStringLiteral("add_consumer");
  case FaultAction::RemoveConsumer: return QStringLiteral("remove_consumer");
  case FaultAction::Seek: return QStringLiteral("seek");
  case FaultAction::SetRate: return QStringLiteral("set_rate");
  case FaultAction::AzOutage: return QStringLiteral("az_outage");
  case FaultAction::AzRestore: return QStringLiteral("az_restore");
  case FaultAction::SplitShard: return QStringLiteral("split_shard");
  case FaultAction::MergeShards: return QStringLiteral("merge_shards");
  case FaultAction::DropMessage: return QStringLiteral("drop_message");
  case FaultAction::AddBroker: return QStringLiteral("add_broker");
  case FaultAction::AlterTopic: return QStringLiteral("alter_topic");
  case FaultAction::AddPartitions: return QStringLiteral("add_partitions");
  case FaultAction::SetReplicationFactor: return QStringLiteral("set_replication_factor");
  case FaultAction::SetAcks: return QStringLiteral("set_acks");
  case FaultAction::SetKeys: return QStringLiteral("set_keys");
  case FaultAction::AddTopic: return QStringLiteral("add_topic");
  case FaultAction::DeleteTopic: return QStringLiteral("delete_topic");
  case FaultAction::RemoveBroker: return QStringLiteral("remove_broker");
  }
  return {};
}

QJsonValue msValue(engine::SimTime t) {
  const double ms = engine::toMs(t);
  return ms == std::floor(ms) ? QJsonValue(static_cast<qint64>(ms)) : QJsonValue(ms);
}

const char *iteratorName(engine::IteratorType t) {
  switch (t) {
  case engine::IteratorType::TrimHorizon: return "trim_horizon";
  case engine::IteratorType::Latest: return "latest";
  case engine::IteratorType::AtSequenceNumber: return "at_sequence_number";
  case engine::IteratorType::AfterSequenceNumber: return "after_sequence_number";
  case engine::IteratorType::AtTimestamp: break;
  }
  return "at_timestamp";
}

void addSeek(QJsonObject &o, const engine::Fault &f, bool application) {
  if (application) {
    if (f.shard >= 0)
      o[QStringLiteral("shard")] = f.shard;
    o[QStringLiteral("to")] = QString::fromLatin1(iteratorName(f.iterator));
    if (!f.sequenceNumber.empty())
      o[QStringLiteral("sequence_number")] = QString::fromStdString(f.sequenceNumber);
    if (f.iterator == engine::IteratorType::AtTimestamp)
      o[QStringLiteral("timestamp_ms")] = msValue(f.seekValue);
    return;
  }
  if (f.partition >= 0)
    o[QStringLiteral("partition")] = f.partition;
  switch (f.seekTarget) {
  case engine::SeekTarget::Earliest: o[QStringLiteral("to")] = QStringLiteral("earliest"); break;
  case engine::SeekTarget::Latest: o[QStringLiteral("to")] = QStringLiteral("latest"); break;
  case engine::SeekTarget::Offset: o[QStringLiteral("offset")] = static_cast<qint64>(f.seekValue); break;
  case engine::SeekTarget::Timestamp: o[QStringLiteral("timestamp_ms")] = msValue(f.seekValue); break;
  }
}

void addTopicSetting(QJsonObject &o, const engine::Fault &f) {
  o[QStringLiteral("topic")] = QString::fromStdString(f.topic);
  const QJsonValue count = f.value < 0 ? QJsonValue(QJsonValue::Null) : QJsonValue(static_cast<qint64>(f.value));
  switch (f.topicSetting) {
  case engine::TopicSettingKind::MinInsyncReplicas: o[QStringLiteral("min_insync_replicas")] = count; break;
  case engine::TopicSettingKind::UncleanLeaderElection: o[QStringLiteral("unclean_leader_election")] = f.value != 0; break;
  case engine::TopicSettingKind::FlushMessages: o[QStringLiteral("flush_interval_messages")] = count; break;
  case engine::TopicSettingKind::FlushMs:
    o[QStringLiteral("flush_interval_ms")] = f.value < 0 ? QJsonValue(QJsonValue::Null) : msValue(f.value);
    break;
  }
}

} // namespace

QJsonObject faultToJson(const engine::Fault &f, bool application) {
  QJsonObject o;
  o[QStringLiteral("at_ms")] = msValue(f.at);
  o[QStringLiteral("action")] = actionName(f.action);
  const QJsonValue broker = f.broker < 0 ? QJsonValue(QStringLiteral("all")) : QJsonValue(f.broker);
  const QString groupKey = application ? QStringLiteral("application") : QStringLiteral("group");
  switch (f.action) {
  case FaultAction::CrashBroker:
  case FaultAction::PowerLoss:
  case FaultAction::RestartBroker:
  case FaultAction::IsolateBroker: o[QStringLiteral("broker")] = broker; break;
  case FaultAction::Heal:
    if (f.broker >= 0)
      o[QStringLiteral("broker")] = f.broker;
    break;
  case FaultAction::SlowBroker:
    o[QStringLiteral("broker")] = f.broker;
    o[QStringLiteral("extra_latency_ms")] = msValue(f.extraDelay);
    break;
  case FaultAction::KillConsumer:
  case FaultAction::RemoveConsumer:
    o[groupKey] = QString::fromStdString(f.group);
    if (f.member >= 0)
      o[application ? QStringLiteral("worker") : QStringLiteral("member")] = f.member;
    break;
  case FaultAction::AddConsumer: o[groupKey] = QString::fromStdString(f.group); break;
  case FaultAction::Seek:
    o[groupKey] = QString::fromStdString(f.group);
    addSeek(o, f, application);
    break;
  case FaultAction::SetRate:
    o[QStringLiteral("producer")] = QString::fromStdString(f.producer);
    o[QStringLiteral("rate")] = f.rate;
    break;
  case FaultAction::AzOutage:
  case FaultAction::AzRestore: o[QStringLiteral("az")] = f.az; break;
  case FaultAction::SplitShard:
  case FaultAction::MergeShards:
    o[QStringLiteral("stream")] = QString::fromStdString(f.stream);
    o[QStringLiteral("shard")] = f.shard;
    if (f.action == FaultAction::SplitShard)
      o[QStringLiteral("new_starting_hash_key")] = QString::fromStdString(f.newStartingHashKey);
    else
      o[QStringLiteral("adjacent_shard")] = f.adjacentShard;
    break;
  case FaultAction::DropMessage:
  case FaultAction::AddBroker: break;
  case FaultAction::AlterTopic: addTopicSetting(o, f); break;
  case FaultAction::AddPartitions:
    o[QStringLiteral("topic")] = QString::fromStdString(f.topic);
    o[QStringLiteral("partitions")] = static_cast<qint64>(f.value);
    break;
  case FaultAction::SetReplicationFactor:
    o[QStringLiteral("topic")] = QString::fromStdString(f.topic);
    o[QStringLiteral("replication_factor")] = static_cast<qint64>(f.value);
    break;
  case FaultAction::SetAcks:
    o[QStringLiteral("producer")] = QString::fromStdString(f.producer);
    o[QStringLiteral("acks")] = f.acks == engine::Acks::All ? QJsonValue(QStringLiteral("all")) : QJsonValue(static_cast<int>(f.acks));
    break;
  case FaultAction::AddTopic:
    o[QStringLiteral("topic")] = QString::fromStdString(f.topic);
    o[QStringLiteral("partitions")] = static_cast<qint64>(f.value);
    o[QStringLiteral("replication_factor")] = f.replicationFactor;
    o[QStringLiteral("min_insync_replicas")] = f.minInsyncReplicas;
    break;
  case FaultAction::DeleteTopic: o[QStringLiteral("topic")] = QString::fromStdString(f.topic); break;
  case FaultAction::RemoveBroker: o[QStringLiteral("broker")] = f.broker; break;
  case FaultAction::SetKeys:
    o[QStringLiteral("producer")] = QString::fromStdString(f.producer);
    o[QStringLiteral("keys")] = static_cast<qint64>(f.value);
    break;
  }
  return o;
}

std::optional<engine::Fault> faultFromJson(const QByteArray &scenarioJson, const QJsonObject &fault, QString *error) {
  QJsonObject root = QJsonDocument::fromJson(scenarioJson).object();
  QJsonObject entry = fault;
  if (!entry.contains(QStringLiteral("at_ms")))
    entry[QStringLiteral("at_ms")] = 0; // the time is the caller's; the loader insists on one
  root[QStringLiteral("faults")] = QJsonArray{entry};
  const ScenarioLoadResult loaded = loadScenarioText(QJsonDocument(root).toJson(), QStringLiteral("fault"));
  if (!loaded.scenario || loaded.scenario->faults.size() != 1) {
    if (error)
      *error = loaded.error;
    return std::nullopt;
  }
  return loaded.scenario->faults.front();
}

QByteArray withFaults(const QByteArray &scenarioJson, const engine::Scenario &scenario,
                      const std::vector<engine::Fault> &faults, QString *error) {
  QJsonParseError parse;
  QJsonDocument doc = QJsonDocument::fromJson(scenarioJson, &parse);
  if (!doc.isObject()) {
    if (error)
      *error = QObject::tr("the scenario text is not a JSON object: %1").arg(parse.errorString());
    return {};
  }
  QJsonObject root = doc.object();
  QJsonArray all = root.value(QStringLiteral("faults")).toArray();
  for (const engine::Fault &f : faults) {
    const bool application = std::any_of(scenario.applications.begin(), scenario.applications.end(),
                                         [&](const engine::KinesisAppConfig &a) { return a.application == f.group; });
    all.append(faultToJson(f, application));
  }
  QList<QJsonValue> sorted(all.begin(), all.end());
  std::stable_sort(sorted.begin(), sorted.end(), [](const QJsonValue &a, const QJsonValue &b) {
    return a.toObject().value(QStringLiteral("at_ms")).toDouble() < b.toObject().value(QStringLiteral("at_ms")).toDouble();
  });
  QJsonArray ordered;
  for (const QJsonValue &v : sorted)
    ordered.append(v);
  root[QStringLiteral("faults")] = ordered;
  return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

} // namespace streamscope::model
