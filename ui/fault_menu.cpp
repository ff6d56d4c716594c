#include "fault_menu.h"

#include <algorithm>

namespace streamscope::ui {
namespace {

using model::Fault;
using Kind = model::WorldItem::Kind;

void add(QMenu &menu, const QString &text, const QString &tip, const Fault &fault, const ApplyFault &apply) {
  QAction *a = menu.addAction(text);
  a->setToolTip(tip);
  a->setStatusTip(tip);
  QObject::connect(a, &QAction::triggered, &menu, [fault, apply] { apply(fault); });
}

/// A fault for now: the controller stamps the time it takes effect.
Fault make(model::FaultSpec what) { return Fault{0, std::move(what)}; }

int brokerFaults(QMenu &menu, const model::WorldView &w, int id, const ApplyFault &apply) {
  const model::BrokerView &b = w.kafka().brokers.at(static_cast<std::size_t>(id));
  menu.addSection(QObject::tr("Broker %1").arg(id));
  if (b.running()) {
    add(menu, QObject::tr("Crash broker %1").arg(id), QObject::tr("The process dies; the page cache survives"), make(model::CrashBroker{id}), apply);
    add(menu, QObject::tr("Power off broker %1").arg(id), QObject::tr("The machine loses power: unflushed records are gone"),
        make(model::PowerLoss{id}), apply);
  } else {
    add(menu, QObject::tr("Restart broker %1").arg(id), QObject::tr("Log recovery, then it rejoins and catches up"), make(model::RestartBroker{id}),
        apply);
  }
  if (b.isolated) {
    add(menu, QObject::tr("Heal broker %1's network").arg(id), QObject::tr("Restore every link to it"), make(model::Heal{id}), apply);
  } else {
    add(menu, QObject::tr("Isolate broker %1").arg(id), QObject::tr("Cut every network link to it"), make(model::IsolateBroker{id}), apply);
  }
  if (b.extraDelay > 0) {
    add(menu, QObject::tr("Back to normal speed"), QObject::tr("Remove the extra network delay"), make(model::SlowBroker{id, 0}), apply);
  } else {
    add(menu, QObject::tr("Slow broker %1 (+50 ms)").arg(id),
        QObject::tr("Every message to or from it takes 50 ms longer: watch it fall out of the ISR"),
        make(model::SlowBroker{id, 50 * model::kMillisecond}), apply);
  }
  return 4;
}

int consumerFaults(QMenu &menu, const std::string &group, int member, bool application, const QString &memberName, const ApplyFault &apply) {
  const QString name = QString::fromStdString(group);
  int n = 0;
  menu.addSection(name);
  if (member >= 0) {
    add(menu, QObject::tr("Kill %1").arg(memberName),
        application ? QObject::tr("The worker dies; its leases expire after failoverTimeMillis")
                    : QObject::tr("The consumer dies without leaving; the group notices after session.timeout.ms"),
        make(model::KillConsumer{group, member}), apply);
    add(menu, QObject::tr("Shut down %1 gracefully").arg(memberName), QObject::tr("Leaves at once (a rebalance follows)"),
        make(model::RemoveConsumer{group, member}), apply);
    n += 2;
  }
  add(menu, application ? QObject::tr("Add a worker to %1").arg(name) : QObject::tr("Add a consumer to %1").arg(name),
      QObject::tr("Joins and takes a share of the partitions or shards"), make(model::AddConsumer{group}), apply);
  return n + 1;
}

/// The stream's capacity: UpdateShardCount within its bounds (at most double, at least half)
/// and the mode switch. Kinesis refuses them while the stream is UPDATING: offered anyway, so
/// the refusal can be seen in refused_faults.
int streamFaults(QMenu &menu, const model::WorldView &w, int s, const ApplyFault &apply) {
  const model::StreamView &stream = w.kinesis().streams.at(static_cast<std::size_t>(s));
  menu.addSection(QObject::tr("Stream %1").arg(QString::fromStdString(stream.name)));
  int n = 0;
  if (!stream.onDemand) {
    const int twice = std::min(stream.openShards * 2, 10000);
    const int half = (stream.openShards + 1) / 2;
    add(menu, QObject::tr("Update shard count to %1 (double)").arg(twice),
        QObject::tr("UpdateShardCount: Kinesis splits shards evenly; the stream is UPDATING meanwhile"),
        make(model::UpdateShardCount{stream.name, twice}), apply);
    ++n;
    if (half < stream.openShards) {
      add(menu, QObject::tr("Update shard count to %1 (half)").arg(half),
          QObject::tr("UpdateShardCount: Kinesis merges adjacent shards; the stream is UPDATING meanwhile"),
          make(model::UpdateShardCount{stream.name, half}), apply);
      ++n;
    }
  }
  add(menu, stream.onDemand ? QObject::tr("Switch to provisioned capacity") : QObject::tr("Switch to on-demand capacity"),
      stream.onDemand ? QObject::tr("UpdateStreamMode: the stream keeps its shards and you reshard it yourself from now on")
                      : QObject::tr("UpdateStreamMode: Kinesis adds shards as the write peak grows (at most two switches in 24 hours)"),
      make(model::SwitchCapacityMode{stream.name, stream.onDemand ? model::CapacityMode::Provisioned : model::CapacityMode::OnDemand}), apply);
  return n + 1;
}

int shardFaults(QMenu &menu, const model::WorldView &w, int slot, const ApplyFault &apply) {
  const model::KinesisView &k = w.kinesis();
  const model::ShardView &s = k.shardAt(slot);
  const model::StreamView &stream = k.streams[static_cast<std::size_t>(s.stream)];
  menu.addSection(QString::fromStdString(s.name));
  if (!s.open) {
    menu.addAction(QObject::tr("Closed shards cannot be split or merged"))->setEnabled(false);
    return streamFaults(menu, w, s.stream, apply);
  }
  // Split in the middle of the range, as the AWS guide's example does.
  const Fault split = make(model::SplitShard{stream.name, s.index, model::decimalText(s.rangeStart + (s.rangeEnd - s.rangeStart) / 2 + 1)});
  add(menu, QObject::tr("Split shard %1 in the middle").arg(s.index),
      QObject::tr("Two children, each with half the hash key range and the full write limit"), split, apply);
  int n = 1;
  for (int other : stream.shards) {
    const model::ShardView &o = k.shardAt(other);
    if (!o.open || other == slot || o.rangeStart != s.rangeEnd + 1)
      continue;
    add(menu, QObject::tr("Merge with adjacent shard %1").arg(o.index), QObject::tr("One child covers both hash key ranges"),
        make(model::MergeShards{stream.name, s.index, o.index}), apply);
    ++n;
  }
  return n + streamFaults(menu, w, s.stream, apply);
}

int zoneFaults(QMenu &menu, const model::WorldView &w, int z, const ApplyFault &apply) {
  const bool up = w.kinesis().zones[static_cast<std::size_t>(z)].up;
  menu.addSection(QObject::tr("Availability zone %1").arg(QChar('a' + z)));
  add(menu, up ? QObject::tr("Take AZ %1 down").arg(QChar('a' + z)) : QObject::tr("Bring AZ %1 back").arg(QChar('a' + z)),
      QObject::tr("Kinesis keeps acknowledging from the other zones"), up ? make(model::AzOutage{z}) : make(model::AzRestore{z}), apply);
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
  case Kind::ShareGroup: return consumerFaults(menu, w.kafka().shareGroups.at(static_cast<std::size_t>(item.a)).name, -1, false, {}, apply);
  case Kind::ShareMember: {
    const model::ShareGroupView &g = w.kafka().shareGroups.at(static_cast<std::size_t>(item.a));
    return consumerFaults(menu, g.name, item.b, false, QString::fromStdString(g.members.at(static_cast<std::size_t>(item.b)).id), apply);
  }
  case Kind::Application: return consumerFaults(menu, w.kinesis().apps.at(static_cast<std::size_t>(item.a)).name, -1, true, {}, apply);
  case Kind::Worker:
    return consumerFaults(menu, w.kinesis().apps.at(static_cast<std::size_t>(item.a)).name, item.b, true, QObject::tr("worker w%1").arg(item.b),
                          apply);
  case Kind::Shard:
  case Kind::ShardRecord: return shardFaults(menu, w, item.a, apply);
  case Kind::Zone: return zoneFaults(menu, w, item.a, apply);
  case Kind::Stream: return streamFaults(menu, w, item.a, apply);
  default: return 0;
  }
}

void addWorldFaults(QMenu &menu, const model::WorldView &w, const ApplyFault &apply, const SharedFaultActions &shared) {
  if (w.hasKafka()) {
    menu.addAction(shared.powerOffAll);
    add(menu, QObject::tr("Restart Every Stopped Broker"), QObject::tr("Brokers that are down come back and recover their logs"),
        make(model::RestartBroker{-1}), apply);
    add(menu, QObject::tr("Heal Every Network Link"), QObject::tr("Undo every isolation"), make(model::Heal{-1}), apply);
  }
  menu.addAction(shared.dropRecord);
  add(menu, QObject::tr("Drop a Response in Flight"),
      QObject::tr("The server stored the records but its answer is lost: the producer times out and sends them again"), make(model::DropResponse{}),
      apply);
  if (!w.hasKinesis())
    return;
  for (int z = 0; z < model::kZones; ++z)
    zoneFaults(menu, w, z, apply);
  for (std::size_t s = 0; s < w.kinesis().streams.size(); ++s)
    streamFaults(menu, w, static_cast<int>(s), apply);
}

} // namespace streamscope::ui
