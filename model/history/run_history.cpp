#include "run_history.h"

#include "engine/world/world_snapshot.h"
#include "model/json/fault_table.h"

#include <algorithm>
#include <unordered_set>
#include <utility>

namespace streamscope::model {
namespace {

using engine::EventType;
using engine::SimTime;

/// "unclean ", "ELR " or nothing, before "leader election" on a timeline marker.
QString electionAdjective(std::uint8_t sub) {
  switch (static_cast<engine::ElectionKind>(sub)) {
  case engine::ElectionKind::Isr: break;
  case engine::ElectionKind::Unclean: return QObject::tr("unclean ");
  case engine::ElectionKind::Elr: return QObject::tr("ELR ");
  case engine::ElectionKind::LastKnownLeader: return QObject::tr("last-known-leader ");
  }
  return QString();
}

template <typename T> std::size_t bytesOf(const std::vector<T> &v) { return v.capacity() * sizeof(T); }
template <typename T> std::size_t bytesOf(const std::deque<T> &v) { return v.size() * sizeof(T); }
template <typename T> std::size_t bytesOf(const engine::ChunkedVector<T> &v) { return v.memoryBytes(); }

std::optional<TimelineMarker> markerFor(const engine::Event &e) {
  switch (e.type) {
  case EventType::BrokerCrashed: return TimelineMarker{e.time, MarkerKind::Fault, QObject::tr("broker %1 crashed").arg(e.node)};
  case EventType::BrokerPowerLost: return TimelineMarker{e.time, MarkerKind::Fault, QObject::tr("broker %1 lost power").arg(e.node)};
  case EventType::BrokerRestarted: return TimelineMarker{e.time, MarkerKind::Fault, QObject::tr("broker %1 restarted").arg(e.node)};
  case EventType::BrokerIsolated: return TimelineMarker{e.time, MarkerKind::Fault, QObject::tr("broker %1 isolated").arg(e.node)};
  case EventType::BrokerHealed: return TimelineMarker{e.time, MarkerKind::Fault, QObject::tr("broker %1 healed").arg(e.node)};
  case EventType::ZoneDown: return TimelineMarker{e.time, MarkerKind::Fault, QObject::tr("AZ %1 down").arg(QChar('a' + static_cast<int>(e.a)))};
  case EventType::ZoneUp: return TimelineMarker{e.time, MarkerKind::Fault, QObject::tr("AZ %1 back").arg(QChar('a' + static_cast<int>(e.a)))};
  case EventType::ShardSplit: return TimelineMarker{e.time, MarkerKind::Fault, QObject::tr("shard split")};
  case EventType::ShardsMerged: return TimelineMarker{e.time, MarkerKind::Fault, QObject::tr("shards merged")};
  case EventType::StreamStatusChanged:
    if (e.b == 0)
      return std::nullopt; // the start of an operation is marked, not its end
    return TimelineMarker{e.time, MarkerKind::Fault, QObject::tr("stream updating")};
  case EventType::ConsumerKilled: return TimelineMarker{e.time, MarkerKind::Fault, QObject::tr("consumer killed")};
  case EventType::ProducerCrashed: return TimelineMarker{e.time, MarkerKind::Fault, QObject::tr("producer crashed")};
  case EventType::ProducerRestarted: return TimelineMarker{e.time, MarkerKind::Fault, QObject::tr("producer restarted")};
  case EventType::LeaderElected:
    if (e.a == 0)
      return std::nullopt; // the first leaders, at creation
    return TimelineMarker{e.time, MarkerKind::LeaderElection,
                          QObject::tr("%1leader election: broker %2, epoch %3").arg(electionAdjective(e.sub)).arg(e.node).arg(e.a)};
  case EventType::Rebalanced:
    return TimelineMarker{e.time, MarkerKind::Rebalance, QObject::tr("rebalance: generation %1, %2 members").arg(e.a).arg(e.b)};
  case EventType::GroupEpochBumped:
    return TimelineMarker{e.time, MarkerKind::Rebalance, QObject::tr("group epoch %1: new target assignment, %2 members").arg(e.a).arg(e.b)};
  case EventType::RecordsLost:
    return TimelineMarker{e.time, MarkerKind::AcknowledgedLoss, QObject::tr("%n acknowledged record(s) lost", nullptr, static_cast<int>(e.b))};
  default: return std::nullopt;
  }
}

} // namespace

std::size_t estimateWorldBytes(const engine::World &w, bool withSharedChunks) {
  std::size_t n = sizeof(engine::World) + w.queue.size() * sizeof(engine::Scheduler<engine::Action>::Entry);
  const auto &k = w.kafka;
  n += bytesOf(k.records) + bytesOf(k.keys) * 2;
  for (const auto &p : k.partitions)
    for (const auto &log : p.logs)
      n += log.entries().memoryBytes() + bytesOf(log.segments());
  for (const auto &b : k.batches.items)
    n += sizeof(b) + bytesOf(b.records);
  for (const auto &m : k.consumerMessages.items) {
    n += sizeof(m) + bytesOf(m.requests) + bytesOf(m.forgotten) + bytesOf(m.answers);
    for (const auto &answer : m.answers)
      n += bytesOf(answer.payload.entries);
  }
  for (const auto &session : k.consumerSessions)
    n += sizeof(session) + bytesOf(session.followed) + bytesOf(session.known) + bytesOf(session.carried) + bytesOf(session.cached);
  for (const auto &m : k.sessionMessages.items) {
    n += sizeof(m) + bytesOf(m.requests) + bytesOf(m.answers);
    for (const auto &answer : m.answers)
      n += bytesOf(answer.payload.entries);
  }
  for (const auto &session : k.fetchSessions)
    n += sizeof(session) + bytesOf(session.toList) + bytesOf(session.followed) + bytesOf(session.news) + bytesOf(session.recheck);
  n += bytesOf(k.sessionIndex);
  for (const auto &g : k.groups)
    n += bytesOf(g.deliveries);
  const auto &s = w.kinesis;
  n += bytesOf(s.records) + bytesOf(s.keys) * 2 + bytesOf(s.keyHashes);
  for (const auto &shard : s.shards)
    n += bytesOf(shard.records);
  for (const auto &put : s.puts.items)
    n += sizeof(put) + bytesOf(put.records) + bytesOf(put.results) + bytesOf(put.placed) + bytesOf(put.placedAt);
  for (const auto &r : s.reads.items)
    n += sizeof(r) + bytesOf(r.records) + bytesOf(r.counters);
  for (const auto &a : s.apps)
    n += bytesOf(a.deliveries);
  for (const auto &p : s.producers)
    n += bytesOf(p.buffer);
  if (!withSharedChunks)
    engine::forEachCopyOnWriteChunk(w, [&](const void *, std::size_t bytes) { n -= bytes; });
  return n;
}

QString describeFault(const engine::Fault &f) { return faultRow(f.action()).describe(f.what); }

QStringList describeActionGroups(const Branch &branch) {
  QStringList lines;
  for (std::size_t i = 0; i < branch.actions.size(); ++i) {
    const UserAction &a = branch.actions[i];
    if (a.group == i || lines.isEmpty())
      lines << QStringLiteral("%1 s: %2").arg(engine::toMs(a.fault.at) / 1000, 0, 'f', 3).arg(describeFault(a.fault));
    else
      lines.last() += QStringLiteral(" · ") + describeFault(a.fault);
  }
  return lines;
}

RunHistory::RunHistory(std::size_t snapshotBudgetBytes) : m_budget(snapshotBudgetBytes) {}

void RunHistory::reset(engine::Simulation &sim) {
  m_branches.assign(1, Branch{});
  m_branches[0].name = QObject::tr("main");
  m_current = 0;
  m_applied = 0;
  m_interval = engine::kSecond;
  m_lastThrottleMarker = -engine::kSecond * 3600;
  m_events.clear();
  m_snapshotBytes = 0;
  m_chunks.clear();
  sim.setEventSink(&m_events);
  takeSnapshot(sim);
  m_branches[0].metrics.sample(sim.world());
  // Explored up to where it stands, so a run saved before it moves replays to this state.
  m_branches[0].explored = sim.now();
  m_branches[0].exploredHash = sim.world().events.hash();
  m_branches[0].exploredProcessed = sim.processed();
}

void RunHistory::loadBranches(std::vector<Branch> branches) {
  const Snapshot start = m_branches.front().snapshots.front();
  const MetricsRecorder startMetrics = m_branches.front().metrics;
  for (Branch &b : branches) {
    b.snapshots.assign(1, start);
    b.markers.clear();
    b.explored = 0;
    b.exploredHash = 0;
    b.metrics = startMetrics;
  }
  m_branches = std::move(branches);
  m_current = 0;
  m_applied = 0;
  recountSnapshotBytes();
}

void RunHistory::takeSnapshot(engine::Simulation &sim) {
  Branch &b = branchMut();
  if (!b.snapshots.empty() && sim.now() <= b.snapshots.back().at)
    return;
  const engine::WorldSnapshot *previous = b.snapshots.empty() ? nullptr : b.snapshots.back().world.get();
  auto world = std::make_shared<const engine::WorldSnapshot>(sim.snapshotSharing(previous));
  // Its small parts and the chunks the previous snapshot did not hold (shared with the live
  // World or not: snapshotBytesBeyond() takes those off).
  const std::size_t bytes = estimateWorldBytes(world->rest(), false) + world->newChunkBytes();
  world->forEachChunk([&](const void *chunk, std::size_t) { m_chunks.insert(chunk); });
  b.snapshots.push_back(Snapshot{sim.now(), sim.processed(), m_applied, std::move(world), bytes});
  m_snapshotBytes += bytes;
  // A snapshot copies the chunk pointers of the copy-on-write tables, compares every chunk of
  // the other big tables with the previous one, and copies the rest of the world and the
  // chunks that changed: space snapshots by that work (a simulated second per MiB copied, or
  // per 8 MiB compared), so it stays a small part of running; a seek then replays at most one
  // interval (measured in docs/benchmarks.md).
  const double work = static_cast<double>(bytes) + static_cast<double>(estimateWorldBytes(sim.world(), false)) / 8;
  m_interval = std::max(m_interval, static_cast<SimTime>(work / (1 << 20) * engine::kSecond));
  enforceBudget(sim.world());
}

void RunHistory::collectMarkers(SimTime from) {
  Branch &b = branchMut();
  for (const engine::Event &e : m_events) {
    if (e.time <= from && from > 0)
      continue; // already explored: markers were taken the first time
    if (e.type == EventType::Throttled) { // a burst, not every refusal
      if (e.time - m_lastThrottleMarker > 2 * engine::kSecond)
        b.markers.push_back({e.time, MarkerKind::Throttling, QObject::tr("throttling starts")});
      m_lastThrottleMarker = e.time;
      continue;
    }
    if (auto m = markerFor(e))
      b.markers.push_back(*m);
  }
  m_events.clear();
}

void RunHistory::noteExplored(engine::Simulation &sim) {
  Branch &b = branchMut();
  if (sim.now() >= b.explored) {
    b.explored = sim.now();
    b.exploredHash = sim.world().events.hash();
    b.exploredProcessed = sim.processed();
  }
  if (sim.now() >= b.metrics.nextSampleAt())
    b.metrics.sample(sim.world());
  if (sim.now() >= b.snapshots.back().at + m_interval)
    takeSnapshot(sim);
}

void RunHistory::applyNext(engine::Simulation &sim) {
  const UserAction &a = branch().actions[m_applied];
  sim.advanceTo(a.processed, a.fault.at);
  sim.applyFault(a.fault); // accepted when it was made, so accepted again
  ++m_applied;
}

bool RunHistory::runForwardBySeconds(engine::Simulation &sim, SimTime t, const std::function<bool()> &onSecond) {
  for (SimTime at = sim.now() + engine::kSecond; at < t; at += engine::kSecond) {
    runForward(sim, at);
    if (!onSecond())
      return false;
  }
  return true;
}

void RunHistory::runForward(engine::Simulation &sim, SimTime t) {
  t = std::min(t, sim.duration());
  while (true) {
    const Branch &b = branch();
    const SimTime exploredBefore = b.explored;
    const bool action = m_applied < b.actions.size() && b.actions[m_applied].fault.at <= t;
    const SimTime goal = action ? b.actions[m_applied].fault.at : t;
    const SimTime snapAt = b.snapshots.back().at + m_interval;
    const SimTime sampleAt = b.metrics.nextSampleAt();
    bool done = false;
    if (std::min(snapAt, sampleAt) < goal) {
      sim.runUntil(std::min(snapAt, sampleAt));
    } else if (action) {
      applyNext(sim);
    } else {
      sim.runUntil(t);
      done = true;
    }
    collectMarkers(exploredBefore);
    noteExplored(sim);
    if (done)
      return;
  }
}

void RunHistory::runForwardTo(engine::Simulation &sim, std::uint64_t processed, SimTime t) {
  if (t > 0)
    runForward(sim, t - 1);
  const SimTime exploredBefore = branch().explored;
  while (m_applied < branch().actions.size() && branch().actions[m_applied].fault.at <= t && branch().actions[m_applied].processed <= processed)
    applyNext(sim);
  sim.advanceTo(processed, t);
  collectMarkers(exploredBefore);
  noteExplored(sim);
}

bool RunHistory::stepForward(engine::Simulation &sim) {
  const Branch &b = branch();
  const SimTime exploredBefore = b.explored;
  bool moved = true;
  m_lastStep = StepRecord{};
  if (m_applied < b.actions.size() && b.actions[m_applied].processed == sim.processed()) {
    const std::size_t group = b.actions[m_applied].group;
    do { // a group is redone whole, as it was made
      m_lastStep.actions << describeFault(b.actions[m_applied].fault);
      applyNext(sim);
    } while (m_applied < b.actions.size() && b.actions[m_applied].group == group);
  } else {
    moved = sim.step();
    m_lastStep.events = m_events;
  }
  collectMarkers(exploredBefore);
  noteExplored(sim);
  return moved;
}

void RunHistory::fork(engine::Simulation &sim, QString name, std::uint64_t processed) {
  const Branch &parent = branch();
  Branch fork;
  fork.parent = m_current;
  fork.forkedAt = sim.now();
  fork.name = std::move(name);
  fork.actions.assign(parent.actions.begin(), parent.actions.begin() + static_cast<std::ptrdiff_t>(m_applied));
  for (const Snapshot &s : parent.snapshots)
    if (s.at <= sim.now() && s.processed <= processed && s.actionsApplied <= m_applied)
      fork.snapshots.push_back(s);
  for (const TimelineMarker &m : parent.markers)
    if (m.at <= sim.now())
      fork.markers.push_back(m);
  fork.explored = sim.now();
  fork.exploredHash = sim.world().events.hash();
  fork.exploredProcessed = sim.processed();
  fork.metrics = parent.metrics;
  fork.metrics.truncateAfter(sim.now());
  m_branches.push_back(std::move(fork));
  m_current = static_cast<int>(m_branches.size()) - 1;
}

void RunHistory::fork(engine::Simulation &sim, QString name) { fork(sim, std::move(name), sim.processed()); }

std::optional<std::string> RunHistory::act(engine::Simulation &sim, engine::Fault fault, bool joinGroup) {
  fault.at = sim.now();
  const std::uint64_t processed = sim.processed();
  // Only an action made right after the branch's last one, at the same place, can join it.
  joinGroup = joinGroup && m_applied > 0 && m_applied == branch().actions.size() && branch().actions[m_applied - 1].processed == processed &&
      branch().actions[m_applied - 1].fault.at == fault.at;
  const bool hasFuture = m_applied < branch().actions.size() || branch().explored > sim.now();
  if (auto refused = sim.applyFault(fault))
    return refused;
  if (hasFuture) // acting in the past: the old future stays on its branch
    fork(sim, QObject::tr("%1 at %2 s: %3").arg(branch().name).arg(engine::toMs(sim.now()) / 1000, 0, 'f', 3).arg(describeFault(fault)), processed);
  Branch &b = branchMut();
  const std::size_t group = joinGroup ? b.actions.back().group : b.actions.size();
  b.actions.push_back(UserAction{fault, processed, group});
  if (joinGroup && !b.markers.empty() && b.markers.back().kind == MarkerKind::UserAction && b.markers.back().at == fault.at)
    b.markers.back().text += QStringLiteral(" · ") + describeFault(fault); // one marker per group
  else
    b.markers.push_back({fault.at, MarkerKind::UserAction, describeFault(fault)});
  ++m_applied;
  m_events.clear(); // the action's own events: already marked as the user's
  if (sim.now() >= b.explored) {
    b.explored = sim.now();
    b.exploredHash = sim.world().events.hash();
    b.exploredProcessed = sim.processed();
  }
  return std::nullopt;
}

void RunHistory::rebuild(engine::Simulation &sim, std::uint64_t processed, std::size_t applied) {
  const Branch &b = branch();
  const Snapshot *best = &b.snapshots.front();
  for (const Snapshot &s : b.snapshots)
    if (s.processed <= processed && s.actionsApplied <= applied)
      best = &s;
  sim.restore(*best->world);
  m_applied = best->actionsApplied;
  while (m_applied < applied)
    applyNext(sim);
  sim.advanceTo(processed, sim.now());
  m_events.clear();
}

void RunHistory::seek(engine::Simulation &sim, SimTime t) {
  t = std::clamp<SimTime>(t, earliest(), sim.duration()); // before its first snapshot the history was dropped
  const Branch &b = branch();
  const Snapshot *best = &b.snapshots.front();
  for (const Snapshot &s : b.snapshots)
    if (s.at <= t)
      best = &s;
  sim.restore(*best->world);
  m_applied = best->actionsApplied;
  m_events.clear();
  runForward(sim, t);
}

bool RunHistory::stepBack(engine::Simulation &sim) {
  const Branch &b = branch();
  const std::uint64_t p = sim.processed();
  m_lastStep = StepRecord{{}, {}, true};
  if (m_applied > 0 && b.actions[m_applied - 1].processed == p) { // undo the user's last group first
    const std::size_t first = std::min(b.actions[m_applied - 1].group, m_applied - 1);
    if (b.snapshots.front().actionsApplied > first)
      return false; // made before where the history was dropped
    for (std::size_t i = first; i < m_applied; ++i)
      m_lastStep.actions << describeFault(b.actions[i].fault);
    rebuild(sim, p, first);
    return true;
  }
  if (p == 0 || p - 1 < b.snapshots.front().processed)
    return false; // the start, or where the history was dropped
  std::size_t applied = 0;
  while (applied < b.actions.size() && b.actions[applied].processed <= p - 1)
    ++applied;
  rebuild(sim, p - 1, applied);
  // Run the undone step once more on a copy, to see what it was, and put the world back.
  const engine::World before = sim.snapshot();
  sim.setEventSink(&m_lastStep.events);
  sim.step();
  sim.setEventSink(&m_events);
  sim.restore(before);
  return true;
}

SimTime RunHistory::dropHistoryBefore(SimTime t) {
  SimTime from = earliest();
  for (const Snapshot &s : branch().snapshots)
    if (s.at <= t)
      from = s.at;
  for (Branch &b : m_branches) {
    auto first = std::find_if(b.snapshots.begin(), b.snapshots.end(), [from](const Snapshot &s) { return s.at >= from; });
    if (first == b.snapshots.end())
      first = b.snapshots.end() - 1; // a branch wholly in the dropped past keeps its newest
    b.snapshots.erase(b.snapshots.begin(), first);
  }
  recountSnapshotBytes();
  return from;
}

void RunHistory::switchBranch(engine::Simulation &sim, int index) {
  if (index < 0 || index >= static_cast<int>(m_branches.size()))
    return;
  const SimTime t = sim.now();
  m_current = index;
  seek(sim, std::min(t, branch().explored));
}

void RunHistory::recountSnapshotBytes() {
  std::unordered_set<const engine::WorldSnapshot *> seen;
  m_snapshotBytes = 0;
  m_chunks.clear();
  for (const Branch &b : m_branches)
    for (const Snapshot &s : b.snapshots) {
      if (!seen.insert(s.world.get()).second)
        continue;
      m_snapshotBytes += estimateWorldBytes(s.world->rest(), false);
      s.world->forEachChunk([&](const void *chunk, std::size_t bytes) {
        if (m_chunks.insert(chunk).second)
          m_snapshotBytes += bytes;
      });
    }
}

std::size_t RunHistory::snapshotBytesBeyond(const engine::World &live) const {
  std::size_t shared = 0;
  engine::forEachCopyOnWriteChunk(live, [&](const void *chunk, std::size_t bytes) { shared += m_chunks.count(chunk) ? bytes : 0; });
  return m_snapshotBytes > shared ? m_snapshotBytes - shared : 0;
}

std::size_t RunHistory::snapshotCount() const {
  std::unordered_set<const engine::WorldSnapshot *> seen;
  for (const Branch &b : m_branches)
    for (const Snapshot &s : b.snapshots)
      seen.insert(s.world.get());
  return seen.size();
}

void RunHistory::enforceBudget(const engine::World &live) {
  // The live World's chunks are in memory anyway: only what the snapshots hold beyond it counts.
  std::size_t beyond = snapshotBytesBeyond(live);
  while (beyond > m_budget) {
    const std::size_t before = beyond;
    std::vector<std::vector<Snapshot>> kept(m_branches.size());
    bool thinned = false;
    for (std::size_t b = 0; b < m_branches.size(); ++b) { // keep the first (time zero) and every other one after it
      const std::vector<Snapshot> &all = m_branches[b].snapshots;
      for (std::size_t i = 0; i < all.size(); ++i)
        if (all.size() < 3 || i % 2 == 0 || i + 1 == all.size())
          kept[b].push_back(all[i]);
      thinned = thinned || kept[b].size() < all.size();
    }
    if (!thinned)
      return; // nothing left to thin: over budget with the minimum set
    std::vector<std::vector<Snapshot>> dropped(m_branches.size());
    for (std::size_t b = 0; b < m_branches.size(); ++b)
      dropped[b] = std::exchange(m_branches[b].snapshots, std::move(kept[b]));
    recountSnapshotBytes();
    beyond = snapshotBytesBeyond(live);
    // Snapshots share most of their chunks: when dropping half of them frees little, the
    // shared part (the world's own tables) is what is over budget, and thinning would only
    // make seeks slower. Keep them; the app's memory budget asks the user instead.
    if ((before - std::min(before, beyond)) * 10 < before) {
      for (std::size_t b = 0; b < m_branches.size(); ++b)
        m_branches[b].snapshots = std::move(dropped[b]);
      recountSnapshotBytes();
      return;
    }
    m_interval *= 2;
  }
}

} // namespace streamscope::model
