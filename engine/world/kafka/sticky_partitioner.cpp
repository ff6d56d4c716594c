#include "engine/world/kafka/sticky_partitioner.h"

#include <algorithm>

namespace streamscope::engine::kafka {

int StickyPartitioner::partition(const std::vector<bool> &available, const std::vector<int> &queued, Rng &rng) {
  const bool stillUsable = m_current >= 0 && m_current < static_cast<int>(available.size()) && available[static_cast<std::size_t>(m_current)];
  if (!stillUsable) {
    m_current = choose(available, queued, rng);
    m_produced = 0;
  }
  return m_current;
}

void StickyPartitioner::onAppend(std::int64_t bytes) {
  m_produced += bytes;
  if (m_produced >= m_batchSize)
    m_current = -1; // next record picks a new partition
}

int StickyPartitioner::choose(const std::vector<bool> &available, const std::vector<int> &queued, Rng &rng) const {
  // Weight = (longest queue + 1) - own queue, over partitions with a leader, as the Java
  // client's cumulative frequency table does. Equal queues give a uniform choice.
  int longest = 0;
  for (std::size_t p = 0; p < available.size(); ++p)
    if (available[p])
      longest = std::max(longest, queued[p]);
  std::vector<std::int64_t> cumulative;
  std::vector<int> candidates;
  std::int64_t total = 0;
  for (std::size_t p = 0; p < available.size(); ++p) {
    if (!available[p])
      continue;
    total += longest + 1 - queued[p];
    cumulative.push_back(total);
    candidates.push_back(static_cast<int>(p));
  }
  if (candidates.empty()) // no partition has a leader: any partition, the batch will wait
    return static_cast<int>(rng.below(available.size()));
  const auto pick = static_cast<std::int64_t>(rng.below(static_cast<std::uint64_t>(total)));
  const auto it = std::upper_bound(cumulative.begin(), cumulative.end(), pick);
  return candidates[static_cast<std::size_t>(it - cumulative.begin())];
}

} // namespace streamscope::engine::kafka
