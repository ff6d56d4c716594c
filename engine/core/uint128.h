#pragma once
// Unsigned 128-bit integers as decimal text: Kinesis hash keys are printed and parsed in
// decimal, exactly, with no floating point anywhere.
// Contract: pure functions of their arguments; any thread.
#include "engine/core/rng.h" // Uint128

#include <optional>
#include <string>
#include <string_view>

namespace streamscope::engine {

inline constexpr Uint128 kUint128Max = ~static_cast<Uint128>(0);

/// Decimal digits of `v`, without leading zeros ("0" for zero).
std::string toDecimal(Uint128 v);
/// Parses a decimal string of 1 to 39 digits (no sign, no spaces); nullopt if malformed or
/// larger than 2^128 - 1.
std::optional<Uint128> parseDecimal128(std::string_view text);

} // namespace streamscope::engine
