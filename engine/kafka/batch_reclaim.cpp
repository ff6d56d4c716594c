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
    if (a.type == ActionType::ProduceArrive || a.type == ActionType::ProduceResponseArrive || a.type == ActionType::ProduceRespondAfterFsync)
      mark(a.a);
  });
  for (std::size_t id = 0; id < reachable.size(); ++id)
    if (k.batches.items[id].live && !reachable[id])
      k.batches.release(static_cast<std::int32_t>(id));
}

std::int32_t acquireBatch(World &w) {
  KafkaState &k = w.kafka;
  if (k.batches.freeList.empty() && k.batches.items.size() >= k.batchReclaimAt) {
    reclaimFinishedBatches(w);
    const std::size_t live = k.batches.items.size() - k.batches.freeList.size();
    k.batchReclaimAt = std::max(kFirstBatchReclaim, 2 * live);
  }
  return k.batches.acquire();
}

} // namespace streamscope::engine::kafka
