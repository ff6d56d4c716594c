#include "explain_group_protocol.h"

#include "engine/kafka/consumer_protocol.h"

namespace streamscope::model {
namespace {

using namespace engine::kafka;

QString seconds(engine::SimTime t) { return QObject::tr("%1 s").arg(engine::toMs(t) / 1000.0, 0, 'g', 3); }

/// "0, 2, 5" or "none".
QString partitionList(const ConsumerGroup &g, const auto &keep) {
  QStringList out;
  for (std::size_t i = 0; i < g.parts.size(); ++i)
    if (keep(g.parts[i]))
      out << QString::number(i);
  return out.isEmpty() ? QObject::tr("none") : out.join(QStringLiteral(", "));
}

} // namespace

QList<QPair<QString, QString>> groupProtocolFacts(const ConsumerGroup &g) {
  const bool consumer = g.config.protocol == engine::GroupProtocol::Consumer;
  QString assignor;
  switch (g.config.assignor) {
  case engine::AssignorKind::Range: assignor = consumer ? QObject::tr("range (on the coordinator)") : QObject::tr("range (eager)"); break;
  case engine::AssignorKind::CooperativeSticky: assignor = QObject::tr("cooperative-sticky"); break;
  case engine::AssignorKind::Uniform: assignor = QObject::tr("uniform (on the coordinator)"); break;
  }
  QList<QPair<QString, QString>> facts = {{QObject::tr("Protocol"),
                                           consumer ? QObject::tr("consumer (KIP-848): the coordinator assigns, members reconcile on heartbeats")
                                                    : QObject::tr("classic: the group leader runs the assignor in each rebalance")},
                                          {QObject::tr("Assignor"), assignor}};
  if (consumer) {
    facts.append({QObject::tr("Group epoch"), QString::number(g.groupEpoch)});
    facts.append({QObject::tr("Heartbeat, session"),
                  QObject::tr("every %1, expires after %2").arg(seconds(g.config.heartbeatInterval), seconds(g.config.sessionTimeout))});
  }
  return facts;
}

QString consumerProtocolGroupWhy(const ConsumerGroup &g) {
  for (std::size_t m = 0; m < g.members.size(); ++m)
    if (g.members[m].inGroup && reconciliationOf(g, static_cast<int>(m)) != Reconciliation::Stable)
      return QObject::tr("Members are reconciling to group epoch %1. At its next heartbeat each member revokes what its target no longer holds, "
                         "and acknowledges one round trip later; only then does the coordinator hand those partitions on, at their new "
                         "owners' next heartbeats. Every other partition keeps its reader: there is no group-wide pause.")
          .arg(g.groupEpoch);
  return QObject::tr("Every member owns exactly its target assignment. A join, a leave or an expired session bumps the group epoch and the "
                     "coordinator computes a new target; only the partitions that move stop.");
}

QList<QPair<QString, QString>> consumerProtocolMemberFacts(const engine::World &w, const ConsumerGroup &g, int mi) {
  const Member &m = g.members.at(static_cast<std::size_t>(mi));
  QString state;
  switch (reconciliationOf(g, mi)) {
  case Reconciliation::Stable: state = QObject::tr("stable: owns its whole target"); break;
  case Reconciliation::Revoking: state = QObject::tr("revoking: gave up partitions, acknowledges in its next heartbeat"); break;
  case Reconciliation::Waiting: state = QObject::tr("awaiting partitions still owned by others or not yet handed over"); break;
  }
  QList<QPair<QString, QString>> facts = {
      {QObject::tr("Member epoch"), QObject::tr("%1 (group epoch %2)").arg(m.epoch).arg(g.groupEpoch)},
      {QObject::tr("Target"), partitionList(g, [&](const GroupPartition &gp) { return gp.target == mi; })},
      {QObject::tr("Revoking"), partitionList(g, [&](const GroupPartition &gp) { return gp.owner == mi && (gp.revoking || gp.target != mi); })},
      {QObject::tr("Reconciliation"), m.inGroup ? state : QObject::tr("not in the group")}};
  if (m.lastHeartbeat >= 0)
    facts.append({QObject::tr("Last heartbeat"), QObject::tr("%1 ago").arg(seconds(w.now - m.lastHeartbeat))});
  return facts;
}

QString consumerProtocolMemberWhy(const ConsumerGroup &g, int mi) {
  const Member &m = g.members.at(static_cast<std::size_t>(mi));
  if (!m.alive && m.inGroup)
    return QObject::tr("Killed without leaving: the coordinator fences it when group.consumer.session.timeout.ms (%1) has passed since its last "
                       "heartbeat; its partitions are then free for their new owners' next heartbeats.")
        .arg(seconds(g.config.sessionTimeout));
  switch (reconciliationOf(g, mi)) {
  case Reconciliation::Revoking:
    return QObject::tr("Its target no longer holds some of its partitions: it committed them and stopped fetching; the coordinator gives them to "
                       "another member only after this member acknowledges.");
  case Reconciliation::Waiting:
    return QObject::tr("Its target holds partitions it does not own yet: each is handed over at one of its heartbeats once its old owner has "
                       "revoked and acknowledged it.");
  case Reconciliation::Stable: break;
  }
  return QObject::tr("Fetches its partitions from their leaders and heartbeats every %1; nothing to reconcile.")
      .arg(seconds(g.config.heartbeatInterval));
}

} // namespace streamscope::model
