// Inspector words for a KRaft controller: its Raft role, epoch and log, and why.
#include "item_explainer.h"

namespace streamscope::model {
namespace {

using namespace engine::kafka;

QString num(std::int64_t n) { return QLocale().toString(static_cast<qlonglong>(n)); }

QString roleWords(const engine::World &w, const Controller &c) {
  if (!c.running)
    return QObject::tr("offline");
  if (w.net.isIsolated(c.node))
    return QObject::tr("isolated");
  switch (c.role) {
  case ControllerRole::Leader: return QObject::tr("leader (the active controller)");
  case ControllerRole::Candidate: return QObject::tr("candidate");
  case ControllerRole::Follower: break;
  }
  return QObject::tr("follower");
}

} // namespace

Explanation explainController(const engine::World &w, int index) {
  const MetadataState &m = w.kafka.metadata;
  if (index < 0 || static_cast<std::size_t>(index) >= m.controllers.size())
    return {QObject::tr("Gone"), {}, QObject::tr("This item no longer exists in the simulation.")};
  const Controller &c = m.controllers[static_cast<std::size_t>(index)];
  const int majority = static_cast<int>(m.controllers.size()) / 2 + 1;
  Explanation e{QObject::tr("Controller %1").arg(c.id), {}, {}};
  e.facts = {{QObject::tr("Role"), roleWords(w, c)},
             {QObject::tr("Epoch"), num(c.epoch)},
             {QObject::tr("Metadata log end"), num(c.logEnd(m.base))},
             {QObject::tr("Committed (as it knows)"), num(c.committed)},
             {QObject::tr("Committed (quorum)"), num(m.committed())}};
  if (c.broker >= 0)
    e.facts.append({QObject::tr("Runs in"), QObject::tr("broker %1 (combined mode)").arg(c.broker)});
  if (!c.running)
    e.why = QObject::tr("Its process is down. Its log and vote are on disk; it rejoins as a follower. The quorum needs %1 of %2 controllers to "
                        "commit anything: fewer, and no broker is fenced, no leader elected, no ISR changed.")
                .arg(majority)
                .arg(m.controllers.size());
  else if (c.role == ControllerRole::Leader)
    e.why = QObject::tr("The Raft leader of epoch %1 is the active controller: brokers heartbeat to it and fetch the metadata log from it. Its "
                        "decisions are records; one is committed once %2 of %3 controllers hold it, and a broker acts on it when its own copy "
                        "reaches it.")
                .arg(c.epoch)
                .arg(majority)
                .arg(m.controllers.size());
  else if (c.role == ControllerRole::Candidate)
    e.why = QObject::tr("It heard nothing from a leader for controller.quorum.fetch.timeout.ms and asks for votes in epoch %1; it needs %2. A "
                        "controller votes once per epoch, and only for a log at least as up to date as its own.")
                .arg(c.epoch)
                .arg(majority);
  else
    e.why = QObject::tr("A voter: it copies the leader's metadata log by fetching, and its fetch offsets tell the leader what a majority holds. "
                        "If it hears nothing from the leader for controller.quorum.fetch.timeout.ms it stands for election.");
  return e;
}

} // namespace streamscope::model
