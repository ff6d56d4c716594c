// Inspector words for Kafka: brokers, replicas, records in a log, producers and groups.
#include "explain_group_protocol.h"
#include "explain_transactions.h"
#include "item_explainer.h"
#include "model/view/stored_copies.h"

#include "engine/world/config_rules.h"

namespace streamscope::model {
namespace {

using namespace engine::kafka;
using Kind = WorldItem::Kind;

QString ms(engine::SimTime t) { return QObject::tr("%1 ms").arg(engine::toMs(t), 0, 'f', 1); }
QString num(std::int64_t n) { return QLocale().toString(static_cast<qlonglong>(n)); }

QString brokerState(const engine::World &w, const Broker &b) {
  if (b.state == BrokerState::PoweredOff)
    return QObject::tr("powered off");
  if (b.state == BrokerState::Crashed)
    return QObject::tr("crashed");
  if (w.net.isIsolated(b.node))
    return QObject::tr("isolated");
  return b.fenced ? QObject::tr("running, fenced by the controller") : QObject::tr("running");
}

Explanation broker(const engine::World &w, int id) {
  const KafkaState &k = w.kafka;
  const Broker &b = k.brokers.at(static_cast<std::size_t>(id));
  int leads = 0, follows = 0;
  std::int64_t dirty = 0;
  for (const Partition &p : k.partitions) {
    if (p.slotOf(id) < 0)
      continue;
    (p.leader == id ? leads : follows)++;
    dirty += p.logOf(id).leo() - p.logOf(id).flushed();
  }
  Explanation e{QObject::tr("Broker %1").arg(id), {}, {}};
  e.facts = {{QObject::tr("State"), brokerState(w, b)},
             {QObject::tr("Leads"), QObject::tr("%n partition(s)", nullptr, leads)},
             {QObject::tr("Follows"), QObject::tr("%n partition(s)", nullptr, follows)},
             {QObject::tr("Records only in page cache"), num(dirty)},
             {QObject::tr("Extra network delay"), ms(w.net.extraDelay(b.node))}};
  if (b.state == BrokerState::PoweredOff)
    e.why = QObject::tr("The machine lost power: its page cache is gone, so every record above each replica's flushed offset is lost from this "
                        "broker. Restart it to run log recovery; it then rejoins as a follower and truncates, by leader epoch, whatever the new "
                        "leader does not have, "
                        "even records that had reached its disk.");
  else if (b.state == BrokerState::Crashed)
    e.why = QObject::tr("The broker process died but the operating system kept running, so its page cache (and every record written to it) survives "
                        "a restart. The controller fences it after broker.session.timeout.ms (%1 here) and moves leadership away.")
                .arg(ms(k.config.brokerSessionTimeout));
  else if (w.net.isIsolated(b.node))
    e.why = QObject::tr("No message reaches it or leaves it. The controller stops hearing its heartbeats and fences it; partitions it led elect a "
                        "new leader from the ISR.");
  else if (b.fenced)
    e.why = QObject::tr("The controller has not heard from it within broker.session.timeout.ms (%1 here), so it leads nothing until it registers "
                        "again.")
                .arg(ms(k.config.brokerSessionTimeout));
  else
    e.why = QObject::tr("Healthy: it leads %n partition(s) and replicates the rest from their leaders.", nullptr, leads);
  return e;
}

Explanation replica(const engine::World &w, int p, int b) {
  const KafkaState &k = w.kafka;
  const Partition &part = k.partitions.at(static_cast<std::size_t>(p));
  const ReplicaLog &log = part.logOf(b);
  const QString name = QString::fromStdString(k.partitionName(p));
  const bool leader = part.leader == b;
  Explanation e{QObject::tr("%1 on broker %2").arg(name).arg(b), {}, {}};
  const auto ids = [](const std::vector<int> &v) {
    QStringList out;
    for (int r : v)
      out << QString::number(r);
    return QStringLiteral("{%1}").arg(out.join(QStringLiteral(", ")));
  };
  e.facts = {{QObject::tr("Role"),
              leader                ? QObject::tr("leader (epoch %1)").arg(part.leaderEpoch)
                  : part.leader < 0 ? QObject::tr("offline partition")
                                    : QObject::tr("follower")},
             {QObject::tr("In the ISR"), part.inIsr(b) ? QObject::tr("yes") : QObject::tr("no")},
             {QObject::tr("ISR"), ids(part.isr)},
             {QObject::tr("Log start offset"), num(log.logStart())},
             {QObject::tr("High watermark"), num(log.highWatermark())},
             {QObject::tr("Log end offset"), num(log.leo())},
             {QObject::tr("Flushed to disk below"), num(log.flushed())},
             {QObject::tr("Segments"), num(static_cast<std::int64_t>(log.segments().size()))}};
  if (k.config.eligibleLeaderReplicas) {
    e.facts.append(qMakePair(QObject::tr("Eligible leader replicas (ELR)"), ids(part.elr)));
    e.facts.append(qMakePair(QObject::tr("Last known leader"), part.lastKnownElr.empty() ? QObject::tr("none") : ids(part.lastKnownElr)));
  }
  if (leader) {
    e.why = QObject::tr("The leader: producers write here and consumers read here. Its high watermark is the smallest log end offset among the ISR; "
                        "only records below it are committed and readable.");
  } else if (part.leader < 0 && k.config.eligibleLeaderReplicas) {
    e.why = QObject::tr("The partition has no leader. The controller elects, in this order: a live ISR member; with the ISR empty, an "
                        "unfenced eligible leader replica; with ISR and ELR empty, the last known leader once it is back; then, only if "
                        "unclean.leader.election.enable is true, any live replica. None of them is available yet.");
  } else if (part.leader < 0) {
    e.why = k.topicOf(p).uncleanLeaderElection
        ? QObject::tr("The partition has no leader: no replica is alive that the controller may elect.")
        : QObject::tr("The partition has no leader: no ISR member is alive, and unclean.leader.election.enable is false for this topic, so it waits "
                      "for an in-sync replica to return.");
  } else if (part.inElr(b)) {
    e.why = QObject::tr("An eligible leader replica (KIP-966): it left the ISR while the ISR was below min.insync.replicas (%1). With strict "
                        "min ISR the high watermark cannot advance then, so it still holds every committed record and the controller may "
                        "elect it cleanly if the ISR becomes empty. It leaves the ELR when it rejoins the ISR, when the ISR is back at min ISR, "
                        "or when its broker registers after an unclean shutdown (its log may have lost a suffix).")
                .arg(k.effectiveMinIsr(p));
  } else if (!part.inIsr(b)) {
    const Offset leaderLeo = part.logOf(part.leader).leo();
    e.why = QObject::tr("Out of the ISR: it had not caught up to the leader's log end within replica.lag.time.max.ms (%1 in this cluster), so "
                        "acks=all no longer waits for it and it cannot become leader in a clean election. It is at %2; it rejoins once its log end "
                        "reaches the leader's high watermark (%3) and the start of the current leader epoch, not the leader's log end (%4).")
                .arg(ms(k.config.replicaLagTimeMax), num(log.leo()), num(part.logOf(part.leader).highWatermark()), num(leaderLeo));
  } else {
    e.why = QObject::tr("An in-sync follower: it keeps fetching from leader %1 and has caught up recently, so acks=all waits for it and it may "
                        "become leader if the leader fails.")
                .arg(part.leader);
  }
  addPartitionTransactions(e, w, p, b);
  return e;
}

Explanation logCell(const engine::World &w, int p, int b, Offset offset) {
  const KafkaState &k = w.kafka;
  const Partition &part = k.partitions.at(static_cast<std::size_t>(p));
  const ReplicaLog &log = part.logOf(b);
  const auto &entries = log.entries();
  const std::size_t i = log.lowerBound(offset);
  const QString name = QString::fromStdString(k.partitionName(p));
  if (i >= entries.size() || entries[i].offset != offset)
    return {QObject::tr("%1 offset %2 on broker %3").arg(name).arg(offset).arg(b),
            {},
            QObject::tr("This replica holds no record at offset %1 any more (truncated, deleted by retention or compacted away).").arg(offset)};
  const LogEntry &entry = entries[i];
  const RecordInfo &r = k.records.at(entry.record);
  Explanation e{QObject::tr("%1 offset %2 on broker %3").arg(name).arg(offset).arg(b), {}, {}};
  const bool committed = offset < log.highWatermark();
  const bool onDisk = offset < log.flushed();
  e.facts = {
      {QObject::tr("Key"), r.key >= 0 ? QString::fromStdString(k.keys[static_cast<std::size_t>(r.key)]) : QObject::tr("null (no key)")},
      {QObject::tr("Value"), r.has(RecordInfo::Tombstone) ? QObject::tr("null (tombstone)") : QObject::tr("%1 bytes").arg(r.bytes)},
      {QObject::tr("Leader epoch"), QString::number(entry.epoch)},
      {QObject::tr("Created"), ms(r.createdAt)},
      {QObject::tr("Acknowledged"), r.ackedAt >= 0 ? ms(r.ackedAt) : QObject::tr("not yet")},
      {QObject::tr("Storage"), onDisk ? QObject::tr("flushed to disk") : QObject::tr("in the page cache only")},
      {QObject::tr("Committed"), committed ? QObject::tr("yes (below the high watermark)") : QObject::tr("no (at or above the high watermark)")}};
  int holders = 0;
  for (const ReplicaLog &other : part.logs)
    holders += other.leo() > offset ? 1 : 0;
  const bool belowMinIsr = k.config.strictMinIsr && static_cast<int>(part.isr.size()) < k.effectiveMinIsr(p);
  if (!committed && belowMinIsr)
    e.why = QObject::tr("Offset %1 is above the high watermark (%2), which stays still while the ISR (%3 members) is below "
                        "min.insync.replicas (%4), whatever acks the producer used: consumers see it once the ISR recovers.")
                .arg(offset)
                .arg(log.highWatermark())
                .arg(part.isr.size())
                .arg(k.effectiveMinIsr(p));
  else if (!committed)
    e.why = QObject::tr("Offset %1 is above the high watermark (%2): consumers cannot read it yet because only %3 of %4 replicas have it, and the "
                        "ISR has %5 members.")
                .arg(offset)
                .arg(log.highWatermark())
                .arg(holders)
                .arg(part.replicas.size())
                .arg(part.isr.size());
  else if (!onDisk)
    e.why = QObject::tr("Committed and readable, but only in this broker's page cache: Kafka relies on replication, not fsync. If every replica "
                        "holding it lost power before write-back, it would be gone.");
  else
    e.why = QObject::tr("Committed and flushed to disk on this broker: it survives a crash and a power loss of this machine.");
  explainTransactionRecord(e, w, r, p, offset);
  if (const Offset first = firstKafkaCopy(log, i); first >= 0) {
    const Producer &producer = k.producers.at(static_cast<std::size_t>(r.producer));
    e.facts.append({QObject::tr("Stored twice"), QObject::tr("a second copy of offset %1").arg(first)});
    e.why =
        QObject::tr("A duplicate: the same record as offset %1. Producer %2 sent it again because no answer came back in time (a lost "
                    "response, or a leader that failed before answering); the broker had already stored it. Without idempotence (%2 has "
                    "enable.idempotence=%3) nothing tells the broker that the resend is the same record, so a consumer reads it twice. "
                    "An idempotent producer's broker recognises its producer id and sequence number and stores nothing twice. ")
            .arg(first)
            .arg(QString::fromStdString(producer.config.name), producer.config.enableIdempotence ? QStringLiteral("true") : QStringLiteral("false")) +
        e.why;
  }
  return e;
}

/// Why acks=all does (or does not) survive one broker failure for this producer's topic: it needs
/// min.insync.replicas >= 2 (then writes are refused while the ISR is smaller) or, with min ISR 1,
/// an ISR that has not shrunk to the leader alone.
QString acksAllWhy(const KafkaState &k, const Producer &p) {
  const QString base = QObject::tr("acks=all: each batch is acknowledged once every in-sync replica has it (the high watermark passed it). ");
  if (p.config.topic.empty() || p.topic < 0 || static_cast<std::size_t>(p.topic) >= k.topics.size())
    return base;
  const Topic &topic = k.topics[static_cast<std::size_t>(p.topic)];
  if (topic.partitionIds.empty())
    return base;
  const int minIsr = k.effectiveMinIsr(topic.partitionIds.front());
  int smallest = -1, at = topic.partitionIds.front();
  for (int id : topic.partitionIds) {
    const int size = static_cast<int>(k.partitions[static_cast<std::size_t>(id)].isr.size());
    if (smallest < 0 || size < smallest) {
      smallest = size;
      at = id;
    }
  }
  const QString where = QString::fromStdString(k.partitionName(at));
  if (minIsr >= 2)
    return base +
        QObject::tr("min.insync.replicas is %1, so the leader refuses acks=all writes while the ISR is smaller: every acknowledged record "
                    "is on at least %1 brokers, and one broker failure cannot lose it.")
            .arg(minIsr);
  if (smallest >= 2)
    return base +
        QObject::tr("The smallest ISR (%1) has %2 members, so today an acknowledged record is on at least two brokers. But "
                    "min.insync.replicas is %3: if the ISR shrinks to the leader alone, acks=all is answered by the leader alone, "
                    "and its power loss loses acknowledged records. acks=all survives one failure only with min.insync.replicas of "
                    "at least 2 and an ISR of at least two.")
            .arg(where)
            .arg(smallest)
            .arg(minIsr);
  return base +
      QObject::tr("But the ISR of %1 has shrunk to %n member(s) and min.insync.replicas is %2, so the leader alone acknowledges: a power "
                  "loss of that leader loses acknowledged records. acks=all survives one failure only with min.insync.replicas of at "
                  "least 2 and an ISR of at least two.",
                  nullptr, smallest)
          .arg(where)
          .arg(minIsr);
}

Explanation producer(const engine::World &w, int i) {
  const Producer &p = w.kafka.producers.at(static_cast<std::size_t>(i));
  int inFlight = 0;
  for (const ProducerPartition &pp : p.parts)
    inFlight += pp.inFlight;
  Explanation e{QObject::tr("Producer %1").arg(QString::fromStdString(p.config.name)), {}, {}};
  e.facts = {{QObject::tr("acks"), QString::fromLatin1(engine::acksName(p.config.acks))},
             {QObject::tr("Rate"), QObject::tr("%1 records/s").arg(p.schedule.rate, 0, 'f', 0)},
             {QObject::tr("Produced"), num(p.produced)},
             {QObject::tr("Requests in flight"), QString::number(inFlight)},
             {QObject::tr("Idempotent"), p.config.enableIdempotence ? QObject::tr("yes") : QObject::tr("no")},
             {QObject::tr("linger.ms"), ms(p.config.linger)},
             {QObject::tr("Record size"), QObject::tr("%1 bytes").arg(num(p.config.recordBytes))},
             {QObject::tr("max.request.size"), QObject::tr("%1 bytes").arg(num(p.config.maxRequestSize))}};
  if (p.tooLarge > 0) {
    e.facts.append({QObject::tr("Failed as too large"), num(p.tooLarge)});
    e.why = QObject::tr("Some records failed with RecordTooLargeException: a record above max.request.size (%1 bytes) fails in send() and "
                        "never leaves the producer, and a batch above the topic's max.message.bytes (%2 bytes) is refused by the leader "
                        "(MESSAGE_TOO_LARGE); a batch of several records is split and sent again, a single record fails. Both limits are "
                        "settings: raise them together (and the consumers' fetch sizes) to carry larger records.")
                .arg(num(p.config.maxRequestSize), num(w.kafka.topics[static_cast<std::size_t>(p.topic)].config.maxMessageBytes));
    addProducerTransactions(e, w, i);
    return e;
  }
  e.why = p.config.acks == engine::Acks::All ? acksAllWhy(w.kafka, p)
      : p.config.acks == engine::Acks::Leader
      ? QObject::tr("acks=1: the leader acknowledges as soon as the batch is in its own log; if the leader dies before followers fetch it, the "
                    "record can be lost.")
      : QObject::tr("acks=0: the producer does not wait for any answer; records lost on the way are never known.");
  addProducerTransactions(e, w, i);
  return e;
}

Explanation group(const engine::World &w, int gi) {
  const KafkaState &k = w.kafka;
  const ConsumerGroup &g = k.groups.at(static_cast<std::size_t>(gi));
  const Topic &topic = k.topics[static_cast<std::size_t>(g.topic)];
  std::int64_t lag = 0;
  for (std::size_t i = 0; i < g.parts.size(); ++i) {
    const Partition &part = k.partitions[static_cast<std::size_t>(topic.partitionIds[i])];
    if (part.leader >= 0 && g.parts[i].committed >= 0)
      lag += std::max<Offset>(0, part.logOf(part.leader).highWatermark() - g.parts[i].committed);
  }
  int live = 0;
  for (const Member &m : g.members)
    live += m.alive && m.inGroup ? 1 : 0;
  Explanation e{QObject::tr("Consumer group %1").arg(QString::fromStdString(g.config.group)), {}, {}};
  const bool consumer = g.config.protocol == engine::GroupProtocol::Consumer;
  e.facts = {{QObject::tr("Topic"), QString::fromStdString(topic.config.name)}};
  e.facts += groupProtocolFacts(g);
  if (!consumer) // the consumer protocol has no generations: its group epoch is among the protocol facts
    e.facts.append({QObject::tr("Generation"), QString::number(g.generation)});
  e.facts += QList<QPair<QString, QString>>{{QObject::tr("Members"), QObject::tr("%1 live of %2").arg(live).arg(g.members.size())},
                                            {QObject::tr("Lag (committed)"), num(lag)},
                                            {QObject::tr("Consumed"), num(g.consumed)},
                                            {QObject::tr("Delivered twice"), num(g.duplicates)}};
  e.why = consumer    ? consumerProtocolGroupWhy(g)
      : g.rebalancing ? QObject::tr("A rebalance is in progress: partitions are being reassigned among the live members.")
                      : QObject::tr("Each partition is read by exactly one member; the committed offset is where a new owner resumes, so anything "
                                    "processed after it is delivered again.");
  addGroupIsolation(e, w, gi);
  return e;
}

Explanation member(const engine::World &w, int gi, int mi) {
  const KafkaState &k = w.kafka;
  const ConsumerGroup &g = k.groups.at(static_cast<std::size_t>(gi));
  const Member &m = g.members.at(static_cast<std::size_t>(mi));
  const Topic &topic = k.topics[static_cast<std::size_t>(g.topic)];
  QStringList owned;
  for (std::size_t i = 0; i < g.parts.size(); ++i)
    if (g.parts[i].owner == mi)
      owned << QObject::tr("%1-%2 at %3 (committed %4)")
                   .arg(QString::fromStdString(topic.config.name))
                   .arg(i)
                   .arg(g.parts[i].position)
                   .arg(g.parts[i].committed);
  Explanation e{QObject::tr("Consumer %1").arg(QString::fromStdString(m.id)), {}, {}};
  e.facts = {{QObject::tr("Group"), QString::fromStdString(g.config.group)},
             {QObject::tr("State"),
              !m.alive         ? QObject::tr("dead")
                  : !m.inGroup ? QObject::tr("left the group")
                               : QObject::tr("running")},
             {QObject::tr("Partitions"), owned.isEmpty() ? QObject::tr("none") : owned.join(QStringLiteral("; "))}};
  if (g.config.protocol == engine::GroupProtocol::Consumer) {
    e.facts += consumerProtocolMemberFacts(w, g, mi);
    e.why = consumerProtocolMemberWhy(g, mi);
    return e;
  }
  e.why = !m.alive
      ? QObject::tr("Killed without leaving: the coordinator only notices when session.timeout.ms (%1 for this group) passes without a heartbeat, "
                    "then starts a rebalance that gives its partitions to the live members.")
            .arg(ms(g.config.sessionTimeout))
      : QObject::tr("Fetches its partitions from their leaders; positions move as records arrive, and committed offsets follow at each auto-commit.");
  return e;
}

} // namespace

Explanation explainKafka(const engine::World &w, const WorldItem &item) {
  const KafkaState &k = w.kafka;
  const auto valid = [](int i, std::size_t n) { return i >= 0 && static_cast<std::size_t>(i) < n; };
  switch (item.kind) {
  case Kind::Broker:
    if (valid(item.a, k.brokers.size()))
      return broker(w, item.a);
    break;
  case Kind::Replica:
  case Kind::LogCell:
    if (valid(item.a, k.partitions.size()) && k.partitions[static_cast<std::size_t>(item.a)].slotOf(item.b) >= 0)
      return item.kind == Kind::Replica ? replica(w, item.a, item.b) : logCell(w, item.a, item.b, item.c);
    break;
  case Kind::KafkaProducer:
    if (valid(item.a, k.producers.size()))
      return producer(w, item.a);
    break;
  case Kind::Group:
    if (valid(item.a, k.groups.size()))
      return group(w, item.a);
    break;
  case Kind::Member:
    if (valid(item.a, k.groups.size()) && valid(item.b, k.groups[static_cast<std::size_t>(item.a)].members.size()))
      return member(w, item.a, item.b);
    break;
  default: break;
  }
  return {QObject::tr("Gone"), {}, QObject::tr("This item no longer exists in the simulation.")};
}

} // namespace streamscope::model
