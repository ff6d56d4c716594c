#pragma once
// Which stored copies a resend made: a second copy of a record already in the same log or
// shard (a lost answer made its producer send it again), and, in a Kinesis shard, a copy
// stored after a record its producer created later (the retry got a later sequence number).
// The same rules as the report's duplicates_stored and reordered_stored, for a range of cells.
// GUI thread; reads the world the view was built from.
#include "engine_types.h"

#include <cstdint>
#include <vector>

namespace streamscope::engine::kafka {
struct KafkaState;
struct Partition;
} // namespace streamscope::engine::kafka
namespace streamscope::engine::kinesis {
struct KinesisState;
struct Shard;
} // namespace streamscope::engine::kinesis

namespace streamscope::model {

enum CopyMark : std::uint8_t {
  NotACopy = 0,
  SecondCopy = 1, ///< the log or shard already holds this record: stored twice
  Reordered = 2, ///< Kinesis: stored after a record its producer created later
};

/// Marks of entries [begin, end) (indexes into log.entries()) of a replica log of `part`.
/// Kafka records a resend reuses keep their id, so a second copy is a repeated id. Looks
/// back at most kCopyLookBack entries for the first copy.
std::vector<std::uint8_t> kafkaCopyMarks(const engine::kafka::KafkaState &k, const engine::kafka::Partition &part, const ReplicaLog &log,
                                         std::size_t begin, std::size_t end);
/// Marks of records [begin, end) of a shard, in sequence-number order (acknowledged ones only,
/// as the report counts them). Exact: looks back only as far as records could matter.
std::vector<std::uint8_t> kinesisCopyMarks(const engine::kinesis::KinesisState &k, const engine::kinesis::Shard &shard, std::size_t begin,
                                           std::size_t end);
/// The offset of the first copy of the record at entry `index` of `log`, or -1 if it is the first.
Offset firstKafkaCopy(const ReplicaLog &log, std::size_t index);

inline constexpr std::size_t kCopyLookBack = 100000;

} // namespace streamscope::model
