#include "engine/kafka/produce_sender.h"

#include "engine/kafka/batch_reclaim.h"
#include "engine/kafka/record_ledger.h"
#include "engine/kafka/txn_producer.h"

#include <algorithm>
#include <utility>

namespace streamscope::engine::kafka {
namespace {

Producer &producerAt(World &w, int i) { return w.kafka.producers[static_cast<std::size_t>(i)]; }

void ensureBroker(Producer &pr, int broker) {
  const auto size = static_cast<std::size_t>(broker) + 1;
  if (pr.brokerInFlight.size() < size) {
    pr.brokerInFlight.resize(size, 0);
    pr.queuedOn.resize(size);
  }
}

/// Puts partition `local` on `broker`'s drain list, once: a partition is on one list at a time,
/// so a request never carries two batches of it.
void listOn(Producer &pr, int local, int broker) {
  ProducerPartition &pp = pr.parts[static_cast<std::size_t>(local)];
  if (pp.listedOn == broker)
    return;
  if (pp.listedOn >= 0) // its leader moved
    std::erase(pr.queuedOn[static_cast<std::size_t>(pp.listedOn)], local);
  ensureBroker(pr, broker);
  pr.queuedOn[static_cast<std::size_t>(broker)].push_back(local);
  pp.listedOn = broker;
}

/// Fails the batches at the front of the queue whose delivery.timeout.ms has passed.
void expireFront(World &w, Producer &pr, ProducerPartition &pp) {
  while (!pp.queue.empty()) {
    Batch &b = w.kafka.batches[pp.queue.front()];
    if (w.now < b.createdAt + pr.config.deliveryTimeout)
      return;
    resolve(pp, pp.queue.front());
    pp.queue.pop_front();
    failBatch(w, b, ErrorCode::DeliveryTimeout);
  }
}

/// The last batch still takes records until it is full or linger.ms has passed.
bool lingering(const World &w, const Producer &pr, const ProducerPartition &pp) {
  const Batch &b = w.kafka.batches[pp.queue.front()];
  return pp.queue.size() == 1 && b.bytes < pr.config.batchSize && b.attempt == 0 && w.now < b.createdAt + pr.config.linger;
}

/// Whether partition `local`'s first batch would make its broker ready on its own.
bool sendable(const World &w, const Producer &pr, const ProducerPartition &pp) {
  return !pp.queue.empty() && !lingering(w, pr, pp) && w.kafka.batches[pp.queue.front()].retryAt <= w.now;
}

/// A producer's requests to one broker arrive in the order sent, as on one TCP connection: a
/// drawn latency that would overtake the previous request is stretched.
SimTime inOrderLatency(World &w, Producer &pr, const Broker &leader) {
  if (pr.connectionArrival.size() <= static_cast<std::size_t>(leader.id))
    pr.connectionArrival.resize(static_cast<std::size_t>(leader.id) + 1, 0);
  SimTime &last = pr.connectionArrival[static_cast<std::size_t>(leader.id)];
  const SimTime arrival = std::max(w.now + w.net.latency(pr.node, leader.node, w.rng), last);
  last = arrival;
  return arrival - w.now;
}

/// Takes the first batch of every partition on `broker`'s list that may go now, within
/// max.request.size. `more`: a partition still has a batch ready to go.
std::vector<std::int32_t> drainOnce(World &w, int producer, int broker, bool &more, std::vector<int> &moved) {
  Producer &pr = producerAt(w, producer);
  std::vector<std::int32_t> taken;
  std::int64_t bytes = 0;
  auto &list = pr.queuedOn[static_cast<std::size_t>(broker)];
  std::size_t keep = 0;
  for (std::size_t i = 0; i < list.size(); ++i) {
    const int local = list[i];
    ProducerPartition &pp = pr.parts[static_cast<std::size_t>(local)];
    if (pp.listedOn != broker)
      continue; // listed on another broker since
    expireFront(w, pr, pp);
    const int p = w.kafka.partitionId(pr.topic, local);
    if (pp.queue.empty() || w.kafka.partitions[static_cast<std::size_t>(p)].leader != broker) {
      if (!pp.queue.empty())
        moved.push_back(local);
      pp.listedOn = -1;
      continue;
    }
    list[keep++] = local;
    const Batch &b = w.kafka.batches[pp.queue.front()];
    if (b.retryAt > w.now || pp.inFlight >= pr.config.maxInFlight || !partitionInTransaction(w, producer, local))
      continue;
    if (!taken.empty() && bytes + b.bytes > pr.config.maxRequestSize) {
      more = more || sendable(w, pr, pp);
      continue;
    }
    bytes += b.bytes;
    taken.push_back(pp.queue.front());
    pp.queue.pop_front();
    if (pp.queue.empty()) {
      pp.listedOn = -1;
      --keep;
    } else {
      more = more || sendable(w, pr, pp);
    }
  }
  list.resize(keep);
  return taken;
}

} // namespace

void resolve(ProducerPartition &pp, std::int32_t batchId) {
  pp.unresolved.erase(std::remove(pp.unresolved.begin(), pp.unresolved.end(), batchId), pp.unresolved.end());
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

void scheduleWake(World &w, int producer, int local, SimTime at) {
  ProducerPartition &pp = producerAt(w, producer).parts[static_cast<std::size_t>(local)];
  if (pp.waitScheduled)
    return;
  pp.waitScheduled = true;
  w.at(at, Action{ActionType::ProducerWake, -1, -1, producer, local});
}

void resetConnections(Producer &pr) {
  pr.brokerInFlight.assign(pr.brokerInFlight.size(), 0);
  for (auto &list : pr.queuedOn)
    list.clear();
}

void sendProduceRequest(World &w, int producer, int broker, const std::vector<std::int32_t> &batches, bool counted) {
  Producer &pr = producerAt(w, producer);
  const Broker &leader = w.kafka.brokers[static_cast<std::size_t>(broker)];
  const std::int32_t id = acquireProduceRequest(w);
  ProduceRequest &request = w.kafka.produceRequests[id];
  request.producer = producer;
  request.broker = broker;
  std::int64_t records = 0;
  for (std::int32_t batchId : batches) {
    Batch &b = w.kafka.batches[batchId];
    b.attempt = ++w.kafka.sendSerial;
    b.acks = pr.config.acks;
    b.instance = pr.instance;
    b.pidGen = pr.pidGen;
    const std::int32_t txn = std::as_const(w.kafka.records)[b.records.front()].txn;
    b.epoch = txn >= 0 ? w.kafka.transactions[static_cast<std::size_t>(txn)].epoch : -1;
    request.parts.push_back(PartitionResult{batchId, b.partition, b.attempt});
    records += static_cast<std::int64_t>(b.records.size());
  }
  const Batch &head = w.kafka.batches[batches.front()];
  const Acks acks = head.acks;
  const std::uint32_t serial = head.attempt;
  const Action message{ActionType::ProduceArrive, -1, -1, batches.front(), id, serial, leader.incarnation};
  ++w.kafka.counters.produceRequests;
  const bool sent = w.send(pr.node, leader.node, TransferKind::ProduceRequest, head.partition, -1, records, message, inOrderLatency(w, pr, leader));
  for (std::int32_t batchId : batches) {
    Batch &b = w.kafka.batches[batchId];
    ProducerPartition &pp = pr.parts[static_cast<std::size_t>(w.kafka.localIndex(b.partition))];
    if (acks == Acks::None) {
      // Fire and forget: the send itself completes the records (offset -1).
      resolve(pp, batchId);
      for (RecordId r : b.records)
        noteAcked(w, r);
      if (!sent)
        noteDropped(w, b);
      w.record(EventType::Acked, pr.node, b.partition, -1, static_cast<std::int64_t>(b.records.size()));
      continue;
    }
    b.inFlight = true;
    b.sentAt = w.now;
    b.requestDeadline = w.now + pr.config.requestTimeout;
    b.sentTo = broker;
    b.request = serial;
    ++pp.inFlight;
  }
  if (acks == Acks::None)
    return;
  if (counted) {
    ensureBroker(pr, broker);
    ++pr.brokerInFlight[static_cast<std::size_t>(broker)];
  }
  w.after(pr.config.requestTimeout, Action{ActionType::ProduceRequestTimeout, -1, -1, batches.front(), id, serial});
}

void drainBroker(World &w, int producer, int broker) {
  ensureBroker(producerAt(w, producer), broker);
  for (;;) {
    Producer &pr = producerAt(w, producer);
    if (pr.brokerInFlight[static_cast<std::size_t>(broker)] >= pr.config.maxInFlight)
      return;
    bool more = false;
    std::vector<int> moved;
    const std::vector<std::int32_t> taken = drainOnce(w, producer, broker, more, moved);
    if (!taken.empty())
      sendProduceRequest(w, producer, broker, taken, true);
    for (int local : moved) // the leader changed: they go with the new leader's requests
      trySend(w, producer, local);
    if (taken.empty() || !more)
      return;
  }
}

void trySend(World &w, int producer, int local) {
  Producer &pr = producerAt(w, producer);
  ProducerPartition &pp = pr.parts[static_cast<std::size_t>(local)];
  expireFront(w, pr, pp);
  if (pp.queue.empty())
    return;
  const int leader = w.kafka.partitions[static_cast<std::size_t>(w.kafka.partitionId(pr.topic, local))].leader;
  if (leader >= 0)
    listOn(pr, local, leader); // another partition's request to this broker may take it first
  const Batch &b = w.kafka.batches[pp.queue.front()];
  if (lingering(w, pr, pp)) {
    scheduleWake(w, producer, local, b.createdAt + pr.config.linger);
    return;
  }
  if (b.retryAt > w.now) {
    scheduleWake(w, producer, local, b.retryAt);
    return;
  }
  if (leader < 0) {
    // No leader in the metadata: look again after the back-off.
    scheduleWake(w, producer, local, w.now + pr.config.retryBackoff);
    return;
  }
  drainBroker(w, producer, leader);
}

} // namespace streamscope::engine::kafka
