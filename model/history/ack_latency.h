#pragma once
// How long recent acknowledgements took, for live captions ("Kafka acks in 3.1 ms, Kinesis
// in 24 ms"). Looks at the newest acknowledged records only, so it costs the same every frame.
// Contract: pure functions of their arguments; any thread.
#include "engine/core/sim_time.h"

#include <cstddef>
#include <optional>

namespace streamscope::model {

/// Mean time from creation to acknowledgement of the last `window` acknowledged records
/// among the newest `scanLimit`; nullopt if none was acknowledged yet. Works for Kafka's and
/// Kinesis's record tables (both have createdAt and ackedAt).
template <typename Records> std::optional<double> recentAckLatencyMs(const Records &records, int window = 50, int scanLimit = 5000) {
  double sum = 0;
  int n = 0;
  int scanned = 0;
  for (std::size_t i = records.size(); i-- > 0 && n < window && scanned < scanLimit; ++scanned)
    if (records[i].ackedAt >= 0) {
      sum += engine::toMs(records[i].ackedAt - records[i].createdAt);
      ++n;
    }
  if (n == 0)
    return std::nullopt;
  return sum / n;
}

} // namespace streamscope::model
