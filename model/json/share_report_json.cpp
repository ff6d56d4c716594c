#include "share_report_json.h"

#include <QJsonObject>

namespace streamscope::model {

QJsonArray shareGroupsToJson(const std::vector<engine::ShareGroupReport> &groups) {
  QJsonArray out;
  for (const engine::ShareGroupReport &g : groups) {
    QJsonArray partitions;
    for (const engine::SharePartitionReport &p : g.partitions)
      partitions.append(QJsonObject{{QStringLiteral("partition"), p.partition},
                                    {QStringLiteral("spso"), static_cast<qint64>(p.spso)},
                                    {QStringLiteral("speo"), static_cast<qint64>(p.speo)},
                                    {QStringLiteral("available"), static_cast<qint64>(p.available)},
                                    {QStringLiteral("acquired"), static_cast<qint64>(p.acquired)},
                                    {QStringLiteral("acknowledged"), static_cast<qint64>(p.acknowledged)},
                                    {QStringLiteral("archived"), static_cast<qint64>(p.archived)}});
    out.append(QJsonObject{{QStringLiteral("group"), QString::fromStdString(g.group)},
                           {QStringLiteral("topic"), QString::fromStdString(g.topic)},
                           {QStringLiteral("members"), g.members},
                           {QStringLiteral("idle_members"), g.idleMembers},
                           {QStringLiteral("delivered"), static_cast<qint64>(g.delivered)},
                           {QStringLiteral("processed"), static_cast<qint64>(g.processed)},
                           {QStringLiteral("acknowledged"), static_cast<qint64>(g.acknowledged)},
                           {QStringLiteral("released"), static_cast<qint64>(g.released)},
                           {QStringLiteral("rejected"), static_cast<qint64>(g.rejected)},
                           {QStringLiteral("archived"), static_cast<qint64>(g.archived)},
                           {QStringLiteral("redelivered"), static_cast<qint64>(g.redelivered)},
                           {QStringLiteral("lock_expired"), static_cast<qint64>(g.lockExpired)},
                           {QStringLiteral("late_acknowledgements"), static_cast<qint64>(g.lateAcks)},
                           {QStringLiteral("out_of_order"), static_cast<qint64>(g.outOfOrder)},
                           {QStringLiteral("partitions"), partitions}});
  }
  return out;
}

QString shareGroupsText(const std::vector<engine::ShareGroupReport> &groups) {
  if (groups.empty())
    return {};
  QString out = QStringLiteral("\nshare group      members acknowledged released archived redelivered out-of-order\n");
  for (const engine::ShareGroupReport &g : groups)
    out += QStringLiteral("%1 %2 %3 %4 %5 %6 %7\n")
               .arg(QString::fromStdString(g.group), -16)
               .arg(g.members, 7)
               .arg(g.acknowledged, 12)
               .arg(g.released, 8)
               .arg(g.archived, 8)
               .arg(g.redelivered, 11)
               .arg(g.outOfOrder, 12);
  return out;
}

} // namespace streamscope::model
