#include "recent_changes.h"

namespace streamscope::ui {

void RecentChanges::update(const model::WorldView &w) {
  const auto &parts = w.kafka().partitions;
  const auto &shards = w.kinesis().shards;
  if (w.now() < m_last || parts.size() < m_partitions.size() || shards.size() < m_shards.size()) {
    m_partitions.clear();
    m_shards.clear();
  }
  const bool first = m_partitions.empty() && m_shards.empty();
  m_last = w.now();
  m_partitions.resize(parts.size());
  for (std::size_t p = 0; p < parts.size(); ++p) {
    PartitionSeen &seen = m_partitions[p];
    if (seen.epoch != parts[p].epoch || seen.leader != parts[p].leader) {
      if (!first) // the first frame only learns the leaders it starts with
        seen.changedAt = w.now();
      seen.leader = parts[p].leader;
      seen.epoch = parts[p].epoch;
    }
  }
  m_shards.resize(shards.size());
  for (std::size_t s = 0; s < shards.size(); ++s) {
    ShardSeen &seen = m_shards[s];
    const std::int64_t count = shards[s].throttledWrites + shards[s].throttledReads;
    if (count != seen.throttled) {
      if (!first)
        seen.at = w.now();
      // Refused writes in the same frame win: the solid border is the stronger mark.
      seen.lastWasRead = shards[s].throttledWrites == seen.throttled - seen.reads;
      seen.throttled = count;
      seen.reads = shards[s].throttledReads;
    }
  }
}

bool RecentChanges::leaderChanged(int p, model::SimTime now, model::SimTime window) const {
  return p >= 0 && static_cast<std::size_t>(p) < m_partitions.size() && now - m_partitions[static_cast<std::size_t>(p)].changedAt < window;
}

bool RecentChanges::readThrottled(int slot, model::SimTime now, model::SimTime window) const {
  return throttled(slot, now, window) && m_shards[static_cast<std::size_t>(slot)].lastWasRead;
}

bool RecentChanges::throttled(int slot, model::SimTime now, model::SimTime window) const {
  return slot >= 0 && static_cast<std::size_t>(slot) < m_shards.size() && now - m_shards[static_cast<std::size_t>(slot)].at < window;
}

} // namespace streamscope::ui
