#pragma once
// A priority queue of pending actions ordered by (time, insertion sequence). The sequence
// number is the stable tie-break: two actions due at the same microsecond run in the order
// they were scheduled, on every platform and standard library. A plain copyable value, so a
// snapshot of the world includes everything that is about to happen.
// Contract: a plain copyable value; any thread may use its own copy, and only the World's owner changes the World's.
#include "engine/core/sim_time.h"

#include <algorithm>
#include <cstdint>
#include <functional>
#include <vector>

namespace streamscope::engine {

template <typename Action> class Scheduler {
public:
  struct Entry {
    SimTime time;
    std::uint64_t seq;
    Action action;
  };

  void schedule(SimTime time, const Action &action) {
    m_heap.push_back(Entry{time, m_nextSeq++, action});
    std::push_heap(m_heap.begin(), m_heap.end(), later);
  }

  bool empty() const { return m_heap.empty(); }
  std::size_t size() const { return m_heap.size(); }
  /// Time of the earliest pending action. REQUIRES: !empty().
  SimTime nextTime() const { return m_heap.front().time; }

  /// Removes and returns the earliest pending action. REQUIRES: !empty().
  Entry pop() {
    std::pop_heap(m_heap.begin(), m_heap.end(), later);
    Entry e = std::move(m_heap.back());
    m_heap.pop_back();
    return e;
  }

  /// Visits every pending entry, in no particular order (the view draws messages in flight).
  template <typename Visit> void forEach(Visit visit) const {
    for (const Entry &e : m_heap)
      visit(e);
  }
  /// The earliest pending action matching `pred`, or nullptr. Changing the action through it
  /// is allowed; its time and place in the order stay as they are.
  template <typename Pred> Action *findEarliest(Pred pred) {
    Entry *best = nullptr;
    for (Entry &e : m_heap)
      if (pred(e.action) && (!best || later(*best, e)))
        best = &e;
    return best ? &best->action : nullptr;
  }

private:
  static bool later(const Entry &a, const Entry &b) { return a.time != b.time ? a.time > b.time : a.seq > b.seq; }

  std::vector<Entry> m_heap;
  std::uint64_t m_nextSeq = 0;
};

} // namespace streamscope::engine
