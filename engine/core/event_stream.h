#pragma once
// Where events go: folded into a running 64-bit hash (the run's `event_hash`) and, when a
// sink is attached, appended to it for the view or a recorder. The hash covers every field
// of every event in order, so any divergence between two runs changes it.
// Contract: owned by the World; the sink (not owned) is written on the World's thread only.
#include "engine/core/event.h"

#include <cstdint>
#include <string>
#include <vector>

namespace streamscope::engine {

class EventStream {
public:
  void record(const Event &e) {
    fold(static_cast<std::uint64_t>(e.time));
    fold(static_cast<std::uint64_t>(e.arrival));
    fold((static_cast<std::uint64_t>(e.type) << 8) | e.sub);
    fold((static_cast<std::uint64_t>(static_cast<std::uint32_t>(e.node)) << 32) | static_cast<std::uint32_t>(e.peer));
    fold(static_cast<std::uint64_t>(static_cast<std::uint32_t>(e.partition)));
    fold(static_cast<std::uint64_t>(e.a));
    fold(static_cast<std::uint64_t>(e.b));
    ++m_count;
    if (m_sink)
      m_sink->push_back(e);
  }

  /// Attaches a buffer that receives every event (nullptr detaches). Not owned.
  void setSink(std::vector<Event> *sink) { m_sink = sink; }
  std::uint64_t hash() const { return m_hash; }
  std::uint64_t count() const { return m_count; }
  /// The hash as 16 lowercase hex digits.
  std::string hashHex() const;

private:
  void fold(std::uint64_t v) {
    // A strong 64-bit mix per word (splitmix64 finaliser) chained through the state.
    std::uint64_t z = m_hash ^ (v + 0x9e3779b97f4a7c15ULL + (m_hash << 6) + (m_hash >> 2));
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    m_hash = z ^ (z >> 31);
  }

  std::uint64_t m_hash = 0xcbf29ce484222325ULL;
  std::uint64_t m_count = 0;
  std::vector<Event> *m_sink = nullptr;
};

} // namespace streamscope::engine
