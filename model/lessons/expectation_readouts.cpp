#include "expectation_readouts.h"
#include "control_plane_readouts.h"
#include "share_group_readouts.h"
#include "stream_capacity_readouts.h"
#include "transaction_readouts.h"

#include "engine/kafka/group_partitions.h"

#include <QObject>

#include <algorithm>
#include <bit>

namespace streamscope::model::readouts {
namespace {

using namespace engine;

const QStringList kTopicSettings = {QStringLiteral("partitions"),          QStringLiteral("replication_factor"),
                                    QStringLiteral("min_insync_replicas"), QStringLiteral("unclean_leader_election"),
                                    QStringLiteral("flush_messages"),      QStringLiteral("flush_ms"),
                                    QStringLiteral("retention_ms"),        QStringLiteral("compacted")};
const QStringList kGroupPositions = {QStringLiteral("position"), QStringLiteral("committed"), QStringLiteral("unowned_ms"),
                                     QStringLiteral("interruptions")};

/// A partition or shard number: a whole number, at least 0.
bool isNumber(const QString &word) {
  bool ok = false;
  const int n = word.toInt(&ok);
  return ok && n >= 0;
}

std::optional<double> topicSetting(const QString &field, const TopicConfig &t, const kafka::Topic &topic) {
  if (field == QLatin1String("partitions"))
    return static_cast<double>(topic.partitionIds.size());
  if (field == QLatin1String("replication_factor"))
    return t.replicationFactor;
  if (field == QLatin1String("min_insync_replicas"))
    return t.minInsyncReplicas;
  if (field == QLatin1String("unclean_leader_election"))
    return t.uncleanLeaderElection ? 1 : 0;
  if (field == QLatin1String("flush_messages"))
    return t.flushIntervalMessages ? static_cast<double>(*t.flushIntervalMessages) : -1;
  if (field == QLatin1String("flush_ms"))
    return t.flushInterval ? toMs(*t.flushInterval) : -1;
  if (field == QLatin1String("retention_ms"))
    return t.retention < 0 || t.retention == kNever ? -1 : toMs(t.retention);
  return t.cleanupPolicy == CleanupPolicy::Compact ? 1 : 0; // compacted
}

} // namespace

bool answers(const QStringList &s) {
  if (control_plane_readouts::answers(s) || transaction_readouts::answers(s) || share_group_readouts::answers(s) ||
      stream_capacity_readouts::answers(s))
    return true;
  const QString head = s.value(0);
  const QString field = s.value(2);
  return head == QLatin1String("producer") || (head == QLatin1String("topic") && kTopicSettings.contains(field)) ||
      (head == QLatin1String("group") && kGroupPositions.contains(field) && !(field == QLatin1String("unowned_ms") && s.size() == 3)) ||
      (head == QLatin1String("application") && field == QLatin1String("checkpoint")) ||
      (head == QLatin1String("stream") && (field == QLatin1String("min_zone_copies") || field == QLatin1String("zones_down")));
}

QStringList fieldsOf(const QString &head) {
  if (const QStringList delivery = transaction_readouts::fieldsOf(head); head == QLatin1String("transactions") || head == QLatin1String("pipeline"))
    return delivery;
  if (const QStringList control = control_plane_readouts::fieldsOf(head); !control.isEmpty())
    return control;
  if (head == QLatin1String("share_group"))
    return share_group_readouts::fields();
  if (head == QLatin1String("topic"))
    return kTopicSettings;
  if (head == QLatin1String("group"))
    return {QStringLiteral("position P"), QStringLiteral("committed P"), QStringLiteral("unowned_ms P"), QStringLiteral("interruptions P")};
  if (head == QLatin1String("application"))
    return {QStringLiteral("checkpoint S")};
  if (head == QLatin1String("stream"))
    return QStringList{QStringLiteral("min_zone_copies"), QStringLiteral("zones_down")} + stream_capacity_readouts::fields();
  return {};
}

std::optional<QString> check(const QStringList &s) {
  if (control_plane_readouts::answers(s))
    return control_plane_readouts::check(s);
  if (transaction_readouts::answers(s))
    return transaction_readouts::check(s);
  if (share_group_readouts::answers(s))
    return share_group_readouts::check(s);
  if (stream_capacity_readouts::answers(s))
    return stream_capacity_readouts::check(s);
  const QString head = s[0];
  const QString whole = s.join(QLatin1Char(' '));
  if (head == QLatin1String("producer"))
    return s.size() == 3 && s[2] == QLatin1String("acks")
        ? std::nullopt
        : std::optional<QString>(QObject::tr("write \"producer NAME acks\", not \"%1\"").arg(whole));
  if (head == QLatin1String("group") || head == QLatin1String("application")) {
    const QString shape = head == QLatin1String("group") ? QStringLiteral("group G %1 P (P: a partition number of the group's topic)").arg(s[2])
                                                         : QStringLiteral("application A checkpoint S (S: a shard number of its stream)");
    return s.size() == 4 && isNumber(s[3]) ? std::nullopt : std::optional<QString>(QObject::tr("write \"%1\", not \"%2\"").arg(shape, whole));
  }
  return s.size() == 3 ? std::nullopt : std::optional<QString>(QObject::tr("\"%1\" needs 3 words").arg(whole));
}

std::optional<double> value(const QStringList &s, const World &w, QString *why) {
  if (control_plane_readouts::answers(s))
    return control_plane_readouts::value(s, w, why);
  if (transaction_readouts::answers(s))
    return transaction_readouts::value(s, w, why);
  if (share_group_readouts::answers(s))
    return share_group_readouts::value(s, w, why);
  if (stream_capacity_readouts::answers(s))
    return stream_capacity_readouts::value(s, w, why);
  const QString head = s[0];
  const std::string name = s[1].toStdString();
  const auto missing = [&](const QString &what) {
    *why = QObject::tr("no %1 \"%2\"").arg(what, s[1]);
    return std::nullopt;
  };
  if (head == QLatin1String("producer")) {
    for (const kafka::Producer &p : w.kafka.producers)
      if (p.config.name == name)
        return static_cast<double>(p.config.acks); // 0, 1 or -1 (all)
    return missing(QObject::tr("Kafka producer"));
  }
  if (head == QLatin1String("topic")) {
    const int t = w.kafka.topicIndex(name);
    if (t < 0)
      return missing(QObject::tr("topic"));
    const kafka::Topic &topic = w.kafka.topics[static_cast<std::size_t>(t)];
    return topicSetting(s[2], topic.config, topic);
  }
  if (head == QLatin1String("group")) {
    const int g = w.kafka.groupIndex(name);
    if (g < 0)
      return missing(QObject::tr("group"));
    const kafka::ConsumerGroup &group = w.kafka.groups[static_cast<std::size_t>(g)];
    const int p = s[3].toInt();
    if (p >= static_cast<int>(group.parts.size())) {
      *why = QObject::tr("group %1 reads no partition %2").arg(s[1], s[3]);
      return std::nullopt;
    }
    const kafka::GroupPartition &part = group.parts[static_cast<std::size_t>(p)];
    if (s[2] == QLatin1String("unowned_ms"))
      return toMs(kafka::unownedTime(part, w.now));
    if (s[2] == QLatin1String("interruptions"))
      return part.interruptions;
    return static_cast<double>(s[2] == QLatin1String("position") ? part.position : part.committed); // -1: none yet
  }
  if (head == QLatin1String("application")) {
    const int a = w.kinesis.appIndex(name);
    if (a < 0)
      return missing(QObject::tr("application"));
    const kinesis::Application &app = w.kinesis.apps[static_cast<std::size_t>(a)];
    for (const kinesis::Lease &lease : app.leases) {
      const kinesis::Shard &shard = w.kinesis.shardAt(lease.shard);
      if (shard.stream != app.stream || shard.index != s[3].toInt())
        continue;
      // Records of the shard at or below the checkpoint: what a new owner would not read again.
      switch (lease.checkpoint) {
      case kinesis::CheckpointKind::None: return 0;
      case kinesis::CheckpointKind::ShardEnd: return static_cast<double>(shard.records.size());
      case kinesis::CheckpointKind::Sequence: return static_cast<double>(shard.firstAt(lease.checkpointCounter, false));
      case kinesis::CheckpointKind::Rewritten: // an operator's rewrite: the next owner starts there
        if (lease.rewrittenType == engine::IteratorType::TrimHorizon)
          return 0;
        if (lease.rewrittenType == engine::IteratorType::Latest)
          return static_cast<double>(shard.records.size());
        *why = QObject::tr("application %1's checkpoint on shard %2 was rewritten to a sequence number or a time").arg(s[1], s[3]);
        return std::nullopt;
      }
    }
    *why = QObject::tr("application %1 has no lease on shard %2").arg(s[1], s[3]);
    return std::nullopt;
  }
  const int st = w.kinesis.streamIndex(name);
  if (st < 0)
    return missing(QObject::tr("stream"));
  if (s[2] == QLatin1String("zones_down")) // the zones the stream cannot reach, whichever they are
    return static_cast<double>(std::count(w.kinesis.zoneUp.begin(), w.kinesis.zoneUp.end(), false));
  // stream S min_zone_copies: the fewest zones holding any acknowledged record of the stream.
  int fewest = kinesis::kZones + 1;
  for (int slot : w.kinesis.streams[static_cast<std::size_t>(st)].shards)
    for (const kinesis::StoredRecord &r : w.kinesis.shardAt(slot).records)
      if (r.durable)
        fewest = std::min(fewest, std::popcount(static_cast<unsigned>(r.zones)));
  if (fewest > kinesis::kZones) {
    *why = QObject::tr("stream %1 holds no acknowledged record").arg(s[1]);
    return std::nullopt;
  }
  return fewest;
}

} // namespace streamscope::model::readouts
