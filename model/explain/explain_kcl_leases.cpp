#include "explain_kcl_leases.h"

#include "engine/kinesis/kcl_lease_assignment.h"

namespace streamscope::model {
namespace {

using namespace engine::kinesis;

QString num(std::int64_t n) { return QLocale().toString(static_cast<qlonglong>(n)); }
QString seconds(engine::SimTime t) { return QObject::tr("%1 s").arg(engine::toMs(t) / 1000.0, 0, 'f', 1); }
QString kib(std::int64_t bytesPerSecond) { return QObject::tr("%1 KiB/s").arg(static_cast<double>(bytesPerSecond) / 1024.0, 0, 'f', 1); }
const Application &appAt(const engine::World &w, int a) { return w.kinesis.apps.at(static_cast<std::size_t>(a)); }

} // namespace

QList<QPair<QString, QString>> leaseAssignmentFacts(const engine::World &w, int a) {
  const Application &app = appAt(w, a);
  QList<QPair<QString, QString>> facts;
  if (kcl3::leaderAssigns(app)) {
    const int leader = kcl3::liveLeader(app);
    facts.append({QObject::tr("Lease assignment"), QObject::tr("KCL 3: an elected leader assigns by load")});
    facts.append({QObject::tr("Leader"),
                  leader >= 0           ? QObject::tr("w%1").arg(leader)
                      : app.leader >= 0 ? QObject::tr("none: dead w%1 still holds the lock").arg(app.leader)
                                        : QObject::tr("none yet")});
  } else {
    facts.append({QObject::tr("Lease assignment"), QObject::tr("KCL 2: each worker takes free leases and steals from the busiest")});
  }
  facts.append({QObject::tr("Lease moves"), num(app.leaseMoves)});
  facts.append({QObject::tr("Redelivered"), num(app.duplicates)});
  return facts;
}

QString leaseAssignmentWhy(const engine::World &w, int a) {
  const Application &app = appAt(w, a);
  if (!kcl3::leaderAssigns(app))
    return QObject::tr("KCL 2: every %1 each worker counts the leases and takes free or expired ones up to its fair share; if none is free it "
                       "steals one from the worker holding the most. The old owner gets no warning: what it processed after its last "
                       "checkpoint is processed again by the thief.")
        .arg(seconds(2 * app.config.failoverTime));
  return QObject::tr("KCL 3: the worker holding the leader lock (coordinator-state table) assigns every lease every %1: free and expired "
                     "leases to the least loaded workers, and every third run it moves load off any worker more than %2% above the "
                     "average, %3% of its excess at a time. A move is a graceful handoff: the owner checkpoints at its last processed "
                     "record and the new owner starts right after it, so nothing is processed twice. Only a crash redelivers (since the "
                     "last checkpoint). A crashed leader keeps the lock for %4, and until a new leader takes it nobody reassigns leases. "
                     "Load is each lease's throughput; the worker's CPU is StreamScope's model: load over %5.")
      .arg(seconds(kcl3::assignmentInterval(app)))
      .arg(app.config.rebalanceThresholdPercent)
      .arg(app.config.dampeningPercent)
      .arg(seconds(app.config.leaderLockLease))
      .arg(kib(app.config.cpuCapacityBytesPerSecond));
}

QList<QPair<QString, QString>> workerLoadFacts(const engine::World &w, int a, int wi) {
  const Application &app = appAt(w, a);
  if (!kcl3::leaderAssigns(app))
    return {};
  int handingOver = 0;
  for (const Lease &l : app.leases)
    handingOver += l.owner == wi && l.handoffTo >= 0 ? 1 : 0;
  QList<QPair<QString, QString>> facts{{QObject::tr("Leader"), kcl3::liveLeader(app) == wi ? QObject::tr("yes (holds the lock)") : QObject::tr("no")},
                                       {QObject::tr("Load"), kib(kcl3::workerLoad(app, wi))},
                                       {QObject::tr("CPU (model)"), QObject::tr("%1%").arg(kcl3::workerCpuPercent(app, wi))}};
  if (handingOver > 0)
    facts.append({QObject::tr("Handing over"), QObject::tr("%n lease(s), at its next renewal", nullptr, handingOver)});
  return facts;
}

QString workerLeaseWhy(const engine::World &w, int a, int wi) {
  const Application &app = appAt(w, a);
  const Worker &worker = app.workers.at(static_cast<std::size_t>(wi));
  if (!kcl3::leaderAssigns(app) || worker.alive)
    return {};
  if (app.leader == wi)
    return QObject::tr(" It held the leader lock: no lease moves until the lock's lease (%1) has passed since its last heartbeat and "
                       "another worker's assignment run takes it.")
        .arg(seconds(app.config.leaderLockLease));
  return QObject::tr(" The leader reassigns its expired leases at its next assignment run.");
}

} // namespace streamscope::model
