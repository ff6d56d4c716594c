#include "engine/kinesis/kcl_lease_assignment.h"

#include "engine/kinesis/kcl_lease_ops.h"

#include <algorithm>
#include <numeric>

namespace streamscope::engine::kinesis::kcl3 {
namespace {

/// The leader runs variance balancing on every third assignment run (varianceBalancingFrequency).
constexpr int kBalancingFrequency = 3;

Application &appAt(World &w, int a) { return w.kinesis.apps[static_cast<std::size_t>(a)]; }
bool working(const Worker &wk) { return wk.alive && wk.inApp; }
bool leased(const World &w, const Application &app, const Lease &l) {
  return l.owner >= 0 && !leases::expired(w, app, l) && leases::eligible(w, app, l);
}

/// The time until `worker`'s lease discovery next runs (it starts at the worker's start).
SimTime discoveryDelay(const World &w, const Application &app, int worker) {
  const Worker &wk = app.workers[static_cast<std::size_t>(worker)];
  if (wk.startedAt >= w.now)
    return wk.startedAt - w.now;
  const SimTime every = discoveryInterval(app);
  return every - (w.now - wk.startedAt) % every;
}

/// What the leader sees: each working worker's projected load (leases moving count at
/// their destination) and lease count.
struct Loads {
  std::vector<int> workers; ///< the working ones
  std::vector<std::int64_t> load; ///< per worker index
  std::vector<int> leases;
  std::int64_t total = 0;

  /// The working worker with the most room below the average: least load, fewest leases.
  int leastLoaded(int except = -1) const {
    int best = -1;
    for (int i : workers)
      if (i != except &&
          (best < 0 ||
           std::pair(load[static_cast<std::size_t>(i)], leases[static_cast<std::size_t>(i)]) <
               std::pair(load[static_cast<std::size_t>(best)], leases[static_cast<std::size_t>(best)])))
        best = i;
    return best;
  }
  void move(int from, int to, std::int64_t throughput) {
    if (from >= 0) {
      load[static_cast<std::size_t>(from)] -= throughput;
      --leases[static_cast<std::size_t>(from)];
    }
    load[static_cast<std::size_t>(to)] += throughput;
    ++leases[static_cast<std::size_t>(to)];
  }
};

Loads loadsOf(const World &w, const Application &app) {
  Loads s;
  s.load.assign(app.workers.size(), 0);
  s.leases.assign(app.workers.size(), 0);
  for (std::size_t i = 0; i < app.workers.size(); ++i)
    if (working(app.workers[i]))
      s.workers.push_back(static_cast<int>(i));
  for (const Lease &l : app.leases) {
    if (!leased(w, app, l))
      continue;
    const int at = l.handoffTo >= 0 ? l.handoffTo : l.owner;
    s.load[static_cast<std::size_t>(at)] += l.throughput;
    ++s.leases[static_cast<std::size_t>(at)];
  }
  for (int i : s.workers)
    s.total += s.load[static_cast<std::size_t>(i)];
  return s;
}

/// Priority assignment: leases nobody owns first, then expired ones (longest expired first),
/// each to the least loaded worker.
void assignFreeLeases(World &w, int a, Loads &loads) {
  Application &app = appAt(w, a);
  std::vector<int> free;
  for (std::size_t i = 0; i < app.leases.size(); ++i) {
    const Lease &l = app.leases[i];
    if (leases::eligible(w, app, l) && (l.owner < 0 || leases::expired(w, app, l)))
      free.push_back(static_cast<int>(i));
  }
  std::stable_sort(free.begin(), free.end(), [&](int x, int y) {
    const Lease &lx = app.leases[static_cast<std::size_t>(x)], &ly = app.leases[static_cast<std::size_t>(y)];
    return std::pair(lx.owner >= 0, lx.renewedAt) < std::pair(ly.owner >= 0, ly.renewedAt);
  });
  for (int i : free) {
    const int to = loads.leastLoaded();
    if (to < 0)
      return;
    loads.move(-1, to, app.leases[static_cast<std::size_t>(i)].throughput);
    leases::give(w, a, i, to, discoveryDelay(w, app, to), false);
  }
}

/// The leases of `from` the leader takes to shed `budget` bytes/s: in table order, each that
/// leaves some budget; if none fits, the smallest one (allowThroughputOvershoot).
std::vector<int> leasesToShed(const World &w, const Application &app, int from, std::int64_t budget) {
  std::vector<int> mine, out;
  for (std::size_t i = 0; i < app.leases.size(); ++i) {
    const Lease &l = app.leases[i];
    if (l.owner == from && l.handoffTo < 0 && leased(w, app, l))
      mine.push_back(static_cast<int>(i));
  }
  for (int i : mine) {
    const std::int64_t t = app.leases[static_cast<std::size_t>(i)].throughput;
    if (budget - t > 0) {
      budget -= t;
      out.push_back(i);
    }
  }
  if (out.empty() && !mine.empty())
    out.push_back(*std::min_element(mine.begin(), mine.end(), [&](int x, int y) {
      return app.leases[static_cast<std::size_t>(x)].throughput < app.leases[static_cast<std::size_t>(y)].throughput;
    }));
  return out;
}

/// Variance balancing: when a worker is outside average +- rebalance_threshold_percent, every
/// worker at or above the upper limit (else the busiest) sheds dampening_percent of its excess
/// to the workers with the most room, as long as a receiver stays at or below the average.
void balance(World &w, int a, Loads &loads) {
  Application &app = appAt(w, a);
  const auto n = static_cast<std::int64_t>(loads.workers.size());
  if (n < 2 || loads.total <= 0)
    return;
  const std::int64_t t = app.config.rebalanceThresholdPercent;
  // Compared as load * n * 100 against total * (100 +- t): no rounding.
  const auto scaled = [&](int i) { return loads.load[static_cast<std::size_t>(i)] * n * 100; };
  bool outside = false;
  std::vector<int> donors;
  for (int i : loads.workers) {
    outside = outside || scaled(i) > loads.total * (100 + t) || scaled(i) < loads.total * (100 - t);
    if (scaled(i) >= loads.total * (100 + t))
      donors.push_back(i);
  }
  if (!outside)
    return;
  if (donors.empty())
    donors.push_back(*std::max_element(loads.workers.begin(), loads.workers.end(), [&](int x, int y) {
      return loads.load[static_cast<std::size_t>(x)] < loads.load[static_cast<std::size_t>(y)];
    }));
  const std::int64_t average = loads.total / n;
  std::vector<std::pair<std::int64_t, int>> budgets; // most to shed first
  for (int d : donors)
    budgets.emplace_back((loads.load[static_cast<std::size_t>(d)] - average) * app.config.dampeningPercent / 100, d);
  std::stable_sort(budgets.begin(), budgets.end(), [](const auto &x, const auto &y) { return x.first > y.first; });
  for (const auto &[budget, from] : budgets) {
    for (int i : leasesToShed(w, app, from, budget)) {
      Lease &l = app.leases[static_cast<std::size_t>(i)];
      const int to = loads.leastLoaded(from);
      if (to < 0 || loads.load[static_cast<std::size_t>(to)] + l.throughput > average)
        break; // no worker can take it without going above the average
      loads.move(from, to, l.throughput);
      l.handoffTo = to;
      w.record(EventType::LeaseHandoffRequested, app.workers[static_cast<std::size_t>(from)].node, a, l.shard, to);
    }
  }
}

/// Bytes handed to the processor since the last measurement, per second of `interval`,
/// folded into the lease's moving average (alpha 0.5), as the owner does at each renewal.
void measureThroughput(const World &w, Lease &l, SimTime interval) {
  if (!l.processedAny)
    return; // nothing processed under this owner yet: the table keeps the last average
  if (!l.measured) {
    l.measuredCounter = l.processedCounter;
    l.measured = true;
    return;
  }
  const Shard &s = w.kinesis.shardAt(l.shard);
  std::int64_t bytes = 0;
  const std::size_t end = s.firstAt(l.processedCounter, false);
  for (std::size_t i = s.firstAt(l.measuredCounter, false); i < end; ++i)
    bytes += w.kinesis.records[s.records[i].record].bytes;
  const std::int64_t sample = bytes * kSecond / std::max<SimTime>(interval, 1);
  l.throughput = (l.throughput + sample) / 2;
  l.measuredCounter = l.processedCounter;
}

} // namespace

void assignmentRun(World &w, int a, int worker) {
  Application &app = appAt(w, a);
  if (app.leader != worker) {
    const bool lockFree = app.leader < 0 || w.now - app.leaderHeartbeatAt > app.config.leaderLockLease;
    if (!lockFree)
      return; // another worker leads: it assigns
    app.leader = worker;
    app.leaderHeartbeatAt = w.now;
    app.leaderRuns = 0;
    w.record(EventType::KclLeaderChanged, app.workers[static_cast<std::size_t>(worker)].node, a, worker);
  }
  ++app.leaderRuns;
  Loads loads = loadsOf(w, app);
  // A planned move whose new owner is gone is called off; the owner keeps the lease.
  for (Lease &l : app.leases)
    if (l.handoffTo >= 0 && !working(app.workers[static_cast<std::size_t>(l.handoffTo)]))
      l.handoffTo = -1;
  assignFreeLeases(w, a, loads);
  if (app.leaderRuns % kBalancingFrequency == 0)
    balance(w, a, loads);
}

void afterRenewal(World &w, int a, int worker, SimTime renewInterval) {
  Application &app = appAt(w, a);
  if (app.leader == worker && w.now - app.leaderHeartbeatAt >= kLockHeartbeat)
    app.leaderHeartbeatAt = w.now;
  for (std::size_t i = 0; i < app.leases.size(); ++i) {
    Lease &l = app.leases[i];
    if (l.owner != worker || l.checkpoint == CheckpointKind::ShardEnd)
      continue;
    measureThroughput(w, l, renewInterval);
    if (l.handoffTo < 0)
      continue;
    const int to = l.handoffTo;
    if (!working(app.workers[static_cast<std::size_t>(to)])) {
      l.handoffTo = -1;
      continue;
    }
    // Graceful handoff: checkpoint at the last processed record, then the table names the
    // new owner, which starts after that checkpoint when its discovery finds the lease.
    leases::checkpointProcessed(w, a, static_cast<int>(i));
    leases::give(w, a, static_cast<int>(i), to, discoveryDelay(w, app, to), true);
  }
}

void workerGone(World &w, int a, int worker, bool graceful) {
  Application &app = appAt(w, a);
  if (!leaderAssigns(app))
    return;
  for (Lease &l : app.leases)
    if (l.handoffTo == worker || (graceful && l.owner < 0))
      l.handoffTo = -1;
  if (graceful && app.leader == worker)
    app.leader = -1; // a shutdown releases the lock: the next worker to look takes it
}

int liveLeader(const Application &app) {
  if (app.leader < 0 || !working(app.workers[static_cast<std::size_t>(app.leader)]))
    return -1;
  return app.leader;
}

std::int64_t workerLoad(const Application &app, int worker) {
  std::int64_t load = 0;
  for (const Lease &l : app.leases)
    if (l.owner == worker && l.checkpoint != CheckpointKind::ShardEnd)
      load += l.throughput;
  return load;
}

int workerCpuPercent(const Application &app, int worker) {
  return static_cast<int>(workerLoad(app, worker) * 100 / std::max<std::int64_t>(app.config.cpuCapacityBytesPerSecond, 1));
}

} // namespace streamscope::engine::kinesis::kcl3
