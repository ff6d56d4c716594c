#include "share_group_readouts.h"

#include "engine/sim/share_report.h"

#include <QHash>
#include <QObject>

namespace streamscope::model::share_group_readouts {
namespace {

using namespace engine;

const QStringList kTotals = {QStringLiteral("acknowledged"), QStringLiteral("released"),     QStringLiteral("rejected"),
                             QStringLiteral("archived"),     QStringLiteral("redelivered"),  QStringLiteral("delivered"),
                             QStringLiteral("processed"),    QStringLiteral("lock_expired"), QStringLiteral("late_acknowledgements"),
                             QStringLiteral("out_of_order"), QStringLiteral("members"),      QStringLiteral("idle_members")};
const QStringList kPerPartition = {QStringLiteral("spso"), QStringLiteral("speo"), QStringLiteral("available"), QStringLiteral("acquired")};

std::int64_t total(const ShareGroupReport &g, const QString &f) {
  const QHash<QString, std::int64_t> values = {{QStringLiteral("acknowledged"), g.acknowledged},
                                               {QStringLiteral("released"), g.released},
                                               {QStringLiteral("rejected"), g.rejected},
                                               {QStringLiteral("archived"), g.archived},
                                               {QStringLiteral("redelivered"), g.redelivered},
                                               {QStringLiteral("delivered"), g.delivered},
                                               {QStringLiteral("processed"), g.processed},
                                               {QStringLiteral("lock_expired"), g.lockExpired},
                                               {QStringLiteral("late_acknowledgements"), g.lateAcks},
                                               {QStringLiteral("out_of_order"), g.outOfOrder},
                                               {QStringLiteral("members"), g.members},
                                               {QStringLiteral("idle_members"), g.idleMembers}};
  return values.value(f);
}

std::int64_t perPartition(const SharePartitionReport &p, const QString &f) {
  if (f == QLatin1String("spso"))
    return p.spso;
  if (f == QLatin1String("speo"))
    return p.speo;
  return f == QLatin1String("available") ? p.available : p.acquired;
}

} // namespace

bool answers(const QStringList &s) { return s.value(0) == QLatin1String("share_group"); }

QStringList fields() {
  QStringList out = kTotals;
  for (const QString &f : kPerPartition)
    out << f + QStringLiteral(" P");
  return out;
}

std::optional<QString> check(const QStringList &s) {
  const QString f = s.value(2);
  if (kTotals.contains(f))
    return s.size() == 3 ? std::nullopt : std::optional<QString>(QObject::tr("write \"share_group G %1\"").arg(f));
  if (kPerPartition.contains(f)) {
    bool ok = false;
    const int p = s.value(3).toInt(&ok);
    return s.size() == 4 && ok && p >= 0 ? std::nullopt
                                         : std::optional<QString>(QObject::tr("write \"share_group G %1 P\" (P: a partition number)").arg(f));
  }
  return QObject::tr("unknown share_group field \"%1\" (known: %2)").arg(f, fields().join(QStringLiteral(", ")));
}

std::optional<double> value(const QStringList &s, const World &w, QString *why) {
  for (const ShareGroupReport &g : shareGroupReports(w)) {
    if (QString::fromStdString(g.group) != s[1])
      continue;
    if (s.size() == 3)
      return static_cast<double>(total(g, s[2]));
    const int p = s[3].toInt();
    if (p >= static_cast<int>(g.partitions.size())) {
      *why = QObject::tr("share group %1's topic has no partition %2").arg(s[1], s[3]);
      return std::nullopt;
    }
    const std::int64_t v = perPartition(g.partitions[static_cast<std::size_t>(p)], s[2]);
    if (v < 0) {
      *why = QObject::tr("share group %1 has not fetched partition %2 yet").arg(s[1], s[3]);
      return std::nullopt;
    }
    return static_cast<double>(v);
  }
  *why = QObject::tr("no share group \"%1\"").arg(s[1]);
  return std::nullopt;
}

QString inWords(const QStringList &s, double v) {
  const QString g = s.value(1), f = s.value(2), n = QString::number(static_cast<qlonglong>(v));
  static const QHash<QString, QString> t = {
      {QStringLiteral("acknowledged"), QObject::tr("share group %2's members accepted %1 records")},
      {QStringLiteral("released"), QObject::tr("share group %2's members released %1 records")},
      {QStringLiteral("rejected"), QObject::tr("share group %2's members rejected %1 records")},
      {QStringLiteral("archived"), QObject::tr("share group %2 archived %1 records (rejected or out of deliveries)")},
      {QStringLiteral("redelivered"), QObject::tr("share group %2 delivered records again %1 times")},
      {QStringLiteral("delivered"), QObject::tr("share group %2 handed out %1 deliveries")},
      {QStringLiteral("processed"), QObject::tr("share group %2's members processed %1 records")},
      {QStringLiteral("lock_expired"), QObject::tr("%1 of share group %2's record locks expired")},
      {QStringLiteral("late_acknowledgements"), QObject::tr("%1 of share group %2's acknowledgements came after the lock expired")},
      {QStringLiteral("out_of_order"), QObject::tr("share group %2 processed %1 records after a later offset of their partition")},
      {QStringLiteral("members"), QObject::tr("share group %2 has %1 live members")},
      {QStringLiteral("idle_members"), QObject::tr("%1 of share group %2's live members have processed nothing")},
      {QStringLiteral("spso"), QObject::tr("share group %2's start offset on partition %3 is %1")},
      {QStringLiteral("speo"), QObject::tr("share group %2's end offset on partition %3 is %1")},
      {QStringLiteral("available"), QObject::tr("%1 records of share group %2 on partition %3 are available")},
      {QStringLiteral("acquired"), QObject::tr("%1 records of share group %2 on partition %3 are acquired")}};
  const QString sentence = t.value(f).arg(n, g);
  return s.size() > 3 ? sentence.arg(s[3]) : sentence;
}

} // namespace streamscope::model::share_group_readouts
