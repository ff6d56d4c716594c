#include "fault_menu.h"

#include "engine/core/uint128.h"

namespace streamscope::ui {
namespace {

using engine::Fault;
using Kind = model::WorldItem::Kind;

void add(QMenu &menu, const QString &text, const QString &tip, const Fault &fault, const ApplyFault &apply) {
  QAction *a = menu.addAction(text);
  a->setToolTip(tip);
  a->setStatusTip(tip);
  QObject::connect(a, &QAction::triggered, &menu, [fault, apply] { apply(fault); });
}

/// A fault for now: the controller stamps the time it takes effect.
Fault make(engine::FaultSpec what) { return Fault{0, std::move(what)}; }

int brokerFaults(QMenu &menu, const engine::World &w, int id, const ApplyFault &apply) {
  const auto &b = w.kafka.brokers.at(static_cast<std::size_t>(id));
  menu.addSection(QObject::tr("Broker %1").arg(id));
  if (b.running()) {
    add(menu, QObject::tr("Crash broker %1").arg(id), QObject::tr("The process dies; the page cache survives"), make(engine::CrashBroker{id}), apply);
    add(menu, QObject::tr("Power off broker %1").arg(id), QObject::tr("The machine loses power: unflushed records are gone"), make(engine::PowerLoss{id}), apply);
  } else {
    add(menu, QObject::tr("Restart broker %1").arg(id), QObject::tr("Log recovery, then it rejoins and catches up"), make(engine::RestartBroker{id}), apply);
  }
  if (w.net.isIsolated(b.node)) {
    add(menu, QObject::tr("Heal broker %1's network").arg(id), QObject::tr("Restore every link to it"), make(engine::Heal{id}), apply);
  } else {
    add(menu, QObject::tr("Isolate broker %1").arg(id), QObject::tr("Cut every network link to it"), make(engine::IsolateBroker{id}), apply);
  }
  if (w.net.extraDelay(b.node) > 0) {
    add(menu, QObject::tr("Back to normal speed"), QObject::tr("Remove the extra network delay"), make(engine::SlowBroker{id, 0}), apply);
  } else {
    add(menu, QObject::tr("Slow broker %1 (+50 ms)").arg(id), QObject::tr("Every message to or from it takes 50 ms longer: watch it fall out of the ISR"),
        make(engine::SlowBroker{id, 50 * engine::kMillisecond}), apply);
  }
  return 4;
}

int consumerFaults(QMenu &menu, const std::string &group, int member, bool application, const QString &memberName,
                   const ApplyFault &apply) {
  const QString name = QString::fromStdString(group);
  int n = 0;
  menu.addSection(name);
  if (member >= 0) {
    add(menu, QObject::tr("Kill %1").arg(memberName),
        application ? QObject::tr("The worker dies; its leases expire after failoverTimeMillis") : QObject::tr("The consumer dies without leaving; the group notices after session.timeout.ms"),
        make(engine::KillConsumer{group, member}), apply);
    add(menu, QObject::tr("Shut down %1 gracefully").arg(memberName), QObject::tr("Leaves at once (a rebalance follows)"), make(engine::RemoveConsumer{group, member}), apply);
    n += 2;
  }
  add(menu, application ? QObject::tr("Add a worker to %1").arg(name) : QObject::tr("Add a consumer to %1").arg(name),
      QObject::tr("Joins and takes a share of the partitions or shards"), make(engine::AddConsumer{group}), apply);
  return n + 1;
}

int shardFaults(QMenu &menu, const engine::World &w, int slot, const ApplyFault &apply) {
  const auto &k = w.kinesis;
  const auto &s = k.shardAt(slot);
  const auto &stream = k.streams[static_cast<std::size_t>(s.stream)];
  menu.addSection(QString::fromStdString(k.shardName(slot)));
  if (!s.open()) {
    menu.addAction(QObject::tr("Closed shards cannot be split or merged"))->setEnabled(false);
    return 0;
  }
  // Split in the middle of the range, as the AWS guide's example does.
  const Fault split = make(engine::SplitShard{stream.config.name, s.index, engine::toDecimal(s.range.start + (s.range.end - s.range.start) / 2 + 1)});
  add(menu, QObject::tr("Split shard %1 in the middle").arg(s.index), QObject::tr("Two children, each with half the hash key range and the full write limit"), split, apply);
  int n = 1;
  for (int other : stream.shards) {
    const auto &o = k.shardAt(other);
    if (!o.open() || other == slot || o.range.start != s.range.end + 1)
      continue;
    add(menu, QObject::tr("Merge with adjacent shard %1").arg(o.index), QObject::tr("One child covers both hash key ranges"),
        make(engine::MergeShards{stream.config.name, s.index, o.index}), apply);
    ++n;
  }
  return n;
}

int zoneFaults(QMenu &menu, const engine::World &w, int z, const ApplyFault &apply) {
  const bool up = w.kinesis.zoneUp[static_cast<std::size_t>(z)];
  menu.addSection(QObject::tr("Availability zone %1").arg(QChar('a' + z)));
  add(menu, up ? QObject::tr("Take AZ %1 down").arg(QChar('a' + z)) : QObject::tr("Bring AZ %1 back").arg(QChar('a' + z)),
      QObject::tr("Kinesis keeps acknowledging from the other zones"), up ? make(engine::AzOutage{z}) : make(engine::AzRestore{z}), apply);
  return 1;
}

} // namespace

int addItemFaults(QMenu &menu, const engine::World &w, const model::WorldItem &item, const ApplyFault &apply) {
  switch (item.kind) {
  case Kind::Broker: return brokerFaults(menu, w, item.a, apply);
  case Kind::Replica:
  case Kind::LogCell: return brokerFaults(menu, w, item.b, apply);
  case Kind::Group: return consumerFaults(menu, w.kafka.groups.at(static_cast<std::size_t>(item.a)).config.group, -1, false, {}, apply);
  case Kind::Member: {
    const auto &g = w.kafka.groups.at(static_cast<std::size_t>(item.a));
    return consumerFaults(menu, g.config.group, item.b, false, QString::fromStdString(g.members.at(static_cast<std::size_t>(item.b)).id), apply);
  }
  case Kind::Application: return consumerFaults(menu, w.kinesis.apps.at(static_cast<std::size_t>(item.a)).config.application, -1, true, {}, apply);
  case Kind::Worker:
    return consumerFaults(menu, w.kinesis.apps.at(static_cast<std::size_t>(item.a)).config.application, item.b, true, QObject::tr("worker w%1").arg(item.b), apply);
  case Kind::Shard:
  case Kind::ShardRecord: return shardFaults(menu, w, item.a, apply);
  case Kind::Zone: return zoneFaults(menu, w, item.a, apply);
  default: return 0;
  }
}

void addWorldFaults(QMenu &menu, const engine::World &w, const ApplyFault &apply) {
  if (w.scenario.kafka) {
    add(menu, QObject::tr("Power off every broker"), QObject::tr("A data-centre power cut: every record not yet flushed is gone"), make(engine::PowerLoss{-1}), apply);
    add(menu, QObject::tr("Restart every stopped broker"), QObject::tr("Brokers that are down come back and recover their logs"), make(engine::RestartBroker{-1}), apply);
    add(menu, QObject::tr("Heal every network link"), QObject::tr("Undo every isolation"), make(engine::Heal{-1}), apply);
  }
  add(menu, QObject::tr("Drop a record in flight"), QObject::tr("The next produce or PutRecords request to arrive is lost; its producer times out and retries"),
      make(engine::DropMessage{}), apply);
  if (w.scenario.kinesis)
    for (int z = 0; z < engine::kinesis::kZones; ++z)
      zoneFaults(menu, w, z, apply);
}

} // namespace streamscope::ui
