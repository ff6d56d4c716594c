#pragma once
// Virtual time of the simulation. Integer microseconds, so that every run is exact and
// reproducible: no floating point ever decides the order of two events.
// Contract: pure functions of their arguments; any thread.
#include <cstdint>

namespace streamscope::engine {

using SimTime = std::int64_t; ///< microseconds since the start of the run

inline constexpr SimTime kMicrosecond = 1;
inline constexpr SimTime kMillisecond = 1000;
inline constexpr SimTime kSecond = 1000 * kMillisecond;
inline constexpr SimTime kNever = INT64_MAX;

constexpr SimTime fromMs(std::int64_t ms) { return ms * kMillisecond; }
constexpr double toMs(SimTime t) { return static_cast<double>(t) / kMillisecond; }

} // namespace streamscope::engine
