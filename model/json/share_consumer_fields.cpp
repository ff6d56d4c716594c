#include "share_consumer_fields.h"

#include "json_fields.h"
#include "scenario_fields.h"

#include <QObject>

namespace streamscope::model {
namespace {

using engine::ShareConsumerConfig;

QString offsetResetName(engine::OffsetReset r) { return r == engine::OffsetReset::Earliest ? QStringLiteral("earliest") : QStringLiteral("latest"); }

/// Entries naming one share group configure one group: its group-level settings must agree.
void checkSameGroup(JsonFields &f, const ShareConsumerConfig &c, const ShareConsumerConfig &first) {
  const QString name = QString::fromStdString(c.group);
  const auto differs = [&](const QString &key, const QString &earlier) {
    f.fail(key,
           QObject::tr("share group \"%1\" already has %2 %3 from an earlier entry: entries of one share group must agree on it")
               .arg(name, key, earlier));
  };
  if (c.topic != first.topic)
    differs(QStringLiteral("topic"), QString::fromStdString(first.topic));
  if (c.recordLock != first.recordLock)
    differs(QStringLiteral("share_record_lock_ms"), QString::number(first.recordLock / engine::kMillisecond));
  if (c.deliveryCountLimit != first.deliveryCountLimit)
    differs(QStringLiteral("delivery_count_limit"), QString::number(first.deliveryCountLimit));
  if (c.maxRecordLocks != first.maxRecordLocks)
    differs(QStringLiteral("max_record_locks"), QString::number(first.maxRecordLocks));
  if (c.autoOffsetReset != first.autoOffsetReset)
    differs(QStringLiteral("auto_offset_reset"), offsetResetName(first.autoOffsetReset));
}

} // namespace

ShareConsumerConfig readShareConsumer(const QJsonObject &o, const QString &pointer, const engine::Scenario &s) {
  JsonFields f(o, pointer, QObject::tr("a share group consumer"));
  ShareConsumerConfig c;
  c.group = f.string(QStringLiteral("share_group")).toStdString();
  if (o.contains(QStringLiteral("group")))
    f.fail(QStringLiteral("group"), QObject::tr("a consumer entry takes \"group\" (a consumer group) or \"share_group\" (a share group), not both"));
  if (!s.kafka)
    f.fail(QStringLiteral("share_group"), QObject::tr("share groups need a kafka section"));
  const QString topic = f.string(QStringLiteral("topic"));
  bool known = false;
  for (const engine::TopicConfig &t : s.kafka->topics)
    known = known || QString::fromStdString(t.name) == topic;
  if (!known)
    f.fail(QStringLiteral("topic"), QObject::tr("no topic named \"%1\" in the kafka section").arg(topic));
  c.topic = topic.toStdString();
  c.members = static_cast<int>(f.integer(QStringLiteral("members"), 0, 256, 1));
  if (f.has(QStringLiteral("auto_offset_reset")) && o.value(QStringLiteral("auto_offset_reset")).toString() == QLatin1String("none"))
    f.fail(QStringLiteral("auto_offset_reset"),
           QObject::tr("\"auto_offset_reset\" of a share group is share.auto.offset.reset: \"earliest\" or \"latest\" (there is no \"none\")"));
  const QString reset =
      f.choice(QStringLiteral("auto_offset_reset"), {QStringLiteral("earliest"), QStringLiteral("latest")}, QStringLiteral("latest"));
  c.autoOffsetReset = reset == QLatin1String("earliest") ? engine::OffsetReset::Earliest : engine::OffsetReset::Latest;
  // The broker bounds the group's lock duration by group.share.min/max.record.lock.duration.ms.
  c.recordLock = engine::fromMs(f.integer(QStringLiteral("share_record_lock_ms"), 15000, 60000, c.recordLock / engine::kMillisecond));
  c.deliveryCountLimit = static_cast<int>(f.integer(QStringLiteral("delivery_count_limit"), 2, 10, c.deliveryCountLimit));
  c.maxRecordLocks = static_cast<int>(f.integer(QStringLiteral("max_record_locks"), 100, 10000, c.maxRecordLocks));
  c.maxPollRecords = static_cast<int>(f.integer(QStringLiteral("max_poll_records"), 1, kIntMax, c.maxPollRecords));
  c.rejectRatio = f.number(QStringLiteral("reject_ratio"), 0, 1, 0);
  c.releaseRatio = f.number(QStringLiteral("release_ratio"), 0, 1, 0);
  if (c.rejectRatio + c.releaseRatio > 1)
    f.fail(QStringLiteral("release_ratio"),
           QObject::tr("\"reject_ratio\" (%1) and \"release_ratio\" (%2) are shares of the same records: together at most 1")
               .arg(c.rejectRatio)
               .arg(c.releaseRatio));
  c.processing = fineMsField(f, QStringLiteral("processing_ms"), 0);
  c.fetchMaxWait = msField(f, QStringLiteral("fetch_max_wait_ms"), 0, c.fetchMaxWait);
  c.start = msField(f, QStringLiteral("start_ms"), 0, 0);
  for (const ShareConsumerConfig &earlier : s.shareConsumers)
    if (earlier.group == c.group) {
      checkSameGroup(f, c, earlier);
      break;
    }
  f.finish();
  return c;
}

void checkShareGroupFault(const engine::Fault &fault, const QString &pointer, const engine::Scenario &s) {
  const auto *seek = std::get_if<engine::Seek>(&fault.what);
  if (!seek)
    return;
  for (const ShareConsumerConfig &c : s.shareConsumers)
    if (c.group == seek->group)
      throw JsonFieldError{pointer + QStringLiteral("/group"),
                           QObject::tr("\"seek\" needs a consumer group: share group \"%1\" has no positions to move (its share-partition "
                                       "start offset advances by itself)")
                               .arg(QString::fromStdString(c.group)),
                           false};
}

} // namespace streamscope::model
