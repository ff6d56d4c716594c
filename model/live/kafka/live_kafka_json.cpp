#include "live_kafka_json.h"

#include <QJsonArray>
#include <QObject>
#include <QTextStream>

namespace streamscope::live {
namespace {

QJsonArray intArray(const std::vector<int> &v) {
  QJsonArray a;
  for (int x : v)
    a.append(x);
  return a;
}

QString joined(const std::vector<int> &v) {
  QStringList parts;
  for (int x : v)
    parts << QString::number(x);
  return parts.join(QLatin1Char(','));
}

} // namespace

QJsonObject clusterToJson(const ClusterSnapshot &s) {
  QJsonArray brokers, partitions, groups;
  for (const LiveBroker &b : s.brokers)
    brokers.append(QJsonObject{{QStringLiteral("id"), b.id}, {QStringLiteral("host"), b.host}, {QStringLiteral("port"), b.port}});
  for (const LivePartition &p : s.partitions) {
    QJsonObject o{{QStringLiteral("topic"), p.topic},
                  {QStringLiteral("partition"), p.partition},
                  {QStringLiteral("leader"), p.leader},
                  {QStringLiteral("replicas"), intArray(p.replicas)},
                  {QStringLiteral("isr"), intArray(p.isr)},
                  {QStringLiteral("low_watermark"), static_cast<qint64>(p.lowWatermark)},
                  {QStringLiteral("high_watermark"), static_cast<qint64>(p.highWatermark)},
                  {QStringLiteral("under_replicated"), p.underReplicated()}};
    if (!p.error.isEmpty())
      o.insert(QStringLiteral("error"), p.error);
    partitions.append(o);
  }
  for (const LiveGroup &g : s.groups)
    groups.append(QJsonObject{{QStringLiteral("group"), g.group},
                              {QStringLiteral("state"), g.state},
                              {QStringLiteral("members"), g.members},
                              {QStringLiteral("lag"), static_cast<qint64>(g.lag)},
                              {QStringLiteral("committed_partitions"), static_cast<int>(g.committed.size())}});
  QJsonObject out{{QStringLiteral("brokers"), brokers},
                  {QStringLiteral("controller"), s.controller},
                  {QStringLiteral("partitions"), partitions},
                  {QStringLiteral("groups"), groups}};
  if (!s.groupsNote.isEmpty())
    out.insert(QStringLiteral("groups_note"), s.groupsNote);
  return out;
}

QJsonObject probeToJson(const ProbeReport &r) {
  QJsonObject failures;
  for (const auto &[why, count] : r.failures)
    failures.insert(why, static_cast<qint64>(count));
  return {{QStringLiteral("produced"), static_cast<qint64>(r.produced)},
          {QStringLiteral("acknowledged"), static_cast<qint64>(r.acknowledged)},
          {QStringLiteral("failed"), static_cast<qint64>(r.failed)},
          {QStringLiteral("consumed"), static_cast<qint64>(r.consumed)},
          {QStringLiteral("acknowledged_lost"), static_cast<qint64>(r.acknowledgedLost)},
          {QStringLiteral("duplicates"), static_cast<qint64>(r.duplicates)},
          {QStringLiteral("latency_ms"), QJsonObject{{QStringLiteral("p50"), r.latencyP50Ms}, {QStringLiteral("p99"), r.latencyP99Ms}}},
          {QStringLiteral("failures"), failures},
          {QStringLiteral("group"), r.group}};
}

QString clusterToText(const ClusterSnapshot &s) {
  QString text;
  QTextStream out(&text);
  out << QObject::tr("%n broker(s)", nullptr, static_cast<int>(s.brokers.size())) << QObject::tr(", controller %1\n").arg(s.controller);
  for (const LiveBroker &b : s.brokers)
    out << QObject::tr("  broker %1  %2:%3\n").arg(b.id).arg(b.host).arg(b.port);
  for (const LivePartition &p : s.partitions)
    out << QObject::tr("  %1-%2  leader %3  replicas [%4]  isr [%5]%6  offsets %7..%8%9\n")
               .arg(p.topic)
               .arg(p.partition)
               .arg(p.leader)
               .arg(joined(p.replicas), joined(p.isr), p.underReplicated() ? QObject::tr(" UNDER-REPLICATED") : QString())
               .arg(p.lowWatermark)
               .arg(p.highWatermark)
               .arg(p.error.isEmpty() ? QString() : QStringLiteral("  (%1)").arg(p.error));
  for (const LiveGroup &g : s.groups)
    out << QObject::tr("  group %1  %2  %n member(s)", nullptr, g.members).arg(g.group, g.state) << QObject::tr("  lag %1\n").arg(g.lag);
  if (!s.groupsNote.isEmpty())
    out << QStringLiteral("  (") << s.groupsNote << QStringLiteral(")\n");
  return text;
}

QString probeToText(const ProbeReport &r) {
  QString text = QObject::tr("probe: produced %1, acknowledged %2, failed %3, consumed %4, acknowledged but lost %5, duplicates %6, "
                             "latency p50 %7 ms, p99 %8 ms\n")
                     .arg(r.produced)
                     .arg(r.acknowledged)
                     .arg(r.failed)
                     .arg(r.consumed)
                     .arg(r.acknowledgedLost)
                     .arg(r.duplicates)
                     .arg(r.latencyP50Ms, 0, 'f', 1)
                     .arg(r.latencyP99Ms, 0, 'f', 1);
  for (const auto &[why, count] : r.failures)
    text += QObject::tr("  %1 failed: %2\n").arg(count).arg(why);
  return text;
}

} // namespace streamscope::live
