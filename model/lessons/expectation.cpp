// Parsing and checking expectations, and comparing their two sides; the value of each
// subject is in expectation_values.cpp.
#include "expectation.h"
#include "expectation_readouts.h"
#include "expectation_words.h"

#include <QObject>

#include <algorithm>
#include <cmath>

namespace streamscope::model {
namespace {

using namespace engine;

std::optional<double> constantFor(const QString &word) {
  bool ok = false;
  const double number = word.toDouble(&ok);
  if (ok)
    return number;
  // Broker states in engine order (BrokerState: Running, Crashed, PoweredOff).
  if (word == QLatin1String("running") || word == QLatin1String("false"))
    return 0;
  if (word == QLatin1String("crashed") || word == QLatin1String("true"))
    return 1;
  if (word == QLatin1String("powered_off"))
    return 2;
  if (word == QLatin1String("all")) // acks=all
    return -1;
  return std::nullopt;
}

const QStringList kTotals = {QStringLiteral("produced"),
                             QStringLiteral("acknowledged"),
                             QStringLiteral("acknowledged_lost"),
                             QStringLiteral("consumed"),
                             QStringLiteral("duplicates"),
                             QStringLiteral("throttled"),
                             QStringLiteral("failed"),
                             QStringLiteral("retries"),
                             QStringLiteral("time_ms"),
                             QStringLiteral("duplicates_stored"),
                             QStringLiteral("reordered_stored"),
                             QStringLiteral("read_throttled"),
                             QStringLiteral("produce_requests"),
                             QStringLiteral("replica_fetch_requests"),
                             QStringLiteral("consumer_fetch_requests")};
const QStringList kSystemFields = {QStringLiteral("produced"),   QStringLiteral("acknowledged"),   QStringLiteral("consumed"),
                                   QStringLiteral("duplicates"), QStringLiteral("latency_p50_ms"), QStringLiteral("latency_p99_ms"),
                                   QStringLiteral("too_large")};
const QStringList kPartitionFields = {QStringLiteral("high_watermark"),   QStringLiteral("leader"),   QStringLiteral("leader_epoch"),
                                      QStringLiteral("isr_size"),         QStringLiteral("replicas"), QStringLiteral("log_end_offset"),
                                      QStringLiteral("log_start_offset"), QStringLiteral("flushed"),  QStringLiteral("unflushed"),
                                      QStringLiteral("records"),          QStringLiteral("elr_size"), QStringLiteral("last_known_leader"),
                                      QStringLiteral("unavailable_ms")};
const QStringList kReplicaFields = {QStringLiteral("log_end_offset"), QStringLiteral("high_watermark"), QStringLiteral("flushed"),
                                    QStringLiteral("in_isr"), QStringLiteral("in_elr")};
const QStringList kBrokerFields = {QStringLiteral("state"), QStringLiteral("fenced"), QStringLiteral("leads"), QStringLiteral("isolated")};
const QStringList kShardFields = {QStringLiteral("throttled_writes"),
                                  QStringLiteral("throttled_reads"),
                                  QStringLiteral("throttled"),
                                  QStringLiteral("records"),
                                  QStringLiteral("open"),
                                  QStringLiteral("sequence_digits"),
                                  QStringLiteral("sequence_increasing"),
                                  QStringLiteral("read_throttled"),
                                  QStringLiteral("produce_requests"),
                                  QStringLiteral("replica_fetch_requests"),
                                  QStringLiteral("consumer_fetch_requests")};
const QStringList kGroupFields = {QStringLiteral("lag"),        QStringLiteral("consumed"),    QStringLiteral("duplicates"),
                                  QStringLiteral("generation"), QStringLiteral("group_epoch"), QStringLiteral("unowned_ms"),
                                  QStringLiteral("members")};
const QStringList kApplicationFields = {QStringLiteral("consumed"),
                                        QStringLiteral("duplicates"),
                                        QStringLiteral("millis_behind_latest"),
                                        QStringLiteral("workers"),
                                        QStringLiteral("throttled"),
                                        QStringLiteral("read_throttled"),
                                        QStringLiteral("registered"),
                                        QStringLiteral("subscribe_to_shard_calls"),
                                        QStringLiteral("subscriptions_ended"),
                                        QStringLiteral("lease_moves"),
                                        QStringLiteral("redelivered"),
                                        QStringLiteral("leader")};

QString oneOf(const QStringList &fields) { return fields.join(QStringLiteral(", ")); }

} // namespace

std::optional<QString> Expectation::checkSubject(const QStringList &s) {
  if (readouts::answers(s))
    return readouts::check(s);
  const auto field = [&](int at, const QStringList &fields, const QString &what) -> std::optional<QString> {
    if (s.size() != at + 1)
      return QObject::tr("\"%1\" needs %2 words").arg(s.join(QLatin1Char(' '))).arg(at + 1);
    if (!fields.contains(s[at]))
      return QObject::tr("unknown %1 field \"%2\" (known: %3)").arg(what, s[at], oneOf(fields + readouts::fieldsOf(s[0])));
    return std::nullopt;
  };
  const QString head = s.value(0);
  if (s.size() == 1 && kTotals.contains(head))
    return std::nullopt;
  if (head == QLatin1String("kafka") || head == QLatin1String("kinesis"))
    return field(1, kSystemFields, head);
  if (head == QLatin1String("partition"))
    return field(2, kPartitionFields, QStringLiteral("partition"));
  if (head == QLatin1String("replica"))
    return field(3, kReplicaFields, QStringLiteral("replica"));
  if (head == QLatin1String("broker"))
    return field(2, kBrokerFields, QStringLiteral("broker"));
  if (head == QLatin1String("shard"))
    return field(2, kShardFields, QStringLiteral("shard"));
  if (head == QLatin1String("stream"))
    return field(2, {QStringLiteral("open_shards")}, QStringLiteral("stream"));
  if (head == QLatin1String("group"))
    return field(2, kGroupFields, QStringLiteral("group"));
  if (head == QLatin1String("application"))
    return field(2, kApplicationFields, QStringLiteral("application"));
  if (head == QLatin1String("zone"))
    return field(2, {QStringLiteral("up")}, QStringLiteral("zone"));
  if (head == QLatin1String("topic"))
    return field(2, {QStringLiteral("table_size"), QStringLiteral("records")}, QStringLiteral("topic"));
  if (head == QLatin1String("key")) // key KEY partition N | key KEY shard
    return (s.size() == 4 && s[2] == QLatin1String("partition")) || (s.size() == 3 && s[2] == QLatin1String("shard"))
        ? std::nullopt
        : std::optional<QString>(QObject::tr("write \"key KEY partition N\" (of N partitions) or \"key KEY shard\""));
  return QObject::tr("unknown subject \"%1\" (known: %2, kafka, kinesis, topic, partition, replica, broker, producer, shard, stream, group, "
                     "share_group, application, zone, key, transactions, pipeline)")
      .arg(s.join(QLatin1Char(' ')), oneOf(kTotals));
}

std::optional<Expectation> Expectation::parse(const QString &text, QString *error) {
  const QStringList words = text.split(QLatin1Char(' '), Qt::SkipEmptyParts);
  static const QStringList ops = {QStringLiteral("=="), QStringLiteral("!="), QStringLiteral("<"),
                                  QStringLiteral("<="), QStringLiteral(">"),  QStringLiteral(">=")};
  int at = -1;
  for (int i = 0; i < words.size(); ++i)
    if (ops.contains(words[i])) {
      at = i;
      break;
    }
  const auto fail = [&](const QString &message) {
    if (error)
      *error = QObject::tr("expectation \"%1\": %2").arg(text, message);
    return std::nullopt;
  };
  if (at <= 0 || at == words.size() - 1)
    return fail(QObject::tr("write SUBJECT OP VALUE with OP one of == != < <= > >="));
  Expectation e;
  e.m_text = text;
  e.m_op = static_cast<Op>(ops.indexOf(words[at]));
  e.m_left.subject = words.mid(0, at);
  if (const auto problem = checkSubject(e.m_left.subject))
    return fail(*problem);
  const QStringList right = words.mid(at + 1);
  if (right.size() == 1 && constantFor(right[0])) {
    e.m_right.constant = *constantFor(right[0]);
  } else {
    e.m_right.subject = right;
    if (const auto problem = checkSubject(right))
      return fail(*problem);
  }
  return e;
}

std::optional<QString> Expectation::subjectProblem(const QString &subject) {
  return checkSubject(subject.split(QLatin1Char(' '), Qt::SkipEmptyParts));
}

std::optional<double> Expectation::subjectValue(const QString &subject, const World &world, QString *why) {
  return valueOf(subject.split(QLatin1Char(' '), Qt::SkipEmptyParts), world, why);
}

Expectation::Outcome Expectation::evaluate(const World &w) const {
  QString why;
  const auto side = [&](const Operand &o) -> std::optional<double> {
    return o.subject.isEmpty() ? std::optional<double>(o.constant) : valueOf(o.subject, w, &why);
  };
  const auto left = side(m_left);
  const auto right = left ? side(m_right) : std::nullopt;
  if (!left || !right)
    return {false, QObject::tr("%1: %2").arg(m_text, why), QObject::tr("no value yet: %1").arg(why)};
  bool holds = false;
  switch (m_op) {
  case Op::Eq: holds = *left == *right; break;
  case Op::Ne: holds = *left != *right; break;
  case Op::Lt: holds = *left < *right; break;
  case Op::Le: holds = *left <= *right; break;
  case Op::Gt: holds = *left > *right; break;
  case Op::Ge: holds = *left >= *right; break;
  }
  const auto show = [](double v) { return v == std::floor(v) ? QString::number(static_cast<qlonglong>(v)) : QString::number(v, 'f', 2); };
  QString detail = QObject::tr("%1 is %2").arg(m_left.subject.join(QLatin1Char(' ')), show(*left));
  if (!m_right.subject.isEmpty())
    detail += QObject::tr(", %1 is %2").arg(m_right.subject.join(QLatin1Char(' ')), show(*right));
  QString words = subjectInWords(m_left.subject, *left);
  if (!m_right.subject.isEmpty())
    words += QObject::tr("; ") + subjectInWords(m_right.subject, *right);
  return {holds, QStringLiteral("%1 — %2").arg(m_text, detail), words};
}

} // namespace streamscope::model
