#pragma once
// The simulation's single pseudo-random generator: xoshiro256** seeded through splitmix64.
// It is a plain value so that copying the world copies the generator's position too, which
// is what makes "restore a snapshot and replay" reproduce the original run bit for bit.
// Contract: a plain copyable value; any thread may use its own copy, and only the World's owner changes the World's.
#include <cstdint>

namespace streamscope::engine {

__extension__ using Uint128 = unsigned __int128; ///< GCC/Clang builtin; exact 64x64 products

class Rng {
public:
  explicit Rng(std::uint64_t seed = 0) { reseed(seed); }

  void reseed(std::uint64_t seed) {
    std::uint64_t x = seed;
    for (auto &word : m_state)
      word = splitmix64(x);
  }

  std::uint64_t next() {
    const std::uint64_t result = rotl(m_state[1] * 5, 7) * 9;
    const std::uint64_t t = m_state[1] << 17;
    m_state[2] ^= m_state[0];
    m_state[3] ^= m_state[1];
    m_state[1] ^= m_state[2];
    m_state[0] ^= m_state[3];
    m_state[2] ^= t;
    m_state[3] = rotl(m_state[3], 45);
    return result;
  }

  /// Uniform integer in [0, bound). REQUIRES: bound > 0. Lemire's multiply-shift; the tiny
  /// bias is irrelevant here and the result is identical on every platform.
  std::uint64_t below(std::uint64_t bound) { return static_cast<std::uint64_t>((static_cast<Uint128>(next()) * bound) >> 64); }

  /// Uniform integer in [lo, hi]. REQUIRES: lo <= hi.
  std::int64_t between(std::int64_t lo, std::int64_t hi) { return lo + static_cast<std::int64_t>(below(static_cast<std::uint64_t>(hi - lo) + 1)); }

  /// Uniform double in [0, 1) with 53 random bits (exact on every IEEE-754 platform).
  double unit() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }

  /// True with probability p.
  bool chance(double p) { return unit() < p; }

  bool operator==(const Rng &) const = default;

private:
  static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  static std::uint64_t splitmix64(std::uint64_t &x) {
    std::uint64_t z = (x += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }

  std::uint64_t m_state[4] = {};
};

} // namespace streamscope::engine
