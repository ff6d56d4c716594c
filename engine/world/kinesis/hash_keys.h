#pragma once
// The 128-bit hash key space of a Kinesis stream: how a new stream divides it among its
// shards, how a partition key maps into it, and the shard ids Kinesis prints.
// Contract: pure functions of their arguments; any thread.
#include "engine/core/uint128.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace streamscope::engine::kinesis {

struct HashKeyRange {
  Uint128 start = 0; ///< inclusive
  Uint128 end = 0; ///< inclusive
  bool contains(Uint128 key) const { return start <= key && key <= end; }
  bool operator==(const HashKeyRange &) const = default;
};

/// The ranges of a new stream of `shards` shards: W = floor(2^128 / N); shard i covers
/// [i*W, (i+1)*W - 1] and the last one ends at 2^128 - 1. REQUIRES: shards >= 1.
std::vector<HashKeyRange> initialHashKeyRanges(int shards);

/// "shardId-" and the index zero-padded to 12 digits.
std::string shardId(int index);

/// MD5 of the partition key's UTF-8 bytes, read as a big-endian unsigned 128-bit integer.
Uint128 hashKeyOf(std::string_view partitionKey);

/// The ValidationException Kinesis gives for a partition key outside 1..256 Unicode
/// characters (or not valid UTF-8), or nullopt if the key is acceptable.
std::optional<std::string> partitionKeyError(std::string_view partitionKey);

} // namespace streamscope::engine::kinesis
