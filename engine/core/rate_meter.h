#pragma once
// A meter of what passed over the last second, as a Kafka broker's BytesInPerSec: amounts are
// summed into buckets of 100 ms, so reading the meter costs a dozen additions however much
// passed (a canvas frame reads a hundred brokers' meters instead of 3,000 logs' tails).
// Contract: a plain copyable value; any thread may use its own copy.
#include "engine/core/sim_time.h"

#include <array>
#include <cstddef>
#include <cstdint>

namespace streamscope::engine {

class RateMeter {
public:
  static constexpr SimTime kBucket = 100 * kMillisecond;

  /// Counts `amount` at `now`. REQUIRES: now is not before the previous call's.
  void add(SimTime now, std::int64_t amount);
  /// What was added in (now - 1 s, now], the oldest bucket counted for the part of it inside
  /// that second (as if its amount were spread evenly over it).
  std::int64_t lastSecond(SimTime now) const;

private:
  static constexpr std::size_t kSlots = kSecond / kBucket + 1; ///< a second of buckets and the one it began in
  std::array<std::int64_t, kSlots> m_amounts{};
  SimTime m_newest = -1; ///< the newest bucket's number (time / kBucket); -1 while empty
};

} // namespace streamscope::engine
