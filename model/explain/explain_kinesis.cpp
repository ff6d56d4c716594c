// Inspector words for Kinesis: shards, records with their sequence numbers, availability
// zones, producers, applications and their workers.
#include "explain_kcl_leases.h"
#include "explain_kinesis_reads.h"
#include "explain_stream.h"
#include "item_explainer.h"
#include "model/view/stored_copies.h"

#include "engine/kinesis/stream_frontend.h"
#include "engine/world/kinesis/throughput_limit.h"

namespace streamscope::model {
namespace {

using namespace engine::kinesis;
using Kind = WorldItem::Kind;

QString ms(engine::SimTime t) { return QObject::tr("%1 ms").arg(engine::toMs(t), 0, 'f', 1); }
QString num(std::int64_t n) { return QLocale().toString(static_cast<qlonglong>(n)); }
QString dec(engine::Uint128 v) { return QString::fromStdString(engine::toDecimal(v)); }

Explanation shard(const engine::World &w, int slot) {
  const KinesisState &k = w.kinesis;
  const Shard &s = k.shardAt(slot);
  const Stream &stream = k.streams[static_cast<std::size_t>(s.stream)];
  const auto nameOf = [&](int index) { return QString::fromStdString(shardId(index)); };
  QStringList children;
  for (const Shard &other : k.shards)
    if (other.stream == s.stream && (other.parent == s.index || other.adjacentParent == s.index))
      children << nameOf(other.index);
  Explanation e{QString::fromStdString(k.shardName(slot)), {}, {}};
  e.facts = {{QObject::tr("Status"), s.open() ? QObject::tr("OPEN") : QObject::tr("CLOSED at %1").arg(ms(s.closedAt))},
             {QObject::tr("StartingHashKey"), dec(s.range.start)},
             {QObject::tr("EndingHashKey"), dec(s.range.end)},
             {QObject::tr("Parent"), s.parent >= 0 ? nameOf(s.parent) : QObject::tr("none")},
             {QObject::tr("Adjacent parent"), s.adjacentParent >= 0 ? nameOf(s.adjacentParent) : QObject::tr("none")},
             {QObject::tr("Children"), children.isEmpty() ? QObject::tr("none") : children.join(QStringLiteral(", "))},
             {QObject::tr("Records retained"), num(static_cast<std::int64_t>(s.records.size()))},
             {QObject::tr("Readable (acknowledged)"), num(static_cast<std::int64_t>(s.readable))},
             {QObject::tr("Writes throttled"), num(s.throttledWrites)},
             {QObject::tr("Reads throttled"), num(s.throttledReads)},
             {QObject::tr("Retention"), QObject::tr("%1 h").arg(stream.config.retention / engine::kSecond / 3600)}};
  const QString readWhy = addShardReadFacts(w, slot, e);
  if (!s.open())
    e.why = QObject::tr("Closed by a split or merge: it takes no more writes, but its records stay readable until retention removes them. A KCL "
                        "application finishes it (SHARD_END) before it reads the children.");
  else if (s.throttledWrites > 0)
    e.why = QObject::tr("A shard accepts at most %1 records/s and 1 MiB/s of writes, whichever is reached first. PutRecords reports "
                        "ProvisionedThroughputExceededException for each record beyond that; Kinesis does not keep them, so the producer (here it "
                        "backs off and resends them, as the KPL does) must send them again, and a resend can duplicate or reorder records. Splitting "
                        "the shard doubles the capacity for its key range.")
                .arg(kWriteRecordsPerSecond, 0, 'f', 0);
  else
    e.why = QObject::tr("Every partition key whose MD5 hash falls between its starting and ending hash key is written here, in the order Kinesis "
                        "assigns sequence numbers.");
  if (!readWhy.isEmpty())
    e.why = s.open() && s.throttledWrites == 0 ? readWhy : e.why + QLatin1Char(' ') + readWhy;
  return e;
}

Explanation record(const engine::World &w, int slot, std::uint64_t counter) {
  const KinesisState &k = w.kinesis;
  const Shard &s = k.shardAt(slot);
  const std::size_t i = s.firstAt(counter);
  if (i >= s.records.size() || s.records[i].counter != counter)
    return {QObject::tr("Record gone"), {}, QObject::tr("Retention has removed this record from the shard.")};
  const StoredRecord &stored = s.records[i];
  const RecordInfo &r = k.records.at(stored.record);
  QStringList zones;
  for (int z = 0; z < kZones; ++z)
    if (stored.zones & (1u << z))
      zones << QStringLiteral("AZ %1").arg(QChar('a' + z));
  Explanation e{QObject::tr("Record in %1").arg(QString::fromStdString(k.shardName(slot))), {}, {}};
  e.facts = {{QObject::tr("SequenceNumber"), QString::fromStdString(s.sequenceOf(stored).toDecimal())},
             {QObject::tr("PartitionKey"), QString::fromStdString(k.keys.at(static_cast<std::size_t>(r.key)))},
             {QObject::tr("Hash key"), dec(routingHashKey(w, stored.record))},
             {QObject::tr("Data"), QObject::tr("%1 bytes (with the key)").arg(r.bytes)},
             {QObject::tr("ApproximateArrivalTimestamp"), ms(stored.arrival)},
             {QObject::tr("Stored in"), zones.join(QStringLiteral(", "))},
             {QObject::tr("Acknowledged"), stored.durable ? QObject::tr("yes") : QObject::tr("not yet")}};
  e.why = stored.durable ? QObject::tr("Acknowledged: in this simulation every availability zone that was up has it, so consumers may read it. Its "
                                       "sequence number is unique within the shard and larger than every earlier one; the numbers are sparse, not "
                                       "consecutive.")
                         : QObject::tr("Written to %n zone(s) so far: Kinesis answers the put only after three zones have stored it (StreamScope's "
                                       "model: every zone that is up), and consumers cannot read it until then.",
                                       nullptr, static_cast<int>(zones.size()));
  const std::uint8_t mark = kinesisCopyMarks(k, s, i, i + 1).front();
  if (mark & Reordered) {
    e.facts.append({QObject::tr("Out of order"), QObject::tr("stored after records its producer created later")});
    e.why.prepend(
        QObject::tr("Out of the producer's order: records that producer %1 created after this one were stored before it, so they have smaller "
                    "sequence numbers. A retried put gets a new sequence number when it arrives; Kinesis keeps no producer "
                    "sequence to restore the order, and a consumer reads them in sequence-number order. ")
            .arg(QString::fromStdString(k.producers.at(static_cast<std::size_t>(r.producer)).config.name)));
  }
  if (mark & SecondCopy) {
    e.facts.append({QObject::tr("Stored twice"), QObject::tr("a second copy of an earlier record in this shard")});
    e.why.prepend(QObject::tr("A duplicate: the shard already holds this record under an earlier sequence number. Its producer sent it again "
                              "because no answer came back in time; Kinesis has no idempotent producer, so every accepted put is stored. "));
  }
  return e;
}

Explanation zone(const engine::World &w, int z) {
  const bool up = w.kinesis.zoneUp.at(static_cast<std::size_t>(z));
  return {QObject::tr("Availability zone %1").arg(QChar('a' + z)),
          {{QObject::tr("State"), up ? QObject::tr("up") : QObject::tr("down")}},
          up ? QObject::tr("AWS states that Kinesis replicates every record synchronously to three availability zones before a put succeeds.")
             : QObject::tr("Down. AWS does not publish what Kinesis does while a zone is down; StreamScope assumes puts are acknowledged once the "
                           "zones still up have the records, so no acknowledged record is lost, and that this zone is brought up to date when it "
                           "returns. This is the simulator's assumption, not documented AWS behaviour.")};
}

Explanation producer(const engine::World &w, int i) {
  const KinesisState &k = w.kinesis;
  const Producer &p = k.producers.at(static_cast<std::size_t>(i));
  Explanation e{QObject::tr("Producer %1").arg(QString::fromStdString(p.config.name)), {}, {}};
  const int maxKib = k.streams[static_cast<std::size_t>(p.stream)].config.maxRecordSizeKib;
  e.facts = {{QObject::tr("Rate"), QObject::tr("%1 records/s").arg(p.schedule.rate, 0, 'f', 0)},
             {QObject::tr("Produced"), num(p.produced)},
             {QObject::tr("Waiting to send"), num(static_cast<std::int64_t>(p.buffer.size()))},
             {QObject::tr("PutRecords in flight"), QString::number(p.inFlight)},
             {QObject::tr("Back-off"), p.backoffUntil > w.now ? QObject::tr("until %1").arg(ms(p.backoffUntil)) : QObject::tr("none")},
             {QObject::tr("Record size"), QObject::tr("%1 bytes").arg(num(p.config.recordBytes))},
             {QObject::tr("Stream's maximum record size"), QObject::tr("%1 KiB").arg(maxKib)}};
  if (p.tooLarge > 0)
    e.facts.append({QObject::tr("Refused as too large"), num(p.tooLarge)});
  e.why = p.tooLarge > 0
      ? QObject::tr("Its records are larger than the stream's maximum record size (%1 KiB, data plus partition key): Kinesis refuses each "
                    "with ValidationException, and no retry helps. UpdateMaxRecordSize raises the maximum up to 10 MiB; a shard still writes "
                    "1 MiB/s on average, so records above 1 MiB burst and then throttle the shard's next writes until the burst is repaid.")
            .arg(maxKib)
      : p.backoffUntil > w.now
      ? QObject::tr("Backing off: the last PutRecords had failed entries (ProvisionedThroughputExceededException). Kinesis accepted the rest and "
                    "dropped these; this producer waits, then resends only them. A resend is the client's job (the application or the KPL), and it "
                    "can duplicate or reorder records.")
      : QObject::tr("Sends up to %1 records per PutRecords call; each record goes to the shard its partition key hashes to.")
            .arg(p.config.putRecordsMax);
  return e;
}

QString leaseText(const engine::World &w, const Lease &lease) {
  const KinesisState &k = w.kinesis;
  QString checkpoint = QObject::tr("none");
  if (lease.checkpoint == CheckpointKind::ShardEnd)
    checkpoint = QStringLiteral("SHARD_END");
  else if (lease.checkpoint == CheckpointKind::Sequence)
    checkpoint =
        QString::fromStdString(k.shardAt(lease.shard).sequenceOf(StoredRecord{lease.checkpointCounter, lease.checkpointArrival}).toDecimal());
  else if (lease.checkpoint == CheckpointKind::Rewritten)
    checkpoint = QObject::tr("rewritten by an operator (the next owner to take the lease starts there)");
  return QObject::tr("%1: owner %2, checkpoint %3, %4 ms behind latest")
      .arg(QString::fromStdString(shardId(k.shardAt(lease.shard).index)))
      .arg(lease.owner >= 0 ? QStringLiteral("w%1").arg(lease.owner) : QObject::tr("none"))
      .arg(checkpoint)
      .arg(lease.millisBehindLatest);
}

Explanation application(const engine::World &w, int a) {
  const Application &app = w.kinesis.apps.at(static_cast<std::size_t>(a));
  Explanation e{QObject::tr("Application %1").arg(QString::fromStdString(app.config.application)), {}, {}};
  e.facts = {{QObject::tr("Reads"),
              app.config.enhancedFanOut ? QObject::tr("enhanced fan-out (SubscribeToShard)") : QObject::tr("shared throughput (GetRecords)")},
             {QObject::tr("Workers"), QString::number(app.workers.size())},
             {QObject::tr("Consumed"), num(app.consumed)},
             {QObject::tr("Delivered twice"), num(app.duplicates)}};
  const QString readWhy = addApplicationReadFacts(w, a, e);
  for (const Lease &lease : app.leases)
    e.facts.append({QObject::tr("Lease"), leaseText(w, lease)});
  e.facts.append(leaseAssignmentFacts(w, a));
  e.why = QObject::tr("A KCL application: workers share the shards through a lease table, and each checkpoints the last sequence number it "
                      "processed, so a worker that takes over a lease resumes after the checkpoint.") +
      QLatin1Char(' ') + leaseAssignmentWhy(w, a);
  if (!readWhy.isEmpty())
    e.why = readWhy + QLatin1Char(' ') + e.why;
  return e;
}

Explanation worker(const engine::World &w, int a, int wi) {
  const Application &app = w.kinesis.apps.at(static_cast<std::size_t>(a));
  const Worker &worker = app.workers.at(static_cast<std::size_t>(wi));
  Explanation e{QObject::tr("Worker w%1 of %2").arg(wi).arg(QString::fromStdString(app.config.application)), {}, {}};
  e.facts = {{QObject::tr("State"), !worker.alive ? QObject::tr("dead") : !worker.inApp ? QObject::tr("shut down") : QObject::tr("running")}};
  for (const Lease &lease : app.leases)
    if (lease.owner == wi)
      e.facts.append({QObject::tr("Lease"), leaseText(w, lease)});
  e.why = !worker.alive ? QObject::tr("Dead: its leases stop being renewed, and after failoverTimeMillis (%1 for this application) other workers "
                                      "take them over and resume from the last checkpoint (records after it are processed again).")
                              .arg(ms(app.config.failoverTime))
                        : QObject::tr("Renews its leases and reads each leased shard, checkpointing as it goes.");
  e.facts.append(workerLoadFacts(w, a, wi));
  e.why += workerLeaseWhy(w, a, wi);
  return e;
}

} // namespace

Explanation explainKinesis(const engine::World &w, const WorldItem &item) {
  const KinesisState &k = w.kinesis;
  const auto valid = [](int i, std::size_t n) { return i >= 0 && static_cast<std::size_t>(i) < n; };
  switch (item.kind) {
  case Kind::Stream:
    if (valid(item.a, k.streams.size()))
      return explainStream(w, item.a);
    break;
  case Kind::Shard:
    if (valid(item.a, k.shards.size()))
      return shard(w, item.a);
    break;
  case Kind::ShardRecord:
    if (valid(item.a, k.shards.size()))
      return record(w, item.a, static_cast<std::uint64_t>(item.c));
    break;
  case Kind::Zone:
    if (valid(item.a, kZones))
      return zone(w, item.a);
    break;
  case Kind::KinesisProducer:
    if (valid(item.a, k.producers.size()))
      return producer(w, item.a);
    break;
  case Kind::Application:
    if (valid(item.a, k.apps.size()))
      return application(w, item.a);
    break;
  case Kind::Worker:
    if (valid(item.a, k.apps.size()) && valid(item.b, k.apps[static_cast<std::size_t>(item.a)].workers.size()))
      return worker(w, item.a, item.b);
    break;
  default: break;
  }
  return {QObject::tr("Gone"), {}, QObject::tr("This item no longer exists in the simulation.")};
}

} // namespace streamscope::model
