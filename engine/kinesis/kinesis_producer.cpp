#include "engine/kinesis/kinesis_producer.h"

#include "engine/kinesis/stream_frontend.h"

#include <algorithm>
#include <utility>

namespace streamscope::engine::kinesis {
namespace {

Producer &producerAt(World &w, int i) { return w.kinesis.producers[static_cast<std::size_t>(i)]; }

/// A partition key and the hash key that routes it: its MD5, or an ExplicitHashKey.
std::int32_t internKey(KinesisState &k, const std::string &key, const std::string &explicitHashKey) {
  const std::string id = explicitHashKey.empty() ? key : key + '\n' + explicitHashKey;
  const auto [it, inserted] = k.keyIndex.emplace(id, static_cast<std::int32_t>(k.keys.size()));
  if (inserted) {
    k.keys.push_back(key);
    k.keyHashes.push_back(explicitHashKey.empty() ? hashKeyOf(key) : parseDecimal128(explicitHashKey).value_or(0));
  }
  return it->second;
}

void scheduleWake(World &w, int index, SimTime at) {
  Producer &pr = producerAt(w, index);
  if (pr.wakeScheduled)
    return;
  pr.wakeScheduled = true;
  w.at(at, Action{ActionType::KinesisProducerWake, -1, -1, index});
}

void sendPut(World &w, int index) {
  Producer &pr = producerAt(w, index);
  const std::int32_t id = w.kinesis.puts.acquire();
  PutRequest &r = w.kinesis.puts[id];
  r.producer = index;
  r.attempt = ++w.kinesis.putSerial;
  double bytes = 0;
  while (!pr.buffer.empty() && static_cast<int>(r.records.size()) < pr.config.putRecordsMax) {
    const double next = std::as_const(w.kinesis.records)[pr.buffer.front()].bytes;
    if (!r.records.empty() && bytes + next > kPutRecordsMaxBytes)
      break;
    bytes += next;
    r.records.push_back(pr.buffer.front());
    pr.buffer.pop_front();
  }
  ++pr.inFlight;
  const Stream &st = w.kinesis.streams[static_cast<std::size_t>(pr.stream)];
  const SimTime latency = w.rng.between(w.kinesis.config.clientLatencyMin, w.kinesis.config.clientLatencyMax);
  if (!w.send(pr.node, st.endpoint, TransferKind::PutRecordsRequest, -1, 0, static_cast<std::int64_t>(r.records.size()),
              Action{ActionType::PutArrive, -1, -1, id, -1, r.attempt}, latency))
    r.responded = true; // never reaches the endpoint
  w.after(pr.config.requestTimeout, Action{ActionType::PutTimeout, -1, -1, id, -1, r.attempt});
}

/// Sends while the buffer holds a full request or its oldest record has lingered long enough.
void trySend(World &w, int index) {
  Producer &pr = producerAt(w, index);
  while (pr.inFlight < pr.config.maxInFlight && !pr.buffer.empty()) {
    if (w.now < pr.backoffUntil)
      return scheduleWake(w, index, pr.backoffUntil);
    const SimTime ready = std::as_const(w.kinesis.records)[pr.buffer.front()].createdAt + pr.config.linger;
    if (static_cast<int>(pr.buffer.size()) < pr.config.putRecordsMax && w.now < ready)
      return scheduleWake(w, index, ready);
    sendPut(w, index);
  }
}

/// Puts records back at the front of the buffer, in their original order, after a back-off.
void retry(World &w, Producer &pr, const std::vector<std::uint32_t> &records) {
  for (auto it = records.rbegin(); it != records.rend(); ++it)
    pr.buffer.push_front(*it);
  w.kinesis.counters.retries += static_cast<std::int64_t>(records.size());
  ++pr.consecutiveThrottles;
  pr.backoffSince = w.now;
  pr.backoffUntil = w.now + retryBackoff(w.rng, pr.config, pr.consecutiveThrottles);
  w.record(EventType::ProduceRetried, pr.node, -1, 0, static_cast<std::int64_t>(records.size()));
}

/// Kinesis refuses a record above the stream's maximum size (ValidationException). The
/// producer checks each record before it batches it, as the KPL does, so one oversized record
/// never fails the call that would have carried its neighbours. Returns whether it refused.
bool refuseIfTooLarge(World &w, Producer &pr, RecordInfo &info) {
  const auto max = static_cast<std::uint32_t>(w.kinesis.streams[static_cast<std::size_t>(pr.stream)].config.maxRecordSizeKib) * 1024U;
  if (info.bytes <= max)
    return false;
  info.flags |= RecordInfo::TooLarge;
  ++w.kinesis.counters.tooLarge;
  ++pr.tooLarge;
  return true;
}

void recordRefusals(World &w, const Producer &pr, std::int64_t count) {
  if (count > 0)
    w.record(EventType::ProduceFailed, pr.node, -1, -1, count, static_cast<std::uint8_t>(ErrorCode::ValidationException));
}

} // namespace

void useKeys(World &w, int index) {
  Producer &pr = producerAt(w, index);
  const std::vector<std::string> keys = workloadKeys(pr.config);
  pr.keyIds.clear();
  for (std::size_t i = 0; i < keys.size(); ++i)
    pr.keyIds.push_back(internKey(w.kinesis, keys[i], i < pr.config.explicitHashKeys.size() ? pr.config.explicitHashKeys[i] : std::string()));
}

void startProducer(World &w, int index) {
  Producer &pr = producerAt(w, index);
  useKeys(w, index);
  pr.schedule = RateSchedule{pr.config.rate, pr.config.start, 0, pr.config.count};
  w.at(pr.config.start, Action{ActionType::KinesisProducerTick, -1, -1, index});
}

void setProducerRate(World &w, int index, double rate) {
  Producer &pr = producerAt(w, index);
  const bool wasIdle = pr.schedule.rate <= 0;
  pr.schedule.change(w.now, pr.produced, rate);
  w.record(EventType::RateChanged, pr.node, -1, static_cast<std::int64_t>(rate));
  if (wasIdle && rate > 0 && !pr.done)
    w.after(0, Action{ActionType::KinesisProducerTick, -1, -1, index});
}

void onProducerTick(World &w, const Action &a) {
  Producer &pr = producerAt(w, a.a);
  if (pr.done || pr.schedule.rate <= 0)
    return;
  const std::int64_t due = pr.schedule.due(w.now);
  const auto first = static_cast<std::int64_t>(w.kinesis.records.size());
  std::int64_t refused = 0;
  for (; pr.produced < due; ++pr.produced) {
    RecordInfo info;
    info.createdAt = std::min(pr.schedule.dueTime(pr.produced), w.now);
    info.producer = static_cast<std::int16_t>(a.a);
    std::size_t keyBytes = 0;
    if (!pr.keyIds.empty()) {
      info.key = pr.keyIds[keyChoice(w.scenario.seed, pr.workload, pr.produced, static_cast<std::uint32_t>(pr.keyIds.size()))];
      keyBytes = w.kinesis.keys[static_cast<std::size_t>(info.key)].size();
    } else {
      keyBytes = 36; // a random UUID partition key
    }
    info.bytes = static_cast<std::uint32_t>(pr.config.recordBytes + keyBytes);
    if (refuseIfTooLarge(w, pr, info))
      ++refused;
    else
      pr.buffer.push_back(static_cast<std::uint32_t>(w.kinesis.records.size()));
    w.kinesis.records.push_back(info);
    ++w.kinesis.counters.produced;
  }
  const auto count = static_cast<std::int64_t>(w.kinesis.records.size()) - first;
  if (count > 0)
    w.record(EventType::KinesisProduced, pr.node, -1, first, count);
  recordRefusals(w, pr, refused);
  trySend(w, a.a);
  if (pr.schedule.exhausted(pr.produced))
    pr.done = true;
  else
    w.after(pr.schedule.tick(), a);
}

std::int64_t produceRecord(World &w, int producer, const std::string &key) {
  Producer &pr = producerAt(w, producer);
  RecordInfo info;
  info.createdAt = w.now;
  info.producer = static_cast<std::int16_t>(producer);
  info.key = internKey(w.kinesis, key, std::string());
  info.bytes = static_cast<std::uint32_t>(pr.config.recordBytes + key.size());
  const auto id = static_cast<std::int64_t>(w.kinesis.records.size());
  const bool refused = refuseIfTooLarge(w, pr, info);
  if (!refused)
    pr.buffer.push_back(static_cast<std::uint32_t>(id));
  w.kinesis.records.push_back(info);
  ++w.kinesis.counters.produced;
  ++pr.produced;
  w.record(EventType::KinesisProduced, pr.node, -1, id, 1);
  recordRefusals(w, pr, refused ? 1 : 0);
  trySend(w, producer);
  return id;
}

void onProducerWake(World &w, const Action &a) {
  producerAt(w, a.a).wakeScheduled = false;
  trySend(w, a.a);
}

void onPutResponse(World &w, const Action &a) {
  PutRequest &r = w.kinesis.puts[a.a];
  if (!w.arrive(a, -1) || r.producerDone || r.attempt != a.c) {
    releasePutIfFinished(w, a.a);
    return; // lost (the timeout retries), or already given up on
  }
  r.producerDone = true;
  Producer &pr = producerAt(w, r.producer);
  --pr.inFlight;
  std::vector<std::uint32_t> failed;
  for (std::size_t i = 0; i < r.records.size(); ++i) {
    RecordInfo &info = w.kinesis.records[r.records[i]];
    if (r.results[i] == PutRequest::Accepted) {
      if (!info.has(RecordInfo::Acked)) {
        info.flags |= RecordInfo::Acked;
        info.ackedAt = w.now;
        ++w.kinesis.counters.acknowledged;
      }
    } else {
      failed.push_back(r.records[i]);
    }
  }
  w.record(EventType::KinesisAcked, pr.node, -1, static_cast<std::int64_t>(r.records.size() - failed.size()),
           static_cast<std::int64_t>(failed.size()));
  if (failed.empty())
    pr.consecutiveThrottles = 0;
  else
    retry(w, pr, failed);
  const int index = r.producer;
  releasePutIfFinished(w, a.a);
  trySend(w, index);
}

void onPutTimeout(World &w, const Action &a) {
  PutRequest &r = w.kinesis.puts[a.a];
  if (!r.live || r.producerDone || r.attempt != a.c)
    return;
  r.producerDone = true; // the outcome is unknown: send everything again
  Producer &pr = producerAt(w, r.producer);
  --pr.inFlight;
  retry(w, pr, r.records);
  const int index = r.producer;
  releasePutIfFinished(w, a.a);
  trySend(w, index);
}

} // namespace streamscope::engine::kinesis
