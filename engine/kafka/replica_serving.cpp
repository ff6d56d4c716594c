#include "engine/kafka/replica_serving.h"

#include "engine/kafka/broker_heartbeats.h"
#include "engine/kafka/partition_leader.h"
#include "engine/kafka/replica_fetcher.h"

#include <algorithm>
#include <limits>

namespace streamscope::engine::kafka {
namespace {

constexpr SimTime kKeptUntilAnswered = std::numeric_limits<SimTime>::max();

FetchSession &sessionAt(World &w, int s) { return w.kafka.fetchSessions[static_cast<std::size_t>(s)]; }
Partition &partitionAt(World &w, int p) { return w.kafka.partitions[static_cast<std::size_t>(p)]; }
Broker &brokerAt(World &w, int b) { return w.kafka.brokers[static_cast<std::size_t>(b)]; }

/// The follower's registered position in p, if any.
ParkedFetch *registration(Partition &part, int slot) {
  for (ParkedFetch &f : part.parked)
    if (!f.consumer && f.who == slot)
      return &f;
  return nullptr;
}

/// Moves the session's queued news into `reply`, records within replica.fetch.response.max.bytes
/// (the first partition's records always go, as in Kafka); the rest waits for the next response.
void takeNews(World &w, int sid, SessionMessage &reply) {
  std::vector<SessionNews> news = std::move(sessionAt(w, sid).news);
  std::vector<SessionNews> kept;
  const int leader = sessionAt(w, sid).leader;
  const std::int64_t responseMax = w.kafka.config.replicaFetchResponseMaxBytes;
  std::int64_t used = 0;
  for (const SessionNews &n : news) {
    Partition &part = partitionAt(w, n.partition);
    const int slot = n.fetch.who;
    if (part.leader != leader || static_cast<std::size_t>(slot) >= part.replicas.size() ||
        part.fetcherGen[static_cast<std::size_t>(slot)] != n.fetch.token)
      continue; // the follower moved on: a leader change or a new fetch generation
    const ReplicaLog &log = part.logOf(leader);
    PartitionAnswer answer{n.partition, slot, n.fetch.token, n.hwOnly, FetchPayload{}};
    answer.payload.highWatermark = log.highWatermark();
    answer.payload.logStart = log.logStart();
    answer.payload.nextOffset = n.fetch.offset;
    if (n.hwOnly) {
      ParkedFetch *reg = registration(part, slot);
      if (!reg || reg->token != n.fetch.token || !reg->hwQueued)
        continue; // answered with records since
      reg->hwQueued = false;
      const Offset hw = std::min(log.highWatermark(), reg->offset);
      if (hw <= reg->hwKnown)
        continue;
      reg->hwKnown = hw;
      reply.answers.push_back(std::move(answer));
      continue;
    }
    if (used >= responseMax) {
      kept.push_back(n);
      continue;
    }
    if (n.fetch.offset < log.logStart()) {
      answer.payload.error = ErrorCode::OffsetOutOfRange;
    } else {
      answer.payload.entries = log.read(n.fetch.offset, log.leo(), std::min(w.kafka.config.replicaFetchMaxBytes, responseMax - used));
      for (const LogEntry &e : answer.payload.entries)
        used += e.bytes;
      answer.payload.nextOffset = answer.payload.entries.empty() ? n.fetch.offset : answer.payload.entries.back().offset + 1;
    }
    reply.answers.push_back(std::move(answer));
  }
  sessionAt(w, sid).news = std::move(kept);
}

void respond(World &w, int sid, std::uint32_t serial, SessionMessage reply) {
  FetchSession &s = sessionAt(w, sid);
  s.requestParked = false;
  std::int64_t records = 0;
  for (const PartitionAnswer &answer : reply.answers)
    records += static_cast<std::int64_t>(answer.payload.entries.size());
  const int first = reply.answers.empty() ? -1 : reply.answers.front().partition;
  const Offset offset = reply.answers.empty() ? 0 : reply.answers.front().payload.nextOffset;
  const NodeId from = brokerAt(w, s.leader).node;
  const NodeId to = brokerAt(w, s.follower).node;
  const std::int32_t id = w.kafka.sessionMessages.acquire();
  w.kafka.sessionMessages[id].answers = std::move(reply.answers);
  w.kafka.sessionMessages[id].sessionLost = reply.sessionLost;
  if (!w.send(from, to, TransferKind::ReplicaFetchResponse, first, offset, records,
              Action{ActionType::ReplicaFetchResponse, -1, -1, sid, 0, serial, id}))
    w.kafka.sessionMessages.release(id);
}

/// One partition of a request: the follower's position in it.
void servePartition(World &w, int sid, const PartitionFetch &req, SessionMessage &reply) {
  const int p = req.partition;
  const int slot = req.slot;
  const int leaderId = sessionAt(w, sid).leader;
  Partition &part = partitionAt(w, p);
  if (part.leader != leaderId || static_cast<std::size_t>(slot) >= part.replicas.size() || part.fetcherGen[static_cast<std::size_t>(slot)] != req.gen)
    return; // a stale position: the follower's loop was restarted (elections, reassignment)
  ReplicaLog &log = part.logOf(leaderId);
  PartitionAnswer answer{p, slot, req.gen, false, FetchPayload{}};
  answer.payload.highWatermark = log.highWatermark();
  answer.payload.logStart = log.logStart();
  answer.payload.nextOffset = req.offset;
  if (req.lastEpoch >= 0) {
    const EpochEnd end = log.endOffsetForEpoch(req.lastEpoch);
    if (end.epoch != req.lastEpoch || end.endOffset < req.offset) {
      answer.payload.diverged = true;
      answer.payload.diverging = end;
      reply.answers.push_back(std::move(answer));
      return;
    }
  }
  if (req.offset < log.logStart() || req.offset > log.leo()) {
    answer.payload.error = ErrorCode::OffsetOutOfRange;
    reply.answers.push_back(std::move(answer));
    return;
  }

  // The fetch offset is the follower's LEO: update the leader's view of it (Kafka's
  // Replica.updateFetchState), then the ISR and the high watermark.
  FollowerView &view = part.followers[static_cast<std::size_t>(slot)];
  if (req.offset >= log.leo())
    view.lastCaughtUp = std::max(view.lastCaughtUp, w.now);
  else if (req.offset >= view.lastFetchLeaderLeo)
    view.lastCaughtUp = std::max(view.lastCaughtUp, view.lastFetchTime);
  view.lastFetchLeaderLeo = log.leo();
  view.lastFetchTime = w.now;
  view.leo = req.offset;

  // Partition.isFollowerInSync: back in the ISR at the leader's high watermark (not its log
  // end) once it also holds the current leader epoch's start offset.
  const int follower = part.replicas[static_cast<std::size_t>(slot)];
  const Broker &leader = brokerAt(w, leaderId);
  // The expansion is an AlterPartition request: it takes effect when the controller commits it.
  if (!part.inIsr(follower) && !part.alterInFlight && !w.net.isIsolated(leader.node) && !brokerAt(w, follower).fenced &&
      req.offset >= log.highWatermark() && req.offset >= part.leaderEpochStart) {
    std::vector<int> isr = part.isr;
    isr.push_back(follower);
    proposeIsr(w, p, std::move(isr));
  }
  maybeAdvanceHighWatermark(w, p);

  ParkedFetch f{false, slot, req.gen, req.offset, kKeptUntilAnswered};
  f.hwKnown = part.logs[static_cast<std::size_t>(slot)].highWatermark();
  if (req.offset < log.leo()) {
    sessionAt(w, sid).news.push_back(SessionNews{p, f, false});
    return;
  }
  std::erase_if(part.parked, [&](const ParkedFetch &x) { return !x.consumer && x.who == slot; });
  part.parked.push_back(f);
  queueHighWatermarkNews(w, p);
  // Kafka re-checks every session partition on every fetch; here only those whose follower
  // waits to rejoin the ISR are checked again, on the session's next request.
  std::vector<std::int32_t> &recheck = sessionAt(w, sid).recheck;
  if (!part.inIsr(follower) && std::find(recheck.begin(), recheck.end(), p) == recheck.end())
    recheck.push_back(p);
}

} // namespace

void onReplicaFetchArrive(World &w, const Action &a) {
  const int sid = a.a;
  SessionMessage msg = std::move(w.kafka.sessionMessages[static_cast<std::int32_t>(a.d)]);
  w.kafka.sessionMessages.release(static_cast<std::int32_t>(a.d));
  const int first = msg.requests.empty() ? -1 : msg.requests.front().partition;
  const Broker &leader = brokerAt(w, sessionAt(w, sid).leader);
  if (!w.arrive(a, first) || !leader.running())
    return; // the follower's request timeout starts the session over
  FetchSession &s = sessionAt(w, sid);
  if (msg.full) {
    s.leaderIncarnation = leader.incarnation;
    s.news.clear();
    s.recheck.clear();
  } else if (s.leaderIncarnation != leader.incarnation) { // restarted: the session is gone
    SessionMessage lost;
    lost.sessionLost = true;
    respond(w, sid, a.c, std::move(lost));
    return;
  }
  s.lastRequestAt = w.now;
  s.requestParked = false;
  SessionMessage reply;
  for (const PartitionFetch &req : msg.requests)
    servePartition(w, sid, req, reply);
  const std::vector<std::int32_t> recheck = std::move(sessionAt(w, sid).recheck);
  sessionAt(w, sid).recheck.clear();
  for (const int p : recheck) {
    Partition &part = partitionAt(w, p);
    const int slot = part.slotOf(sessionAt(w, sid).follower);
    const ParkedFetch *reg = slot >= 0 ? registration(part, slot) : nullptr;
    if (reg)
      servePartition(w, sid, PartitionFetch{p, slot, reg->token, reg->offset, -1}, reply);
  }
  const auto &news = sessionAt(w, sid).news;
  const bool records = !reply.answers.empty() || std::any_of(news.begin(), news.end(), [](const SessionNews &n) { return !n.hwOnly; });
  if (records) {
    takeNews(w, sid, reply);
    respond(w, sid, a.c, std::move(reply));
    return;
  }
  FetchSession &waiting = sessionAt(w, sid);
  waiting.requestParked = true;
  waiting.parkedSerial = a.c;
  w.after(w.kafka.config.replicaFetchWaitMax, Action{ActionType::FetchSessionExpire, -1, -1, sid, 0, a.c});
}

void onFetchSessionExpire(World &w, const Action &a) {
  const FetchSession &s = sessionAt(w, a.a);
  const Broker &leader = brokerAt(w, s.leader);
  if (!s.requestParked || s.parkedSerial != a.c || !leader.running() || leader.incarnation != s.leaderIncarnation)
    return;
  SessionMessage reply;
  takeNews(w, a.a, reply);
  respond(w, a.a, a.c, std::move(reply));
}

void followerHasNews(World &w, int p, const ParkedFetch &f) {
  Partition &part = partitionAt(w, p);
  const int sid = fetchSessionOf(w, part.replicas[static_cast<std::size_t>(f.who)], part.leader);
  FetchSession &s = sessionAt(w, sid);
  // Every request of the session fetched this partition at the leader's log end, so the
  // follower was caught up at the session's latest request (Kafka updates each session
  // partition on each fetch; here it is done once, when the partition has news).
  FollowerView &view = part.followers[static_cast<std::size_t>(f.who)];
  if (view.leo == f.offset && s.lastRequestAt > view.lastFetchTime) {
    view.lastCaughtUp = std::max(view.lastCaughtUp, s.lastRequestAt);
    view.lastFetchTime = s.lastRequestAt;
    view.lastFetchLeaderLeo = f.offset;
  }
  s.news.push_back(SessionNews{p, f, false});
  const Broker &leader = brokerAt(w, s.leader);
  if (s.requestParked && leader.running() && leader.incarnation == s.leaderIncarnation) {
    SessionMessage reply;
    takeNews(w, sid, reply);
    respond(w, sid, s.parkedSerial, std::move(reply));
  }
}

void queueHighWatermarkNews(World &w, int p) {
  Partition &part = partitionAt(w, p);
  if (part.leader < 0)
    return;
  const Offset hw = part.logOf(part.leader).highWatermark();
  for (ParkedFetch &f : part.parked) {
    if (f.consumer || f.hwQueued || std::min(hw, f.offset) <= f.hwKnown || static_cast<std::size_t>(f.who) >= part.replicas.size())
      continue;
    f.hwQueued = true;
    const int sid = fetchSessionOf(w, part.replicas[static_cast<std::size_t>(f.who)], part.leader);
    sessionAt(w, sid).news.push_back(SessionNews{p, f, true});
  }
}

} // namespace streamscope::engine::kafka
