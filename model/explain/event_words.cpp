#include "event_words.h"

#include "item_explainer.h"

#include <QObject>

namespace streamscope::model {
namespace {

using engine::EventType;
using engine::TransferKind;

QString transferWords(std::uint8_t sub) {
  switch (static_cast<TransferKind>(sub)) {
  case TransferKind::ProduceRequest: return QObject::tr("produce request");
  case TransferKind::ProduceResponse: return QObject::tr("produce response");
  case TransferKind::ReplicaFetchRequest: return QObject::tr("follower fetch");
  case TransferKind::ReplicaFetchResponse: return QObject::tr("follower fetch response");
  case TransferKind::ConsumerFetchRequest: return QObject::tr("consumer fetch");
  case TransferKind::ConsumerFetchResponse: return QObject::tr("consumer fetch response");
  case TransferKind::PutRecordsRequest: return QObject::tr("PutRecords request");
  case TransferKind::PutRecordsResponse: return QObject::tr("PutRecords response");
  case TransferKind::ZoneWrite: return QObject::tr("zone write");
  case TransferKind::ZoneAck: return QObject::tr("zone acknowledgement");
  case TransferKind::GetRecordsRequest: return QObject::tr("GetRecords request");
  case TransferKind::GetRecordsResponse: return QObject::tr("GetRecords response");
  case TransferKind::SubscribeToShardEvent: return QObject::tr("SubscribeToShard event");
  case TransferKind::MetadataFetchRequest: return QObject::tr("metadata fetch");
  case TransferKind::MetadataFetchResponse: return QObject::tr("metadata fetch response");
  case TransferKind::VoteRequest: return QObject::tr("vote request");
  case TransferKind::VoteResponse: return QObject::tr("vote response");
  case TransferKind::BeginQuorumEpoch: return QObject::tr("BeginQuorumEpoch");
  case TransferKind::BrokerHeartbeat: return QObject::tr("broker heartbeat");
  case TransferKind::AlterPartition: return QObject::tr("AlterPartition request");
  case TransferKind::UpdateMetadata: return QObject::tr("UpdateMetadata / LeaderAndIsr request");
  case TransferKind::TxnRequest: return QObject::tr("transaction request");
  case TransferKind::TxnResponse: return QObject::tr("transaction response");
  case TransferKind::TxnMarkerRequest: return QObject::tr("transaction marker");
  case TransferKind::TxnMarkerResponse: return QObject::tr("transaction marker response");
  }
  return QObject::tr("message");
}

/// How a leader was chosen, as words after "elected leader" (clean ISR elections say nothing).
QString electionWords(std::uint8_t sub) {
  switch (static_cast<engine::ElectionKind>(sub)) {
  case engine::ElectionKind::Isr: return QString();
  case engine::ElectionKind::Unclean: return QObject::tr(", uncleanly");
  case engine::ElectionKind::Elr: return QObject::tr(" from the eligible leader replicas");
  case engine::ElectionKind::LastKnownLeader: return QObject::tr(" as the last known leader");
  }
  return QString();
}

QString elrWords(const engine::Event &e, const QString &broker, const QString &part) {
  switch (static_cast<engine::ElrChange>(e.sub)) {
  case engine::ElrChange::Joined: return QObject::tr("%1 became an eligible leader replica%2").arg(broker, part);
  case engine::ElrChange::Left: return QObject::tr("%1 is no longer an eligible leader replica%2").arg(broker, part);
  case engine::ElrChange::LastKnownLeaderSet: return QObject::tr("the ISR is empty: %1 is the last known leader%2").arg(broker, part);
  case engine::ElrChange::LastKnownLeaderCleared: return QObject::tr("%1 is no longer the last known leader%2").arg(broker, part);
  }
  return QString();
}

bool isKafkaTransfer(std::uint8_t sub) { return sub <= static_cast<std::uint8_t>(TransferKind::ConsumerFetchResponse); }

QString partitionName(const engine::World &w, int p) {
  if (p < 0 || p >= static_cast<int>(w.kafka.partitions.size()))
    return QString();
  return QString::fromStdString(w.kafka.partitionName(p));
}

QString inPartition(const engine::World &w, int p) {
  const QString name = partitionName(w, p);
  return name.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(name);
}

QString broker(int id) { return QObject::tr("broker %1").arg(id); }

QString groupName(const engine::World &w, int g) {
  return g >= 0 && g < static_cast<int>(w.kafka.groups.size()) ? QString::fromStdString(w.kafka.groups[static_cast<std::size_t>(g)].config.group)
                                                               : QObject::tr("a group");
}

/// A member by its id ("billing-member-001"), or by number if the group is unknown.
QString memberName(const engine::World &w, int g, std::int64_t m) {
  if (g >= 0 && g < static_cast<int>(w.kafka.groups.size())) {
    const auto &members = w.kafka.groups[static_cast<std::size_t>(g)].members;
    if (m >= 0 && m < static_cast<std::int64_t>(members.size()))
      return QString::fromStdString(members[static_cast<std::size_t>(m)].id);
  }
  return QObject::tr("member %1").arg(m);
}

QString producerName(const engine::World &w, int producer) {
  if (producer < 0 || static_cast<std::size_t>(producer) >= w.kafka.producers.size())
    return QObject::tr("a producer");
  return QString::fromStdString(w.kafka.producers[static_cast<std::size_t>(producer)].config.name);
}

QString transactionStateWords(std::uint8_t sub) {
  switch (static_cast<engine::kafka::TxnState>(sub)) {
  case engine::kafka::TxnState::Open: return QObject::tr("open");
  case engine::kafka::TxnState::Ongoing: return QObject::tr("ongoing");
  case engine::kafka::TxnState::PrepareCommit: return QObject::tr("PrepareCommit written, markers next");
  case engine::kafka::TxnState::PrepareAbort: return QObject::tr("PrepareAbort written, markers next");
  case engine::kafka::TxnState::CompleteCommit: return QObject::tr("committed");
  case engine::kafka::TxnState::CompleteAbort: return QObject::tr("aborted");
  }
  return {};
}

QString errorWords(std::uint8_t sub) {
  return QString::fromUtf8(engine::errorCodeName(static_cast<engine::ErrorCode>(sub)).data(),
                           static_cast<qsizetype>(engine::errorCodeName(static_cast<engine::ErrorCode>(sub)).size()));
}

std::int64_t watermarkBefore(const Watermarks &before, const engine::World &w, const engine::Event &e) {
  if (e.partition < 0 || static_cast<std::size_t>(e.partition) >= before.size() || e.partition >= static_cast<int>(w.kafka.partitions.size()))
    return -1;
  const int slot = w.kafka.partitions[static_cast<std::size_t>(e.partition)].slotOf(e.node);
  const auto &hws = before[static_cast<std::size_t>(e.partition)];
  return slot >= 0 && static_cast<std::size_t>(slot) < hws.size() ? hws[static_cast<std::size_t>(slot)] : -1;
}

/// What an event caused, briefly, after the step's first event.
QString consequence(const engine::Event &e, const engine::World &w, const Watermarks &before) {
  switch (e.type) {
  case EventType::HighWatermark: {
    const std::int64_t was = watermarkBefore(before, w, e);
    return was >= 0 && was != e.a ? QObject::tr("HW %1 → %2").arg(was).arg(e.a) : QObject::tr("HW %1").arg(e.a);
  }
  case EventType::Appended: return QObject::tr("%n record(s) appended at offset %1", nullptr, static_cast<int>(e.b)).arg(e.a);
  case EventType::TransferStarted: return QObject::tr("%1 sent to %2").arg(transferWords(e.sub), nodeName(w, e.peer));
  default: return describeEvent(e, w);
  }
}

} // namespace

Watermarks watermarks(const engine::World &world) {
  Watermarks out;
  out.reserve(world.kafka.partitions.size());
  for (const auto &p : world.kafka.partitions) {
    std::vector<std::int64_t> hws;
    hws.reserve(p.logs.size());
    for (const auto &log : p.logs)
      hws.push_back(log.highWatermark());
    out.push_back(std::move(hws));
  }
  return out;
}

QString describeEvent(const engine::Event &e, const engine::World &w) {
  const QString part = inPartition(w, e.partition);
  const int n = static_cast<int>(e.b);
  switch (e.type) {
  case EventType::RecordProduced: return QObject::tr("%1 created %n record(s)%2", nullptr, n).arg(nodeName(w, e.node), part);
  case EventType::TransferStarted: return QObject::tr("%1 left %2 for %3").arg(transferWords(e.sub), nodeName(w, e.node), nodeName(w, e.peer));
  case EventType::TransferArrived:
    return QObject::tr("%1 from %2 arrived at %3%4")
        .arg(transferWords(e.sub), nodeName(w, e.node), nodeName(w, e.peer), isKafkaTransfer(e.sub) ? part : QString());
  case EventType::TransferDropped:
    return QObject::tr("%1 from %2 to %3 was lost").arg(transferWords(e.sub), nodeName(w, e.node), nodeName(w, e.peer));
  case EventType::Appended: return QObject::tr("%1 appended %n record(s) at offset %2%3", nullptr, n).arg(broker(e.node)).arg(e.a).arg(part);
  case EventType::Flushed: return QObject::tr("%1 flushed to offset %2%3").arg(broker(e.node)).arg(e.a).arg(part);
  case EventType::HighWatermark: return QObject::tr("%1 moved its HW to %2%3").arg(broker(e.node)).arg(e.a).arg(part);
  case EventType::IsrShrunk: return QObject::tr("%1 left the ISR%2").arg(broker(e.peer), part);
  case EventType::IsrExpanded: return QObject::tr("%1 joined the ISR%2").arg(broker(e.peer), part);
  case EventType::LeaderElected: return QObject::tr("%1 elected leader%2%3 (epoch %4)").arg(broker(e.node), electionWords(e.sub), part).arg(e.a);
  case EventType::ElrChanged: return elrWords(e, broker(e.peer), part);
  case EventType::PartitionOffline: return QObject::tr("no leader left: partition offline%1").arg(part);
  case EventType::Truncated: return QObject::tr("%1 truncated %n record(s)%2", nullptr, n).arg(broker(e.node), part);
  case EventType::Acked: return QObject::tr("%1 got an acknowledgement for %n record(s)%2", nullptr, n).arg(nodeName(w, e.node), part);
  case EventType::ProduceFailed: return QObject::tr("%1 failed to send %n record(s): %2", nullptr, n).arg(nodeName(w, e.node), errorWords(e.sub));
  case EventType::ProduceRetried: return QObject::tr("%1 will retry %n record(s): %2", nullptr, n).arg(nodeName(w, e.node), errorWords(e.sub));
  case EventType::Fetched: return QObject::tr("%1 received %n record(s)%2", nullptr, n).arg(nodeName(w, e.node), part);
  case EventType::Committed: return QObject::tr("%1 committed offset %2").arg(nodeName(w, e.node)).arg(e.a);
  case EventType::Rebalanced: return QObject::tr("group rebalanced: generation %1, %n member(s)", nullptr, n).arg(e.a);
  case EventType::GroupEpochBumped:
    return QObject::tr("coordinator of %1: group epoch %2, new target assignment for %n member(s)", nullptr, n)
        .arg(groupName(w, e.partition))
        .arg(e.a);
  case EventType::PartitionsRevoked:
    return QObject::tr("%1 revoked %n partition(s) not in its target; it acknowledges in its next heartbeat", nullptr, n)
        .arg(memberName(w, e.partition, e.a));
  case EventType::PartitionsAssigned:
    return QObject::tr("%1 was given %n free partition(s) of its target", nullptr, n).arg(memberName(w, e.partition, e.a));
  case EventType::MemberEpochChanged: return QObject::tr("%1 reconciled to member epoch %2").arg(memberName(w, e.partition, e.a)).arg(e.b);
  case EventType::MemberFenced: return QObject::tr("%1 fenced: its session timed out, its partitions are free").arg(memberName(w, e.partition, e.a));
  case EventType::BrokerCrashed: return QObject::tr("%1 crashed").arg(broker(e.node));
  case EventType::BrokerPowerLost: return QObject::tr("%1 lost power").arg(broker(e.node));
  case EventType::BrokerRestarted: return QObject::tr("%1 restarted").arg(broker(e.node));
  case EventType::RecordsLost: return QObject::tr("%n acknowledged record(s) lost%1", nullptr, n).arg(part);
  case EventType::Throttled: return QObject::tr("%1 throttled (ProvisionedThroughputExceeded)").arg(nodeName(w, e.node));
  case EventType::ControllerElected:
    return w.kafka.metadata.zookeeper ? QObject::tr("%1 won the /controller election (controller epoch %2)").arg(broker(e.node)).arg(e.a)
                                      : QObject::tr("controller %1 became the active controller (epoch %2)").arg(e.node).arg(e.a);
  case EventType::ControllerCandidate: return QObject::tr("controller %1 stands for election in epoch %2").arg(e.node).arg(e.a);
  case EventType::ControllerResigned: return QObject::tr("controller %1 stopped leading (epoch %2)").arg(e.node).arg(e.a);
  case EventType::ControllerLoaded:
    return QObject::tr("%1 loaded the metadata of %n partition(s) and now acts as controller", nullptr, n).arg(broker(e.node));
  case EventType::MetadataCommitted: return QObject::tr("metadata committed up to offset %1 (%n new entr(ies))", nullptr, n).arg(e.a);
  case EventType::MetadataApplied: return QObject::tr("%1 applied metadata up to offset %2").arg(broker(e.node)).arg(e.a);
  case EventType::TransactionChanged:
    return QObject::tr("transaction %1 of %2: %3").arg(e.a).arg(producerName(w, static_cast<int>(e.b)), transactionStateWords(e.sub));
  case EventType::MarkerWritten:
    return QObject::tr("%1 wrote the %2 marker of transaction %3 at offset %4%5")
        .arg(broker(e.node), e.sub ? QObject::tr("commit") : QObject::tr("abort"))
        .arg(e.b)
        .arg(e.a)
        .arg(part);
  case EventType::ProducerFenced: return QObject::tr("%1 was fenced: a newer instance holds its transactional.id").arg(nodeName(w, e.node));
  case EventType::ProducerCrashed: return QObject::tr("%1 crashed").arg(nodeName(w, e.node));
  case EventType::ProducerRestarted: return QObject::tr("%1 restarted as instance %2").arg(nodeName(w, e.node)).arg(e.b);
  case EventType::ZombieReturned: return QObject::tr("%1's old instance %2 came back and sent what it held").arg(nodeName(w, e.node)).arg(e.b);
  case EventType::StreamStatusChanged: {
    const QString stream = e.a >= 0 && e.a < static_cast<std::int64_t>(w.kinesis.streams.size())
        ? QString::fromStdString(w.kinesis.streams[static_cast<std::size_t>(e.a)].config.name)
        : QString::number(e.a);
    const bool scaleUp = e.sub == static_cast<std::uint8_t>(engine::kinesis::StreamUpdateKind::OnDemandScaleUp);
    if (e.b != 0)
      return scaleUp ? QObject::tr("stream %1 is UPDATING: Kinesis is adding shards").arg(stream)
                     : QObject::tr("stream %1 is UPDATING: the change applies when it completes").arg(stream);
    return QObject::tr("stream %1 is ACTIVE again").arg(stream);
  }
  default: {
    const auto name = engine::eventTypeName(e.type);
    const QString words = QString::fromUtf8(name.data(), static_cast<qsizetype>(name.size())).replace(QLatin1Char('_'), QLatin1Char(' '));
    return e.node >= 0 ? QStringLiteral("%1: %2").arg(nodeName(w, e.node), words) : words;
  }
  }
}

QString describeEvents(const std::vector<engine::Event> &events, const engine::World &world, const Watermarks &before) {
  if (events.empty())
    return QString();
  QStringList parts{describeEvent(events.front(), world)};
  constexpr std::size_t kShown = 3;
  for (std::size_t i = 1; i < events.size() && i < kShown; ++i)
    parts << consequence(events[i], world, before);
  if (events.size() > kShown)
    parts << QObject::tr("%n more event(s)", nullptr, static_cast<int>(events.size() - kShown));
  return parts.join(QStringLiteral(", "));
}

QString stepWords(const StepRecord &step, const engine::World &world, const Watermarks &before) {
  QString what = step.actions.isEmpty() ? describeEvents(step.events, world, before)
                                        : QObject::tr("your action: %1").arg(step.actions.join(QStringLiteral(" · ")));
  if (what.isEmpty())
    what = QObject::tr("nothing (the end of the run)");
  return step.undone ? QObject::tr("Back: undid %1").arg(what) : QObject::tr("Step: %1").arg(what);
}

} // namespace streamscope::model
