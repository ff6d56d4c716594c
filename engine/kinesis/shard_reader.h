#pragma once
// Reading a shard: GetShardIterator of every type, and GetRecords with its limits (5 calls/s
// and 2 MiB/s per shard shared by polling consumers, or an enhanced fan-out consumer's own
// 2 MiB/s), iterator expiry, the trim horizon, shard end and MillisBehindLatest.
// Contract: called only on the thread that owns the World (Simulation's dispatch and fault routing); not thread-safe.
#include "engine/world/world.h"

#include <optional>
#include <string>

namespace streamscope::engine::kinesis {

struct IteratorRequest {
  IteratorType type = IteratorType::Latest;
  std::string sequenceNumber; ///< AT_ and AFTER_SEQUENCE_NUMBER
  SimTime timestamp = 0; ///< AT_TIMESTAMP
};

/// GetShardIterator: an iterator, or Kinesis's InvalidArgumentException text.
struct IteratorResult {
  std::optional<ShardIterator> iterator;
  std::string error;
};
IteratorResult getShardIterator(const World &w, int slot, const IteratorRequest &request);

/// The position right after a processed record (where a checkpoint resumes).
inline IteratorPosition after(std::uint64_t counter) { return {counter, false}; }

/// GetRecords (fanOut == nullptr) or one SubscribeToShard event (fanOut = the consumer's own
/// budget for this shard). Charges the limits; the payload's `next` is the position to
/// continue from (nullopt once a closed shard is read to its end).
ReadPayload readRecords(World &w, const ShardIterator &iterator, int limit, TokenBucket *fanOut);

} // namespace streamscope::engine::kinesis
