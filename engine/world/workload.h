#pragma once
// What a producer generates, shared by the Kafka and the Kinesis clients so that a producer
// feeding both sends the same records at the same instants with the same keys.
// Contract: a plain copyable value; any thread may use its own copy, and only the World's owner changes the World's.
#include "engine/core/rng.h"
#include "engine/core/sim_time.h"
#include "engine/world/scenario.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

namespace streamscope::engine {

/// Records due at a rate that can change mid-run: record i (counted since the last change)
/// is due at since + i / rate. Exact and free of accumulated rounding.
struct RateSchedule {
  double rate = 0;
  SimTime since = 0;
  std::int64_t producedAtChange = 0;
  std::int64_t limit = -1; ///< total records; -1 = unlimited

  /// How many records (in total) are due by `now`.
  std::int64_t due(SimTime now) const {
    if (rate <= 0 || now < since)
      return producedAtChange;
    const double more = std::floor(static_cast<double>(now - since) * rate / 1e6) + 1;
    const std::int64_t total = producedAtChange + static_cast<std::int64_t>(more);
    return limit >= 0 ? std::min(total, limit) : total;
  }
  /// When record number `index` (in total) is due. REQUIRES: rate > 0.
  SimTime dueTime(std::int64_t index) const {
    return since + static_cast<SimTime>(std::ceil(static_cast<double>(index - producedAtChange) * 1e6 / rate));
  }
  /// How often a producer wakes to generate records: per record, but at most every millisecond.
  SimTime tick() const { return std::max<SimTime>(kMillisecond, static_cast<SimTime>(1e6 / rate)); }
  void change(SimTime now, std::int64_t producedSoFar, double newRate) {
    producedAtChange = producedSoFar;
    since = now;
    rate = newRate;
  }
  bool exhausted(std::int64_t produced) const { return limit >= 0 && produced >= limit; }
};

/// The distinct keys a producer sends: its explicit list, or "key-0".."key-(n-1)".
inline std::vector<std::string> workloadKeys(const ProducerConfig &c) {
  std::vector<std::string> keys = c.keys;
  if (keys.empty())
    for (int i = 0; i < c.keyCount; ++i)
      keys.push_back("key-" + std::to_string(i));
  return keys;
}

/// The key of record `index` of producer `producer`: a fixed hash of (seed, producer, index),
/// independent of anything else drawn during the run, so both systems see the same keys.
inline std::uint32_t keyChoice(std::uint64_t seed, int producer, std::int64_t index, std::uint32_t keyCount) {
  std::uint64_t z = seed ^ (static_cast<std::uint64_t>(producer) << 48) ^ static_cast<std::uint64_t>(index);
  z += 0x9e3779b97f4a7c15ULL;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  z ^= z >> 31;
  return static_cast<std::uint32_t>(z % keyCount);
}

/// retry.backoff.ms doubling per retry up to retry.backoff.max.ms, with 20% jitter (KIP-580;
/// the AWS SDKs back off the same way on throttling).
inline SimTime retryBackoff(Rng &rng, const ProducerConfig &c, std::int64_t retries) {
  double backoff = static_cast<double>(c.retryBackoff);
  for (std::int64_t i = 1; i < retries && backoff < static_cast<double>(c.retryBackoffMax); ++i)
    backoff *= 2;
  backoff = std::min(backoff, static_cast<double>(std::max(c.retryBackoff, c.retryBackoffMax)));
  const double jitter = 0.8 + 0.4 * static_cast<double>(rng.below(1000001)) / 1e6;
  return static_cast<SimTime>(backoff * jitter);
}

} // namespace streamscope::engine
