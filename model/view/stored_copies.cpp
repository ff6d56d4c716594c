#include "stored_copies.h"

#include "engine/world/kafka/kafka_state.h"
#include "engine/world/kinesis/kinesis_state.h"

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

namespace streamscope::model {

std::vector<std::uint8_t> kafkaCopyMarks(const engine::kafka::KafkaState &k, const engine::kafka::Partition &part, const ReplicaLog &log,
                                         std::size_t begin, std::size_t end) {
  const auto &entries = log.entries();
  end = std::min(end, entries.size());
  std::vector<std::uint8_t> marks(end > begin ? end - begin : 0, NotACopy);
  // A record held by more entries than the partition has replicas is stored twice somewhere:
  // only those need the look-back, so a log without duplicates costs one pass over the range.
  std::unordered_set<engine::kafka::RecordId> candidates;
  for (std::size_t i = begin; i < end; ++i)
    if (static_cast<std::size_t>(k.records[entries[i].record].copies) > part.replicas.size())
      candidates.insert(entries[i].record);
  if (candidates.empty())
    return marks;
  std::unordered_set<engine::kafka::RecordId> seen;
  for (std::size_t i = begin > kCopyLookBack ? begin - kCopyLookBack : 0; i < end; ++i) {
    const engine::kafka::RecordId id = entries[i].record;
    if (!candidates.contains(id))
      continue;
    if (!seen.insert(id).second && i >= begin)
      marks[i - begin] = SecondCopy;
  }
  return marks;
}

std::vector<std::uint8_t> kinesisCopyMarks(const engine::kinesis::KinesisState &k, const engine::kinesis::Shard &shard, std::size_t begin,
                                           std::size_t end) {
  const auto &records = shard.records;
  end = std::min(end, records.size());
  std::vector<std::uint8_t> marks(end > begin ? end - begin : 0, NotACopy);
  if (marks.empty())
    return marks;
  // A first copy, or a later-made record of the same producer stored before, arrived after
  // the oldest-made record in the range was made: look back no further than that.
  SimTime oldest = k.records[records[begin].record].createdAt;
  for (std::size_t i = begin; i < end; ++i)
    oldest = std::min(oldest, k.records[records[i].record].createdAt);
  std::size_t from = begin;
  while (from > 0 && records[from - 1].arrival >= oldest)
    --from;
  std::unordered_set<std::uint32_t> seen;
  std::unordered_map<std::int16_t, std::uint32_t> latest; // producer -> newest record id stored so far
  for (std::size_t i = from; i < end; ++i) {
    const engine::kinesis::StoredRecord &stored = records[i];
    if (!stored.durable)
      continue;
    const std::int16_t producer = k.records[stored.record].producer;
    std::uint8_t mark = seen.insert(stored.record).second ? NotACopy : SecondCopy;
    const auto newest = latest.find(producer);
    if (newest != latest.end() && stored.record < newest->second)
      mark |= Reordered;
    if (newest == latest.end() || stored.record > newest->second)
      latest[producer] = stored.record;
    if (i >= begin)
      marks[i - begin] = mark;
  }
  return marks;
}

Offset firstKafkaCopy(const ReplicaLog &log, std::size_t index) {
  const auto &entries = log.entries();
  if (index >= entries.size())
    return -1;
  for (std::size_t i = 0; i < index; ++i)
    if (entries[i].record == entries[index].record)
      return entries[i].offset;
  return -1;
}

} // namespace streamscope::model
