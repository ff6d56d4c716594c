#pragma once
// A growable array stored in fixed-size chunks, for the per-record tables that reach 10^8
// entries (record ledgers, replica log columns): growing never copies what is stored (a
// std::vector doubling briefly holds the old and the new array, up to three times the data),
// and at most one chunk is partly unused. Indices are stable and access is O(1).
//
// Chunks are shared copy-on-write: copying a ChunkedVector copies chunk pointers, so a World
// copy (a time-travel snapshot) costs a pointer per chunk, and the copies share every chunk
// neither has written since. Any write access (non-const operator[], front(), back(),
// iterators; push_back or resize into the last chunk) first clones the chunk if another copy
// holds it. Read through a const reference where nothing is written, or an old chunk shared
// with a snapshot is cloned for nothing.
//
// The oldest elements can be dropped (eraseFront): whole chunks are released and the first
// chunk keeps a start index, so an element keeps its chunk from its append to its removal.
// Contract: a plain copyable value; any thread may use its own copy (the chunks copies share
// are never written), and only the World's owner changes the World's.
#include <algorithm>
#include <atomic>
#include <bit>
#include <cstddef>
#include <iterator>
#include <memory>
#include <stdexcept>
#include <vector>

namespace streamscope::engine {

template <typename T> class ChunkedVector {
public:
  /// About 64 KiB a chunk whatever the element's size (a power of two of at least 1,024
  /// elements): the unit a write after a snapshot clones, 40 KiB of a Kafka ledger, not 640.
  static constexpr std::size_t kChunkShift = std::max<std::size_t>(10, std::bit_width(std::size_t{65536} / sizeof(T)) - 1);
  static constexpr std::size_t kChunk = std::size_t{1} << kChunkShift; ///< elements per chunk

  std::size_t size() const { return m_size; }
  bool empty() const { return m_size == 0; }
  /// Elements the allocated chunks can hold (erased ones at the front of the first included).
  std::size_t capacity() const { return m_chunks.empty() ? 0 : (m_chunks.size() - 1) * kChunk + m_chunks.back()->capacity(); }
  /// Bytes allocated: the chunks and the list of them.
  std::size_t memoryBytes() const { return capacity() * sizeof(T) + m_chunks.capacity() * sizeof(Chunk); }
  void clear() {
    m_chunks.clear();
    m_start = 0;
    m_size = 0;
  }

  T &operator[](std::size_t i) {
    const std::size_t j = i + m_start;
    return writable(j >> kChunkShift)[j & (kChunk - 1)];
  }
  const T &operator[](std::size_t i) const {
    const std::size_t j = i + m_start;
    return (*m_chunks[j >> kChunkShift])[j & (kChunk - 1)];
  }
  const T &at(std::size_t i) const {
    if (i >= m_size)
      throw std::out_of_range("ChunkedVector::at");
    return (*this)[i];
  }
  T &back() { return (*this)[m_size - 1]; }
  const T &back() const { return (*this)[m_size - 1]; }
  T &front() { return (*this)[0]; }
  const T &front() const { return (*this)[0]; }

  void push_back(const T &value) {
    if (m_chunks.empty() || m_chunks.back()->size() == kChunk) {
      auto chunk = std::make_shared<std::vector<T>>();
      // The first chunk grows as a vector does, so a small table stays small; later ones
      // are allocated whole.
      if (!m_chunks.empty())
        chunk->reserve(kChunk);
      m_chunks.push_back(std::move(chunk));
    }
    writable(m_chunks.size() - 1).push_back(value);
    ++m_size;
  }
  /// Keeps the first `n` elements, or appends default ones up to `n`.
  void resize(std::size_t n) {
    if (n >= m_size) {
      while (m_size < n)
        push_back(T{});
      return;
    }
    if (n == 0) {
      clear();
      return;
    }
    const std::size_t end = n + m_start; // elements of the chunks kept, erased ones included
    m_chunks.resize((end + kChunk - 1) >> kChunkShift);
    const std::size_t last = end - ((m_chunks.size() - 1) << kChunkShift);
    if (m_chunks.back()->size() != last)
      writable(m_chunks.size() - 1).resize(last);
    m_size = n;
  }
  /// Drops the first `n` elements (all if `n` >= size()); whole chunks are released.
  void eraseFront(std::size_t n) {
    if (n >= m_size) {
      clear();
      return;
    }
    m_start += n;
    m_size -= n;
    const std::size_t whole = m_start >> kChunkShift;
    m_chunks.erase(m_chunks.begin(), m_chunks.begin() + static_cast<std::ptrdiff_t>(whole));
    m_start &= kChunk - 1;
  }

  /// Calls f(chunk identity, bytes allocated) for each chunk: copies sharing a chunk give the
  /// same identity, so memory held by many copies can be counted once.
  template <typename F> void forEachChunk(F &&f) const {
    for (const Chunk &c : m_chunks)
      f(static_cast<const void *>(c.get()), c->capacity() * sizeof(T));
  }
  /// Number of chunks (for tests of sharing).
  std::size_t chunkCount() const { return m_chunks.size(); }
  /// Identity of chunk `c`: equal in two copies while they share it (for tests of sharing).
  const void *chunkIdentity(std::size_t c) const { return m_chunks[c].get(); }

  template <typename Owner, typename Value> class Iterator {
  public:
    using iterator_category = std::random_access_iterator_tag;
    using value_type = T;
    using difference_type = std::ptrdiff_t;
    using pointer = Value *;
    using reference = Value &;
    Iterator() = default;
    Iterator(Owner *owner, std::size_t i) : m_owner(owner), m_i(i) {}
    reference operator*() const { return (*m_owner)[m_i]; }
    pointer operator->() const { return &(*m_owner)[m_i]; }
    reference operator[](difference_type n) const { return (*m_owner)[m_i + static_cast<std::size_t>(n)]; }
    Iterator &operator++() {
      ++m_i;
      return *this;
    }
    Iterator operator++(int) { return Iterator(m_owner, m_i++); }
    Iterator &operator--() {
      --m_i;
      return *this;
    }
    Iterator operator--(int) { return Iterator(m_owner, m_i--); }
    Iterator &operator+=(difference_type n) {
      m_i = static_cast<std::size_t>(static_cast<difference_type>(m_i) + n);
      return *this;
    }
    Iterator &operator-=(difference_type n) { return *this += -n; }
    friend Iterator operator+(Iterator it, difference_type n) { return it += n; }
    friend Iterator operator+(difference_type n, Iterator it) { return it += n; }
    friend Iterator operator-(Iterator it, difference_type n) { return it -= n; }
    friend difference_type operator-(const Iterator &a, const Iterator &b) {
      return static_cast<difference_type>(a.m_i) - static_cast<difference_type>(b.m_i);
    }
    friend bool operator==(const Iterator &a, const Iterator &b) { return a.m_i == b.m_i; }
    friend auto operator<=>(const Iterator &a, const Iterator &b) { return a.m_i <=> b.m_i; }

  private:
    Owner *m_owner = nullptr;
    std::size_t m_i = 0;
  };
  using iterator = Iterator<ChunkedVector, T>;
  using const_iterator = Iterator<const ChunkedVector, const T>;

  using reverse_iterator = std::reverse_iterator<iterator>;
  using const_reverse_iterator = std::reverse_iterator<const_iterator>;

  iterator begin() { return iterator(this, 0); }
  iterator end() { return iterator(this, m_size); }
  const_iterator begin() const { return const_iterator(this, 0); }
  const_iterator end() const { return const_iterator(this, m_size); }
  reverse_iterator rbegin() { return reverse_iterator(end()); }
  reverse_iterator rend() { return reverse_iterator(begin()); }
  const_reverse_iterator rbegin() const { return const_reverse_iterator(end()); }
  const_reverse_iterator rend() const { return const_reverse_iterator(begin()); }

private:
  using Chunk = std::shared_ptr<std::vector<T>>;

  /// Chunk `c`, cloned first if another copy holds it too.
  std::vector<T> &writable(std::size_t c) {
    Chunk &chunk = m_chunks[c];
    if (chunk.use_count() > 1) {
      auto own = std::make_shared<std::vector<T>>();
      own->reserve(chunk->capacity());
      own->assign(chunk->begin(), chunk->end());
      chunk = std::move(own);
    } else {
      // Sole owner: pairs with the release of the last other copy, so what it read is done.
      std::atomic_thread_fence(std::memory_order_acquire);
    }
    return *chunk;
  }

  std::vector<Chunk> m_chunks; ///< every chunk but the last holds kChunk elements (the first counting erased ones)
  std::size_t m_start = 0; ///< elements erased from the front of the first chunk
  std::size_t m_size = 0;
};

} // namespace streamscope::engine
