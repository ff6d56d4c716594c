#pragma once
// A slot pool with a free list: stable small indices that fit in a scheduled action, and a
// plain copyable value (part of every snapshot). T needs a `bool live` member.
// Contract: a plain copyable value; any thread may use its own copy, and only the World's owner changes the World's.
#include <cstdint>
#include <vector>

namespace streamscope::engine {

template <typename T> struct Pool {
  std::vector<T> items;
  std::vector<std::int32_t> freeList;
  std::int32_t acquire() {
    if (!freeList.empty()) {
      const std::int32_t id = freeList.back();
      freeList.pop_back();
      items[static_cast<std::size_t>(id)] = T{};
      items[static_cast<std::size_t>(id)].live = true;
      return id;
    }
    items.push_back(T{});
    items.back().live = true;
    return static_cast<std::int32_t>(items.size() - 1);
  }
  void release(std::int32_t id) {
    items[static_cast<std::size_t>(id)] = T{};
    freeList.push_back(id);
  }
  T &operator[](std::int32_t id) { return items[static_cast<std::size_t>(id)]; }
  const T &operator[](std::int32_t id) const { return items[static_cast<std::size_t>(id)]; }
};

} // namespace streamscope::engine
