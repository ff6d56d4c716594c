#pragma once
// The per-shard rate limits of provisioned Kinesis streams, as plain values.
// Contract: a plain copyable value; any thread may use its own copy, and only the World's owner changes the World's.
#include "engine/core/sim_time.h"

#include <algorithm>

namespace streamscope::engine::kinesis {

/// A token bucket holding at most one second of its rate: `take` succeeds while the last
/// second's usage stays within the limit (writes: 1,000 records/s and 1 MiB/s per shard;
/// GetRecords: 5 calls/s per shard).
struct TokenBucket {
  double perSecond = 0;
  double tokens = 0;
  SimTime updated = 0;

  static TokenBucket full(double perSecond, SimTime now) { return {perSecond, perSecond, now}; }
  void refill(SimTime now) {
    tokens = std::min(perSecond, tokens + static_cast<double>(now - updated) * perSecond / 1e6);
    updated = now;
  }
  bool available(double n, SimTime now) {
    refill(now);
    return tokens >= n;
  }
  void take(double n) { tokens -= n; }
  /// Reads may overdraw the byte budget: a call is served whenever the bucket is not in
  /// debt, however large its response, and the debt then refuses the next calls until repaid.
  /// A 10 MiB response at 2 MiB/s thus shuts the shard's reads for about five seconds.
  bool inDebt(SimTime now) {
    refill(now);
    return tokens <= 0;
  }
};

inline constexpr double kMiB = 1024.0 * 1024.0;
inline constexpr double kWriteRecordsPerSecond = 1000;
inline constexpr double kWriteBytesPerSecond = 1 * kMiB;
inline constexpr double kReadCallsPerSecond = 5;
inline constexpr double kReadBytesPerSecond = 2 * kMiB;
inline constexpr int kGetRecordsMaxRecords = 10000;
inline constexpr double kGetRecordsMaxBytes = 10 * kMiB;
/// PutRecords request size: 10 MiB since large records (it was 5 MiB).
inline constexpr double kPutRecordsMaxBytes = 10 * kMiB;
/// Records above this size are large records: they draw on the shard's burst allowance.
inline constexpr double kBaselineRecordBytes = 1 * kMiB;
inline constexpr SimTime kIteratorLifetime = 300 * kSecond;

/// Whether a shard's write-byte bucket takes a record of `bytes`. Up to 1 MiB the bytes must
/// be in the bucket. A large record (up to 10 MiB) bursts: it is taken whenever the bucket is
/// not in debt, and the debt throttles the shard's next writes until the 1 MiB/s refill repays
/// it, so a shard bursts up to 10 MiB while averaging 1 MiB/s (StreamScope's model of the
/// documented burst allowance, see docs/fidelity.md).
inline bool writeFits(TokenBucket &writeBytes, double bytes, SimTime now) {
  return bytes > kBaselineRecordBytes ? !writeBytes.inDebt(now) : writeBytes.available(bytes, now);
}

} // namespace streamscope::engine::kinesis
