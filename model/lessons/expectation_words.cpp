#include "expectation_words.h"

#include "control_plane_readouts.h"
#include "narration.h"
#include "share_group_readouts.h"
#include "stream_capacity_readouts.h"
#include "transaction_readouts.h"

#include <QHash>
#include <QObject>

#include <cmath>

namespace streamscope::model {
namespace {

QString number(double v) { return v == std::floor(v) ? QString::number(static_cast<qlonglong>(v)) : QString::number(v, 'f', 1); }
QString yesNo(double v, const QString &yes, const QString &no) { return v != 0 ? yes : no; }

/// A sentence with %1 for the value, per field.
QString sentence(const QHash<QString, QString> &table, const QString &field, double value) {
  const auto it = table.find(field);
  return it == table.end() ? QString() : it->arg(number(value));
}

QString totals(const QString &field, double v) {
  static const QHash<QString, QString> t = {{QStringLiteral("produced"), QObject::tr("%1 records were sent, both systems together")},
                                            {QStringLiteral("acknowledged"), QObject::tr("%1 records were acknowledged, both systems together")},
                                            {QStringLiteral("acknowledged_lost"), QObject::tr("%1 acknowledged records are lost")},
                                            {QStringLiteral("consumed"), QObject::tr("%1 records were read, both systems together")},
                                            {QStringLiteral("duplicates"), QObject::tr("%1 records were read more than once")},
                                            {QStringLiteral("throttled"), QObject::tr("%1 writes were throttled")},
                                            {QStringLiteral("read_throttled"), QObject::tr("%1 GetRecords calls were throttled")},
                                            {QStringLiteral("failed"), QObject::tr("%1 sends were reported as failed")},
                                            {QStringLiteral("retries"), QObject::tr("%1 sends were retried")},
                                            {QStringLiteral("time_ms"), QObject::tr("the simulated clock is at %1 ms")},
                                            {QStringLiteral("produce_requests"), QObject::tr("Kafka producers sent %1 produce requests")},
                                            {QStringLiteral("replica_fetch_requests"), QObject::tr("Kafka followers sent %1 fetch requests")},
                                            {QStringLiteral("consumer_fetch_requests"), QObject::tr("Kafka consumers sent %1 fetch requests")}};
  return sentence(t, field, v);
}

QString system(const QString &name, const QString &field, double v) {
  static const QHash<QString, QString> t = {{QStringLiteral("produced"), QObject::tr("%2 was sent %1 records")},
                                            {QStringLiteral("acknowledged"), QObject::tr("%2 acknowledged %1 records")},
                                            {QStringLiteral("consumed"), QObject::tr("%2's readers read %1 records")},
                                            {QStringLiteral("duplicates"), QObject::tr("%2's readers read %1 records more than once")},
                                            {QStringLiteral("too_large"), QObject::tr("%2 refused %1 records as too large")},
                                            {QStringLiteral("latency_p50_ms"), QObject::tr("half of %2's acknowledgements took at most %1 ms")},
                                            {QStringLiteral("latency_p99_ms"), QObject::tr("99% of %2's acknowledgements took at most %1 ms")}};
  const QString who = name == QLatin1String("kafka") ? QStringLiteral("Kafka") : QStringLiteral("Kinesis");
  const QString value = field.startsWith(QLatin1String("latency_")) ? QString::number(v, 'f', 1) : number(v);
  const auto it = t.find(field);
  return it == t.end() ? QString() : it->arg(value, who);
}

QString partition(const QString &p, const QString &field, double v) {
  if (field == QLatin1String("leader"))
    return v < 0 ? QObject::tr("%1 has no leader: it is offline").arg(p) : QObject::tr("broker %2 leads %1").arg(p, number(v));
  static const QHash<QString, QString> t = {
      {QStringLiteral("high_watermark"), QObject::tr("%2's high watermark is at offset %1: readers see the records below it")},
      {QStringLiteral("leader_epoch"), QObject::tr("%2 is in leader epoch %1")},
      {QStringLiteral("isr_size"), QObject::tr("%2 has %1 replicas in sync")},
      {QStringLiteral("unavailable_ms"), QObject::tr("%2 has been without a serving leader for %1 ms in all")},
      {QStringLiteral("elr_size"), QObject::tr("%2 has %1 eligible leader replicas (ELR)")},
      {QStringLiteral("last_known_leader"), QObject::tr("%2's last known leader is broker %1 (-1: none)")},
      {QStringLiteral("replicas"), QObject::tr("%2 has %1 replicas")},
      {QStringLiteral("log_end_offset"), QObject::tr("%2's leader has written up to offset %1 (its log end)")},
      {QStringLiteral("log_start_offset"), QObject::tr("%2's oldest retained offset is %1")},
      {QStringLiteral("flushed"), QObject::tr("%2's leader has %1 records on disk")},
      {QStringLiteral("unflushed"), QObject::tr("%2's leader has %1 records only in its page cache")},
      {QStringLiteral("records"), QObject::tr("%2's leader holds %1 records")}};
  const auto it = t.find(field);
  return it == t.end() ? QString() : it->arg(number(v), p);
}

QString replica(const QString &p, const QString &b, const QString &field, double v) {
  if (field == QLatin1String("in_isr"))
    return yesNo(v, QObject::tr("the replica of %1 on broker %2 is in sync"), QObject::tr("the replica of %1 on broker %2 is out of sync")).arg(p, b);
  if (field == QLatin1String("in_elr"))
    return yesNo(v, QObject::tr("the replica of %1 on broker %2 is an eligible leader replica"),
                 QObject::tr("the replica of %1 on broker %2 is not an eligible leader replica"))
        .arg(p, b);
  static const QHash<QString, QString> t = {
      {QStringLiteral("log_end_offset"), QObject::tr("the replica of %2 on broker %3 has written up to offset %1")},
      {QStringLiteral("high_watermark"), QObject::tr("the replica of %2 on broker %3 knows a high watermark of %1")},
      {QStringLiteral("flushed"), QObject::tr("the replica of %2 on broker %3 has %1 records on disk")}};
  const auto it = t.find(field);
  return it == t.end() ? QString() : it->arg(number(v), p, b);
}

QString broker(const QString &b, const QString &field, double v) {
  if (field == QLatin1String("state")) {
    const int s = static_cast<int>(v); // BrokerState: Running, Crashed, PoweredOff
    return (s == 0       ? QObject::tr("broker %1 is running")
                : s == 1 ? QObject::tr("broker %1 has crashed (its process died; the machine and its page cache survive)")
                         : QObject::tr("broker %1 has lost power (its page cache is gone)"))
        .arg(b);
  }
  if (field == QLatin1String("fenced"))
    return yesNo(v, QObject::tr("the controller has fenced broker %1"), QObject::tr("broker %1 is not fenced")).arg(b);
  if (field == QLatin1String("isolated"))
    return yesNo(v, QObject::tr("broker %1 is cut off from the network"), QObject::tr("broker %1 can reach the network")).arg(b);
  if (field == QLatin1String("leads"))
    return QObject::tr("broker %1 leads %2 partitions").arg(b, number(v));
  return {};
}

QString topic(const QString &t, const QString &field, double v) {
  if (field == QLatin1String("unclean_leader_election"))
    return yesNo(v, QObject::tr("topic %1 allows unclean leader election"), QObject::tr("topic %1 refuses unclean leader election")).arg(t);
  if (field == QLatin1String("compacted"))
    return yesNo(v, QObject::tr("topic %1 is compacted"), QObject::tr("topic %1 is not compacted")).arg(t);
  if ((field == QLatin1String("flush_messages") || field == QLatin1String("flush_ms") || field == QLatin1String("retention_ms")) && v < 0)
    return field == QLatin1String("retention_ms") ? QObject::tr("topic %1 keeps records forever").arg(t)
                                                  : QObject::tr("topic %1 sets no `%2`: the OS decides when to flush").arg(t, field);
  static const QHash<QString, QString> table = {
      {QStringLiteral("records"), QObject::tr("topic %2 has %1 records below the high watermark")},
      {QStringLiteral("table_size"), QObject::tr("a table built from topic %2 has %1 keys")},
      {QStringLiteral("partitions"), QObject::tr("topic %2 has %1 partitions")},
      {QStringLiteral("replication_factor"), QObject::tr("topic %2 keeps %1 copies of each partition")},
      {QStringLiteral("min_insync_replicas"), QObject::tr("topic %2 needs %1 in-sync replicas to accept an acks=all write")},
      {QStringLiteral("flush_messages"), QObject::tr("topic %2 flushes to disk every %1 records")},
      {QStringLiteral("flush_ms"), QObject::tr("topic %2 flushes to disk every %1 ms")},
      {QStringLiteral("retention_ms"), QObject::tr("topic %2 keeps records for %1 ms")}};
  const auto it = table.find(field);
  return it == table.end() ? QString() : it->arg(number(v), t);
}

QString shard(const QString &s, const QString &field, double v) {
  if (field == QLatin1String("open"))
    return yesNo(v, QObject::tr("shard %1 is open"), QObject::tr("shard %1 is closed: it takes no more writes")).arg(s);
  if (field == QLatin1String("sequence_increasing"))
    return yesNo(v, QObject::tr("shard %1's sequence numbers only grow"), QObject::tr("shard %1's sequence numbers do not only grow")).arg(s);
  static const QHash<QString, QString> t = {
      {QStringLiteral("throttled_writes"), QObject::tr("shard %2 refused %1 writes over its limit")},
      {QStringLiteral("throttled_reads"), QObject::tr("shard %2 refused %1 reads over its limit")},
      {QStringLiteral("throttled"), QObject::tr("shard %2 refused %1 requests over its limits")},
      {QStringLiteral("read_throttled"), QObject::tr("shard %2 refused %1 GetRecords calls over its read limits")},
      {QStringLiteral("records"), QObject::tr("shard %2 holds %1 records")},
      {QStringLiteral("sequence_digits"), QObject::tr("shard %2's sequence numbers have %1 digits")}};
  const auto it = t.find(field);
  return it == t.end() ? QString() : it->arg(number(v), s);
}

QString group(const QStringList &s, double v) {
  const QString g = s.value(1), field = s.value(2);
  if (field == QLatin1String("position"))
    return v < 0 ? QObject::tr("group %1 has not read partition %2 yet").arg(g, s.value(3))
                 : QObject::tr("group %1 reads partition %2 next at offset %3").arg(g, s.value(3), number(v));
  if (field == QLatin1String("committed"))
    return v < 0 ? QObject::tr("group %1 has committed nothing for partition %2").arg(g, s.value(3))
                 : QObject::tr("group %1 committed offset %3 for partition %2: a restart reads from there").arg(g, s.value(3), number(v));
  if (field == QLatin1String("unowned_ms"))
    return s.size() > 3 ? QObject::tr("group %1's partition %2 had no live reader for %3 ms in all").arg(g, s.value(3), number(v))
                        : QObject::tr("group %1's partitions had no live reader for %2 ms in all, added up").arg(g, number(v));
  if (field == QLatin1String("interruptions"))
    return QObject::tr("group %1's partition %2 lost its reader %3 times").arg(g, s.value(3), number(v));
  static const QHash<QString, QString> t = {
      {QStringLiteral("lag"), QObject::tr("group %2 is %1 records behind")},
      {QStringLiteral("group_epoch"), QObject::tr("group %2 is at group epoch %1 (consumer protocol: one per membership change)")},
      {QStringLiteral("consumed"), QObject::tr("group %2 read %1 records")},
      {QStringLiteral("duplicates"), QObject::tr("group %2 read %1 records more than once")},
      {QStringLiteral("generation"), QObject::tr("group %2 is in generation %1 (one per rebalance)")},
      {QStringLiteral("members"), QObject::tr("group %2 has %1 live consumers")}};
  const auto it = t.find(field);
  return it == t.end() ? QString() : it->arg(number(v), g);
}

QString application(const QStringList &s, double v) {
  const QString a = s.value(1), field = s.value(2);
  if (field == QLatin1String("checkpoint"))
    return QObject::tr("application %1 has checkpointed %2 of shard %3's records").arg(a, number(v), s.value(3));
  if (field == QLatin1String("registered"))
    return yesNo(v, QObject::tr("application %1 is a registered consumer (or reads by polling)"),
                 QObject::tr("application %1's RegisterStreamConsumer was refused: it reads nothing"))
        .arg(a);
  static const QHash<QString, QString> t = {
      {QStringLiteral("consumed"), QObject::tr("application %2 processed %1 records")},
      {QStringLiteral("duplicates"), QObject::tr("application %2 processed %1 records more than once")},
      {QStringLiteral("millis_behind_latest"), QObject::tr("application %2 is %1 ms behind the newest record")},
      {QStringLiteral("workers"), QObject::tr("application %2 has %1 live workers")},
      {QStringLiteral("throttled"), QObject::tr("application %2's reads were throttled %1 times")},
      {QStringLiteral("read_throttled"), QObject::tr("application %2's GetRecords calls were throttled %1 times")},
      {QStringLiteral("subscribe_to_shard_calls"), QObject::tr("application %2 called SubscribeToShard %1 times")},
      {QStringLiteral("subscriptions_ended"), QObject::tr("%1 of application %2's subscriptions ran their 5 minutes")},
      {QStringLiteral("lease_moves"), QObject::tr("application %2's leases changed owner %1 times")},
      {QStringLiteral("redelivered"), QObject::tr("application %2's processors were handed %1 records again")},
      {QStringLiteral("leader"), QObject::tr("application %2's leader is worker %1 (-1: none)")}};
  const auto it = t.find(field);
  return it == t.end() ? QString() : it->arg(number(v), a);
}

} // namespace

QString subjectInWords(const QStringList &s, double v) {
  const QString head = s.value(0);
  QString words;
  if (s.size() == 1)
    words = totals(head, v);
  else if (control_plane_readouts::answers(s))
    words = control_plane_readouts::inWords(s, v);
  else if (stream_capacity_readouts::answers(s))
    words = stream_capacity_readouts::inWords(s, v);
  else if (transaction_readouts::answers(s))
    words = transaction_readouts::inWords(s, v);
  else if (share_group_readouts::answers(s))
    words = share_group_readouts::inWords(s, v);
  else if (head == QLatin1String("kafka") || head == QLatin1String("kinesis"))
    words = system(head, s.value(1), v);
  else if (head == QLatin1String("partition"))
    words = partition(s.value(1), s.value(2), v);
  else if (head == QLatin1String("replica"))
    words = replica(s.value(1), s.value(2), s.value(3), v);
  else if (head == QLatin1String("broker"))
    words = broker(s.value(1), s.value(2), v);
  else if (head == QLatin1String("topic"))
    words = topic(s.value(1), s.value(2), v);
  else if (head == QLatin1String("producer"))
    words = QObject::tr("producer %1 uses acks=%2").arg(s.value(1), v < 0 ? QStringLiteral("all") : number(v));
  else if (head == QLatin1String("shard"))
    words = shard(s.value(1), s.value(2), v);
  else if (head == QLatin1String("stream"))
    words = s.value(2) == QLatin1String("open_shards") ? QObject::tr("stream %1 has %2 open shards").arg(s.value(1), number(v))
        : s.value(2) == QLatin1String("zones_down")
        ? QObject::tr("stream %1 has %2 availability zones down").arg(s.value(1), number(v))
        : QObject::tr("every acknowledged record of stream %1 is in at least %2 zones").arg(s.value(1), number(v));
  else if (head == QLatin1String("group"))
    words = group(s, v);
  else if (head == QLatin1String("application"))
    words = application(s, v);
  else if (head == QLatin1String("zone"))
    words = yesNo(v, QObject::tr("availability zone %1 is up"), QObject::tr("availability zone %1 is down")).arg(s.value(1));
  else if (head == QLatin1String("key") && s.value(2) == QLatin1String("partition"))
    words = QObject::tr("key %1 goes to partition %2 of %3").arg(s.value(1), number(v), s.value(3));
  else if (head == QLatin1String("key"))
    words = QObject::tr("key %1 goes to shard %2").arg(s.value(1), number(v));
  if (words.isEmpty()) { // a subject added to Expectation without a sentence yet
    const QString subject = s.join(QLatin1Char(' '));
    words = QObject::tr("%1 is %2").arg(subject, formatSubjectValue(subject, v));
  }
  return words;
}

} // namespace streamscope::model
