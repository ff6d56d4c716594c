#include "engine/kafka/raft_quorum.h"

#include "engine/kafka/broker_heartbeats.h"
#include "engine/kafka/metadata_log.h"

#include <algorithm>
#include <functional>

namespace streamscope::engine::kafka {
namespace {

/// KRaft's fetch long-poll wait (quorum fetch max wait).
constexpr SimTime kFetchMaxWait = 500 * kMillisecond;

MetadataState &meta(World &w) { return w.kafka.metadata; }
Controller &ctl(World &w, int c) { return w.kafka.metadata.controllers[static_cast<std::size_t>(c)]; }
int voters(const World &w) { return static_cast<int>(w.kafka.metadata.controllers.size()); }
int majority(const World &w) { return voters(w) / 2 + 1; }

std::int32_t epochAt(const World &w, const Controller &c, Offset offset) {
  const MetadataState &m = w.kafka.metadata;
  if (offset < m.base || offset >= c.logEnd(m.base))
    return 0; // the bootstrap snapshot counts as epoch 0
  return m.records[static_cast<std::size_t>(c.log[static_cast<std::size_t>(offset - m.base)])].epoch;
}
std::int32_t lastEpoch(const World &w, const Controller &c) { return epochAt(w, c, c.logEnd(w.kafka.metadata.base) - 1); }

void armTimer(World &w, int c, SimTime delay) {
  Controller &x = ctl(w, c);
  ++x.timerGen;
  w.after(delay, Action{ActionType::ControllerTimer, -1, -1, c, -1, x.timerGen});
}

/// Randomised, so that candidates who start together rarely split the vote twice.
SimTime electionDelay(World &w) {
  const SimTime t = w.kafka.config.controllerElectionTimeout;
  return t + w.rng.between(0, t - 1);
}

void sendVoterFetch(World &w, int c) {
  Controller &x = ctl(w, c);
  if (!x.running || x.role != ControllerRole::Follower || x.leader < 0)
    return;
  const Offset end = x.logEnd(meta(w).base);
  const auto b = static_cast<std::int32_t>((lastEpoch(w, x) + 1) << 1);
  w.send(x.node, ctl(w, x.leader).node, TransferKind::MetadataFetchRequest, -1, end, end,
         Action{ActionType::MetadataFetchArrive, -1, -1, c, b, x.fetchGen, end});
}

void sendObserverFetch(World &w, int broker) {
  MetadataState &m = meta(w);
  BrokerMetadata &bm = m.brokers[static_cast<std::size_t>(broker)];
  const Broker &b = w.kafka.brokers[static_cast<std::size_t>(broker)];
  if (m.active < 0 || !b.running() || b.removed)
    return;
  w.send(b.node, ctl(w, m.active).node, TransferKind::MetadataFetchRequest, -1, bm.applied, bm.applied,
         Action{ActionType::MetadataFetchArrive, -1, -1, broker, 1, bm.fetchGen, bm.applied});
}

/// Stops being leader or candidate (a newer epoch, or resignation); `leader` may be unknown.
void becomeFollower(World &w, int c, std::int32_t epoch, int leader) {
  Controller &x = ctl(w, c);
  if (x.role == ControllerRole::Leader && meta(w).active == c)
    meta(w).active = -1;
  if (epoch > x.epoch)
    x.votedFor = -1;
  x.epoch = epoch;
  x.role = ControllerRole::Follower;
  x.leader = leader;
  x.parked.clear();
  ++x.fetchGen;
  x.lastHeard = w.now;
  armTimer(w, c, leader >= 0 ? w.kafka.config.controllerFetchTimeout : electionDelay(w));
  sendVoterFetch(w, c);
}

void becomeLeader(World &w, int c) {
  Controller &x = ctl(w, c);
  x.role = ControllerRole::Leader;
  x.leader = c;
  x.matched.assign(static_cast<std::size_t>(voters(w)), meta(w).base);
  x.lastFetch.assign(static_cast<std::size_t>(voters(w)), w.now);
  x.parked.clear();
  w.record(EventType::ControllerElected, x.id, -1, x.epoch, x.logEnd(meta(w).base));
  meta(w).active = c;
  replayImage(w, c);
  MetadataRecord marker;
  marker.type = MetadataRecordType::LeaderChange;
  appendRecord(w, marker);
  for (int v = 0; v < voters(w); ++v)
    if (v != c)
      w.send(x.node, ctl(w, v).node, TransferKind::BeginQuorumEpoch, -1, x.epoch, 0,
             Action{ActionType::BeginEpochArrive, -1, -1, c, v, static_cast<std::uint32_t>(x.epoch)});
  armTimer(w, c, w.kafka.config.controllerFetchTimeout);
  controllerActivated(w);
  for (std::size_t b = 0; b < w.kafka.brokers.size(); ++b)
    startObserverFetch(w, static_cast<int>(b));
}

void becomeCandidate(World &w, int c) {
  Controller &x = ctl(w, c);
  if (x.role == ControllerRole::Leader && meta(w).active == c)
    meta(w).active = -1;
  ++x.epoch;
  x.role = ControllerRole::Candidate;
  x.votedFor = c;
  x.leader = -1;
  x.parked.clear();
  ++x.fetchGen;
  x.votes.assign(static_cast<std::size_t>(voters(w)), 0);
  x.votes[static_cast<std::size_t>(c)] = 1;
  w.record(EventType::ControllerCandidate, x.id, -1, x.epoch);
  if (majority(w) == 1) {
    becomeLeader(w, c);
    return;
  }
  const Offset end = x.logEnd(meta(w).base);
  const std::int64_t lastLog = (static_cast<std::int64_t>(lastEpoch(w, x)) << 40) | end;
  for (int v = 0; v < voters(w); ++v)
    if (v != c)
      w.send(x.node, ctl(w, v).node, TransferKind::VoteRequest, -1, x.epoch, end,
             Action{ActionType::VoteRequestArrive, -1, -1, c, v, static_cast<std::uint32_t>(x.epoch), lastLog});
  armTimer(w, c, electionDelay(w));
}

/// The majority-th highest match; commits only entries of the leader's own epoch (Raft 5.4.2).
void maybeAdvanceCommit(World &w, int c) {
  MetadataState &m = meta(w);
  Controller &x = ctl(w, c);
  std::vector<Offset> matched = x.matched;
  matched[static_cast<std::size_t>(c)] = x.logEnd(m.base);
  std::sort(matched.begin(), matched.end(), std::greater<>());
  const Offset reach = matched[static_cast<std::size_t>(majority(w) - 1)];
  if (reach <= x.committed || epochAt(w, x, reach - 1) != x.epoch)
    return;
  const Offset before = m.committed();
  for (Offset o = before; o < reach; ++o)
    m.committedLog.push_back(x.log[static_cast<std::size_t>(o - m.base)]);
  x.committed = reach;
  onCommitted(w, before);
}

/// Where the leader's log stops agreeing with a fetcher's last epoch (KIP-595 divergence).
Offset endOfEpoch(const World &w, const Controller &leader, std::int32_t epoch) {
  const Offset base = w.kafka.metadata.base;
  for (Offset o = leader.logEnd(base); o > base; --o)
    if (epochAt(w, leader, o - 1) <= epoch)
      return o;
  return base;
}

void respond(World &w, int c, const ParkedMetadataFetch &f, bool diverged, Offset from) {
  MetadataState &m = meta(w);
  Controller &x = ctl(w, c);
  const std::int32_t id = m.payloads.acquire();
  MetadataPayload &pay = m.payloads[id];
  pay.from = from;
  pay.diverged = diverged;
  pay.highWatermark = x.committed;
  if (!diverged) {
    const Offset end = f.observer ? m.committed() : x.logEnd(m.base);
    for (Offset o = from; o < end; ++o)
      pay.entries.push_back(f.observer ? m.committedLog[static_cast<std::size_t>(o - m.base)] : x.log[static_cast<std::size_t>(o - m.base)]);
  }
  const Offset to = from + static_cast<Offset>(pay.entries.size());
  const NodeId dest = f.observer ? w.kafka.brokers[static_cast<std::size_t>(f.fetcher)].node : ctl(w, f.fetcher).node;
  if (!w.send(x.node, dest, TransferKind::MetadataFetchResponse, -1, from, to,
              Action{ActionType::MetadataFetchResponse, -1, -1, f.fetcher, f.observer ? 1 : 0, f.token, id}))
    m.payloads.release(id);
}

bool hasNews(const World &w, const Controller &x, const ParkedMetadataFetch &f) {
  const MetadataState &m = w.kafka.metadata;
  return f.offset < (f.observer ? m.committed() : x.logEnd(m.base));
}

} // namespace

int controllerAtNode(const World &w, NodeId node) {
  const auto &cs = w.kafka.metadata.controllers;
  for (std::size_t i = 0; i < cs.size(); ++i)
    if (cs[i].node == node)
      return static_cast<int>(i);
  return -1;
}

void startQuorum(World &w) {
  MetadataState &m = meta(w);
  for (int c = 0; c < voters(w); ++c) {
    Controller &x = ctl(w, c);
    x.epoch = 1;
    x.leader = 0;
    x.votedFor = 0;
    x.committed = m.base;
    x.lastHeard = 0;
  }
  Controller &first = ctl(w, 0);
  first.role = ControllerRole::Leader;
  first.matched.assign(static_cast<std::size_t>(voters(w)), m.base);
  first.lastFetch.assign(static_cast<std::size_t>(voters(w)), 0);
  m.active = 0;
  armTimer(w, 0, w.kafka.config.controllerFetchTimeout);
  for (int c = 1; c < voters(w); ++c) {
    armTimer(w, c, w.kafka.config.controllerFetchTimeout);
    sendVoterFetch(w, c);
  }
  for (std::size_t b = 0; b < w.kafka.brokers.size(); ++b)
    startObserverFetch(w, static_cast<int>(b));
}

void leaderAppended(World &w, int c) {
  maybeAdvanceCommit(w, c);
  scheduleMetadataFlush(w);
}

void answerParkedFetches(World &w, int c) {
  Controller &x = ctl(w, c);
  if (!x.running || x.role != ControllerRole::Leader)
    return;
  std::vector<ParkedMetadataFetch> parked = std::move(x.parked);
  x.parked.clear();
  for (const ParkedMetadataFetch &f : parked)
    respond(w, c, f, false, f.offset);
}

void startObserverFetch(World &w, int b) {
  if (meta(w).zookeeper)
    return;
  BrokerMetadata &bm = meta(w).brokers[static_cast<std::size_t>(b)];
  ++bm.fetchGen;
  bm.lastResponse = w.now;
  sendObserverFetch(w, b);
}

void stopVoter(World &w, int c) {
  Controller &x = ctl(w, c);
  if (meta(w).active == c)
    meta(w).active = -1;
  x.running = false;
  x.role = ControllerRole::Follower;
  x.leader = -1;
  x.parked.clear();
  ++x.timerGen;
  ++x.fetchGen;
}

void startVoter(World &w, int c) {
  Controller &x = ctl(w, c);
  x.running = true;
  ++x.incarnation;
  // The epoch, vote and log are on disk (KRaft fsyncs them); the leader is found anew.
  becomeFollower(w, c, x.epoch, -1);
}

void onControllerTimer(World &w, const Action &a) {
  Controller &x = ctl(w, a.a);
  if (!x.running || a.c != x.timerGen)
    return;
  const SimTime fetchTimeout = w.kafka.config.controllerFetchTimeout;
  if (x.role == ControllerRole::Leader) {
    int heard = 1;
    for (int v = 0; v < voters(w); ++v)
      if (v != a.a && w.now - x.lastFetch[static_cast<std::size_t>(v)] < fetchTimeout)
        ++heard;
    if (heard >= majority(w)) {
      armTimer(w, a.a, fetchTimeout);
      return;
    }
    w.record(EventType::ControllerResigned, x.id, -1, x.epoch);
    becomeFollower(w, a.a, x.epoch, -1);
    return;
  }
  if (x.role == ControllerRole::Follower && x.leader >= 0 && w.now - x.lastHeard < fetchTimeout) {
    armTimer(w, a.a, x.lastHeard + fetchTimeout - w.now);
    return;
  }
  becomeCandidate(w, a.a);
}

void onVoteRequest(World &w, const Action &a) {
  Controller &voter = ctl(w, a.b);
  if (!w.arrive(a, -1) || !voter.running)
    return;
  const auto epoch = static_cast<std::int32_t>(a.c);
  if (epoch > voter.epoch)
    becomeFollower(w, a.b, epoch, -1);
  const std::int32_t candidateLastEpoch = static_cast<std::int32_t>(a.d >> 40);
  const Offset candidateEnd = a.d & ((std::int64_t{1} << 40) - 1);
  const std::int32_t ownLast = lastEpoch(w, voter);
  const bool upToDate = candidateLastEpoch > ownLast || (candidateLastEpoch == ownLast && candidateEnd >= voter.logEnd(meta(w).base));
  const bool grant = epoch == voter.epoch && voter.role == ControllerRole::Follower && (voter.votedFor < 0 || voter.votedFor == a.a) && upToDate;
  if (grant) {
    voter.votedFor = a.a;
    voter.lastHeard = w.now;
    armTimer(w, a.b, electionDelay(w));
  }
  w.send(voter.node, ctl(w, a.a).node, TransferKind::VoteResponse, -1, voter.epoch, grant ? 1 : 0,
         Action{ActionType::VoteResponseArrive, -1, -1, a.a, a.b, static_cast<std::uint32_t>(voter.epoch), grant ? 1 : 0});
}

void onVoteResponse(World &w, const Action &a) {
  Controller &cand = ctl(w, a.a);
  if (!w.arrive(a, -1) || !cand.running)
    return;
  const auto epoch = static_cast<std::int32_t>(a.c);
  if (epoch > cand.epoch) {
    becomeFollower(w, a.a, epoch, -1);
    return;
  }
  if (cand.role != ControllerRole::Candidate || epoch != cand.epoch || a.d == 0)
    return;
  cand.votes[static_cast<std::size_t>(a.b)] = 1;
  if (std::count(cand.votes.begin(), cand.votes.end(), 1) >= majority(w))
    becomeLeader(w, a.a);
}

void onBeginEpoch(World &w, const Action &a) {
  Controller &voter = ctl(w, a.b);
  if (!w.arrive(a, -1) || !voter.running)
    return;
  const auto epoch = static_cast<std::int32_t>(a.c);
  if (epoch < voter.epoch || (epoch == voter.epoch && voter.leader == a.a))
    return;
  becomeFollower(w, a.b, epoch, a.a);
}

void onMetadataFetchArrive(World &w, const Action &a) {
  if (!w.arrive(a, -1))
    return;
  const int c = controllerAtNode(w, a.to);
  if (c < 0 || !ctl(w, c).running || ctl(w, c).role != ControllerRole::Leader)
    return; // a deposed or dead leader: the fetcher times out and looks again
  MetadataState &m = meta(w);
  Controller &x = ctl(w, c);
  const ParkedMetadataFetch f{a.a, (a.b & 1) != 0, a.c, a.d, w.now + kFetchMaxWait};
  if (!f.observer) {
    const auto fetcherLast = static_cast<std::int32_t>((a.b >> 1) - 1);
    if (f.offset > x.logEnd(m.base) || (f.offset > m.base && epochAt(w, x, f.offset - 1) != fetcherLast)) {
      respond(w, c, f, true, std::min(f.offset, endOfEpoch(w, x, fetcherLast)));
      return;
    }
    x.matched[static_cast<std::size_t>(f.fetcher)] = f.offset;
    x.lastFetch[static_cast<std::size_t>(f.fetcher)] = w.now;
    maybeAdvanceCommit(w, c);
  }
  if (hasNews(w, x, f)) {
    respond(w, c, f, false, f.offset);
    return;
  }
  x.parked.push_back(f);
  w.at(f.deadline, Action{ActionType::MetadataParkedExpire, -1, -1, c, -1, x.incarnation});
}

void onMetadataParkedExpire(World &w, const Action &a) {
  Controller &x = ctl(w, a.a);
  if (!x.running || a.c != x.incarnation)
    return;
  std::vector<ParkedMetadataFetch> due;
  std::vector<ParkedMetadataFetch> still;
  for (const ParkedMetadataFetch &f : x.parked)
    (f.deadline <= w.now ? due : still).push_back(f);
  x.parked = std::move(still);
  for (const ParkedMetadataFetch &f : due)
    respond(w, a.a, f, false, f.offset);
}

void onMetadataFetchResponse(World &w, const Action &a) {
  MetadataState &m = meta(w);
  const MetadataPayload pay = m.payloads[static_cast<std::int32_t>(a.d)];
  m.payloads.release(static_cast<std::int32_t>(a.d));
  if (!w.arrive(a, -1))
    return;
  if (a.b == 1) {
    BrokerMetadata &bm = m.brokers[static_cast<std::size_t>(a.a)];
    if (a.c != bm.fetchGen || !w.kafka.brokers[static_cast<std::size_t>(a.a)].running())
      return;
    bm.lastResponse = w.now;
    if (pay.from == bm.applied)
      applyMetadata(w, a.a, pay.from + static_cast<Offset>(pay.entries.size()));
    sendObserverFetch(w, a.a);
    return;
  }
  Controller &x = ctl(w, a.a);
  if (!x.running || a.c != x.fetchGen || x.role != ControllerRole::Follower)
    return;
  x.lastHeard = w.now;
  if (pay.diverged) {
    const Offset keep = std::max(pay.from, x.committed);
    x.log.resize(static_cast<std::size_t>(keep - m.base));
  } else if (pay.from == x.logEnd(m.base)) {
    x.log.insert(x.log.end(), pay.entries.begin(), pay.entries.end());
    x.committed = std::max(x.committed, std::min(pay.highWatermark, x.logEnd(m.base)));
  }
  sendVoterFetch(w, a.a);
}

} // namespace streamscope::engine::kafka
