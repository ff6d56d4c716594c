#include "engine/kafka/consumer_fetcher.h"

#include "engine/kafka/consumer_client.h"
#include "engine/kafka/group_partitions.h"

#include <algorithm>
#include <utility>

namespace streamscope::engine::kafka {
namespace {

constexpr SimTime kRetryBackoff = 100 * kMillisecond; // retry.backoff.ms: the metadata refresh before fetching again

ConsumerSession &sessionAt(World &w, int s) { return w.kafka.consumerSessions[static_cast<std::size_t>(s)]; }

/// auto.offset.reset: the position to start from, or -1 for `none` (an error).
Offset resetPosition(const World &w, const ConsumerGroup &group, int p) {
  const ReplicaLog &log = servingLog(w, p);
  switch (group.config.autoOffsetReset) {
  case OffsetReset::Earliest: return log.logStart();
  case OffsetReset::Latest: return log.highWatermark();
  case OffsetReset::None: return -1;
  }
  return -1;
}

/// The partitions the session fetches now, by partition: owned by its member, read from its
/// broker, with no metadata back-off running. Partitions no longer read through it are pruned.
std::vector<ConsumerPartitionFetch> fetchable(const World &w, ConsumerSession &s) {
  const ConsumerGroup &group = w.kafka.groups[static_cast<std::size_t>(s.group)];
  std::erase_if(s.followed, [&](std::int32_t local) {
    const GroupPartition &gp = group.parts[static_cast<std::size_t>(local)];
    return gp.owner != s.member || !gp.fetching || gp.fetchBroker != s.broker;
  });
  std::vector<ConsumerPartitionFetch> out;
  out.reserve(s.followed.size());
  for (const std::int32_t local : s.followed) {
    const GroupPartition &gp = group.parts[static_cast<std::size_t>(local)];
    if (!gp.stopped && !gp.revoking && gp.retryAt < 0 && gp.position >= 0)
      out.push_back(ConsumerPartitionFetch{local, gp.fetchGen, gp.position});
  }
  std::sort(out.begin(), out.end(), [](const ConsumerPartitionFetch &a, const ConsumerPartitionFetch &b) { return a.local < b.local; });
  return out;
}

/// Fills `msg` with what changed from `known` to `now` (both by partition): new or moved
/// positions, and partitions no longer read.
void listChanges(const std::vector<ConsumerPartitionFetch> &known, const std::vector<ConsumerPartitionFetch> &now, ConsumerFetchMessage &msg) {
  std::size_t i = 0;
  for (const ConsumerPartitionFetch &f : now) {
    while (i < known.size() && known[i].local < f.local)
      msg.forgotten.push_back(known[i++].local);
    if (i < known.size() && known[i].local == f.local) {
      if (known[i].gen != f.gen || known[i].offset != f.offset)
        msg.requests.push_back(f);
      ++i;
    } else {
      msg.requests.push_back(f);
    }
  }
  for (; i < known.size(); ++i)
    msg.forgotten.push_back(known[i].local);
}

/// Sends the session's next request, covering every partition it fetches now; nothing while
/// one is outstanding, nor for a dead member or one with nothing to fetch from this broker.
void sendRequest(World &w, int sid) {
  ConsumerSession &s = sessionAt(w, sid);
  ConsumerGroup &group = groupAt(w, s.group);
  const Member &m = group.members[static_cast<std::size_t>(s.member)];
  if (s.inFlight && s.memberIncarnation == m.incarnation)
    return;
  if (s.memberIncarnation != m.incarnation) // a new process: the old session is gone
    s.needFull = true;
  s.inFlight = false;
  s.carried.clear();
  if (!m.alive)
    return;
  std::vector<ConsumerPartitionFetch> now = fetchable(w, s);
  if (now.empty())
    return; // the next request tells the broker which partitions to forget
  const std::int32_t id = w.kafka.consumerMessages.acquire();
  ConsumerFetchMessage &msg = w.kafka.consumerMessages[id];
  msg.full = s.needFull;
  if (s.needFull)
    msg.requests = now;
  else
    listChanges(s.known, now, msg);
  s.needFull = false;
  for (const ConsumerPartitionFetch &f : now) {
    s.carried.push_back(f.local);
    group.parts[static_cast<std::size_t>(f.local)].fetchSentAt = w.now;
  }
  s.known = std::move(now);
  s.inFlight = true;
  s.answerLost = false;
  s.memberIncarnation = m.incarnation;
  s.sentAt = w.now;
  s.deadline = w.now + group.config.fetchMaxWait + group.config.requestTimeout;
  const std::uint32_t serial = ++s.serial;
  const ConsumerPartitionFetch &head = msg.requests.empty() ? s.known.front() : msg.requests.front();
  const int first = w.kafka.partitionId(group.topic, head.local);
  const auto listed = static_cast<std::int64_t>(msg.requests.size());
  ++w.kafka.counters.consumerFetchRequests;
  const NodeId to = w.kafka.brokers[static_cast<std::size_t>(s.broker)].node;
  if (!w.send(m.node, to, TransferKind::ConsumerFetchRequest, first, head.offset, listed,
              Action{ActionType::ConsumerFetchArrive, -1, -1, sid, s.group, serial, id}))
    w.kafka.consumerMessages.release(id);
  w.at(s.deadline, Action{ActionType::ConsumerFetchTimeout, -1, -1, sid, s.group, serial});
}

/// Sends the session's next request once the current action is done, so that partitions
/// started together go in one request; with a request outstanding they wait for its answer.
void requestSoon(World &w, int sid) {
  ConsumerSession &s = sessionAt(w, sid);
  const Member &m = w.kafka.groups[static_cast<std::size_t>(s.group)].members[static_cast<std::size_t>(s.member)];
  const bool stale = s.memberIncarnation != m.incarnation;
  if ((s.inFlight && !stale) || s.sendScheduled || s.collecting)
    return;
  s.sendScheduled = true;
  w.at(w.now, Action{ActionType::ConsumerFetchSend, -1, -1, sid});
}

/// The leader moved or is gone: refresh metadata after the back-off, then fetch again.
void backOff(World &w, int g, int local) {
  GroupPartition &gp = groupAt(w, g).parts[static_cast<std::size_t>(local)];
  gp.retryAt = w.now + kRetryBackoff;
  w.at(gp.retryAt, Action{ActionType::ConsumerRetryFetch, -1, -1, w.kafka.partitionId(groupAt(w, g).topic, local), g, gp.fetchGen});
}

/// One partition of a response, for the member that owns it in the fetch generation asked.
void applyAnswer(World &w, int g, int member, ConsumerPartitionAnswer &answer) {
  ConsumerGroup &group = groupAt(w, g);
  const int local = answer.local;
  GroupPartition &gp = group.parts[static_cast<std::size_t>(local)];
  if (gp.fetchGen != answer.gen || gp.owner != member || !gp.fetching)
    return; // revoked, reassigned, sought or reset since
  const int p = w.kafka.partitionId(group.topic, local);
  const NodeId node = group.members[static_cast<std::size_t>(member)].node;
  FetchPayload &payload = answer.payload;
  switch (payload.error) {
  case ErrorCode::None: break;
  case ErrorCode::OffsetOutOfRange:
    gp.position = -1; // auto.offset.reset decides where to go
    w.record(EventType::OffsetReset, node, p, -1, g, static_cast<std::uint8_t>(ErrorCode::OffsetOutOfRange));
    sendFetch(w, g, local);
    return;
  default: backOff(w, g, local); return;
  }
  // Markers never reach the application; read_committed also drops aborted transactions'
  // records (the fetch response's aborted-transactions list).
  std::erase_if(payload.entries, [&](const LogEntry &e) { return !deliverable(w, group, std::as_const(w.kafka.records)[e.record]); });
  if (!payload.entries.empty()) {
    if (group.deliveries.size() < w.kafka.records.size())
      group.deliveries.resize(w.kafka.records.size(), 0);
    for (const LogEntry &e : payload.entries) {
      const RecordInfo &r = std::as_const(w.kafka.records)[e.record];
      if (r.txn >= 0 && !w.kafka.transactions[static_cast<std::size_t>(r.txn)].committing())
        ++group.uncommittedDelivered;
      std::uint8_t &times = group.deliveries[e.record];
      if (times > 0) {
        ++group.duplicates;
        ++w.kafka.counters.duplicatesDelivered;
      }
      if (times < 255)
        ++times;
    }
    if (group.pipeline >= 0) { // the pipeline's application processes them next
      PipelineState &pl = w.pipelines[static_cast<std::size_t>(group.pipeline)];
      for (const LogEntry &e : payload.entries) {
        const RecordInfo &r = std::as_const(w.kafka.records)[e.record];
        pl.pending.push_back(PipelineInput{e.record, local, e.offset, r.key >= 0 ? w.kafka.keys[static_cast<std::size_t>(r.key)] : std::string()});
      }
    }
    const auto n = static_cast<std::int64_t>(payload.entries.size());
    group.consumed += n;
    w.kafka.counters.consumed += n;
    w.record(EventType::Fetched, node, p, payload.entries.front().offset, n, 0, member);
  }
  gp.position = std::max(gp.position, payload.nextOffset);
}

} // namespace

const ReplicaLog &servingLog(const World &w, int p) {
  const Partition &part = w.kafka.partitions[static_cast<std::size_t>(p)];
  return part.leader >= 0 ? part.logOf(part.leader) : part.logs.front();
}

int consumerSessionOf(World &w, int g, int member, int broker) {
  Member &m = groupAt(w, g).members[static_cast<std::size_t>(member)];
  if (m.sessions.size() < w.kafka.brokers.size())
    m.sessions.resize(w.kafka.brokers.size(), -1);
  std::int32_t &id = m.sessions[static_cast<std::size_t>(broker)];
  if (id < 0) {
    id = static_cast<std::int32_t>(w.kafka.consumerSessions.size());
    ConsumerSession s;
    s.group = g;
    s.member = member;
    s.broker = broker;
    w.kafka.consumerSessions.push_back(std::move(s));
  }
  return id;
}

void stopFetching(GroupPartition &gp) {
  ++gp.fetchGen;
  gp.fetching = false;
  gp.retryAt = -1;
}

void sendFetch(World &w, int g, int local) {
  ConsumerGroup &group = groupAt(w, g);
  GroupPartition &gp = group.parts[static_cast<std::size_t>(local)];
  const std::uint32_t gen = ++gp.fetchGen;
  gp.fetching = false;
  gp.retryAt = -1;
  if (gp.owner < 0 || gp.stopped || gp.revoking || !group.members[static_cast<std::size_t>(gp.owner)].alive)
    return;
  gp.fetching = true;
  const int p = w.kafka.partitionId(group.topic, local);
  const Partition &part = w.kafka.partitions[static_cast<std::size_t>(p)];
  if (part.leader < 0) { // no leader: look again after the metadata back-off
    if (gp.leaderlessSince < 0)
      gp.leaderlessSince = w.now;
    gp.fetchBroker = -1;
    gp.retryAt = w.now + kRetryBackoff;
    w.at(gp.retryAt, Action{ActionType::ConsumerRetryFetch, -1, -1, p, g, gen});
    return;
  }
  if (gp.position < 0) {
    gp.position = resetPosition(w, group, p);
    w.record(EventType::OffsetReset, group.members[static_cast<std::size_t>(gp.owner)].node, p, gp.position, g);
    if (gp.position < 0) { // auto.offset.reset=none: the application gets an error
      gp.stopped = true;
      gp.fetching = false;
      return;
    }
  }
  gp.leaderlessSince = -1;
  gp.fetchBroker = part.leader;
  const int sid = consumerSessionOf(w, g, gp.owner, part.leader);
  std::vector<std::int32_t> &followed = sessionAt(w, sid).followed;
  if (std::find(followed.begin(), followed.end(), local) == followed.end())
    followed.push_back(local);
  requestSoon(w, sid);
}

void onConsumerFetchSend(World &w, const Action &a) {
  sessionAt(w, a.a).sendScheduled = false;
  sendRequest(w, a.a);
}

void onConsumerFetchTimeout(World &w, const Action &a) {
  ConsumerSession &s = sessionAt(w, a.a);
  if (!s.inFlight || s.serial != a.c)
    return;
  // The broker may have taken positions we never heard back about: start the session over
  // from the member's own positions (Java's FetchSessionHandler.handleError).
  s.inFlight = false;
  s.needFull = true;
  sendRequest(w, a.a);
}

void onConsumerFetchResponse(World &w, const Action &a) {
  const int sid = a.a;
  ConsumerFetchMessage msg = std::move(w.kafka.consumerMessages[static_cast<std::int32_t>(a.d)]);
  w.kafka.consumerMessages.release(static_cast<std::int32_t>(a.d));
  ConsumerSession &s = sessionAt(w, sid);
  const ConsumerGroup &group = groupAt(w, s.group);
  const int first = msg.answers.empty() ? -1 : w.kafka.partitionId(group.topic, msg.answers.front().local);
  const bool current = s.inFlight && s.serial == a.c;
  if (!w.arrive(a, first)) {
    // Lost on the wire: the request timeout fetches again from the same positions.
    s.answerLost = s.answerLost || current;
    return;
  }
  const Member &m = group.members[static_cast<std::size_t>(s.member)];
  if (!current || s.memberIncarnation != m.incarnation || !m.alive)
    return;
  s.inFlight = false;
  s.carried.clear();
  if (msg.sessionLost) {
    s.needFull = true;
    sendRequest(w, sid);
    return;
  }
  s.collecting = true;
  const int g = s.group, member = s.member;
  for (ConsumerPartitionAnswer &answer : msg.answers)
    applyAnswer(w, g, member, answer);
  sessionAt(w, sid).collecting = false; // applying may have opened other sessions
  sendRequest(w, sid);
}

void onConsumerRetryFetch(World &w, const Action &a) {
  ConsumerGroup &group = groupAt(w, a.b);
  const int local = w.kafka.localIndex(a.a);
  const GroupPartition &gp = group.parts[static_cast<std::size_t>(local)];
  if (gp.fetchGen == a.c && gp.fetching)
    sendFetch(w, a.b, local);
}

} // namespace streamscope::engine::kafka
