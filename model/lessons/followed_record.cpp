#include "followed_record.h"

#include <QObject>

namespace streamscope::model {
namespace {

using namespace engine;
using Kind = WorldItem::Kind;

/// The index of the producer's Nth record in `records`, or -1 (not produced yet).
template <typename Records> std::int64_t nthRecordOf(const Records &records, int producer, int n) {
  int seen = 0;
  for (std::size_t r = 0; r < records.size(); ++r)
    if (records[r].producer == producer && seen++ == n)
      return static_cast<std::int64_t>(r);
  return -1;
}

template <typename Producers> int producerIndex(const Producers &producers, const QString &name) {
  for (std::size_t p = 0; p < producers.size(); ++p)
    if (QString::fromStdString(producers[p].config.name) == name)
      return static_cast<int>(p);
  return -1;
}

/// Where the record is in Kafka: its cells, and the groups whose position passed it.
struct KafkaWhere {
  int partition = -1;
  kafka::Offset offset = -1;
  std::vector<int> brokers, flushedOn;
  std::vector<int> readBy;
};

KafkaWhere kafkaWhere(const World &w, std::int64_t id) {
  KafkaWhere where;
  const kafka::RecordInfo &info = w.kafka.records[static_cast<std::size_t>(id)];
  where.partition = info.partition;
  if (info.partition < 0)
    return where;
  const kafka::Partition &part = w.kafka.partitions[static_cast<std::size_t>(info.partition)];
  for (std::size_t slot = 0; slot < part.logs.size(); ++slot)
    for (const kafka::LogEntry &e : part.logs[slot].entries())
      if (e.record == static_cast<kafka::RecordId>(id)) {
        where.offset = e.offset;
        where.brokers.push_back(part.replicas[slot]);
        if (e.offset < part.logs[slot].flushed())
          where.flushedOn.push_back(part.replicas[slot]);
        break;
      }
  if (where.offset >= 0)
    for (std::size_t g = 0; g < w.kafka.groups.size(); ++g) {
      const kafka::ConsumerGroup &group = w.kafka.groups[g];
      if (group.topic == part.topic && part.index < static_cast<int>(group.parts.size()) &&
          group.parts[static_cast<std::size_t>(part.index)].position > where.offset)
        where.readBy.push_back(static_cast<int>(g));
    }
  return where;
}

/// Where the record is in Kinesis: its shard entry, and the applications whose checkpoint covers it.
struct KinesisWhere {
  int slot = -1;
  std::uint64_t counter = 0;
  int zones = 0;
  std::vector<int> checkpointedBy;
};

KinesisWhere kinesisWhere(const World &w, std::int64_t id) {
  KinesisWhere where;
  for (std::size_t slot = 0; slot < w.kinesis.shards.size() && where.slot < 0; ++slot)
    for (const kinesis::StoredRecord &r : w.kinesis.shards[slot].records)
      if (r.record == static_cast<std::uint32_t>(id)) {
        where.slot = static_cast<int>(slot);
        where.counter = r.counter;
        where.zones = std::popcount(static_cast<unsigned>(r.zones));
        break;
      }
  if (where.slot >= 0)
    for (std::size_t a = 0; a < w.kinesis.apps.size(); ++a)
      for (const kinesis::Lease &lease : w.kinesis.apps[a].leases)
        if (lease.shard == where.slot &&
            (lease.checkpoint == kinesis::CheckpointKind::ShardEnd ||
             (lease.checkpoint == kinesis::CheckpointKind::Sequence && lease.checkpointCounter >= where.counter)))
          where.checkpointedBy.push_back(static_cast<int>(a));
  return where;
}

QString joined(const std::vector<int> &list) {
  QStringList out;
  for (int i : list)
    out << QString::number(i);
  return out.join(QStringLiteral(", "));
}

} // namespace

std::vector<WorldItem> followedRecordItems(const World &w, const RecordPin &pin) {
  std::vector<WorldItem> items;
  if (const int p = producerIndex(w.kafka.producers, pin.producer); p >= 0)
    if (const std::int64_t id = nthRecordOf(w.kafka.records, p, pin.record); id >= 0) {
      const KafkaWhere where = kafkaWhere(w, id);
      if (where.brokers.empty())
        items.push_back({Kind::KafkaProducer, p}); // still in the producer's buffer or on the wire
      for (int b : where.brokers)
        items.push_back({Kind::LogCell, where.partition, b, where.offset});
      for (int g : where.readBy)
        items.push_back({Kind::Group, g});
    }
  if (const int p = producerIndex(w.kinesis.producers, pin.producer); p >= 0)
    if (const std::int64_t id = nthRecordOf(w.kinesis.records, p, pin.record); id >= 0) {
      const KinesisWhere where = kinesisWhere(w, id);
      if (where.slot < 0)
        items.push_back({Kind::KinesisProducer, p});
      else
        items.push_back({Kind::ShardRecord, where.slot, -1, static_cast<std::int64_t>(where.counter)});
      for (int a : where.checkpointedBy)
        items.push_back({Kind::Application, a});
    }
  return items;
}

QString describeFollowedRecord(const World &w, const RecordPin &pin) {
  QStringList parts;
  if (const int p = producerIndex(w.kafka.producers, pin.producer); p >= 0) {
    const std::int64_t id = nthRecordOf(w.kafka.records, p, pin.record);
    if (id < 0) {
      parts << QObject::tr("Kafka: not produced yet");
    } else {
      const KafkaWhere where = kafkaWhere(w, id);
      const bool acked = w.kafka.records[static_cast<std::size_t>(id)].has(kafka::RecordInfo::Acked);
      if (where.brokers.empty())
        parts << (acked ? QObject::tr("Kafka: acknowledged, but on no broker any more") : QObject::tr("Kafka: in the producer, not on a broker yet"));
      else {
        QString s = QObject::tr("Kafka: offset %1 of %2 on brokers %3")
                        .arg(where.offset)
                        .arg(QString::fromStdString(w.kafka.partitionName(where.partition)), joined(where.brokers));
        s += where.flushedOn.empty() ? QObject::tr(", on no disk yet") : QObject::tr(", on disk on %1").arg(joined(where.flushedOn));
        s += acked ? QObject::tr(", acknowledged") : QObject::tr(", not acknowledged yet");
        if (!where.readBy.empty())
          s += QObject::tr(", read");
        parts << s;
      }
    }
  }
  if (const int p = producerIndex(w.kinesis.producers, pin.producer); p >= 0) {
    const std::int64_t id = nthRecordOf(w.kinesis.records, p, pin.record);
    const KinesisWhere where = id >= 0 ? kinesisWhere(w, id) : KinesisWhere{};
    if (id < 0)
      parts << QObject::tr("Kinesis: not produced yet");
    else if (where.slot < 0)
      parts << QObject::tr("Kinesis: in the producer, in no shard yet");
    else
      parts << QObject::tr("Kinesis: shard %1, in %2 of 3 zones%3")
                   .arg(w.kinesis.shardAt(where.slot).index)
                   .arg(where.zones)
                   .arg(where.checkpointedBy.empty() ? QString() : QObject::tr(", checkpointed"));
  }
  return QObject::tr("%1's record %2 — %3").arg(pin.producer).arg(pin.record).arg(parts.join(QStringLiteral("; ")));
}

} // namespace streamscope::model
