#include "engine/kafka/producer_client.h"

#include "engine/world/config_rules.h"

#include "engine/kafka/batch_reclaim.h"
#include "engine/kafka/murmur2.h"
#include "engine/kafka/produce_sender.h"
#include "engine/kafka/producer_lifecycle.h"
#include "engine/kafka/record_ledger.h"
#include "engine/kafka/txn_producer.h"

#include <algorithm>
#include <cmath>
#include <utility>

namespace streamscope::engine::kafka {
namespace {

Producer &producerAt(World &w, int i) { return w.kafka.producers[static_cast<std::size_t>(i)]; }

std::int32_t internKey(KafkaState &k, const std::string &key) {
  const auto [it, inserted] = k.keyIndex.emplace(key, static_cast<std::int32_t>(k.keys.size()));
  if (inserted)
    k.keys.push_back(key);
  return it->second;
}

/// Puts a retried batch back among the other retried batches at the front of the queue, in
/// sequence order, as the Java client does, so the broker sees sequences in order.
void requeueInSequenceOrder(World &w, ProducerPartition &pp, std::int32_t batchId) {
  const auto seqOf = [&](std::int32_t id) { return std::as_const(w.kafka.records)[w.kafka.batches[id].records.front()].seq; };
  auto it = pp.queue.begin();
  while (it != pp.queue.end() && w.kafka.batches[*it].attempt > 0 && seqOf(*it) < seqOf(batchId))
    ++it;
  pp.queue.insert(it, batchId);
}

/// Errors no retry can cure: the producer epoch is gone, or the record is too large.
bool fatal(ErrorCode error) {
  return error == ErrorCode::InvalidProducerEpoch || error == ErrorCode::ProducerFenced || error == ErrorCode::MessageTooLarge;
}

/// MESSAGE_TOO_LARGE for a batch of several records: the Java client splits it into batches of
/// at most batch.size bytes (a record alone when larger) that keep their records' sequence
/// numbers, and sends them again first; only a batch of one record fails. When batch.size
/// would not split it at all, StreamScope sends each record alone (see docs/fidelity.md).
void splitTooLargeBatch(World &w, std::int32_t batchId) {
  const Batch old = w.kafka.batches[batchId]; // a copy: acquiring slots may move the pool
  Producer &pr = producerAt(w, old.producer);
  const int local = w.kafka.localIndex(old.partition);
  const std::int64_t limit = pr.config.batchSize < old.bytes ? pr.config.batchSize : 0;
  std::vector<std::int32_t> parts;
  for (RecordId id : old.records) {
    const std::int64_t bytes = std::as_const(w.kafka.records)[id].bytes;
    if (parts.empty() || w.kafka.batches[parts.back()].bytes + bytes > limit) {
      const std::int32_t part = acquireBatch(w);
      Batch &b = w.kafka.batches[part];
      b.producer = old.producer;
      b.partition = old.partition;
      b.createdAt = old.createdAt;
      b.retriesUsed = old.retriesUsed;
      b.resetSequence = old.resetSequence && parts.empty();
      b.attempt = ++w.kafka.sendSerial; // never 0: a split batch takes no new records
      parts.push_back(part);
    }
    Batch &b = w.kafka.batches[parts.back()];
    b.records.push_back(id);
    b.bytes += bytes;
  }
  ProducerPartition &pp = pr.parts[static_cast<std::size_t>(local)];
  const auto at = std::find(pp.unresolved.begin(), pp.unresolved.end(), batchId);
  const auto position = pp.unresolved.erase(at);
  pp.unresolved.insert(position, parts.begin(), parts.end());
  for (auto it = parts.rbegin(); it != parts.rend(); ++it)
    requeueInSequenceOrder(w, pp, *it);
  w.record(EventType::ProduceRetried, pr.node, old.partition, -1, static_cast<std::int64_t>(old.records.size()),
           static_cast<std::uint8_t>(ErrorCode::MessageTooLarge));
}

void handleResult(World &w, std::int32_t batchId, ErrorCode error, Offset base) {
  Batch &b = w.kafka.batches[batchId];
  Producer &pr = producerAt(w, b.producer);
  const int local = w.kafka.localIndex(b.partition);
  ProducerPartition &pp = pr.parts[static_cast<std::size_t>(local)];
  b.inFlight = false;
  --pp.inFlight;
  if (error == ErrorCode::None) {
    resolve(pp, batchId);
    for (RecordId id : b.records)
      noteAcked(w, id);
    w.record(EventType::Acked, pr.node, b.partition, base, static_cast<std::int64_t>(b.records.size()));
    transactionalBatchResolved(w, b.producer, false);
  } else if (error == ErrorCode::MessageTooLarge && b.records.size() > 1) {
    splitTooLargeBatch(w, batchId);
    return;
  } else if (!fatal(error) && b.retriesUsed < pr.config.retries && w.now < b.createdAt + pr.config.deliveryTimeout) {
    ++b.retriesUsed;
    ++w.kafka.counters.retries;
    b.failedAt = w.now;
    w.record(EventType::ProduceRetried, pr.node, b.partition, -1, static_cast<std::int64_t>(b.records.size()), static_cast<std::uint8_t>(error));
    b.retryAt = w.now + retryBackoff(w.rng, pr.config, b.retriesUsed);
    // The broker refuses a gap in sequences; when every earlier batch is resolved the gap
    // is real (those records are gone) and the producer starts a new sequence epoch.
    if (error == ErrorCode::OutOfOrderSequenceNumber && !pp.unresolved.empty() && pp.unresolved.front() == batchId)
      b.resetSequence = true;
    requeueInSequenceOrder(w, pp, batchId); // resent first, after the back-off, with fresh metadata
    scheduleWake(w, b.producer, local, b.retryAt);
    return;
  } else {
    resolve(pp, batchId);
    failBatch(w, b, error == ErrorCode::RequestTimedOut && w.now >= b.createdAt + pr.config.deliveryTimeout ? ErrorCode::DeliveryTimeout : error);
    transactionalBatchResolved(w, b.producer, true);
  }
}

/// A request's answer (or its timeout): each batch still waiting for this attempt takes its
/// partition's result, then the producer sends what the freed connection and partitions allow.
void settleRequest(World &w, int producer, int broker, const std::vector<PartitionResult> &parts, bool timedOut) {
  int &inFlight = producerAt(w, producer).brokerInFlight[static_cast<std::size_t>(broker)];
  inFlight = std::max(0, inFlight - 1);
  std::vector<int> locals;
  for (const PartitionResult &r : parts) {
    const Batch &b = w.kafka.batches[r.batch];
    if (!b.inFlight || b.attempt != r.attempt)
      continue;
    locals.push_back(w.kafka.localIndex(b.partition));
    handleResult(w, r.batch, timedOut ? ErrorCode::RequestTimedOut : r.error, timedOut ? -1 : r.base);
  }
  for (int local : locals)
    trySend(w, producer, local);
  drainBroker(w, producer, broker);
}

/// Creates one record of `producer` for partition `local` and puts it in that partition's
/// last batch (a new one when it does not fit). Returns its id.
RecordId appendRecord(World &w, int producer, std::int32_t key, int local, SimTime createdAt) {
  Producer &pr = producerAt(w, producer);
  const Topic &topic = w.kafka.topics[static_cast<std::size_t>(pr.topic)];
  const int p = topic.partitionIds[static_cast<std::size_t>(local)];
  ProducerPartition &pp = pr.parts[static_cast<std::size_t>(local)];
  // A tombstone carries its key and no value. Only drawn when asked for, so that other
  // scenarios keep their random sequence.
  const bool tombstone = key >= 0 && pr.config.tombstoneRatio > 0 && w.rng.chance(pr.config.tombstoneRatio);
  const auto keyBytes = key >= 0 ? w.kafka.keys[static_cast<std::size_t>(key)].size() : 0;
  const auto bytes = static_cast<std::uint32_t>((tombstone ? 0 : pr.config.recordBytes) + keyBytes);
  const auto id = static_cast<RecordId>(w.kafka.records.size());
  // send() refuses a record above max.request.size before it reaches a batch
  // (RecordTooLargeException): it takes no sequence number and never leaves the client.
  const bool tooLarge = bytes > pr.config.maxRequestSize;
  RecordInfo info;
  info.createdAt = createdAt;
  info.partition = p;
  info.key = key;
  info.seq = tooLarge ? -1 : pp.nextSeq++;
  info.bytes = bytes;
  info.producer = static_cast<std::int16_t>(producer);
  info.pidGen = pr.pidGen;
  if (!tooLarge)
    noteTransactionalRecord(w, producer, info);
  if (tombstone)
    info.flags |= RecordInfo::Tombstone;
  w.kafka.records.push_back(info);
  ++w.kafka.counters.produced;
  w.record(EventType::RecordProduced, pr.node, p, id, key);
  if (tooLarge) {
    w.kafka.records[id].flags |= RecordInfo::Failed;
    ++w.kafka.counters.failed;
    ++w.kafka.counters.tooLarge;
    ++pr.tooLarge;
    w.record(EventType::ProduceFailed, pr.node, p, -1, 1, static_cast<std::uint8_t>(ErrorCode::MessageTooLarge));
    return id;
  }
  if (key < 0)
    pr.sticky.onAppend(bytes);

  const bool fits =
      !pp.queue.empty() && w.kafka.batches[pp.queue.back()].attempt == 0 && w.kafka.batches[pp.queue.back()].bytes + bytes <= pr.config.batchSize;
  if (!fits) {
    const std::int32_t batchId = acquireBatch(w);
    Batch &b = w.kafka.batches[batchId];
    b.producer = producer;
    b.partition = p;
    b.createdAt = info.createdAt;
    pp.queue.push_back(batchId);
    pp.unresolved.push_back(batchId);
  }
  Batch &b = w.kafka.batches[pp.queue.back()];
  b.records.push_back(id);
  b.bytes += bytes;
  return id;
}

} // namespace

void sendReady(World &w, int producer, int local) { trySend(w, producer, local); }

std::int64_t produceRecord(World &w, int producer, const std::string *key) {
  Producer &pr = producerAt(w, producer);
  if (pr.crashed || !transactionTakesRecords(w, producer))
    return -1;
  const int partitions = static_cast<int>(pr.parts.size());
  const std::int32_t keyId = key ? internKey(w.kafka, *key) : -1;
  int local = 0;
  if (key) {
    local = partitionForKey(*key, partitions);
  } else {
    std::vector<bool> available(pr.parts.size(), true);
    std::vector<int> queued(pr.parts.size(), 0);
    for (std::size_t i = 0; i < pr.parts.size(); ++i)
      queued[i] = static_cast<int>(pr.parts[i].queue.size());
    local = pr.sticky.partition(available, queued, w.rng);
  }
  const RecordId id = appendRecord(w, producer, keyId, local, w.now);
  ++pr.produced;
  trySend(w, producer, local);
  checkTransactionEnd(w, producer, false);
  return id;
}

void abandonQueuedBatches(World &w, int producer) {
  Producer &pr = producerAt(w, producer);
  for (ProducerPartition &pp : pr.parts) {
    for (std::int32_t id : pp.queue) {
      resolve(pp, id);
      failBatch(w, w.kafka.batches[id], ErrorCode::InvalidProducerEpoch);
    }
    pp.queue.clear();
  }
}

void useKeys(World &w, int index) {
  Producer &pr = producerAt(w, index);
  const int partitions = w.kafka.topics[static_cast<std::size_t>(pr.topic)].config.partitions;
  pr.keyIds.clear();
  pr.keyPartition.clear();
  for (const std::string &key : workloadKeys(pr.config)) {
    pr.keyIds.push_back(internKey(w.kafka, key));
    pr.keyPartition.push_back(partitionForKey(key, partitions));
  }
}

void setProducerAcks(World &w, int index, Acks acks) {
  Producer &pr = producerAt(w, index);
  pr.config.acks = acks;
  // The Java client turns idempotence off unless acks=all; it stays off when acks returns to all.
  if (!idempotenceAllowed(acks))
    pr.config.enableIdempotence = false;
  w.record(EventType::ConfigChanged, pr.node, -1, static_cast<std::int64_t>(acks), 0, kAcksChanged);
}

void startProducer(World &w, int index) {
  Producer &pr = producerAt(w, index);
  const Topic &topic = w.kafka.topics[static_cast<std::size_t>(pr.topic)];
  const int partitions = topic.config.partitions;
  pr.parts.assign(static_cast<std::size_t>(partitions), ProducerPartition{});
  pr.sticky = StickyPartitioner(pr.config.batchSize);
  useKeys(w, index);
  pr.schedule = RateSchedule{pr.config.rate, pr.config.start, 0, pr.config.count};
  if (isTransactional(pr))
    initTransactions(w, index);
  w.at(pr.config.start, Action{ActionType::ProducerTick, -1, -1, index});
}

void setProducerRate(World &w, int index, double rate) {
  Producer &pr = producerAt(w, index);
  const bool wasIdle = pr.schedule.rate <= 0;
  pr.schedule.change(w.now, pr.produced, rate);
  w.record(EventType::RateChanged, pr.node, -1, static_cast<std::int64_t>(rate));
  if (wasIdle && rate > 0 && !pr.done)
    w.after(0, Action{ActionType::ProducerTick, -1, -1, index});
}

void onProducerTick(World &w, const Action &a) {
  Producer &pr = producerAt(w, a.a);
  if (pr.done || pr.crashed || pr.schedule.rate <= 0)
    return;
  const Topic &topic = w.kafka.topics[static_cast<std::size_t>(pr.topic)];
  const std::int64_t due = pr.schedule.due(w.now);
  std::vector<bool> touched(pr.parts.size(), false);
  std::vector<bool> available;
  std::vector<int> queued;
  for (; pr.produced < due && transactionTakesRecords(w, a.a); ++pr.produced) {
    int local;
    std::int32_t key = -1;
    if (!pr.keyIds.empty()) {
      const auto k = keyChoice(w.scenario.seed, pr.workload, pr.produced, static_cast<std::uint32_t>(pr.keyIds.size()));
      key = pr.keyIds[k];
      local = pr.keyPartition[k];
    } else {
      available.assign(pr.parts.size(), false);
      queued.assign(pr.parts.size(), 0);
      for (std::size_t i = 0; i < pr.parts.size(); ++i) {
        available[i] = w.kafka.partitions[static_cast<std::size_t>(topic.partitionIds[i])].leader >= 0;
        queued[i] = static_cast<int>(pr.parts[i].queue.size());
      }
      local = pr.sticky.partition(available, queued, w.rng);
    }
    appendRecord(w, a.a, key, local, std::min(pr.schedule.dueTime(pr.produced), w.now));
    touched[static_cast<std::size_t>(local)] = true;
    checkTransactionEnd(w, a.a, false);
  }
  checkTransactionEnd(w, a.a, pr.schedule.exhausted(pr.produced));
  for (std::size_t i = 0; i < touched.size(); ++i)
    if (touched[i])
      trySend(w, a.a, static_cast<int>(i));
  if (pr.schedule.exhausted(pr.produced))
    pr.done = true;
  else
    w.after(pr.schedule.tick(), a);
}

void onProducerWake(World &w, const Action &a) {
  Producer &pr = producerAt(w, a.a);
  pr.parts[static_cast<std::size_t>(a.b)].waitScheduled = false;
  if (!pr.crashed)
    trySend(w, a.a, a.b);
}

void onProduceRespondAfterFsync(World &w, const Action &a) {
  const ProduceRequest &request = w.kafka.produceRequests[static_cast<std::int32_t>(a.d)];
  std::int64_t records = 0;
  for (const PartitionResult &r : request.parts)
    records += static_cast<std::int64_t>(w.kafka.batches[r.batch].records.size());
  Action resp = a;
  resp.type = ActionType::ProduceResponseArrive;
  w.send(a.from, a.to, TransferKind::ProduceResponse, request.parts.front().partition, request.parts.front().base, records, resp);
}

void onProduceResponse(World &w, const Action &a) {
  const Batch &head = w.kafka.batches[a.a];
  if (!w.arrive(a, head.partition) || !head.inFlight || head.attempt != a.c)
    return; // lost, or an answer to an attempt already given up on
  const std::vector<PartitionResult> parts = w.kafka.produceRequests[static_cast<std::int32_t>(a.d)].parts; // a copy: sending may move the pool
  const int producer = head.producer;
  if (head.zombie) {
    for (const PartitionResult &r : parts)
      if (w.kafka.batches[r.batch].inFlight && w.kafka.batches[r.batch].attempt == r.attempt)
        zombieBatchAnswered(w, r.batch, r.error);
    return;
  }
  if (producerAt(w, producer).crashed)
    return; // nobody listens: the batches stay unanswered until a restart
  settleRequest(w, producer, head.sentTo, parts, false);
}

void onProduceRequestTimeout(World &w, const Action &a) {
  const Batch &head = w.kafka.batches[a.a];
  if (!head.inFlight || head.attempt != a.c || head.zombie || producerAt(w, head.producer).crashed)
    return;
  // The request named by its first batch's attempt: every batch of it still in flight.
  const int producer = head.producer;
  const int broker = head.sentTo;
  std::vector<PartitionResult> parts;
  for (const ProducerPartition &pp : producerAt(w, producer).parts)
    for (std::int32_t id : pp.unresolved) {
      const Batch &b = w.kafka.batches[id];
      if (b.inFlight && b.request == a.c)
        parts.push_back(PartitionResult{id, b.partition, b.attempt});
    }
  settleRequest(w, producer, broker, parts, true);
}

} // namespace streamscope::engine::kafka
