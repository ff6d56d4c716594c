#include "glossary.h"

#include <QObject>
#include <QRegularExpression>

#include <algorithm>

namespace streamscope::model {
namespace {

GlossaryTerm term(const char *id, const QString &name, const char *system, QStringList mentions, const QString &definition) {
  return GlossaryTerm{QString::fromLatin1(id), name, QString::fromLatin1(system), std::move(mentions), definition};
}

QList<GlossaryTerm> buildGlossary() {
  using L = QStringList;
  QList<GlossaryTerm> g{
      term("acks", QObject::tr("acks"), "Kafka", L{QStringLiteral("acks")},
           QObject::tr("How many replicas must have a record before the producer is told it succeeded: 0 (none, fire and "
                       "forget), 1 (the leader only) or all (every member of the ISR).")),
      term("az", QObject::tr("Availability zone"), "Kinesis", L{QStringLiteral("availability zone"), QStringLiteral("AZ")},
           QObject::tr("One of the isolated data centres of an AWS region. AWS states that Kinesis replicates every record "
                       "synchronously to three zones before a put succeeds. What it does while a zone is down is not published; "
                       "StreamScope assumes puts go on with the zones still up.")),
      term("checkpoint", QObject::tr("Checkpoint"), "Kinesis", L{QStringLiteral("checkpoint"), QStringLiteral("checkpointed")},
           QObject::tr("The sequence number a KCL worker records in the lease table after processing: where the next "
                       "owner of the shard starts. SHARD_END marks a closed shard read to its end.")),
      term("committed-offset", QObject::tr("Committed offset"), "Kafka", L{QStringLiteral("committed offset"), QStringLiteral("committed")},
           QObject::tr("The next offset a consumer group will read in a partition after a restart or a rebalance, stored "
                       "by the group coordinator. Records between it and the position are read again after a failure.")),
      term("compaction", QObject::tr("Log compaction"), "Kafka", L{QStringLiteral("compaction"), QStringLiteral("compacted")},
           QObject::tr("A cleanup policy that keeps only the latest record for each key, instead of deleting old segments "
                       "by age or size. A tombstone (null value) deletes its key at once for a reader rebuilding the table; "
                       "the cleaner removes the tombstone itself after delete.retention.ms.")),
      term("consumer-group", QObject::tr("Consumer group"), "Kafka", L{QStringLiteral("consumer group"), QStringLiteral("group")},
           QObject::tr("Consumers sharing a group id divide a topic's partitions among themselves; each partition is read "
                       "by one member at a time. Members joining or leaving cause a rebalance.")),
      term("efo", QObject::tr("Enhanced fan-out"), "Kinesis", L{QStringLiteral("enhanced fan-out"), QStringLiteral("SubscribeToShard")},
           QObject::tr("A consumer's own 2 MiB/s per shard, pushed over SubscribeToShard, instead of sharing the "
                       "shard's 2 MiB/s and five GetRecords calls per second with every other reader.")),
      term("election", QObject::tr("Leader election"), "Kafka", L{QStringLiteral("leader election"), QStringLiteral("elected")},
           QObject::tr("When a partition's leader fails, the controller makes an ISR member the new leader and bumps the "
                       "leader epoch. Followers then truncate anything the new leader does not have.")),
      term("fsync", QObject::tr("fsync and write-back"), "Kafka",
           L{QStringLiteral("fsync"), QStringLiteral("flushed"), QStringLiteral("write-back"), QStringLiteral("flush")},
           QObject::tr("Kafka writes to the operating system's page cache; the OS writes it to disk later (write-back). "
                       "flush.messages=N forces an fsync after N unflushed records, checked on every append. flush.ms alone does "
                       "nothing: it is only checked by the broker's log flusher, which runs every "
                       "log.flush.scheduler.interval.ms (default Long.MAX_VALUE, i.e. never). A power cut loses what was not yet "
                       "on disk.")),
      term("hash-key-range", QObject::tr("Hash key range"), "Kinesis", L{QStringLiteral("hash key range"), QStringLiteral("hash key")},
           QObject::tr("The slice of the 128-bit MD5 space a shard owns. A record goes to the shard whose range holds the "
                       "MD5 of its partition key (or its explicit hash key).")),
      term("hw", QObject::tr("High watermark (HW)"), "Kafka", L{QStringLiteral("high watermark"), QStringLiteral("HW")},
           QObject::tr("The offset up to which every ISR member has the partition's records. Consumers read only below "
                       "it, and acks=all waits for it to pass the records.")),
      term("elr", QObject::tr("Eligible leader replicas (ELR)"), "Kafka",
           L{QStringLiteral("eligible leader replicas"), QStringLiteral("eligible leader replica"), QStringLiteral("ELR")},
           QObject::tr("Kafka 4 (KIP-966; on by default from 4.1): replicas that left the ISR while it was below "
                       "min.insync.replicas. The high watermark cannot advance then, so they still hold every committed record "
                       "and the controller may elect one cleanly once the ISR is empty. A broker back from an unclean shutdown "
                       "leaves the ELR.")),
      term("idempotence", QObject::tr("Idempotent producer"), "Kafka", L{QStringLiteral("idempotent"), QStringLiteral("idempotence")},
           QObject::tr("The producer numbers its records per partition; the broker drops a retried batch it already has "
                       "and answers as it did the first time, so retries do not duplicate records.")),
      term("isr", QObject::tr("In-sync replicas (ISR)"), "Kafka", L{QStringLiteral("in-sync replicas"), QStringLiteral("ISR")},
           QObject::tr("The replicas that have caught up with the leader within replica.lag.time.max.ms (30 s by default). "
                       "Only they count for the high watermark. A clean election picks an ISR member; from Kafka 4.1 "
                       "(KIP-966, on by default for new clusters) eligible leader replicas, kept when the ISR fell below "
                       "min.insync.replicas, may be elected cleanly too. A follower rejoins once its log end reaches the "
                       "leader's high watermark.")),
      term("iterator", QObject::tr("Shard iterator"), "Kinesis",
           L{QStringLiteral("iterator"), QStringLiteral("TRIM_HORIZON"), QStringLiteral("LATEST")},
           QObject::tr("Where GetRecords reads in a shard: TRIM_HORIZON (the oldest record), LATEST, AT_ or "
                       "AFTER_SEQUENCE_NUMBER, or AT_TIMESTAMP. It expires after five minutes.")),
      term("kcl", QObject::tr("KCL application"), "Kinesis", L{QStringLiteral("KCL")},
           QObject::tr("Consumers built with the Kinesis Client Library: workers share a stream's shards through leases "
                       "and checkpoint their progress, reading parent shards before their children. There is no seek: the "
                       "initial position applies only to shards without a checkpoint, so replaying means a new application "
                       "name (a new lease table) or rewritten checkpoints.")),
      term("lease", QObject::tr("Lease"), "Kinesis", L{QStringLiteral("lease")},
           QObject::tr("A KCL worker's claim on a shard, renewed in a table. A lease not renewed within failoverTimeMillis "
                       "expires and another worker takes it.")),
      term("isolation-level", QObject::tr("isolation.level"), "Kafka", L{QStringLiteral("isolation.level")},
           QObject::tr("A consumer setting. read_uncommitted (the default) reads up to the high watermark, records of open and "
                       "aborted transactions included; read_committed reads only below the last stable offset and skips the "
                       "records of aborted transactions.")),
      term("lso", QObject::tr("Last stable offset (LSO)"), "Kafka", L{QStringLiteral("last stable offset"), QStringLiteral("LSO")},
           QObject::tr("The first offset of the oldest transaction on a partition whose commit or abort marker is not yet "
                       "replicated, or the high watermark when there is none. read_committed consumers read only below it.")),
      term("txn-marker", QObject::tr("Transaction marker"), "Kafka",
           L{QStringLiteral("transaction marker"), QStringLiteral("commit marker"), QStringLiteral("abort marker")},
           QObject::tr("A control record the transaction coordinator writes to every partition of a transaction when it "
                       "ends: COMMIT or ABORT. It takes an offset but is never delivered to applications.")),
      term("leo", QObject::tr("Log end offset (LEO)"), "Kafka", L{QStringLiteral("log end offset"), QStringLiteral("LEO")},
           QObject::tr("The offset the next record appended to a replica will get: one past its last record.")),
      term("leader-epoch", QObject::tr("Leader epoch"), "Kafka", L{QStringLiteral("leader epoch"), QStringLiteral("epoch")},
           QObject::tr("A counter bumped at every leader change. Followers use it to find where their log and the new "
                       "leader's diverge, and truncate there.")),
      term("min-isr", QObject::tr("min.insync.replicas"), "Kafka", L{QStringLiteral("min.insync.replicas"), QStringLiteral("min ISR")},
           QObject::tr("With acks=all, writes fail with NOT_ENOUGH_REPLICAS while the ISR is smaller than this, so an "
                       "acknowledged record is always on at least this many replicas. The default is 1: then the ISR may shrink "
                       "to the leader alone, and acks=all no longer survives that leader's power loss.")),
      term("offset", QObject::tr("Offset"), "Kafka", L{QStringLiteral("offset")},
           QObject::tr("A record's position in its partition, from 0 upwards; consumers track their progress by offset. "
                       "Gaps appear only where compaction removed records or a transaction marker took an offset.")),
      term("page-cache", QObject::tr("Page cache"), "Kafka", L{QStringLiteral("page cache")},
           QObject::tr("The operating system's memory copy of file data. A broker's appends land there first; they survive "
                       "a crash of the process but not a loss of power.")),
      term("partition", QObject::tr("Partition"), "Kafka", L{QStringLiteral("partition")},
           QObject::tr("An ordered, append-only log that is a part of a topic. With the Java client's default partitioner "
                       "a keyed record goes to the partition murmur2(key) modulo the partition count; other clients may "
                       "differ (librdkafka's default, consistent_random, uses CRC32).")),
      term("rebalance", QObject::tr("Rebalance"), "Kafka", L{QStringLiteral("rebalance")},
           QObject::tr("The group reassigns its partitions after a member joins, leaves or times out. In the classic "
                       "protocol one member, the group leader, runs the assignor and the coordinator passes its plan on; "
                       "with the eager assignors every member stops reading meanwhile. The KIP-848 consumer protocol "
                       "(Kafka 4.0) assigns on the broker instead: the coordinator bumps the group epoch, computes each "
                       "member's target, and members revoke and receive partitions on their own heartbeats, so only "
                       "the partitions that move stop.")),
      term("replica", QObject::tr("Replica, leader and follower"), "Kafka",
           L{QStringLiteral("replica"), QStringLiteral("follower"), QStringLiteral("leader")},
           QObject::tr("Each partition is copied on replication-factor brokers. The leader takes writes and reads; "
                       "followers fetch from it to stay in the ISR.")),
      term("resharding", QObject::tr("Resharding"), "Kinesis",
           L{QStringLiteral("split"), QStringLiteral("merge"), QStringLiteral("resharding"), QStringLiteral("parent")},
           QObject::tr("Splitting a shard in two or merging two adjacent ones. The parents close and keep their records "
                       "until retention ends; the children take new writes.")),
      term("retention", QObject::tr("Retention"), "Both", L{QStringLiteral("retention"), QStringLiteral("expired")},
           QObject::tr("How long records are kept, read or not: Kafka deletes whole segments older than retention.ms (or "
                       "beyond retention.bytes); Kinesis keeps records 24 hours to 365 days.")),
      term("sequence-number", QObject::tr("Sequence number"), "Kinesis", L{QStringLiteral("sequence number")},
           QObject::tr("The unique, increasing number Kinesis gives a record within its shard when it accepts it: a "
                       "decimal string, 56 digits long today (the API allows up to 129), sparse rather than consecutive.")),
      term("shard", QObject::tr("Shard"), "Kinesis", L{QStringLiteral("shard")},
           QObject::tr("A unit of a Kinesis stream's capacity, holding the records of one hash key range in sequence "
                       "order. Writes are limited to 1 MiB/s and to 1,000 records/s, both at once; reads to 2 MiB/s and five "
                       "GetRecords calls per second. Sequence numbers are 56 digits today, which is not a guarantee: the API "
                       "allows up to 129.")),
      term("throttling", QObject::tr("Throttling"), "Kinesis",
           L{QStringLiteral("throttled"), QStringLiteral("throttling"), QStringLiteral("ProvisionedThroughputExceeded")},
           QObject::tr("A shard refuses records beyond its limits with ProvisionedThroughputExceededException. PutRecords "
                       "reports each failed record; Kinesis does not keep them, so the application (or the KPL) must send "
                       "them again, and resending can duplicate or reorder records.")),
      term("unclean-election", QObject::tr("Unclean leader election"), "Kafka", L{QStringLiteral("unclean")},
           QObject::tr("Letting a replica outside the ISR become leader when no ISR member is left: the partition comes "
                       "back sooner, but the records it lacks are lost.")),
  };
  std::sort(g.begin(), g.end(), [](const GlossaryTerm &a, const GlossaryTerm &b) { return a.term.localeAwareCompare(b.term) < 0; });
  return g;
}

} // namespace

const QList<GlossaryTerm> &glossary() {
  static const QList<GlossaryTerm> terms = buildGlossary();
  return terms;
}

QString glossaryHtml() {
  QString html = QStringLiteral("<h2>%1</h2>").arg(QObject::tr("Glossary"));
  for (const GlossaryTerm &t : glossary())
    html += QStringLiteral("<p><a name=\"%1\"></a><b>%2</b> <i>(%3)</i><br>%4</p>")
                .arg(t.id, t.term.toHtmlEscaped(), t.system, t.definition.toHtmlEscaped());
  return html;
}

namespace {

struct Mention {
  QRegularExpression pattern; ///< the phrase as a whole word, any case
  QString id;
};

/// Every mention of every term, longer phrases first (so "high watermark" is linked before
/// anything inside it), compiled once: the inspector links its text on every frame.
const QList<Mention> &mentions() {
  static const QList<Mention> all = [] {
    QList<QPair<QString, QString>> phrases; // (phrase, id)
    for (const GlossaryTerm &t : glossary())
      for (const QString &m : t.mentions)
        phrases.append({m, t.id});
    std::stable_sort(phrases.begin(), phrases.end(), [](const auto &a, const auto &b) { return a.first.size() > b.first.size(); });
    QList<Mention> out;
    for (const auto &[phrase, id] : phrases)
      out.append(
          {QRegularExpression(QStringLiteral("\\b%1\\b").arg(QRegularExpression::escape(phrase)), QRegularExpression::CaseInsensitiveOption), id});
    return out;
  }();
  return all;
}

} // namespace

QString linkGlossaryTerms(const QString &plain, QSet<QString> &linked) {
  struct Link {
    qsizetype start, end;
    QString id;
  };
  QList<Link> links;
  for (const auto &[re, id] : mentions()) {
    if (linked.contains(id))
      continue;
    for (auto it = re.globalMatch(plain); it.hasNext();) {
      const auto m = it.next();
      const bool overlaps =
          std::any_of(links.begin(), links.end(), [&](const Link &l) { return m.capturedStart() < l.end && l.start < m.capturedEnd(); });
      if (!overlaps) {
        links.append({m.capturedStart(), m.capturedEnd(), id});
        linked.insert(id);
        break;
      }
    }
  }
  std::sort(links.begin(), links.end(), [](const Link &a, const Link &b) { return a.start < b.start; });
  QString html;
  qsizetype at = 0;
  for (const Link &l : links) {
    html += plain.mid(at, l.start - at).toHtmlEscaped();
    html += QStringLiteral("<a href=\"glossary:%1\">%2</a>").arg(l.id, plain.mid(l.start, l.end - l.start).toHtmlEscaped());
    at = l.end;
  }
  html += plain.mid(at).toHtmlEscaped();
  return html;
}

} // namespace streamscope::model
