#include "engine/world/kafka/log_entries.h"

namespace streamscope::engine::kafka {

std::size_t LogEntries::lowerBound(Offset offset) const {
  if (m_records.empty() || offset <= m_offsets.front().value)
    return 0;
  // The last run starting at or below `offset`: offsets increase across runs.
  std::size_t lo = 0, hi = m_offsets.size(); // m_offsets[lo].value <= offset, and so for none at or past hi
  while (hi - lo > 1) {
    const std::size_t mid = lo + (hi - lo) / 2;
    (m_offsets[mid].value <= offset ? lo : hi) = mid;
  }
  const Run &r = m_offsets[lo];
  const std::size_t end = lo + 1 < m_offsets.size() ? m_offsets[lo + 1].first : m_records.size();
  const auto past = static_cast<std::size_t>(offset - r.value);
  return past < end - r.first ? r.first + past : end;
}

void LogEntries::push_back(const LogEntry &entry) {
  const std::size_t n = m_records.size();
  if (n == 0 || offsetAt(n - 1) + 1 != entry.offset)
    m_offsets.push_back(Run{n, entry.offset});
  if (m_epochs.empty() || m_epochs.back().value != entry.epoch)
    m_epochs.push_back(Run{n, entry.epoch});
  if (entry.bytes >= kBigSize)
    m_bigSizes.push_back(Run{n, entry.bytes});
  m_sizes.push_back(entry.bytes >= kBigSize ? kBigSize : static_cast<std::uint16_t>(entry.bytes));
  m_records.push_back(entry.record);
}

void LogEntries::truncate(std::size_t n) {
  if (n >= m_records.size())
    return;
  m_records.resize(n);
  m_sizes.resize(n);
  truncateRuns(m_offsets, n);
  truncateRuns(m_epochs, n);
  truncateRuns(m_bigSizes, n);
}

void LogEntries::eraseFront(std::size_t n) {
  if (n == 0)
    return;
  if (n >= m_records.size()) {
    clear();
    return;
  }
  m_records.eraseFront(n);
  m_sizes.eraseFront(n);
  eraseRunsFront(m_offsets, n, true);
  eraseRunsFront(m_epochs, n, false);
  // One entry each: those below n go, the others move down.
  std::size_t gone = 0;
  while (gone < m_bigSizes.size() && m_bigSizes[gone].first < n)
    ++gone;
  m_bigSizes.erase(m_bigSizes.begin(), m_bigSizes.begin() + static_cast<std::ptrdiff_t>(gone));
  for (Run &r : m_bigSizes)
    r.first -= n;
}

void LogEntries::assign(const std::vector<LogEntry> &entries) {
  clear();
  for (const LogEntry &e : entries)
    push_back(e);
}

std::vector<LogEntry> LogEntries::copy(std::size_t from, std::size_t to) const {
  std::vector<LogEntry> out;
  out.reserve(to > from ? to - from : 0);
  for (std::size_t i = from; i < to; ++i)
    out.push_back((*this)[i]);
  return out;
}

void LogEntries::clear() {
  m_records.clear();
  m_sizes.clear();
  m_bigSizes.clear();
  m_offsets.clear();
  m_epochs.clear();
}

std::size_t LogEntries::memoryBytes() const {
  return m_records.memoryBytes() + m_sizes.memoryBytes() + (m_bigSizes.capacity() + m_offsets.capacity() + m_epochs.capacity()) * sizeof(Run);
}

std::uint32_t LogEntries::bigSizeAt(std::size_t i) const {
  std::size_t lo = 0, hi = m_bigSizes.size(); // the entry is in [lo, hi)
  while (hi - lo > 1) {
    const std::size_t mid = lo + (hi - lo) / 2;
    (m_bigSizes[mid].first <= i ? lo : hi) = mid;
  }
  return static_cast<std::uint32_t>(m_bigSizes[lo].value);
}

void LogEntries::truncateRuns(std::vector<Run> &runs, std::size_t n) {
  while (!runs.empty() && runs.back().first >= n)
    runs.pop_back();
}

void LogEntries::eraseRunsFront(std::vector<Run> &runs, std::size_t n, bool offsets) {
  std::size_t k = 0; // the run holding entry n
  while (k + 1 < runs.size() && runs[k + 1].first <= n)
    ++k;
  runs.erase(runs.begin(), runs.begin() + static_cast<std::ptrdiff_t>(k));
  if (offsets)
    runs.front().value += static_cast<std::int64_t>(n - runs.front().first);
  runs.front().first = n;
  for (Run &r : runs)
    r.first -= n;
}

} // namespace streamscope::engine::kafka
