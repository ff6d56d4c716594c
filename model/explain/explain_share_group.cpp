#include "explain_share_group.h"

#include "engine/world/world.h"

#include <QLocale>
#include <QObject>

namespace streamscope::model {
namespace {

using namespace engine::kafka;

QString num(std::int64_t n) { return QLocale().toString(static_cast<qlonglong>(n)); }
QString seconds(engine::SimTime t) { return QObject::tr("%1 s").arg(engine::toMs(t) / 1000.0, 0, 'f', 1); }

QString stateName(ShareRecordState s) {
  switch (s) {
  case ShareRecordState::Available: return QObject::tr("AVAILABLE");
  case ShareRecordState::Acquired: return QObject::tr("ACQUIRED");
  case ShareRecordState::Acknowledged: return QObject::tr("ACKNOWLEDGED");
  case ShareRecordState::Archived: return QObject::tr("ARCHIVED");
  }
  return {};
}

Explanation group(const engine::World &w, int gi) {
  const ShareGroup &g = w.kafka.shareGroups[static_cast<std::size_t>(gi)];
  const QString topic = QString::fromStdString(w.kafka.topics[static_cast<std::size_t>(g.topic)].config.name);
  Explanation e{QObject::tr("Share group %1").arg(QString::fromStdString(g.name)), {}, {}};
  int alive = 0;
  for (const ShareMember &m : g.members)
    alive += m.alive ? 1 : 0;
  e.facts = {{QObject::tr("Topic"), topic},
             {QObject::tr("Live members"), QString::number(alive)},
             {QObject::tr("Record lock"), QObject::tr("%1 (share.record.lock.duration.ms)").arg(seconds(g.config.recordLock))},
             {QObject::tr("Delivery count limit"), QObject::tr("%1 (share.delivery.count.limit)").arg(g.config.deliveryCountLimit)},
             {QObject::tr("Acknowledged"), num(g.acknowledged)},
             {QObject::tr("Released / rejected"), QObject::tr("%1 / %2").arg(num(g.released), num(g.rejected))},
             {QObject::tr("Archived"), num(g.archived)},
             {QObject::tr("Redelivered"), num(g.redelivered)},
             {QObject::tr("Locks expired"), num(g.lockExpired)},
             {QObject::tr("Out of order"), num(g.outOfOrder)}};
  for (std::size_t p = 0; p < g.parts.size(); ++p) {
    const SharePartition &sp = g.parts[p];
    e.facts.append({QObject::tr("%1-%2 SPSO / SPEO").arg(topic).arg(p),
                    sp.spso < 0 ? QObject::tr("not fetched yet")
                                : QObject::tr("%1 / %2 (%3 in flight)").arg(num(sp.spso), num(sp.speo())).arg(sp.window.size())});
  }
  e.why = QObject::tr("A share group (KIP-932) reads %1 like a queue: every member may fetch from every partition, and the share-partition leader on "
                      "each partition's leader broker hands each record to one member at a time. A record is AVAILABLE, then ACQUIRED by one member "
                      "under a lock of %2; the member ACCEPTs it (ACKNOWLEDGED), RELEASEs it (AVAILABLE again) or REJECTs it (ARCHIVED). A lock that "
                      "expires makes the record AVAILABLE again; each acquisition counts one delivery, and a record released or expired at its "
                      "%3th delivery is ARCHIVED. The share-partition start offset (SPSO) moves over acknowledged and archived records; the "
                      "records from it to the end offset (SPEO) are in flight. Records are not processed in offset order.")
              .arg(topic, seconds(g.config.recordLock))
              .arg(g.config.deliveryCountLimit);
  return e;
}

Explanation member(const engine::World &w, int gi, int mi) {
  const ShareGroup &g = w.kafka.shareGroups[static_cast<std::size_t>(gi)];
  const ShareMember &m = g.members[static_cast<std::size_t>(mi)];
  const engine::ShareConsumerConfig &cfg = w.scenario.shareConsumers[static_cast<std::size_t>(m.entry)];
  int held = 0;
  for (const SharePartition &sp : g.parts)
    for (const ShareRecord &r : sp.window)
      held += r.state == ShareRecordState::Acquired && r.member == mi ? 1 : 0;
  Explanation e{QObject::tr("Share group member %1").arg(QString::fromStdString(m.id)), {}, {}};
  e.facts = {
      {QObject::tr("State"), m.alive ? QObject::tr("running") : QObject::tr("dead")},
      {QObject::tr("Records acquired now"), QString::number(held)},
      {QObject::tr("Waiting to be processed"), QString::number([&] {
         int n = 0;
         for (const HeldBatch &b : m.queue)
           n += static_cast<int>(b.records.size());
         return n;
       }())},
      {QObject::tr("Processed"), num(m.processed)},
      {QObject::tr("Processing"), QObject::tr("%1 ms per record").arg(engine::toMs(cfg.processing), 0, 'f', 1)},
      {QObject::tr("Rejects / releases"), QObject::tr("%1% / %2%").arg(cfg.rejectRatio * 100, 0, 'f', 0).arg(cfg.releaseRatio * 100, 0, 'f', 0)}};
  e.why = m.alive
      ? QObject::tr("It fetches from every partition of the topic, processes each batch it gets, and acknowledges every record on its next "
                    "fetch from that partition.")
      : QObject::tr("It died without acknowledging: the records it had acquired stay locked until their locks expire, then other "
                    "members get them.");
  return e;
}

} // namespace

Explanation explainShareGroupItem(const engine::World &w, const WorldItem &item) {
  const auto &groups = w.kafka.shareGroups;
  if (item.a >= 0 && static_cast<std::size_t>(item.a) < groups.size()) {
    if (item.kind == WorldItem::Kind::ShareGroup)
      return group(w, item.a);
    if (item.b >= 0 && static_cast<std::size_t>(item.b) < groups[static_cast<std::size_t>(item.a)].members.size())
      return member(w, item.a, item.b);
  }
  return {QObject::tr("Gone"), {}, QObject::tr("This item no longer exists in the simulation.")};
}

void addShareRecordFacts(Explanation &e, const engine::World &w, int p, Offset offset) {
  if (p < 0 || static_cast<std::size_t>(p) >= w.kafka.partitions.size())
    return;
  const Partition &part = w.kafka.partitions[static_cast<std::size_t>(p)];
  for (const ShareGroup &g : w.kafka.shareGroups) {
    if (g.topic != part.topic || static_cast<std::size_t>(part.index) >= g.parts.size())
      continue;
    const SharePartition &sp = g.parts[static_cast<std::size_t>(part.index)];
    const QString name = QObject::tr("Share group %1").arg(QString::fromStdString(g.name));
    if (sp.spso < 0 || offset >= sp.speo()) {
      e.facts.append({name, QObject::tr("not yet delivered (at or past the SPEO)")});
      continue;
    }
    if (offset < sp.spso) {
      e.facts.append({name, QObject::tr("finished (below the SPSO)")});
      continue;
    }
    const ShareRecord &r = sp.window[static_cast<std::size_t>(offset - sp.spso)];
    QString state = QObject::tr("%1, delivered %2 of %3 times").arg(stateName(r.state)).arg(r.deliveries).arg(g.config.deliveryCountLimit);
    if (r.state == ShareRecordState::Acquired && r.member >= 0)
      state = QObject::tr("ACQUIRED by %1, delivery %2 of %3, lock expires in %4")
                  .arg(QString::fromStdString(g.members[static_cast<std::size_t>(r.member)].id))
                  .arg(r.deliveries)
                  .arg(g.config.deliveryCountLimit)
                  .arg(seconds(std::max<engine::SimTime>(0, r.lockDeadline - w.now)));
    e.facts.append({name, state});
  }
}

} // namespace streamscope::model
