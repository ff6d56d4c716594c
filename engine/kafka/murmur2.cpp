#include "engine/kafka/murmur2.h"

namespace streamscope::engine::kafka {

std::int32_t murmur2(std::string_view bytes) {
  // Unsigned 32-bit arithmetic throughout: wraps mod 2^32 and shifts are logical, which is
  // what Java's int arithmetic with >>> gives.
  const std::uint32_t seed = 0x9747b28cU;
  const std::uint32_t m = 0x5bd1e995U;
  const int r = 24;
  const auto length = static_cast<std::uint32_t>(bytes.size());
  const auto *data = reinterpret_cast<const unsigned char *>(bytes.data());

  std::uint32_t h = seed ^ length;
  const std::uint32_t blocks = length / 4;
  for (std::uint32_t i = 0; i < blocks; ++i) {
    const unsigned char *b = data + 4 * i;
    std::uint32_t k = std::uint32_t(b[0]) | std::uint32_t(b[1]) << 8 | std::uint32_t(b[2]) << 16 | std::uint32_t(b[3]) << 24;
    k *= m;
    k ^= k >> r;
    k *= m;
    h *= m;
    h ^= k;
  }

  const std::uint32_t tail = length & ~3U;
  switch (length % 4) {
  case 3: h ^= std::uint32_t(data[tail + 2]) << 16; [[fallthrough]];
  case 2: h ^= std::uint32_t(data[tail + 1]) << 8; [[fallthrough]];
  case 1: h ^= std::uint32_t(data[tail]); h *= m;
  }

  h ^= h >> 13;
  h *= m;
  h ^= h >> 15;
  return static_cast<std::int32_t>(h);
}

int partitionForKey(std::string_view keyBytes, int numPartitions) {
  const auto positive = static_cast<std::uint32_t>(murmur2(keyBytes)) & 0x7fffffffU;
  return static_cast<int>(positive % static_cast<std::uint32_t>(numPartitions));
}

} // namespace streamscope::engine::kafka
