#include "engine/kafka/batch_reclaim.h"

#include <algorithm>

namespace streamscope::engine::kafka {

void reclaimFinishedBatches(World &w) {
  KafkaState &k = w.kafka;
  std::vector<bool> reachable(k.batches.items.size(), false);
  const auto mark = [&](std::int32_t id) {
    if (id >= 0 && static_cast<std::size_t>(id) < reachable.size())
      reachable[static_cast<std::size_t>(id)] = true;
  };
  for (const Producer &pr : k.producers) {
    for (std::int32_t id : pr.zombieBatches)
      mark(id);
    for (const ProducerPartition &pp : pr.parts) {
      for (std::int32_t id : pp.unresolved)
        mark(id);
      for (std::int32_t id : pp.queue)
        mark(id);
    }
  }
  for (const Partition &part : k.partitions)
    for (const PendingProduce &pending : part.purgatory)
      mark(pending.batch);
  w.queue.forEach([&](const auto &entry) {
    const Action &a = entry.action;
    if (const std::int32_t request = produceRequestOf(a); request >= 0)
      for (const PartitionResult &part : k.produceRequests[request].parts)
        mark(part.batch);
  });
  for (std::size_t id = 0; id < reachable.size(); ++id)
    if (k.batches.items[id].live && !reachable[id])
      k.batches.release(static_cast<std::int32_t>(id));
}

std::int32_t produceRequestOf(const Action &a) {
  switch (a.type) {
  case ActionType::ProduceArrive: return a.b;
  case ActionType::ProduceResponseArrive:
  case ActionType::ProduceRespondAfterFsync: return static_cast<std::int32_t>(a.d);
  default: return -1;
  }
}

void reclaimAnsweredRequests(World &w) {
  KafkaState &k = w.kafka;
  std::vector<bool> reachable(k.produceRequests.items.size(), false);
  for (const Partition &part : k.partitions)
    for (const PendingProduce &pending : part.purgatory)
      reachable[static_cast<std::size_t>(pending.request)] = true;
  w.queue.forEach([&](const auto &entry) {
    if (const std::int32_t request = produceRequestOf(entry.action); request >= 0)
      reachable[static_cast<std::size_t>(request)] = true;
  });
  for (std::size_t id = 0; id < reachable.size(); ++id)
    if (k.produceRequests.items[id].live && !reachable[id])
      k.produceRequests.release(static_cast<std::int32_t>(id));
}

std::int32_t acquireProduceRequest(World &w) {
  KafkaState &k = w.kafka;
  if (k.produceRequests.freeList.empty() && k.produceRequests.items.size() >= k.requestReclaimAt) {
    reclaimAnsweredRequests(w);
    const std::size_t live = k.produceRequests.items.size() - k.produceRequests.freeList.size();
    k.requestReclaimAt = std::max({kFirstBatchReclaim, 2 * live, live + w.queue.size()});
  }
  return k.produceRequests.acquire();
}

std::int32_t acquireBatch(World &w) {
  KafkaState &k = w.kafka;
  if (k.batches.freeList.empty() && k.batches.items.size() >= k.batchReclaimAt) {
    reclaimFinishedBatches(w);
    const std::size_t live = k.batches.items.size() - k.batches.freeList.size();
    // The pool stays within twice the batches in use (a reclaim scans the queue each time).
    k.batchReclaimAt = std::max(kFirstBatchReclaim, 2 * live);
  }
  return k.batches.acquire();
}

} // namespace streamscope::engine::kafka
