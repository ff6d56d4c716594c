#pragma once
// A probe record's value: a magic word, the probe run's nonce (so records of earlier runs
// or other writers in the topic are ignored) and the record's number, padded to its size.
#include <QByteArray>

#include <cstdint>
#include <cstring>
#include <optional>

namespace streamscope::live {

inline constexpr std::size_t kProbeHeaderBytes = 20;

inline QByteArray probePayload(std::uint64_t nonce, std::uint64_t id, int bytes) {
  QByteArray value(std::max<int>(bytes, static_cast<int>(kProbeHeaderBytes)), '.');
  std::memcpy(value.data(), "SSPR", 4);
  std::memcpy(value.data() + 4, &nonce, 8);
  std::memcpy(value.data() + 12, &id, 8);
  return value;
}

/// The record number of a value written by the probe run `nonce`; nullopt for anything else.
inline std::optional<std::uint64_t> probeRecordId(const void *data, std::size_t size, std::uint64_t nonce) {
  if (!data || size < kProbeHeaderBytes || std::memcmp(data, "SSPR", 4) != 0)
    return std::nullopt;
  std::uint64_t n = 0, id = 0;
  std::memcpy(&n, static_cast<const char *>(data) + 4, 8);
  std::memcpy(&id, static_cast<const char *>(data) + 12, 8);
  return n == nonce ? std::optional<std::uint64_t>(id) : std::nullopt;
}

} // namespace streamscope::live
