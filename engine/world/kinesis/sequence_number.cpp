#include "engine/world/kinesis/sequence_number.h"

#include <algorithm>
#include <array>

namespace streamscope::engine::kinesis {
namespace {

/// A 192-bit unsigned integer in 32-bit limbs, least significant first: just enough
/// arithmetic to build, print and parse sequence numbers.
struct Wide {
  std::array<std::uint32_t, 6> limb{};

  /// this = this * 2^bits + value. REQUIRES: bits <= 32... applied in 32-bit steps.
  void pushBits(std::uint64_t value, int bits) {
    while (bits > 0) {
      const int step = std::min(bits, 32);
      const int shift = bits - step;
      const auto part = static_cast<std::uint32_t>((value >> shift) & ((step == 32 ? 0xffffffffULL : (1ULL << step) - 1)));
      mulAdd(step == 32 ? 0x100000000ULL : (1ULL << step), part);
      bits -= step;
    }
  }
  /// Removes and returns the low `bits` bits (bits <= 64).
  std::uint64_t popBits(int bits) {
    std::uint64_t out = 0;
    for (int taken = 0; taken < bits;) {
      const int step = std::min(bits - taken, 32);
      const std::uint64_t divisor = step == 32 ? 0x100000000ULL : (1ULL << step);
      out |= divMod(divisor) << taken;
      taken += step;
    }
    return out;
  }
  void mulAdd(std::uint64_t mul, std::uint64_t add) {
    std::uint64_t carry = add;
    for (std::uint32_t &l : limb) {
      const std::uint64_t v = static_cast<std::uint64_t>(l) * mul + carry;
      l = static_cast<std::uint32_t>(v);
      carry = v >> 32;
    }
  }
  std::uint64_t divMod(std::uint64_t div) {
    std::uint64_t rem = 0;
    for (std::size_t i = limb.size(); i-- > 0;) {
      const std::uint64_t cur = (rem << 32) | limb[i];
      limb[i] = static_cast<std::uint32_t>(cur / div);
      rem = cur % div;
    }
    return rem;
  }
  bool isZero() const {
    return std::all_of(limb.begin(), limb.end(), [](std::uint32_t l) { return l == 0; });
  }
};

constexpr std::uint64_t kVersion = 2;

} // namespace

std::strong_ordering SequenceNumber::operator<=>(const SequenceNumber &o) const {
  if (auto c = shardCreatedSec <=> o.shardCreatedSec; c != 0)
    return c;
  if (auto c = (shardIndex & 0xf) <=> (o.shardIndex & 0xf); c != 0)
    return c;
  if (auto c = counter <=> o.counter; c != 0)
    return c;
  if (auto c = arrivalSec <=> o.arrivalSec; c != 0)
    return c;
  return shardIndex <=> o.shardIndex;
}

std::string SequenceNumber::toDecimal() const {
  Wide w;
  w.pushBits(kVersion, 4);
  w.pushBits(shardCreatedSec, 36);
  w.pushBits(shardIndex & 0xf, 4);
  w.pushBits(counter, 64);
  w.pushBits(0, 8);
  w.pushBits(arrivalSec, 36);
  w.pushBits(shardIndex, 32);
  w.pushBits(kVersion, 4);
  std::string digits;
  do
    digits.push_back(static_cast<char>('0' + w.divMod(10)));
  while (!w.isZero());
  std::reverse(digits.begin(), digits.end());
  return digits;
}

std::optional<SequenceNumber> SequenceNumber::parse(std::string_view text) {
  if (text.empty() || text.size() > 60 || (text.size() > 1 && text.front() == '0'))
    return std::nullopt;
  Wide w;
  for (char c : text) {
    if (c < '0' || c > '9' || w.limb.back() > 0x0fffffff)
      return std::nullopt;
    w.mulAdd(10, static_cast<std::uint64_t>(c - '0'));
  }
  SequenceNumber s;
  if (w.popBits(4) != kVersion)
    return std::nullopt;
  s.shardIndex = static_cast<std::uint32_t>(w.popBits(32));
  s.arrivalSec = w.popBits(36);
  if (w.popBits(8) != 0)
    return std::nullopt;
  s.counter = w.popBits(64);
  if (w.popBits(4) != (s.shardIndex & 0xf))
    return std::nullopt;
  s.shardCreatedSec = w.popBits(36);
  if (w.popBits(4) != kVersion || !w.isZero() || s.counter > kEndingCounter)
    return std::nullopt;
  return s;
}

} // namespace streamscope::engine::kinesis
