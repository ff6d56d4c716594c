#include "engine/kafka/producer_lifecycle.h"

#include "engine/kafka/batch_reclaim.h"
#include "engine/kafka/produce_sender.h"
#include "engine/kafka/record_ledger.h"
#include "engine/kafka/txn_producer.h"

#include <utility>

namespace streamscope::engine::kafka {
namespace {

Producer &producerAt(World &w, int i) { return w.kafka.producers[static_cast<std::size_t>(i)]; }

} // namespace

void crashProducer(World &w, int producer) {
  Producer &pr = producerAt(w, producer);
  if (pr.crashed)
    return;
  pr.crashed = true;
  w.record(EventType::ProducerCrashed, pr.node, -1, producer, pr.instance);
}

void restartProducer(World &w, int producer, SimTime zombieAfter) {
  Producer &pr = producerAt(w, producer);
  // What the old instance still held goes with it: it may come back and send it.
  std::vector<std::int32_t> held;
  for (ProducerPartition &pp : pr.parts)
    for (std::int32_t id : pp.unresolved) {
      Batch &b = w.kafka.batches[id];
      const std::int32_t txn = std::as_const(w.kafka.records)[b.records.front()].txn;
      b.zombie = true;
      b.inFlight = false;
      b.instance = pr.instance;
      b.pidGen = pr.pidGen;
      b.acks = pr.config.acks;
      b.epoch = txn >= 0 ? w.kafka.transactions[static_cast<std::size_t>(txn)].epoch : -1;
      held.push_back(id);
    }
  pr.zombieBatches.insert(pr.zombieBatches.end(), held.begin(), held.end());
  const std::int32_t oldInstance = pr.instance;
  ++pr.instance;
  pr.crashed = false;
  if (!isTransactional(pr))
    ++pr.pidGen; // InitProducerId without a transactional.id: a new producer id, sequences from 0
  for (ProducerPartition &pp : pr.parts)
    pp = ProducerPartition{};
  resetConnections(pr);
  pr.sticky = StickyPartitioner(pr.config.batchSize);
  TxnClient fresh;
  fresh.epoch = pr.txn.epoch;
  fresh.token = pr.txn.token; // answers to the old instance's requests stay stale
  pr.txn = fresh;
  // The new instance starts producing from now: nothing was created while it was down.
  pr.schedule.change(w.now, pr.produced, pr.schedule.rate);
  w.record(EventType::ProducerRestarted, pr.node, -1, producer, pr.instance);
  if (isTransactional(pr))
    initTransactions(w, producer);
  if (!pr.done)
    w.after(0, Action{ActionType::ProducerTick, -1, -1, producer});
  if (zombieAfter >= 0 && !held.empty())
    w.after(zombieAfter, Action{ActionType::ZombieWake, -1, -1, producer, oldInstance});
}

void zombieBatchAnswered(World &w, std::int32_t batch, ErrorCode error) {
  Batch &b = w.kafka.batches[batch];
  b.inFlight = false;
  if (error == ErrorCode::None) {
    for (RecordId id : b.records)
      noteAcked(w, id);
  } else {
    for (RecordId id : b.records)
      w.kafka.records[id].flags |= RecordInfo::Failed;
  }
  Producer &pr = producerAt(w, b.producer);
  std::erase(pr.zombieBatches, batch);
  w.record(error == ErrorCode::None ? EventType::Acked : EventType::ProduceFailed, pr.node, b.partition, -1,
           static_cast<std::int64_t>(b.records.size()), static_cast<std::uint8_t>(error));
}

void onZombieWake(World &w, const Action &a) {
  Producer &pr = producerAt(w, a.a);
  for (std::int32_t id : pr.zombieBatches) {
    Batch &b = w.kafka.batches[id];
    if (b.instance != a.b || b.inFlight)
      continue;
    const Partition &part = w.kafka.partitions[static_cast<std::size_t>(b.partition)];
    if (part.leader < 0)
      continue;
    const Broker &leader = w.kafka.brokers[static_cast<std::size_t>(part.leader)];
    b.attempt = ++w.kafka.sendSerial;
    b.request = b.attempt;
    b.inFlight = true;
    b.sentAt = w.now;
    b.sentTo = leader.id;
    // Each held batch goes alone, stamped as the old instance stamped it.
    const std::int32_t request = acquireProduceRequest(w);
    w.kafka.produceRequests[request].producer = a.a;
    w.kafka.produceRequests[request].broker = leader.id;
    w.kafka.produceRequests[request].parts.push_back(PartitionResult{id, b.partition, b.attempt});
    ++w.kafka.counters.produceRequests;
    w.send(pr.node, leader.node, TransferKind::ProduceRequest, b.partition, -1, static_cast<std::int64_t>(w.kafka.batches[id].records.size()),
           Action{ActionType::ProduceArrive, -1, -1, id, request, w.kafka.batches[id].attempt, leader.incarnation});
  }
  w.record(EventType::ZombieReturned, pr.node, -1, a.a, a.b);
}

} // namespace streamscope::engine::kafka
