#include "engine/kafka/producer_client.h"

#include "engine/world/config_rules.h"

#include "engine/kafka/batch_reclaim.h"
#include "engine/kafka/murmur2.h"
#include "engine/kafka/producer_lifecycle.h"
#include "engine/kafka/record_ledger.h"
#include "engine/kafka/txn_producer.h"

#include <algorithm>
#include <cmath>

namespace streamscope::engine::kafka {
namespace {

Producer &producerAt(World &w, int i) { return w.kafka.producers[static_cast<std::size_t>(i)]; }

std::int32_t internKey(KafkaState &k, const std::string &key) {
  const auto [it, inserted] = k.keyIndex.emplace(key, static_cast<std::int32_t>(k.keys.size()));
  if (inserted)
    k.keys.push_back(key);
  return it->second;
}

void failBatch(World &w, Batch &b, ErrorCode error) {
  for (RecordId id : b.records)
    w.kafka.records[id].flags |= RecordInfo::Failed;
  w.kafka.counters.failed += static_cast<std::int64_t>(b.records.size());
  if (error == ErrorCode::MessageTooLarge) {
    w.kafka.counters.tooLarge += static_cast<std::int64_t>(b.records.size());
    producerAt(w, b.producer).tooLarge += static_cast<std::int64_t>(b.records.size());
  }
  w.record(EventType::ProduceFailed, producerAt(w, b.producer).node, b.partition, -1, static_cast<std::int64_t>(b.records.size()),
           static_cast<std::uint8_t>(error));
}

void trySend(World &w, int producer, int localPartition);

/// Puts a retried batch back among the other retried batches at the front of the queue, in
/// sequence order, as the Java client does, so the broker sees sequences in order.
void requeueInSequenceOrder(World &w, ProducerPartition &pp, std::int32_t batchId) {
  const auto seqOf = [&](std::int32_t id) { return w.kafka.records[w.kafka.batches[id].records.front()].seq; };
  auto it = pp.queue.begin();
  while (it != pp.queue.end() && w.kafka.batches[*it].attempt > 0 && seqOf(*it) < seqOf(batchId))
    ++it;
  pp.queue.insert(it, batchId);
}

void resolve(ProducerPartition &pp, std::int32_t batchId) {
  pp.unresolved.erase(std::remove(pp.unresolved.begin(), pp.unresolved.end(), batchId), pp.unresolved.end());
}

/// A transactional producer's requests to one broker arrive in the order sent, as on one TCP
/// connection: a drawn latency that would overtake the previous request is stretched. (Other
/// producers still draw each latency on its own; see docs/fidelity.md.) -1: the network's.
SimTime inOrderLatency(World &w, Producer &pr, const Broker &leader) {
  if (!isTransactional(pr))
    return -1;
  if (pr.connectionArrival.size() <= static_cast<std::size_t>(leader.id))
    pr.connectionArrival.resize(static_cast<std::size_t>(leader.id) + 1, 0);
  SimTime &last = pr.connectionArrival[static_cast<std::size_t>(leader.id)];
  const SimTime arrival = std::max(w.now + w.net.latency(pr.node, leader.node, w.rng), last);
  last = arrival;
  return arrival - w.now;
}

void sendBatch(World &w, std::int32_t batchId) {
  Batch &b = w.kafka.batches[batchId];
  Producer &pr = producerAt(w, b.producer);
  const Partition &part = w.kafka.partitions[static_cast<std::size_t>(b.partition)];
  const Broker &leader = w.kafka.brokers[static_cast<std::size_t>(part.leader)];
  b.attempt = ++w.kafka.sendSerial;
  b.acks = pr.config.acks;
  b.instance = pr.instance;
  b.pidGen = pr.pidGen;
  const std::int32_t txn = w.kafka.records[b.records.front()].txn;
  b.epoch = txn >= 0 ? w.kafka.transactions[static_cast<std::size_t>(txn)].epoch : -1;
  const Action request{ActionType::ProduceArrive, -1, -1, batchId, -1, b.attempt, leader.incarnation};
  const bool sent = w.send(pr.node, leader.node, TransferKind::ProduceRequest, b.partition, -1, static_cast<std::int64_t>(b.records.size()), request,
                           inOrderLatency(w, pr, leader));
  if (b.acks == Acks::None) {
    // Fire and forget: the send itself completes the record (offset -1).
    resolve(pr.parts[static_cast<std::size_t>(w.kafka.localIndex(b.partition))], batchId);
    for (RecordId id : b.records)
      noteAcked(w, id);
    if (!sent)
      noteDropped(w, b);
    w.record(EventType::Acked, pr.node, b.partition, -1, static_cast<std::int64_t>(b.records.size()));
    return;
  }
  b.inFlight = true;
  b.sentAt = w.now;
  b.sentTo = leader.id;
  ++pr.parts[static_cast<std::size_t>(w.kafka.localIndex(b.partition))].inFlight;
  w.after(pr.config.requestTimeout, Action{ActionType::ProduceRequestTimeout, -1, -1, batchId, -1, b.attempt});
}

void scheduleWake(World &w, int producer, int localPartition, SimTime at) {
  ProducerPartition &pp = producerAt(w, producer).parts[static_cast<std::size_t>(localPartition)];
  if (pp.waitScheduled)
    return;
  pp.waitScheduled = true;
  w.at(at, Action{ActionType::ProducerWake, -1, -1, producer, localPartition});
}

void trySend(World &w, int producer, int localPartition) {
  Producer &pr = producerAt(w, producer);
  ProducerPartition &pp = pr.parts[static_cast<std::size_t>(localPartition)];
  const int p = w.kafka.partitionId(pr.topic, localPartition);
  while (!pp.queue.empty() && pp.inFlight < pr.config.maxInFlight) {
    Batch &b = w.kafka.batches[pp.queue.front()];
    if (w.now >= b.createdAt + pr.config.deliveryTimeout) {
      resolve(pp, pp.queue.front());
      pp.queue.pop_front();
      failBatch(w, b, ErrorCode::DeliveryTimeout);
      continue;
    }
    // The last batch still takes records until it is full or linger.ms has passed.
    const bool lingering = pp.queue.size() == 1 && b.bytes < pr.config.batchSize && b.attempt == 0 && w.now < b.createdAt + pr.config.linger;
    if (lingering) {
      scheduleWake(w, producer, localPartition, b.createdAt + pr.config.linger);
      return;
    }
    if (b.retryAt > w.now) {
      scheduleWake(w, producer, localPartition, b.retryAt);
      return;
    }
    if (w.kafka.partitions[static_cast<std::size_t>(p)].leader < 0) {
      // No leader in the metadata: look again after the back-off.
      scheduleWake(w, producer, localPartition, w.now + pr.config.retryBackoff);
      return;
    }
    if (!partitionInTransaction(w, producer, localPartition))
      return; // sent once AddPartitionsToTxn is answered
    const std::int32_t id = pp.queue.front();
    pp.queue.pop_front();
    sendBatch(w, id);
  }
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
    const std::int64_t bytes = w.kafka.records[id].bytes;
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
    const int producer = b.producer; // splitting may move the batch pool
    splitTooLargeBatch(w, batchId);
    trySend(w, producer, local);
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
  trySend(w, b.producer, local);
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
  const Batch &b = w.kafka.batches[a.a];
  Action resp = a;
  resp.type = ActionType::ProduceResponseArrive;
  w.send(a.from, a.to, TransferKind::ProduceResponse, b.partition, a.d, static_cast<std::int64_t>(b.records.size()), resp);
}

void onProduceResponse(World &w, const Action &a) {
  Batch &b = w.kafka.batches[a.a];
  if (!w.arrive(a, b.partition) || !b.inFlight || b.attempt != a.c)
    return; // lost, or an answer to an attempt already given up on
  if (b.zombie) {
    zombieBatchAnswered(w, a.a, static_cast<ErrorCode>(a.b));
    return;
  }
  if (producerAt(w, b.producer).crashed)
    return; // nobody listens: the batch stays unanswered until a restart
  handleResult(w, a.a, static_cast<ErrorCode>(a.b), a.d);
}

void onProduceRequestTimeout(World &w, const Action &a) {
  const Batch &b = w.kafka.batches[a.a];
  if (b.inFlight && b.attempt == a.c && !b.zombie && !producerAt(w, b.producer).crashed)
    handleResult(w, a.a, ErrorCode::RequestTimedOut, -1);
}

} // namespace streamscope::engine::kafka
