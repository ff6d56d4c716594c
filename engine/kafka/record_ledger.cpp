#include "engine/kafka/record_ledger.h"

namespace streamscope::engine::kafka {

void noteStored(World &w, const LogEntry &entry) {
  RecordInfo &r = w.kafka.records[entry.record];
  ++r.copies;
  r.flags |= RecordInfo::Stored;
}

void noteRemoved(World &w, int p, const std::vector<LogEntry> &removed, Removal how) {
  std::int64_t lost = 0;
  for (const LogEntry &e : removed) {
    RecordInfo &r = w.kafka.records[e.record];
    if (r.copies > 0)
      --r.copies;
    if (how == Removal::Deleted)
      r.flags |= RecordInfo::Removed;
    if (r.copies == 0 && isLost(r) && !r.has(RecordInfo::LostSeen)) {
      r.flags |= RecordInfo::LostSeen;
      ++lost;
    }
  }
  if (lost > 0) {
    w.kafka.counters.lostSeen += lost;
    w.record(EventType::RecordsLost, -1, p, 0, lost);
  }
}

void noteDropped(World &w, const Batch &batch) {
  std::int64_t lost = 0;
  for (RecordId id : batch.records) {
    RecordInfo &r = w.kafka.records[id];
    r.flags |= RecordInfo::Dropped;
    if (isLost(r) && !r.has(RecordInfo::LostSeen)) {
      r.flags |= RecordInfo::LostSeen;
      ++lost;
    }
  }
  if (lost > 0) {
    w.kafka.counters.lostSeen += lost;
    w.record(EventType::RecordsLost, -1, batch.partition, 0, lost);
  }
}

void noteAcked(World &w, RecordId id) {
  RecordInfo &r = w.kafka.records[id];
  if (r.has(RecordInfo::Acked))
    return;
  r.flags |= RecordInfo::Acked;
  r.ackedAt = w.now;
  ++w.kafka.counters.acknowledged;
}

bool isLost(const RecordInfo &r) {
  return r.has(RecordInfo::Acked) && !r.has(RecordInfo::Removed) && r.copies == 0 && (r.has(RecordInfo::Stored) || r.has(RecordInfo::Dropped));
}

} // namespace streamscope::engine::kafka
