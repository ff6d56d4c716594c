#include "engine/core/uint128.h"

#include <algorithm>

namespace streamscope::engine {

std::string toDecimal(Uint128 v) {
  std::string digits;
  do {
    digits.push_back(static_cast<char>('0' + static_cast<int>(v % 10)));
    v /= 10;
  } while (v != 0);
  std::reverse(digits.begin(), digits.end());
  return digits;
}

std::optional<Uint128> parseDecimal128(std::string_view text) {
  if (text.empty() || text.size() > 39)
    return std::nullopt;
  Uint128 v = 0;
  for (char c : text) {
    if (c < '0' || c > '9')
      return std::nullopt;
    const auto digit = static_cast<Uint128>(c - '0');
    if (v > (kUint128Max - digit) / 10)
      return std::nullopt; // would overflow
    v = v * 10 + digit;
  }
  return v;
}

} // namespace streamscope::engine
