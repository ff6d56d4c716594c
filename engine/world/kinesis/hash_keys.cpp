#include "engine/world/kinesis/hash_keys.h"

#include "engine/world/kinesis/md5.h"

#include <cstdio>

namespace streamscope::engine::kinesis {
namespace {

/// Unicode code points in valid UTF-8, or -1 if the bytes are not valid UTF-8.
long codePoints(std::string_view s) {
  long count = 0;
  for (std::size_t i = 0; i < s.size(); ++count) {
    const auto c = static_cast<unsigned char>(s[i]);
    const std::size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xe ? 3 : (c >> 3) == 0x1e ? 4 : 0;
    if (len == 0 || i + len > s.size())
      return -1;
    for (std::size_t j = 1; j < len; ++j)
      if ((static_cast<unsigned char>(s[i + j]) >> 6) != 0x2)
        return -1;
    i += len;
  }
  return count;
}

} // namespace

std::vector<HashKeyRange> initialHashKeyRanges(int shards) {
  const auto n = static_cast<Uint128>(shards);
  // 2^128 does not fit; 2^128 = (max / n) * n + (max % n) + 1.
  const Uint128 width = kUint128Max / n + (kUint128Max % n == n - 1 ? 1 : 0);
  std::vector<HashKeyRange> ranges;
  for (int i = 0; i < shards; ++i) {
    const Uint128 start = width * static_cast<Uint128>(i);
    ranges.push_back({start, i == shards - 1 ? kUint128Max : start + width - 1});
  }
  return ranges;
}

std::string shardId(int index) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "shardId-%012d", index);
  return buf;
}

Uint128 hashKeyOf(std::string_view partitionKey) {
  Uint128 key = 0;
  for (std::uint8_t byte : md5(partitionKey))
    key = (key << 8) | byte;
  return key;
}

std::optional<std::string> partitionKeyError(std::string_view partitionKey) {
  const long length = codePoints(partitionKey);
  if (length < 0)
    return std::string("1 validation error detected: Value at 'partitionKey' failed to satisfy constraint: Member must be valid UTF-8");
  if (length < 1)
    return std::string(
        "1 validation error detected: Value '' at 'partitionKey' failed to satisfy constraint: Member must have length greater than or equal to 1");
  if (length > 256)
    return std::string(
        "1 validation error detected: Value at 'partitionKey' failed to satisfy constraint: Member must have length less than or equal to 256");
  return std::nullopt;
}

} // namespace streamscope::engine::kinesis
