#include "engine/kafka/metadata_log.h"

#include "engine/kafka/partition_change.h"
#include "engine/kafka/raft_quorum.h"
#include "engine/kafka/replica_fetcher.h"
#include "engine/kafka/zookeeper_controller.h"

namespace streamscope::engine::kafka {
namespace {

void applyToImage(World &w, const MetadataRecord &r, Offset offset) {
  MetadataState &m = w.kafka.metadata;
  switch (r.type) {
  case MetadataRecordType::PartitionChange: {
    growImage(w);
    PartitionImage &im = m.image[static_cast<std::size_t>(r.partition)];
    im.leader = r.broker;
    im.leaderEpoch = r.leaderEpoch;
    im.partitionEpoch = r.partitionEpoch;
    im.isr = r.isr;
    im.elr = r.elr;
    im.lastKnownElr = r.lastKnownElr;
    break;
  }
  case MetadataRecordType::RegisterBroker:
    m.brokers[static_cast<std::size_t>(r.broker)].registeredIncarnation = static_cast<std::uint32_t>(r.value);
    m.brokers[static_cast<std::size_t>(r.broker)].registeredAt = offset;
    w.kafka.brokers[static_cast<std::size_t>(r.broker)].fenced = true;
    break;
  case MetadataRecordType::FenceBroker: w.kafka.brokers[static_cast<std::size_t>(r.broker)].fenced = true; break;
  case MetadataRecordType::UnfenceBroker: w.kafka.brokers[static_cast<std::size_t>(r.broker)].fenced = false; break;
  case MetadataRecordType::LeaderChange:
  case MetadataRecordType::Topic:
  case MetadataRecordType::Config: break;
  }
}

/// What broker `b` does on applying one committed record.
void applyOne(World &w, int b, const MetadataRecord &r) {
  BrokerMetadata &bm = w.kafka.metadata.brokers[static_cast<std::size_t>(b)];
  if (r.type == MetadataRecordType::RegisterBroker && r.broker == b && r.value == w.kafka.brokers[static_cast<std::size_t>(b)].incarnation) {
    bm.caughtUp = true;
  } else if (r.type == MetadataRecordType::PartitionChange && r.broker == b) {
    if (bm.caughtUp)
      takeEffect(w, r);
  } else if (r.type == MetadataRecordType::UnfenceBroker && r.broker == b) {
    // Unfenced: it follows every partition it holds that has a leader.
    for (std::size_t i = 0; i < w.kafka.partitions.size(); ++i) {
      const Partition &part = w.kafka.partitions[i];
      if (part.leader >= 0 && part.leader != b && part.slotOf(b) >= 0)
        startFollowing(w, static_cast<int>(i), b);
    }
  }
}

} // namespace

bool controllerReady(const World &w) {
  const MetadataState &m = w.kafka.metadata;
  if (m.zookeeper)
    return m.active >= 0 && w.now >= m.activeSince;
  return m.active >= 0;
}

void growImage(World &w) {
  MetadataState &m = w.kafka.metadata;
  while (m.image.size() < w.kafka.partitions.size())
    m.image.emplace_back();
}

void appendRecord(World &w, MetadataRecord r) {
  MetadataState &m = w.kafka.metadata;
  const auto index = static_cast<std::int32_t>(m.records.size());
  if (m.zookeeper) {
    r.epoch = m.zkEpoch;
    m.records.push_back(r);
    const Offset before = m.committed();
    m.committedLog.push_back(index); // a ZooKeeper write is the commit
    applyToImage(w, m.records.back(), before);
    onCommitted(w, before);
  } else {
    Controller &c = m.controllers[static_cast<std::size_t>(m.active)];
    r.epoch = c.epoch;
    m.records.push_back(r);
    const Offset offset = c.logEnd(m.base);
    c.log.push_back(index);
    applyToImage(w, m.records.back(), offset);
    leaderAppended(w, m.active);
  }
}

void replayImage(World &w, int c) {
  MetadataState &m = w.kafka.metadata;
  m.image = m.bootImage;
  growImage(w);
  for (Broker &b : w.kafka.brokers)
    b.fenced = false;
  for (BrokerMetadata &b : m.brokers) {
    b.registeredIncarnation = 0;
    b.registeredAt = -1;
  }
  const Controller &ctl = m.controllers[static_cast<std::size_t>(c)];
  for (std::size_t i = 0; i < ctl.log.size(); ++i)
    applyToImage(w, m.records[static_cast<std::size_t>(ctl.log[i])], m.base + static_cast<Offset>(i));
}

const MetadataRecord &committedRecord(const World &w, Offset offset) {
  const MetadataState &m = w.kafka.metadata;
  return m.records[static_cast<std::size_t>(m.committedLog[static_cast<std::size_t>(offset - m.base)])];
}

void onCommitted(World &w, Offset before) {
  MetadataState &m = w.kafka.metadata;
  const Offset after = m.committed();
  if (after <= before)
    return;
  w.record(EventType::MetadataCommitted, -1, -1, after, after - before);
  // No broker applies a change that leaves a partition offline: it takes effect at commit.
  for (Offset o = before; o < after; ++o) {
    const MetadataRecord &r = committedRecord(w, o);
    if (r.type == MetadataRecordType::PartitionChange && r.broker < 0)
      takeEffect(w, r);
  }
  scheduleMetadataFlush(w);
}

void applyMetadata(World &w, int b, Offset upTo) {
  BrokerMetadata &bm = w.kafka.metadata.brokers[static_cast<std::size_t>(b)];
  if (upTo <= bm.applied)
    return;
  const Offset from = bm.applied;
  bm.applied = upTo;
  for (Offset o = from; o < upTo; ++o)
    applyOne(w, b, committedRecord(w, o));
  w.record(EventType::MetadataApplied, b, -1, upTo, upTo - from);
}

void scheduleMetadataFlush(World &w) {
  MetadataState &m = w.kafka.metadata;
  if (m.flushScheduled)
    return;
  m.flushScheduled = true;
  w.after(0, Action{ActionType::MetadataFlush});
}

void onMetadataFlush(World &w, const Action &) {
  MetadataState &m = w.kafka.metadata;
  m.flushScheduled = false;
  if (m.zookeeper)
    pushMetadata(w);
  else if (m.active >= 0)
    answerParkedFetches(w, m.active);
}

} // namespace streamscope::engine::kafka
