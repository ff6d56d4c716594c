#include "engine/kafka/replica_fetcher.h"

#include "engine/kafka/record_ledger.h"
#include "engine/kafka/storage.h"

#include <algorithm>

namespace streamscope::engine::kafka {
namespace {

// replica.socket.timeout.ms: a fetch that gets no answer is sent again after this long.
constexpr SimTime kReplicaFetchTimeout = 30 * kSecond;

FetchSession &sessionAt(World &w, int s) { return w.kafka.fetchSessions[static_cast<std::size_t>(s)]; }
Broker &brokerAt(World &w, int b) { return w.kafka.brokers[static_cast<std::size_t>(b)]; }

/// Whether the session's follower still fetches p from the session's leader.
bool stillFollowed(const World &w, const FetchSession &s, int p) {
  const Partition &part = w.kafka.partitions[static_cast<std::size_t>(p)];
  const int slot = part.slotOf(s.follower);
  return slot >= 0 && part.fetcherActive[static_cast<std::size_t>(slot)] && part.leader == s.leader;
}

PartitionFetch positionOf(const World &w, int p, int slot) {
  const Partition &part = w.kafka.partitions[static_cast<std::size_t>(p)];
  const ReplicaLog &log = part.logs[static_cast<std::size_t>(slot)];
  return PartitionFetch{p, slot, part.fetcherGen[static_cast<std::size_t>(slot)], log.leo(), log.latestEpoch()};
}

/// Sends the session's next request: the positions that changed, or every partition followed
/// when the session starts over. A session that follows nothing any more stops.
void sendRequest(World &w, int sid) {
  FetchSession &s = sessionAt(w, sid);
  const Broker &follower = brokerAt(w, s.follower);
  if (s.inFlight && s.followerIncarnation == follower.incarnation)
    return;
  if (s.followerIncarnation != follower.incarnation) // a new process: the old session is gone
    s.needFull = true;
  s.inFlight = false;
  // Only a request with nothing to list looks for partitions no longer followed (at most once
  // per replica.fetch.wait.max.ms), so a busy session's cost stays with its news.
  if (s.needFull || s.toList.empty())
    std::erase_if(s.followed, [&](int p) { return !stillFollowed(w, s, p); });
  if (!follower.running() || s.followed.empty()) {
    s.toList.clear();
    return;
  }
  const std::int32_t id = w.kafka.sessionMessages.acquire();
  SessionMessage &msg = w.kafka.sessionMessages[id];
  msg.full = s.needFull;
  if (s.needFull) {
    s.toList.clear();
    for (int p : s.followed)
      s.toList.push_back(positionOf(w, p, w.kafka.partitions[static_cast<std::size_t>(p)].slotOf(s.follower)));
    s.needFull = false;
  }
  msg.requests = std::move(s.toList);
  s.toList.clear();
  s.inFlight = true;
  s.followerIncarnation = follower.incarnation;
  const std::uint32_t serial = ++s.serial;
  const int first = msg.requests.empty() ? -1 : msg.requests.front().partition;
  const Offset offset = msg.requests.empty() ? 0 : msg.requests.front().offset;
  const auto listed = static_cast<std::int64_t>(msg.requests.size());
  const NodeId to = brokerAt(w, s.leader).node;
  ++w.kafka.counters.replicaFetchRequests;
  if (!w.send(follower.node, to, TransferKind::ReplicaFetchRequest, first, offset, listed,
              Action{ActionType::ReplicaFetchArrive, -1, -1, sid, 0, serial, id}))
    w.kafka.sessionMessages.release(id);
  w.after(kReplicaFetchTimeout, Action{ActionType::ReplicaFetchTimeout, -1, -1, sid, 0, serial});
}

/// Sends the session's next request once the current action is done, so that partitions
/// started together go in one request; with a request outstanding they wait for its answer.
void requestSoon(World &w, int sid) {
  FetchSession &s = sessionAt(w, sid);
  const bool stale = s.followerIncarnation != brokerAt(w, s.follower).incarnation;
  if ((s.inFlight && !stale) || s.sendScheduled || s.collecting)
    return;
  s.sendScheduled = true;
  w.at(w.now, Action{ActionType::FollowerFetch, -1, -1, sid});
}

/// Starts a new fetch generation for p's replica in `slot` and lists it in its session.
void listPartition(World &w, int p, int slot) {
  Partition &part = w.kafka.partitions[static_cast<std::size_t>(p)];
  const int broker = part.replicas[static_cast<std::size_t>(slot)];
  ++part.fetcherGen[static_cast<std::size_t>(slot)];
  if (part.leader < 0 || part.leader == broker || !brokerAt(w, broker).running()) {
    part.fetcherActive[static_cast<std::size_t>(slot)] = 0;
    return;
  }
  part.fetcherActive[static_cast<std::size_t>(slot)] = 1;
  const int sid = fetchSessionOf(w, broker, part.leader);
  FetchSession &s = sessionAt(w, sid);
  s.toList.push_back(positionOf(w, p, slot));
  if (std::find(s.followed.begin(), s.followed.end(), p) == s.followed.end())
    s.followed.push_back(p);
  requestSoon(w, sid);
}

/// Applies one partition of a response; returns when the follower may fetch it again (later
/// than now when flush.messages forced an fsync), or -1 if it stays where it is.
SimTime applyAnswer(World &w, PartitionAnswer &answer) {
  const int p = answer.partition;
  const int slot = answer.slot;
  Partition &part = w.kafka.partitions[static_cast<std::size_t>(p)];
  if (static_cast<std::size_t>(slot) >= part.replicas.size()) // the replica was reassigned away
    return -1;
  const int broker = part.replicas[static_cast<std::size_t>(slot)];
  if (part.fetcherGen[static_cast<std::size_t>(slot)] != answer.gen || !brokerAt(w, broker).running())
    return -1;
  ReplicaLog &log = part.logs[static_cast<std::size_t>(slot)];
  const FetchPayload &payload = answer.payload;
  if (payload.diverged) {
    // Truncate to where the leader's history and ours agree, then fetch again. Without a
    // common epoch, only the prefix below our high watermark is known to be shared.
    const EpochEnd leaderEnd = payload.diverging;
    const Offset to = leaderEnd.epoch >= 0 ? std::min(leaderEnd.endOffset, log.endOffsetForEpoch(leaderEnd.epoch).endOffset) : log.highWatermark();
    truncateReplica(w, p, broker, std::max<Offset>(to, log.logStart()));
    return w.now;
  }
  if (payload.error == ErrorCode::OffsetOutOfRange) {
    // Below the leader's log start: the leader deleted it by retention; start over there.
    const std::vector<LogEntry> removed = log.resetTo(payload.logStart);
    noteRemoved(w, p, removed, Removal::Deleted);
    return w.now;
  }
  SimTime readyAt = w.now;
  if (!payload.entries.empty())
    readyAt = appendToReplica(w, p, broker, payload.entries);
  const Offset hw = std::min(payload.highWatermark, log.leo());
  if (hw > log.highWatermark()) {
    log.setHighWatermark(hw);
    w.record(EventType::HighWatermark, broker, p, log.highWatermark());
  }
  return answer.hwOnly ? -1 : readyAt;
}

} // namespace

int fetchSessionOf(World &w, int follower, int leader) {
  KafkaState &k = w.kafka;
  const std::size_t stride = k.brokers.size();
  if (k.sessionStride != stride) { // brokers were added: lay the index out again
    k.sessionIndex.assign(stride * stride, -1);
    k.sessionStride = stride;
    for (std::size_t i = 0; i < k.fetchSessions.size(); ++i)
      k.sessionIndex[static_cast<std::size_t>(k.fetchSessions[i].follower) * stride + static_cast<std::size_t>(k.fetchSessions[i].leader)] =
          static_cast<std::int32_t>(i);
  }
  std::int32_t &id = k.sessionIndex[static_cast<std::size_t>(follower) * stride + static_cast<std::size_t>(leader)];
  if (id < 0) {
    id = static_cast<std::int32_t>(k.fetchSessions.size());
    FetchSession s;
    s.follower = follower;
    s.leader = leader;
    k.fetchSessions.push_back(std::move(s));
  }
  return id;
}

void startFollowing(World &w, int p, int broker) {
  const Partition &part = w.kafka.partitions[static_cast<std::size_t>(p)];
  const int slot = part.slotOf(broker);
  if (slot < 0)
    return;
  if (part.leader >= 0 && part.leader != broker) {
    // The control plane (re)starts this partition's fetching: the fetcher does not wait for
    // a request that may be lost (a cut link, a leader gone) but starts its session over.
    FetchSession &s = sessionAt(w, fetchSessionOf(w, broker, part.leader));
    if (s.inFlight) {
      s.inFlight = false;
      ++s.serial;
      s.needFull = true;
    }
  }
  listPartition(w, p, slot);
}

void stopFollowing(World &w, int p, int broker) {
  Partition &part = w.kafka.partitions[static_cast<std::size_t>(p)];
  const int slot = part.slotOf(broker);
  if (slot < 0)
    return;
  ++part.fetcherGen[static_cast<std::size_t>(slot)];
  part.fetcherActive[static_cast<std::size_t>(slot)] = 0;
}

void onFollowerFetch(World &w, const Action &a) {
  sessionAt(w, a.a).sendScheduled = false;
  sendRequest(w, a.a);
}

void onReplicaFetchTimeout(World &w, const Action &a) {
  FetchSession &s = sessionAt(w, a.a);
  if (!s.inFlight || s.serial != a.c)
    return;
  // The leader may have answered partitions we never saw: start the session over.
  s.inFlight = false;
  s.needFull = true;
  sendRequest(w, a.a);
}

void onReplicaFetchResponse(World &w, const Action &a) {
  const int sid = a.a;
  SessionMessage msg = std::move(w.kafka.sessionMessages[static_cast<std::int32_t>(a.d)]);
  w.kafka.sessionMessages.release(static_cast<std::int32_t>(a.d));
  const int first = msg.answers.empty() ? -1 : msg.answers.front().partition;
  if (!w.arrive(a, first))
    return; // the request timeout starts the session over
  FetchSession &s = sessionAt(w, sid);
  const Broker &follower = brokerAt(w, s.follower);
  if (!s.inFlight || s.serial != a.c || s.followerIncarnation != follower.incarnation || !follower.running())
    return;
  s.inFlight = false;
  if (msg.sessionLost) {
    s.needFull = true;
    sendRequest(w, sid);
    return;
  }
  s.collecting = true;
  SimTime resumeAt = w.now;
  for (PartitionAnswer &answer : msg.answers) {
    const SimTime readyAt = applyAnswer(w, answer);
    if (readyAt < 0)
      continue;
    resumeAt = std::max(resumeAt, readyAt);
    listPartition(w, answer.partition, answer.slot);
  }
  FetchSession &after = sessionAt(w, sid); // listing may have opened other sessions
  after.collecting = false;
  if (resumeAt > w.now) { // flush.messages: the fetcher fsyncs before it fetches again
    after.sendScheduled = true;
    w.at(resumeAt, Action{ActionType::FollowerFetch, -1, -1, sid});
  } else {
    sendRequest(w, sid);
  }
}

} // namespace streamscope::engine::kafka
