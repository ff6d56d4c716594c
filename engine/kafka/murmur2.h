#pragma once
// Kafka's murmur2, bit-compatible with org.apache.kafka.common.utils.Utils#murmur2, and the
// Java client's partition choice for keyed records.
// Contract: pure functions of their arguments; any thread.
#include <cstdint>
#include <string_view>

namespace streamscope::engine::kafka {

/// murmur2 of the serialized key bytes, as the Java client's signed 32-bit result.
std::int32_t murmur2(std::string_view bytes);

/// The default partitioner for a non-null key: (murmur2 & 0x7fffffff) % numPartitions.
/// REQUIRES: numPartitions > 0 (the topic's total count, including offline partitions).
int partitionForKey(std::string_view keyBytes, int numPartitions);

} // namespace streamscope::engine::kafka
