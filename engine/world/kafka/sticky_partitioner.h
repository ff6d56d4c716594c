#pragma once
// Partition choice for records with a null key in the Java client since 3.3 (KIP-794,
// BuiltInPartitioner): stay on one partition until at least batch.size bytes went to it,
// then pick the next one at random among partitions that have a leader, weighted toward
// shorter send queues (adaptive partitioning). A plain copyable value.
// Contract: a plain copyable value; any thread may use its own copy, and only the World's owner changes the World's.
#include "engine/core/rng.h"

#include <cstdint>
#include <vector>

namespace streamscope::engine::kafka {

class StickyPartitioner {
public:
  explicit StickyPartitioner(std::int64_t batchSize = 16384) : m_batchSize(batchSize) {}

  /// The partition for the next null-key record. `available[p]` says whether p has a leader;
  /// `queued[p]` is the number of batches waiting for p (adaptive weighting).
  int partition(const std::vector<bool> &available, const std::vector<int> &queued, Rng &rng);
  /// Records that `bytes` went to the current sticky partition; switches after batch.size.
  void onAppend(std::int64_t bytes);

private:
  int choose(const std::vector<bool> &available, const std::vector<int> &queued, Rng &rng) const;

  std::int64_t m_batchSize;
  int m_current = -1;
  std::int64_t m_produced = 0;
};

} // namespace streamscope::engine::kafka
