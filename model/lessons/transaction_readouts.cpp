#include "transaction_readouts.h"

#include "engine/sim/pipeline_runner.h"

#include <QObject>

namespace streamscope::model::transaction_readouts {
namespace {

using namespace engine;

const QStringList kTransactionFields = {QStringLiteral("committed"), QStringLiteral("aborted"), QStringLiteral("fenced"),
                                        QStringLiteral("timed_out"), QStringLiteral("open"),    QStringLiteral("fenced_writes")};
const QStringList kPipelineFields = {QStringLiteral("outputs"), QStringLiteral("duplicates_processed")};

double transactionsValue(const QString &f, const World &w) {
  const kafka::TransactionCounters &c = w.kafka.txnCounters;
  if (f == QLatin1String("committed"))
    return static_cast<double>(c.committed);
  if (f == QLatin1String("aborted"))
    return static_cast<double>(c.aborted);
  if (f == QLatin1String("fenced"))
    return static_cast<double>(c.fenced);
  if (f == QLatin1String("timed_out"))
    return static_cast<double>(c.timedOut);
  if (f == QLatin1String("fenced_writes"))
    return static_cast<double>(c.fencedWrites);
  double open = 0;
  for (const kafka::Transaction &t : w.kafka.transactions)
    open += t.ended() || t.state == kafka::TxnState::Open ? 0 : 1;
  return open;
}

} // namespace

bool answers(const QStringList &s) {
  const QString head = s.value(0);
  const QString field = s.value(2);
  return head == QLatin1String("transactions") || head == QLatin1String("pipeline") ||
      (head == QLatin1String("partition") && field == QLatin1String("last_stable_offset")) ||
      (head == QLatin1String("group") && field == QLatin1String("uncommitted_delivered"));
}

QStringList fieldsOf(const QString &head) {
  if (head == QLatin1String("transactions"))
    return kTransactionFields;
  if (head == QLatin1String("pipeline"))
    return kPipelineFields;
  if (head == QLatin1String("partition"))
    return {QStringLiteral("last_stable_offset")};
  if (head == QLatin1String("group"))
    return {QStringLiteral("uncommitted_delivered")};
  return {};
}

std::optional<QString> check(const QStringList &s) {
  const QString head = s[0];
  const int fieldAt = head == QLatin1String("transactions") ? 1 : 2;
  if (s.size() != fieldAt + 1)
    return QObject::tr("\"%1\" needs %2 words").arg(s.join(QLatin1Char(' '))).arg(fieldAt + 1);
  const QStringList fields = fieldsOf(head);
  if (!fields.contains(s[fieldAt]))
    return QObject::tr("unknown %1 field \"%2\" (known: %3)").arg(head, s[fieldAt], fields.join(QStringLiteral(", ")));
  return std::nullopt;
}

std::optional<double> value(const QStringList &s, const World &w, QString *why) {
  const QString head = s[0];
  if (head == QLatin1String("transactions"))
    return transactionsValue(s[1], w);
  if (head == QLatin1String("pipeline")) {
    const int i = pipelineNamed(w, s[1].toStdString());
    if (i < 0) {
      *why = QObject::tr("no pipeline \"%1\"").arg(s[1]);
      return std::nullopt;
    }
    if (s[2] == QLatin1String("outputs"))
      return static_cast<double>(w.pipelines[static_cast<std::size_t>(i)].outputs);
    return static_cast<double>(duplicatesProcessed(w)[static_cast<std::size_t>(i)]);
  }
  if (head == QLatin1String("partition")) {
    const int p = w.kafka.partitionNamed(s[1].toStdString());
    if (p < 0 || w.kafka.partitions[static_cast<std::size_t>(p)].leader < 0) {
      *why = p < 0 ? QObject::tr("no partition \"%1\"").arg(s[1]) : QObject::tr("%1 has no leader").arg(s[1]);
      return std::nullopt;
    }
    const kafka::Partition &part = w.kafka.partitions[static_cast<std::size_t>(p)];
    return static_cast<double>(part.lastStableOffset(part.logOf(part.leader).highWatermark()));
  }
  const int g = w.kafka.groupIndex(s[1].toStdString());
  if (g < 0) {
    *why = QObject::tr("no group \"%1\"").arg(s[1]);
    return std::nullopt;
  }
  return static_cast<double>(w.kafka.groups[static_cast<std::size_t>(g)].uncommittedDelivered);
}

QString inWords(const QStringList &s, double v) {
  const QString head = s[0];
  const QString n = QString::number(static_cast<qlonglong>(v));
  if (head == QLatin1String("partition"))
    return QObject::tr("%1's last stable offset is %2: read_committed consumers read below it only").arg(s[1], n);
  if (head == QLatin1String("group"))
    return QObject::tr("group %1 was handed %2 records of transactions that had not committed").arg(s[1], n);
  if (head == QLatin1String("pipeline"))
    return s[2] == QLatin1String("outputs") ? QObject::tr("pipeline %1 wrote %2 outputs").arg(s[1], n)
                                            : QObject::tr("%2 of pipeline %1's inputs have more than one output downstream").arg(s[1], n);
  const QString f = s[1];
  if (f == QLatin1String("committed"))
    return QObject::tr("%1 transactions committed").arg(n);
  if (f == QLatin1String("aborted"))
    return QObject::tr("%1 transactions aborted").arg(n);
  if (f == QLatin1String("fenced"))
    return QObject::tr("%1 transactions were aborted because a new instance fenced their producer").arg(n);
  if (f == QLatin1String("timed_out"))
    return QObject::tr("%1 transactions were aborted after transaction.timeout.ms").arg(n);
  if (f == QLatin1String("fenced_writes"))
    return QObject::tr("%1 requests from an old producer epoch were refused").arg(n);
  return QObject::tr("%1 transactions are still open").arg(n);
}

} // namespace streamscope::model::transaction_readouts
