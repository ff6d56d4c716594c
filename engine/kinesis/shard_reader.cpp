#include "engine/kinesis/shard_reader.h"

#include "engine/kinesis/stream_topology.h"

#include <algorithm>
#include <utility>

namespace streamscope::engine::kinesis {
namespace {

std::string invalidSequence(const World &w, const Shard &s, const std::string &text, const char *why) {
  return "InvalidArgumentException: StartingSequenceNumber " + text + " used in GetShardIterator on shard " + shardId(s.index) + " in stream " +
      w.kinesis.streams[static_cast<std::size_t>(s.stream)].config.name + " under account " + kAccountId + " is invalid" + why;
}

} // namespace

IteratorResult getShardIterator(const World &w, int slot, const IteratorRequest &request) {
  const Shard &s = w.kinesis.shardAt(slot);
  ShardIterator it;
  it.shard = slot;
  it.issuedAt = w.now;
  switch (request.type) {
  case IteratorType::TrimHorizon: it.position = {0, true}; break;
  case IteratorType::Latest: it.position = after(s.lastCounter); break;
  case IteratorType::AtTimestamp: {
    const auto found =
        std::lower_bound(s.records.begin(), s.records.end(), request.timestamp, [](const StoredRecord &r, SimTime t) { return r.arrival < t; });
    // Older than the trim horizon: the oldest record. Newer than everything: what comes next.
    it.position = found == s.records.end() ? after(s.lastCounter) : IteratorPosition{found->counter, true};
    break;
  }
  case IteratorType::AtSequenceNumber:
  case IteratorType::AfterSequenceNumber: {
    const std::optional<SequenceNumber> seq = SequenceNumber::parse(request.sequenceNumber);
    if (!seq)
      return {std::nullopt, invalidSequence(w, s, request.sequenceNumber, ".")};
    if (seq->shardIndex != static_cast<std::uint32_t>(s.index) || seq->shardCreatedSec != s.startingSequence().shardCreatedSec)
      return {std::nullopt,
              "InvalidArgumentException: Invalid StartingSequenceNumber. It encodes " + shardId(static_cast<int>(seq->shardIndex)) +
                  ", while it was used in a call to a shard with " + shardId(s.index)};
    it.position = {seq->counter, request.type == IteratorType::AtSequenceNumber};
    break;
  }
  }
  return {it, std::string()};
}

ReadPayload readRecords(World &w, const ShardIterator &iterator, int limit, TokenBucket *fanOut) {
  ReadPayload out;
  out.next = iterator.position;
  Shard &s = w.kinesis.shardAt(iterator.shard);
  if (w.now - iterator.issuedAt > kIteratorLifetime) {
    out.error = static_cast<std::uint8_t>(ReadError::ExpiredIterator);
    return out;
  }
  if (fanOut ? fanOut->inDebt(w.now) : (!s.readCalls.available(1, w.now) || s.readBytes.inDebt(w.now))) {
    if (!fanOut) { // a push that must wait is not an error; a GetRecords call is refused
      out.error = static_cast<std::uint8_t>(ReadError::Throttled);
      ++s.throttledReads;
      ++w.kinesis.counters.throttledReads;
      w.record(EventType::Throttled, -1, iterator.shard, 1, 1, 1);
    }
    return out;
  }
  if (!fanOut)
    s.readCalls.take(1);
  // Positions before the trim horizon start at the oldest record still retained.
  std::size_t i = s.firstAt(iterator.position.counter, iterator.position.inclusive);
  double bytes = 0;
  for (; i < s.readable && static_cast<int>(out.records.size()) < limit; ++i) {
    const double size = std::as_const(w.kinesis.records)[s.records[i].record].bytes;
    if (!out.records.empty() && bytes + size > kGetRecordsMaxBytes)
      break;
    bytes += size;
    out.records.push_back(s.records[i].record);
    const std::uint64_t counter = s.records[i].counter; // a packed field: read it, never bind to it
    out.counters.push_back(counter);
  }
  if (bytes > 0)
    (fanOut ? *fanOut : s.readBytes).take(bytes);
  if (!out.records.empty())
    out.next = after(out.counters.back());
  if (i < s.readable)
    out.millisBehindLatest = (w.now - s.records[i - (out.records.empty() ? 0 : 1)].arrival) / kMillisecond;
  else if (!s.open() && s.readable == s.records.size())
    out.next = std::nullopt; // SHARD_END: a closed shard read to its end
  return out;
}

} // namespace streamscope::engine::kinesis
