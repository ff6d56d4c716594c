#pragma once
// A growable array stored in fixed-size chunks, for the per-record ledgers that reach 10^8
// entries: growing never copies what is stored (a std::vector doubling briefly holds the old
// and the new array, up to three times the data), and at most one chunk is partly unused.
// Indices are stable and access is O(1). A plain copyable value (part of every snapshot).
// Contract: a plain copyable value; any thread may use its own copy, and only the World's owner changes the World's.
#include <cstddef>
#include <iterator>
#include <stdexcept>
#include <vector>

namespace streamscope::engine {

template <typename T> class ChunkedVector {
public:
  static constexpr std::size_t kChunkShift = 14;
  static constexpr std::size_t kChunk = std::size_t{1} << kChunkShift; ///< elements per chunk

  std::size_t size() const { return m_size; }
  bool empty() const { return m_size == 0; }
  /// Elements the allocated chunks can hold.
  std::size_t capacity() const { return m_chunks.empty() ? 0 : (m_chunks.size() - 1) * kChunk + m_chunks.back().capacity(); }
  void clear() {
    m_chunks.clear();
    m_size = 0;
  }

  T &operator[](std::size_t i) { return m_chunks[i >> kChunkShift][i & (kChunk - 1)]; }
  const T &operator[](std::size_t i) const { return m_chunks[i >> kChunkShift][i & (kChunk - 1)]; }
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
    if (m_chunks.empty() || m_chunks.back().size() == kChunk) {
      m_chunks.emplace_back();
      // The first chunk grows as a vector does, so a small ledger stays small; later
      // ones are allocated whole.
      if (m_chunks.size() > 1)
        m_chunks.back().reserve(kChunk);
    }
    m_chunks.back().push_back(value);
    ++m_size;
  }

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
  std::vector<std::vector<T>> m_chunks; ///< every chunk but the last holds kChunk elements
  std::size_t m_size = 0;
};

} // namespace streamscope::engine
