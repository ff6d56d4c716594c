#include "engine/kafka/consumer_serving.h"

#include <algorithm>

namespace streamscope::engine::kafka {
namespace {

ConsumerSession &sessionAt(World &w, int s) { return w.kafka.consumerSessions[static_cast<std::size_t>(s)]; }
Partition &partitionAt(World &w, int p) { return w.kafka.partitions[static_cast<std::size_t>(p)]; }
const ConsumerGroup &groupOf(const World &w, const ConsumerSession &s) { return w.kafka.groups[static_cast<std::size_t>(s.group)]; }

/// The held request's marks leave its partitions' parked lists.
void unpark(World &w, int sid) {
  ConsumerSession &s = sessionAt(w, sid);
  if (!s.requestParked)
    return;
  s.requestParked = false;
  const ConsumerGroup &g = groupOf(w, s);
  for (const ConsumerPartitionFetch &c : s.cached)
    std::erase_if(partitionAt(w, w.kafka.partitionId(g.topic, c.local)).parked, [&](const ParkedFetch &f) { return f.consumer && f.who == sid; });
}

/// The session's partitions with news go in `reply`: records (within the byte limits) or an
/// error. `failed` (with `failure`) is a partition that can no longer be served here.
void serve(World &w, int sid, ConsumerFetchMessage &reply, int failed = -1, ErrorCode failure = ErrorCode::None) {
  ConsumerSession &s = sessionAt(w, sid);
  const ConsumerGroup &g = groupOf(w, s);
  const Broker &broker = w.kafka.brokers[static_cast<std::size_t>(s.broker)];
  const std::int64_t responseMax = g.config.fetchMaxBytes;
  std::int64_t used = 0;
  bool minOne = true; // the first partition's first batch goes whatever its size
  std::vector<ConsumerPartitionFetch> kept;
  std::vector<ConsumerPartitionFetch> served;
  kept.reserve(s.cached.size());
  for (const ConsumerPartitionFetch &c : s.cached) {
    const int p = w.kafka.partitionId(g.topic, c.local);
    const Partition &part = w.kafka.partitions[static_cast<std::size_t>(p)];
    ConsumerPartitionAnswer answer{c.local, c.gen, FetchPayload{}};
    FetchPayload &pl = answer.payload;
    pl.nextOffset = c.offset;
    if (p == failed)
      pl.error = failure;
    else if (broker.state == BrokerState::Crashed)
      pl.error = ErrorCode::NetworkException;
    else if (part.leader != s.broker)
      pl.error = ErrorCode::NotLeaderOrFollower;
    if (pl.error != ErrorCode::None) {
      kept.push_back(c);
      reply.answers.push_back(std::move(answer));
      continue;
    }
    const ReplicaLog &log = part.logOf(s.broker);
    pl.highWatermark = log.highWatermark();
    pl.logStart = log.logStart();
    if (c.offset < log.logStart() || c.offset > log.leo()) {
      pl.error = ErrorCode::OffsetOutOfRange;
      kept.push_back(c);
      reply.answers.push_back(std::move(answer));
      continue;
    }
    const Offset limit = consumerReadLimit(w, p, g);
    if (c.offset >= limit || used >= responseMax) {
      kept.push_back(c);
      continue;
    }
    const std::int64_t budget = std::min(g.config.maxPartitionFetchBytes, responseMax - used);
    pl.entries = log.read(c.offset, limit, budget);
    if (!minOne && !pl.entries.empty() && pl.entries.front().bytes > budget) {
      kept.push_back(c); // too large for what is left of this response: a later one
      continue;
    }
    for (const LogEntry &e : pl.entries)
      used += e.bytes;
    minOne = minOne && pl.entries.empty();
    // Nothing below the limit from here means a compaction gap: continue at the limit.
    pl.nextOffset = pl.entries.empty() ? std::max(c.offset, limit) : pl.entries.back().offset + 1;
    served.push_back(c);
    reply.answers.push_back(std::move(answer));
  }
  kept.insert(kept.end(), served.begin(), served.end());
  s.cached = std::move(kept);
}

void respond(World &w, int sid, std::uint32_t serial, ConsumerFetchMessage reply) {
  unpark(w, sid);
  const ConsumerSession &s = sessionAt(w, sid);
  const ConsumerGroup &g = groupOf(w, s);
  std::int64_t records = 0;
  for (const ConsumerPartitionAnswer &answer : reply.answers)
    records += static_cast<std::int64_t>(answer.payload.entries.size());
  int first = -1;
  Offset offset = 0;
  if (!reply.answers.empty()) {
    const ConsumerPartitionAnswer &head = reply.answers.front();
    first = w.kafka.partitionId(g.topic, head.local);
    offset = head.payload.entries.empty() ? head.payload.nextOffset : head.payload.entries.front().offset;
  }
  const NodeId from = w.kafka.brokers[static_cast<std::size_t>(s.broker)].node;
  const NodeId to = g.members[static_cast<std::size_t>(s.member)].node;
  const Action arrival{ActionType::ConsumerFetchResponse, -1, -1, sid, s.group, serial, 0};
  const std::int32_t id = w.kafka.consumerMessages.acquire();
  w.kafka.consumerMessages[id].answers = std::move(reply.answers);
  w.kafka.consumerMessages[id].sessionLost = reply.sessionLost;
  Action resp = arrival;
  resp.d = id;
  if (!w.send(from, to, TransferKind::ConsumerFetchResponse, first, offset, records, resp))
    w.kafka.consumerMessages.release(id);
}

void answerNow(World &w, int sid, std::uint32_t serial, int failed = -1, ErrorCode failure = ErrorCode::None) {
  ConsumerFetchMessage reply;
  serve(w, sid, reply, failed, failure);
  respond(w, sid, serial, std::move(reply));
}

/// Applies an incremental request to the broker's copy of the session.
void update(ConsumerSession &s, const ConsumerFetchMessage &msg) {
  if (!msg.forgotten.empty())
    std::erase_if(s.cached, [&](const ConsumerPartitionFetch &c) {
      return std::find(msg.forgotten.begin(), msg.forgotten.end(), c.local) != msg.forgotten.end();
    });
  for (const ConsumerPartitionFetch &f : msg.requests) {
    const auto it = std::find_if(s.cached.begin(), s.cached.end(), [&](const ConsumerPartitionFetch &c) { return c.local == f.local; });
    if (it == s.cached.end())
      s.cached.push_back(f);
    else
      *it = f;
  }
}

} // namespace

Offset consumerReadLimit(const World &w, int p, const ConsumerGroup &g) {
  const Partition &part = w.kafka.partitions[static_cast<std::size_t>(p)];
  const Offset hw = part.logOf(part.leader).highWatermark();
  return g.config.isolationLevel == IsolationLevel::ReadCommitted ? part.lastStableOffset(hw) : hw;
}

void onConsumerFetchArrive(World &w, const Action &a) {
  const int sid = a.a;
  ConsumerFetchMessage msg = std::move(w.kafka.consumerMessages[static_cast<std::int32_t>(a.d)]);
  w.kafka.consumerMessages.release(static_cast<std::int32_t>(a.d));
  const ConsumerGroup &g = groupOf(w, sessionAt(w, sid));
  const int first = msg.requests.empty() ? -1 : w.kafka.partitionId(g.topic, msg.requests.front().local);
  const Broker &broker = w.kafka.brokers[static_cast<std::size_t>(sessionAt(w, sid).broker)];
  if (!w.arrive(a, first) || broker.state == BrokerState::PoweredOff)
    return; // the consumer's request timeout resends it
  unpark(w, sid); // a newer request replaces one still held
  ConsumerSession &s = sessionAt(w, sid);
  if (broker.state == BrokerState::Crashed) {
    // The process is gone but its OS answers: the connection fails for every partition asked.
    ConsumerFetchMessage reply;
    for (const ConsumerPartitionFetch &f : s.known) {
      ConsumerPartitionAnswer answer{f.local, f.gen, FetchPayload{}};
      answer.payload.error = ErrorCode::NetworkException;
      reply.answers.push_back(std::move(answer));
    }
    respond(w, sid, a.c, std::move(reply));
    return;
  }
  if (msg.full) {
    s.brokerIncarnation = broker.incarnation;
    s.cached = std::move(msg.requests);
  } else if (s.brokerIncarnation != broker.incarnation) { // restarted: the session is gone
    ConsumerFetchMessage lost;
    lost.sessionLost = true;
    respond(w, sid, a.c, std::move(lost));
    return;
  } else {
    update(s, msg);
  }
  ConsumerFetchMessage reply;
  serve(w, sid, reply);
  if (!reply.answers.empty()) {
    respond(w, sid, a.c, std::move(reply));
    return;
  }
  // fetch.min.bytes = 1: nothing to return, hold the request.
  ConsumerSession &held = sessionAt(w, sid);
  held.requestParked = true;
  held.parkedSerial = a.c;
  for (const ConsumerPartitionFetch &c : held.cached)
    partitionAt(w, w.kafka.partitionId(g.topic, c.local)).parked.push_back(ParkedFetch{true, sid, a.c, c.offset});
  w.after(g.config.fetchMaxWait, Action{ActionType::ParkedFetchExpire, -1, -1, sid, held.group, a.c});
}

void onParkedFetchExpire(World &w, const Action &a) {
  const ConsumerSession &s = sessionAt(w, a.a);
  const Broker &broker = w.kafka.brokers[static_cast<std::size_t>(s.broker)];
  if (!s.requestParked || s.parkedSerial != a.c || !broker.running() || broker.incarnation != s.brokerIncarnation)
    return;
  answerNow(w, a.a, a.c);
}

void wakeConsumerFetches(World &w, int p) {
  Partition &part = partitionAt(w, p);
  std::vector<std::pair<int, std::uint32_t>> ready;
  bool stale = false;
  for (const ParkedFetch &f : part.parked) {
    if (!f.consumer)
      continue;
    const ConsumerSession &s = sessionAt(w, f.who);
    if (!s.requestParked || s.parkedSerial != f.token) {
      stale = true;
      continue;
    }
    if (part.leader != s.broker || f.offset < consumerReadLimit(w, p, groupOf(w, s)))
      ready.emplace_back(f.who, f.token);
  }
  if (stale)
    std::erase_if(part.parked, [&](const ParkedFetch &f) {
      if (!f.consumer)
        return false;
      const ConsumerSession &s = sessionAt(w, f.who);
      return !s.requestParked || s.parkedSerial != f.token;
    });
  for (const auto &[sid, serial] : ready) {
    const ConsumerSession &s = sessionAt(w, sid);
    if (s.requestParked && s.parkedSerial == serial)
      answerNow(w, sid, serial);
  }
}

void failConsumerFetches(World &w, int p, ErrorCode error) {
  std::vector<std::pair<int, std::uint32_t>> held;
  for (const ParkedFetch &f : partitionAt(w, p).parked)
    if (f.consumer)
      held.emplace_back(f.who, f.token);
  for (const auto &[sid, serial] : held) {
    const ConsumerSession &s = sessionAt(w, sid);
    if (s.requestParked && s.parkedSerial == serial)
      answerNow(w, sid, serial, p, error);
  }
  std::erase_if(partitionAt(w, p).parked, [](const ParkedFetch &f) { return f.consumer; });
}

} // namespace streamscope::engine::kafka
