#include "engine/kinesis/stream_frontend.h"

#include "engine/kinesis/on_demand_capacity.h"
#include "engine/kinesis/stream_topology.h"

#include <algorithm>

namespace streamscope::engine::kinesis {
namespace {

constexpr SimTime kRetentionCheck = 1 * kSecond;

SimTime zoneLatency(World &w) { return w.rng.between(w.kinesis.config.azLatencyMin, w.kinesis.config.azLatencyMax); }
SimTime clientLatency(World &w) { return w.rng.between(w.kinesis.config.clientLatencyMin, w.kinesis.config.clientLatencyMax); }

const Stream &streamOfProducer(const World &w, const PutRequest &r) {
  return w.kinesis.streams[static_cast<std::size_t>(w.kinesis.producers[static_cast<std::size_t>(r.producer)].stream)];
}

/// The stored record with this counter. Records looked up here were written moments ago, so
/// the search gallops back from the newest record rather than bisecting the whole shard.
StoredRecord *findStored(Shard &s, std::uint64_t counter) {
  const std::size_t n = s.records.size();
  std::size_t step = 1, high = n;
  while (high > 0 && s.records[high - 1].counter > counter) {
    high = high > step ? high - step : 0;
    step *= 2;
  }
  // records[high - 1] <= counter (or high == 0); the answer is in [high - 1, high + step).
  const std::size_t low = high > 0 ? high - 1 : 0;
  const std::size_t end = std::min(n, high + step);
  const auto it = std::lower_bound(s.records.begin() + static_cast<std::ptrdiff_t>(low), s.records.begin() + static_cast<std::ptrdiff_t>(end),
                                   counter, [](const StoredRecord &r, std::uint64_t c) { return r.counter < c; });
  return it != s.records.begin() + static_cast<std::ptrdiff_t>(end) && it->counter == counter ? &*it : nullptr;
}

/// The record a put stored at `position` (counted from the shard's first record ever, so
/// retention's trimming does not move it), checked by its counter; else found by galloping.
StoredRecord *findPlaced(Shard &s, std::uint64_t counter, std::uint64_t position) {
  const std::uint64_t expired = static_cast<std::uint64_t>(s.expired);
  if (position >= expired && position - expired < s.records.size()) {
    StoredRecord &r = s.records[static_cast<std::size_t>(position - expired)];
    if (r.counter == counter)
      return &r;
  }
  return findStored(s, counter);
}

std::uint8_t zonesUpMask(const World &w) {
  std::uint8_t mask = 0;
  for (int z = 0; z < kZones; ++z)
    if (w.kinesis.zoneUp[static_cast<std::size_t>(z)])
      mask |= static_cast<std::uint8_t>(1u << z);
  return mask;
}

void advanceReadable(Shard &s) {
  while (s.readable < s.records.size() && s.records[s.readable].durable)
    ++s.readable;
}

/// Answers the producer once every zone that is up has confirmed the request's records.
void tryComplete(World &w, std::int32_t id) {
  PutRequest &r = w.kinesis.puts[id];
  // Wait for the zones written to that are still up (a zone that comes back later is
  // brought up to date by re-replication, not by this request).
  const std::uint8_t required = r.zonesAsked & zonesUpMask(w);
  if (r.responded || (r.zoneAcks & required) != required)
    return;
  r.responded = true;
  for (std::size_t i = 0; i < r.placed.size(); ++i) {
    const auto [slot, counter] = r.placed[i];
    if (slot < 0)
      continue;
    Shard &s = w.kinesis.shardAt(slot);
    if (StoredRecord *stored = findPlaced(s, counter, r.placedAt[i]))
      stored->durable = true;
    advanceReadable(s);
  }
  const Stream &st = streamOfProducer(w, r);
  const NodeId producerNode = w.kinesis.producers[static_cast<std::size_t>(r.producer)].node;
  w.send(st.endpoint, producerNode, TransferKind::PutRecordsResponse, -1, 0, static_cast<std::int64_t>(r.records.size()),
         Action{ActionType::PutResponseArrive, -1, -1, id, -1, r.attempt}, clientLatency(w));
}

} // namespace

Uint128 routingHashKey(const World &w, std::uint32_t id) {
  const RecordInfo &info = w.kinesis.records[id];
  if (info.key >= 0)
    return w.kinesis.keyHashes[static_cast<std::size_t>(info.key)];
  Rng keyRng(w.scenario.seed ^ (0x9e3779b97f4a7c15ULL * (static_cast<std::uint64_t>(id) + 1)));
  return (static_cast<Uint128>(keyRng.next()) << 64) | keyRng.next();
}

void onPutArrive(World &w, const Action &a) {
  PutRequest &r = w.kinesis.puts[a.a];
  if (!w.arrive(a, -1)) {
    r.responded = true; // never processed; the producer's timeout retries it
    releasePutIfFinished(w, a.a);
    return;
  }
  const Stream &st = streamOfProducer(w, r);
  const int stream = w.kinesis.producers[static_cast<std::size_t>(r.producer)].stream;
  std::map<int, std::pair<std::uint64_t, std::int64_t>> accepted; // slot -> (first counter, count)
  std::map<int, std::int64_t> throttled;
  r.results.assign(r.records.size(), PutRequest::Pending);
  r.placed.assign(r.records.size(), {-1, 0});
  r.placedAt.assign(r.records.size(), 0);
  for (std::size_t i = 0; i < r.records.size(); ++i) {
    const std::uint32_t id = r.records[i];
    RecordInfo &info = w.kinesis.records[id];
    const int slot = routeToShard(w, stream, routingHashKey(w, id));
    Shard &s = w.kinesis.shardAt(slot);
    if (!s.writeRecords.available(1, w.now) || !writeFits(s.writeBytes, info.bytes, w.now)) {
      r.results[i] = PutRequest::Throttled; // ProvisionedThroughputExceededException, this entry only
      ++s.throttledWrites;
      ++w.kinesis.counters.throttledWrites;
      ++throttled[slot];
      continue;
    }
    s.writeRecords.take(1);
    s.writeBytes.take(info.bytes);
    countAcceptedWrite(w.kinesis.streams[static_cast<std::size_t>(stream)].capacity, info.bytes);
    // Sparse and time-dependent: the counter jumps by the microseconds since the last put.
    const std::uint64_t counter = s.lastCounter + 1 + static_cast<std::uint64_t>(w.now - s.lastAssigned);
    s.lastCounter = counter;
    s.lastAssigned = w.now;
    r.placedAt[i] = static_cast<std::uint64_t>(s.expired) + s.records.size();
    s.records.push_back(StoredRecord{counter, w.now, 0, false, id});
    info.flags |= RecordInfo::Stored;
    r.results[i] = PutRequest::Accepted;
    r.placed[i] = {slot, counter};
    auto [it, inserted] = accepted.emplace(slot, std::make_pair(counter, 0));
    ++it->second.second;
  }
  for (const auto &[slot, range] : accepted)
    w.record(EventType::PutAccepted, st.endpoint, slot, static_cast<std::int64_t>(range.first), range.second);
  for (const auto &[slot, count] : throttled)
    w.record(EventType::Throttled, st.endpoint, slot, 0, count, 0);
  if (accepted.empty()) {
    tryComplete(w, a.a); // nothing to store: answer at once
    return;
  }
  r.zonesAsked = zonesUpMask(w);
  for (int z = 0; z < kZones; ++z)
    w.send(st.endpoint, w.kinesis.zoneNodes[static_cast<std::size_t>(z)], TransferKind::ZoneWrite, -1, z, static_cast<std::int64_t>(r.records.size()),
           Action{ActionType::ZoneWriteArrive, -1, -1, a.a, z, r.attempt}, zoneLatency(w));
}

void onZoneWriteArrive(World &w, const Action &a) {
  PutRequest &r = w.kinesis.puts[a.a];
  if (!w.arrive(a, -1) || !r.live || r.attempt != a.c)
    return; // the zone went down meanwhile, or the request is long finished
  for (std::size_t i = 0; i < r.placed.size(); ++i)
    if (const auto [slot, counter] = r.placed[i]; slot >= 0)
      if (StoredRecord *stored = findPlaced(w.kinesis.shardAt(slot), counter, r.placedAt[i]))
        stored->zones |= static_cast<std::uint8_t>(1u << a.b);
  const Stream &st = streamOfProducer(w, r);
  w.send(a.to, st.endpoint, TransferKind::ZoneAck, -1, a.b, 0, Action{ActionType::ZoneAckArrive, -1, -1, a.a, a.b, a.c}, zoneLatency(w));
}

void onZoneAckArrive(World &w, const Action &a) {
  if (!w.arrive(a, -1) || !w.kinesis.puts[a.a].live || w.kinesis.puts[a.a].attempt != a.c)
    return;
  w.kinesis.puts[a.a].zoneAcks |= static_cast<std::uint8_t>(1u << a.b);
  tryComplete(w, a.a);
}

void releasePutIfFinished(World &w, std::int32_t request) {
  PutRequest &r = w.kinesis.puts[request];
  if (r.live && r.responded && r.producerDone)
    w.kinesis.puts.release(request);
}

std::optional<std::string> zoneOutage(World &w, int zone) {
  auto &up = w.kinesis.zoneUp;
  if (!up[static_cast<std::size_t>(zone)])
    return "availability zone " + std::to_string(zone) + " is already down";
  if (std::count(up.begin(), up.end(), false) > 0)
    return "another availability zone is already down; the simulation models the loss of one zone at a time";
  up[static_cast<std::size_t>(zone)] = false;
  const NodeId node = w.kinesis.zoneNodes[static_cast<std::size_t>(zone)];
  w.net.isolate(node);
  w.record(EventType::ZoneDown, node, -1, zone);
  // Requests waiting for this zone complete with the two that remain.
  for (std::size_t id = 0; id < w.kinesis.puts.items.size(); ++id)
    if (w.kinesis.puts.items[id].live && !w.kinesis.puts.items[id].results.empty())
      tryComplete(w, static_cast<std::int32_t>(id));
  return std::nullopt;
}

void zoneRestore(World &w, int zone) {
  if (w.kinesis.zoneUp[static_cast<std::size_t>(zone)])
    return;
  w.kinesis.zoneUp[static_cast<std::size_t>(zone)] = true;
  const NodeId node = w.kinesis.zoneNodes[static_cast<std::size_t>(zone)];
  w.net.heal(node);
  // Re-replication: the zone receives every durable record it missed.
  for (Shard &s : w.kinesis.shards)
    for (StoredRecord &r : s.records)
      if (r.durable)
        r.zones |= static_cast<std::uint8_t>(1u << zone);
  w.record(EventType::ZoneUp, node, -1, zone);
}

void scheduleRetention(World &w, int stream) { w.after(kRetentionCheck, Action{ActionType::RetentionTrim, -1, -1, stream}); }

void onRetentionTrim(World &w, const Action &a) {
  const Stream &st = w.kinesis.streams[static_cast<std::size_t>(a.a)];
  const SimTime horizon = w.now - st.config.retention;
  for (int slot : st.shards) {
    Shard &s = w.kinesis.shardAt(slot);
    std::int64_t trimmed = 0;
    while (!s.records.empty() && s.records.front().arrival < horizon) {
      w.kinesis.records[s.records.front().record].flags |= RecordInfo::Expired;
      s.records.pop_front();
      s.readable -= s.readable > 0 ? 1 : 0;
      ++trimmed;
    }
    if (trimmed) {
      s.expired += trimmed;
      w.record(EventType::RecordsExpired, st.endpoint, slot, 0, trimmed);
    }
  }
  scheduleRetention(w, a.a);
}

} // namespace streamscope::engine::kinesis
