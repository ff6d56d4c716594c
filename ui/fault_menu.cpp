#include "fault_menu.h"

namespace streamscope::ui {
namespace {

using model::Fault;
using model::FaultAction;
using Kind = model::WorldItem::Kind;

void add(QMenu &menu, const QString &text, const QString &tip, const Fault &fault, const ApplyFault &apply) {
  QAction *a = menu.addAction(text);
  a->setToolTip(tip);
  a->setStatusTip(tip);
  QObject::connect(a, &QAction::triggered, &menu, [fault, apply] { apply(fault); });
}

Fault make(FaultAction action) {
  Fault f;
  f.action = action;
  return f;
}

int brokerFaults(QMenu &menu, const model::WorldView &w, int id, const ApplyFault &apply) {
  const model::BrokerView &b = w.kafka().brokers.at(static_cast<std::size_t>(id));
  Fault f = make(FaultAction::CrashBroker);
  f.broker = id;
  menu.addSection(QObject::tr("Broker %1").arg(id));
  if (b.running()) {
    add(menu, QObject::tr("Crash broker %1").arg(id), QObject::tr("The process dies; the page cache survives"), f, apply);
    f.action = FaultAction::PowerLoss;
    add(menu, QObject::tr("Power off broker %1").arg(id), QObject::tr("The machine loses power: unflushed records are gone"), f, apply);
  } else {
    f.action = FaultAction::RestartBroker;
    add(menu, QObject::tr("Restart broker %1").arg(id), QObject::tr("Log recovery, then it rejoins and catches up"), f, apply);
  }
  if (b.isolated) {
    f.action = FaultAction::Heal;
    add(menu, QObject::tr("Heal broker %1's network").arg(id), QObject::tr("Restore every link to it"), f, apply);
  } else {
    f.action = FaultAction::IsolateBroker;
    add(menu, QObject::tr("Isolate broker %1").arg(id), QObject::tr("Cut every network link to it"), f, apply);
  }
  f.action = FaultAction::SlowBroker;
  if (b.extraDelay > 0) {
    f.extraDelay = 0;
    add(menu, QObject::tr("Back to normal speed"), QObject::tr("Remove the extra network delay"), f, apply);
  } else {
    f.extraDelay = 50 * model::kMillisecond;
    add(menu, QObject::tr("Slow broker %1 (+50 ms)").arg(id), QObject::tr("Every message to or from it takes 50 ms longer: watch it fall out of the ISR"), f, apply);
  }
  return 4;
}

int consumerFaults(QMenu &menu, const std::string &group, int member, bool application, const QString &memberName,
                   const ApplyFault &apply) {
  Fault f = make(FaultAction::KillConsumer);
  f.group = group;
  f.member = member;
  const QString name = QString::fromStdString(group);
  int n = 0;
  menu.addSection(name);
  if (member >= 0) {
    add(menu, QObject::tr("Kill %1").arg(memberName),
        application ? QObject::tr("The worker dies; its leases expire after failoverTimeMillis") : QObject::tr("The consumer dies without leaving; the group notices after session.timeout.ms"), f, apply);
    f.action = FaultAction::RemoveConsumer;
    add(menu, QObject::tr("Shut down %1 gracefully").arg(memberName), QObject::tr("Leaves at once (a rebalance follows)"), f, apply);
    n += 2;
  }
  f.action = FaultAction::AddConsumer;
  f.member = -1;
  add(menu, application ? QObject::tr("Add a worker to %1").arg(name) : QObject::tr("Add a consumer to %1").arg(name),
      QObject::tr("Joins and takes a share of the partitions or shards"), f, apply);
  return n + 1;
}

int shardFaults(QMenu &menu, const model::WorldView &w, int slot, const ApplyFault &apply) {
  const model::KinesisView &k = w.kinesis();
  const model::ShardView &s = k.shardAt(slot);
  const model::StreamView &stream = k.streams[static_cast<std::size_t>(s.stream)];
  menu.addSection(QString::fromStdString(s.name));
  if (!s.open) {
    menu.addAction(QObject::tr("Closed shards cannot be split or merged"))->setEnabled(false);
    return 0;
  }
  Fault f = make(FaultAction::SplitShard);
  f.stream = stream.name;
  f.shard = s.index;
  // Split in the middle of the range, as the AWS guide's example does.
  f.newStartingHashKey = model::decimalText(s.rangeStart + (s.rangeEnd - s.rangeStart) / 2 + 1);
  add(menu, QObject::tr("Split shard %1 in the middle").arg(s.index), QObject::tr("Two children, each with half the hash key range and the full write limit"), f, apply);
  int n = 1;
  for (int other : stream.shards) {
    const model::ShardView &o = k.shardAt(other);
    if (!o.open || other == slot || o.rangeStart != s.rangeEnd + 1)
      continue;
    Fault m = make(FaultAction::MergeShards);
    m.stream = stream.name;
    m.shard = s.index;
    m.adjacentShard = o.index;
    add(menu, QObject::tr("Merge with adjacent shard %1").arg(o.index), QObject::tr("One child covers both hash key ranges"), m, apply);
    ++n;
  }
  return n;
}

int zoneFaults(QMenu &menu, const model::WorldView &w, int z, const ApplyFault &apply) {
  Fault f = make(w.kinesis().zones[static_cast<std::size_t>(z)].up ? FaultAction::AzOutage : FaultAction::AzRestore);
  f.az = z;
  menu.addSection(QObject::tr("Availability zone %1").arg(QChar('a' + z)));
  add(menu, f.action == FaultAction::AzOutage ? QObject::tr("Take AZ %1 down").arg(QChar('a' + z)) : QObject::tr("Bring AZ %1 back").arg(QChar('a' + z)),
      QObject::tr("Kinesis keeps acknowledging from the other zones"), f, apply);
  return 1;
}

} // namespace

int addItemFaults(QMenu &menu, const model::WorldView &w, const model::WorldItem &item, const ApplyFault &apply) {
  switch (item.kind) {
  case Kind::Broker: return brokerFaults(menu, w, item.a, apply);
  case Kind::Replica:
  case Kind::LogCell: return brokerFaults(menu, w, item.b, apply);
  case Kind::Group: return consumerFaults(menu, w.kafka().groups.at(static_cast<std::size_t>(item.a)).name, -1, false, {}, apply);
  case Kind::Member: {
    const model::GroupView &g = w.kafka().groups.at(static_cast<std::size_t>(item.a));
    return consumerFaults(menu, g.name, item.b, false, QString::fromStdString(g.members.at(static_cast<std::size_t>(item.b)).id), apply);
  }
  case Kind::Application: return consumerFaults(menu, w.kinesis().apps.at(static_cast<std::size_t>(item.a)).name, -1, true, {}, apply);
  case Kind::Worker:
    return consumerFaults(menu, w.kinesis().apps.at(static_cast<std::size_t>(item.a)).name, item.b, true, QObject::tr("worker w%1").arg(item.b), apply);
  case Kind::Shard:
  case Kind::ShardRecord: return shardFaults(menu, w, item.a, apply);
  case Kind::Zone: return zoneFaults(menu, w, item.a, apply);
  default: return 0;
  }
}

void addWorldFaults(QMenu &menu, const model::WorldView &w, const ApplyFault &apply) {
  if (w.hasKafka()) {
    Fault f = make(FaultAction::PowerLoss);
    f.broker = -1;
    add(menu, QObject::tr("Power off every broker"), QObject::tr("A data-centre power cut: every record not yet flushed is gone"), f, apply);
    f.action = FaultAction::RestartBroker;
    add(menu, QObject::tr("Restart every stopped broker"), QObject::tr("Brokers that are down come back and recover their logs"), f, apply);
    f.action = FaultAction::Heal;
    add(menu, QObject::tr("Heal every network link"), QObject::tr("Undo every isolation"), f, apply);
  }
  add(menu, QObject::tr("Drop a record in flight"), QObject::tr("The next produce or PutRecords request to arrive is lost; its producer times out and retries"),
      make(FaultAction::DropMessage), apply);
  if (w.hasKinesis())
    for (int z = 0; z < model::kZones; ++z)
      zoneFaults(menu, w, z, apply);
}

} // namespace streamscope::ui
