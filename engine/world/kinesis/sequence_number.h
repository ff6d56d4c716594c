#pragma once
// Kinesis sequence numbers: 56-digit decimal strings, unique and increasing within a shard,
// sparse (neighbours differ by about 2^80). The layout follows what Kinesis emulators decode
// from real ones: version 2 | shard creation second | shard index nibble | per-shard counter |
// one reserved byte | arrival second | shard index | version 2, as a 188-bit number.
//
// Only the counter orders records within a shard; it advances by 1 plus the microseconds
// since the previous put, so gaps depend on time. Nothing computes "the next" number: readers
// search for the first record at or after a given one.
// Contract: pure functions of their arguments; any thread.
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace streamscope::engine::kinesis {

/// Wall-clock second that simulated time 0 stands for (2026-01-01T00:00:00Z).
inline constexpr std::uint64_t kEpochSeconds = 1767225600;
/// The counter Kinesis puts in a closed shard's EndingSequenceNumber.
inline constexpr std::uint64_t kEndingCounter = 0x7fffffffffffffffULL;

struct SequenceNumber {
  std::uint64_t shardCreatedSec = 0; ///< 36 bits
  std::uint32_t shardIndex = 0;
  std::uint64_t counter = 0; ///< 63 bits
  std::uint64_t arrivalSec = 0; ///< 36 bits

  /// Numeric order of the decimal values.
  std::strong_ordering operator<=>(const SequenceNumber &o) const;
  bool operator==(const SequenceNumber &o) const = default;

  std::string toDecimal() const;
  /// nullopt unless `text` is the decimal form of a number with this layout.
  static std::optional<SequenceNumber> parse(std::string_view text);
};

} // namespace streamscope::engine::kinesis
