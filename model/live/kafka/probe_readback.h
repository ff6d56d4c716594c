#pragma once
// The probe's second half: read a topic back from its start and count the copies of each
// record the probe wrote.
#include "kafka_connection.h"

#include <cstdint>
#include <vector>

namespace streamscope::live {

struct ReadBack {
  std::vector<int> copies; ///< by record number
  std::optional<LiveError> error;
};

/// Reads `topic` as consumer group `group` until every partition is read to the high
/// watermark it had when reading began, or `idleMs` pass without a probe record; then
/// commits the group's offsets. Blocking.
ReadBack readBack(const KafkaConnection &c, const QString &topic, const QString &group, std::uint64_t nonce, int records, int idleMs);

} // namespace streamscope::live
