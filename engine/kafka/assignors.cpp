#include "engine/kafka/assignors.h"

namespace streamscope::engine::kafka {

std::vector<int> assignRange(int partitions, int members) {
  std::vector<int> owner(static_cast<std::size_t>(partitions), -1);
  if (members <= 0)
    return owner;
  const int base = partitions / members;
  const int extra = partitions % members;
  int p = 0;
  for (int m = 0; m < members; ++m) {
    const int take = base + (m < extra ? 1 : 0);
    for (int i = 0; i < take; ++i)
      owner[static_cast<std::size_t>(p++)] = m;
  }
  return owner;
}

std::vector<int> assignSticky(int partitions, int members, const std::vector<int> &previous) {
  std::vector<int> owner(static_cast<std::size_t>(partitions), -1);
  if (members <= 0)
    return owner;
  const int minQuota = partitions / members;
  int maxQuotaSlots = partitions % members; // members allowed minQuota + 1
  std::vector<int> count(static_cast<std::size_t>(members), 0);

  // 1. Keep previously owned partitions up to each member's quota, in partition order.
  for (int p = 0; p < partitions; ++p) {
    const int prev = previous.size() > static_cast<std::size_t>(p) ? previous[static_cast<std::size_t>(p)] : -1;
    if (prev < 0 || prev >= members)
      continue;
    int &c = count[static_cast<std::size_t>(prev)];
    if (c < minQuota) {
      owner[static_cast<std::size_t>(p)] = prev;
      ++c;
    } else if (c == minQuota && maxQuotaSlots > 0) {
      owner[static_cast<std::size_t>(p)] = prev;
      ++c;
      --maxQuotaSlots;
    }
  }
  // 2. Hand out the rest: first to members below the minimum, then one extra each while
  //    extra slots remain, always to the lowest member index.
  for (int p = 0; p < partitions; ++p) {
    if (owner[static_cast<std::size_t>(p)] >= 0)
      continue;
    int chosen = -1;
    for (int m = 0; m < members && chosen < 0; ++m)
      if (count[static_cast<std::size_t>(m)] < minQuota)
        chosen = m;
    if (chosen < 0) {
      for (int m = 0; m < members && chosen < 0; ++m)
        if (count[static_cast<std::size_t>(m)] == minQuota && maxQuotaSlots > 0)
          chosen = m;
      --maxQuotaSlots;
    }
    owner[static_cast<std::size_t>(p)] = chosen;
    ++count[static_cast<std::size_t>(chosen)];
  }
  return owner;
}

} // namespace streamscope::engine::kafka
