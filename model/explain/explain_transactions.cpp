#include "explain_transactions.h"

namespace streamscope::model {
namespace {

using namespace engine::kafka;

QString num(std::int64_t n) { return QLocale().toString(static_cast<qlonglong>(n)); }
QString ms(engine::SimTime t) { return QObject::tr("%1 ms").arg(engine::toMs(t), 0, 'f', 1); }

QString stateText(TxnState s) {
  switch (s) {
  case TxnState::Open: return QObject::tr("open, not yet known to the coordinator");
  case TxnState::Ongoing: return QObject::tr("ongoing");
  case TxnState::PrepareCommit: return QObject::tr("committing (PrepareCommit)");
  case TxnState::PrepareAbort: return QObject::tr("aborting (PrepareAbort)");
  case TxnState::CompleteCommit: return QObject::tr("committed");
  case TxnState::CompleteAbort: return QObject::tr("aborted");
  }
  return {};
}

QString causeText(AbortCause c) {
  switch (c) {
  case AbortCause::Chosen: return QObject::tr("the application chose to abort");
  case AbortCause::Failed: return QObject::tr("a send in it failed");
  case AbortCause::Fenced: return QObject::tr("a newer instance of the producer fenced it");
  case AbortCause::TimedOut: return QObject::tr("it exceeded transaction.timeout.ms");
  case AbortCause::None: break;
  }
  return {};
}

QString phaseText(TxnPhase p) {
  switch (p) {
  case TxnPhase::Initialising: return QObject::tr("initialising (InitProducerId sent)");
  case TxnPhase::Ready: return QObject::tr("ready: begins a transaction with its next record");
  case TxnPhase::Open: return QObject::tr("in a transaction");
  case TxnPhase::Ending: return QObject::tr("ending its transaction (flush, then EndTxn)");
  case TxnPhase::Fenced: return QObject::tr("fenced: a newer instance holds its transactional.id");
  }
  return {};
}

const Transaction *txnAt(const engine::World &w, std::int32_t txn) {
  return txn >= 0 && static_cast<std::size_t>(txn) < w.kafka.transactions.size() ? &w.kafka.transactions[static_cast<std::size_t>(txn)] : nullptr;
}

bool isInternal(const engine::World &w, int p) { return w.kafka.partitions[static_cast<std::size_t>(p)].topic == w.kafka.txnStateTopic; }

} // namespace

QString transactionText(const engine::World &w, std::int32_t txn) {
  const Transaction *t = txnAt(w, txn);
  if (!t)
    return QObject::tr("none");
  return QObject::tr("transaction %1 (%2, %n record(s))", nullptr, t->records).arg(txn).arg(stateText(t->state));
}

void addPartitionTransactions(Explanation &e, const engine::World &w, int p, int broker) {
  const KafkaState &k = w.kafka;
  const Partition &part = k.partitions[static_cast<std::size_t>(p)];
  bool seen = !part.openTxns.empty();
  for (const Transaction &t : k.transactions)
    for (int q : t.partitions)
      seen = seen || q == p;
  if (!seen || part.leader < 0)
    return;
  const Offset hw = part.logOf(part.leader).highWatermark();
  const Offset lso = part.lastStableOffset(hw);
  QStringList open;
  for (const OpenTxn &o : part.openTxns)
    open << (o.marker >= 0 ? QObject::tr("%1 from offset %2, marker at %3").arg(transactionText(w, o.txn)).arg(o.first).arg(o.marker)
                           : QObject::tr("%1 from offset %2").arg(transactionText(w, o.txn)).arg(o.first));
  e.facts.append({QObject::tr("Last stable offset (LSO)"), num(lso)});
  e.facts.append({QObject::tr("Open transactions"), open.isEmpty() ? QObject::tr("none") : open.join(QStringLiteral("; "))});
  if (broker != part.leader)
    return;
  const QString lsoWhy = lso < hw
      ? QObject::tr(" The last stable offset (%1) is below the high watermark (%2): the oldest transaction still open began at offset %1, and "
                    "until its commit or abort marker is replicated, read_committed consumers stop there, since they cannot yet know whether to "
                    "deliver or skip its records. read_uncommitted consumers read up to the high watermark.")
            .arg(num(lso), num(hw))
      : QObject::tr(" The last stable offset equals the high watermark (%1): every transaction here has its marker replicated, so "
                    "read_committed and read_uncommitted consumers may read up to the same offset.")
            .arg(num(hw));
  e.why += lsoWhy;
}

bool explainTransactionRecord(Explanation &e, const engine::World &w, const RecordInfo &r, int p, Offset offset) {
  const Transaction *t = txnAt(w, r.txn);
  const bool control = r.has(RecordInfo::Control);
  if (!t && !control)
    return false;
  const QString producer = r.producer >= 0 && static_cast<std::size_t>(r.producer) < w.kafka.producers.size()
      ? QString::fromStdString(w.kafka.producers[static_cast<std::size_t>(r.producer)].config.name)
      : QObject::tr("unknown");
  if (control && isInternal(w, p)) {
    e.facts = {{QObject::tr("Kind"), QObject::tr("transaction log record (control)")},
               {QObject::tr("Producer"), producer},
               {QObject::tr("Transaction"), transactionText(w, r.txn)},
               {QObject::tr("Created"), ms(r.createdAt)}};
    e.why = QObject::tr("The transaction coordinator keeps its state in the internal topic __transaction_state: each step of a transaction "
                        "(partitions added, PrepareCommit or PrepareAbort, CompleteCommit or CompleteAbort) is a record like this one, and the "
                        "coordinator acts on it only once it is replicated (below this partition's high watermark). A new coordinator "
                        "rebuilds every transaction's state from this log.");
    return true;
  }
  if (control) {
    const bool commit = t && t->committing();
    e.facts = {{QObject::tr("Kind"), commit ? QObject::tr("COMMIT marker (control record)") : QObject::tr("ABORT marker (control record)")},
               {QObject::tr("Producer"), producer},
               {QObject::tr("Transaction"), transactionText(w, r.txn)},
               {QObject::tr("Written"), ms(r.createdAt)}};
    e.why = commit ? QObject::tr("A commit marker: the coordinator wrote it to every partition of the transaction after PrepareCommit. It is not "
                                 "delivered to applications. Once it is below the high watermark the transaction no longer holds back the last "
                                 "stable offset, and read_committed consumers deliver the transaction's records before it.")
                   : QObject::tr("An abort marker: the transaction was aborted (%1). It is not delivered to applications; read_committed "
                                 "consumers skip every record of the transaction before it, read_uncommitted ones have already delivered them. "
                                 "It uses an offset, so offsets in this partition are not contiguous for applications.")
                         .arg(t && t->cause != AbortCause::None ? causeText(t->cause) : QObject::tr("the producer aborted it"));
    return true;
  }
  e.facts.append({QObject::tr("Transaction"), transactionText(w, r.txn)});
  e.facts.append({QObject::tr("Producer epoch"), QString::number(t->epoch)});
  Offset marker = -1;
  for (const OpenTxn &o : w.kafka.partitions[static_cast<std::size_t>(p)].openTxns)
    if (o.txn == r.txn)
      marker = o.marker;
  if (t->committing())
    e.why = QObject::tr("Part of %1, which commits: read_committed consumers deliver it once the commit marker on this partition is below the "
                        "high watermark.")
                .arg(transactionText(w, r.txn));
  else if (t->aborting())
    e.why = QObject::tr("Part of %1, which was aborted (%2): it stays in the log, but read_committed consumers skip it; read_uncommitted "
                        "consumers deliver it anyway.")
                .arg(transactionText(w, r.txn))
                .arg(t->cause != AbortCause::None ? causeText(t->cause) : QObject::tr("the producer aborted it"));
  else
    e.why = QObject::tr("Part of %1, still open: whether it commits or aborts is not known yet, so offset %2 holds back the partition's last "
                        "stable offset and read_committed consumers wait here%3. read_uncommitted consumers may already deliver it.")
                .arg(transactionText(w, r.txn))
                .arg(offset)
                .arg(marker >= 0 ? QObject::tr(" until the marker at %1 is replicated").arg(marker) : QString());
  return true;
}

void addProducerTransactions(Explanation &e, const engine::World &w, int i) {
  const KafkaState &k = w.kafka;
  const Producer &p = k.producers.at(static_cast<std::size_t>(i));
  if (p.config.transactionalId.empty()) {
    if (p.crashed)
      e.why = QObject::tr("Its process crashed: it sends nothing until it is restarted. Records it had not yet sent are gone with it.");
    return;
  }
  const TransactionalId *entry = nullptr;
  for (const TransactionalId &id : k.txnIds)
    if (id.producer == i)
      entry = &id;
  e.facts.append({QObject::tr("transactional.id"), QString::fromStdString(p.config.transactionalId)});
  e.facts.append({QObject::tr("Instance"), p.crashed ? QObject::tr("%1 (crashed)").arg(p.instance) : QString::number(p.instance)});
  e.facts.append({QObject::tr("Producer epoch"), p.txn.epoch >= 0 ? QString::number(p.txn.epoch) : QObject::tr("not yet assigned")});
  if (entry && entry->epoch >= 0)
    e.facts.append({QObject::tr("Coordinator's epoch"), QObject::tr("%1 (instance %2)").arg(entry->epoch).arg(entry->instance)});
  e.facts.append({QObject::tr("Phase"), phaseText(p.txn.phase)});
  e.facts.append({QObject::tr("Transaction"), transactionText(w, p.txn.txn)});
  e.facts.append({QObject::tr("transaction.timeout.ms"), ms(p.config.transactionTimeout)});
  e.facts.append({QObject::tr("Committed / aborted (all)"), QObject::tr("%1 / %2").arg(num(k.txnCounters.committed), num(k.txnCounters.aborted))});
  if (!p.zombieBatches.empty())
    e.facts.append({QObject::tr("Held by an old instance"), QObject::tr("%n batch(es)", nullptr, static_cast<int>(p.zombieBatches.size()))});
  const QString base = QObject::tr("A transactional producer: its records go to their partitions at once but count for read_committed consumers "
                                   "only after the coordinator commits the transaction and writes a marker to each partition. ");
  if (p.crashed)
    e.why = base +
        QObject::tr("Its process crashed in the middle of its work: its open transaction stays open, holding back the last stable offset of "
                    "its partitions, until a new instance with the same transactional.id calls InitProducerId (which aborts it and bumps "
                    "the epoch) or transaction.timeout.ms (%1) passes and the coordinator aborts it.")
            .arg(ms(p.config.transactionTimeout));
  else if (p.txn.phase == TxnPhase::Fenced)
    e.why = base +
        QObject::tr("This instance is fenced: a newer one registered the same transactional.id and got a higher epoch (%1), so the "
                    "coordinator and the partition leaders refuse everything sent with epoch %2 (ProducerFenced). A zombie can no longer "
                    "write into a transaction.")
            .arg(entry ? entry->epoch : p.txn.epoch + 1)
            .arg(p.txn.epoch);
  else if (!p.zombieBatches.empty())
    e.why = base +
        QObject::tr("An old instance still holds %n batch(es) with its old epoch: when it comes back (a zombie), the partition leaders "
                    "refuse them because a newer epoch has been seen.",
                    nullptr, static_cast<int>(p.zombieBatches.size()));
  else
    e.why = base +
        QObject::tr("Each new instance calls InitProducerId: the coordinator aborts whatever the previous one left open and bumps the epoch, "
                    "which fences any older instance still running.");
}

void addGroupIsolation(Explanation &e, const engine::World &w, int gi) {
  const KafkaState &k = w.kafka;
  if (k.txnStateTopic < 0)
    return;
  const ConsumerGroup &g = k.groups.at(static_cast<std::size_t>(gi));
  const bool committed = g.config.isolationLevel == engine::IsolationLevel::ReadCommitted;
  e.facts.append({QObject::tr("isolation.level"), committed ? QStringLiteral("read_committed") : QStringLiteral("read_uncommitted")});
  e.facts.append({QObject::tr("Delivered from uncommitted transactions"), num(g.uncommittedDelivered)});
  e.why += committed ? QObject::tr(" isolation.level=read_committed: it reads only up to each partition's last stable offset and skips the "
                                   "records of aborted transactions, so it never delivers a record whose transaction did not commit; the price "
                                   "is waiting for open transactions.")
                     : QObject::tr(" isolation.level=read_uncommitted: it reads up to the high watermark, records of open and aborted "
                                   "transactions included (%1 delivered so far before their transaction committed).")
                           .arg(num(g.uncommittedDelivered));
}

} // namespace streamscope::model
