#include "engine/core/rate_meter.h"

namespace streamscope::engine {

void RateMeter::add(SimTime now, std::int64_t amount) {
  const SimTime bucket = now / kBucket;
  if (bucket > m_newest) { // empty the slots of the buckets that passed
    const SimTime first = m_newest < 0 || bucket - m_newest > static_cast<SimTime>(kSlots) ? bucket - static_cast<SimTime>(kSlots) + 1 : m_newest + 1;
    for (SimTime b = first; b <= bucket; ++b)
      m_amounts[static_cast<std::size_t>(b) % kSlots] = 0;
    m_newest = bucket;
  }
  m_amounts[static_cast<std::size_t>(bucket) % kSlots] += amount;
}

std::int64_t RateMeter::lastSecond(SimTime now) const {
  if (m_newest < 0)
    return 0;
  const SimTime bucket = now / kBucket;
  const SimTime oldest = bucket - static_cast<SimTime>(kSlots) + 1; // partly inside the second
  std::int64_t sum = 0;
  for (SimTime b = oldest + 1; b <= bucket; ++b)
    if (b <= m_newest && b > m_newest - static_cast<SimTime>(kSlots))
      sum += m_amounts[static_cast<std::size_t>(b) % kSlots];
  if (oldest >= 0 && oldest <= m_newest && oldest > m_newest - static_cast<SimTime>(kSlots)) {
    const SimTime inside = (oldest + 1) * kBucket - (now - kSecond); // of the oldest bucket
    sum += m_amounts[static_cast<std::size_t>(oldest) % kSlots] * inside / kBucket;
  }
  return sum;
}

} // namespace streamscope::engine
