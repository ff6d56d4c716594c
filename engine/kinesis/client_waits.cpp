#include "engine/kinesis/client_waits.h"

#include "engine/kinesis/kcl_lease_assignment.h"

#include <algorithm>

namespace streamscope::engine::kinesis {
namespace {

// As in kcl_application.cpp: the lease taker runs every (failover + epsilon) * 2.
constexpr SimTime kEpsilon = 25 * kMillisecond;

void putWaits(const World &w, std::vector<ClientWait> &out) {
  const KinesisState &k = w.kinesis;
  w.queue.forEach([&](const auto &e) {
    const Action &a = e.action;
    if (a.type != ActionType::PutTimeout)
      return;
    const PutRequest &r = k.puts[a.a];
    if (!r.live || r.producerDone || r.attempt != a.c)
      return;
    const Producer &pr = k.producers[static_cast<std::size_t>(r.producer)];
    ClientWait cw;
    cw.client = WaitingClient::KinesisProducer;
    cw.index = r.producer;
    cw.reason = WaitReason::PutResponse;
    cw.until = e.time;
    cw.since = cw.expectedBy = e.time - pr.config.requestTimeout;
    cw.setting = "request_timeout_ms";
    cw.settingValue = pr.config.requestTimeout;
    cw.records = static_cast<std::int64_t>(r.records.size());
    out.push_back(cw);
  });
  for (std::size_t i = 0; i < k.producers.size(); ++i) {
    const Producer &pr = k.producers[i];
    if (pr.backoffUntil <= w.now || pr.buffer.empty())
      continue;
    ClientWait cw;
    cw.client = WaitingClient::KinesisProducer;
    cw.index = static_cast<int>(i);
    cw.reason = WaitReason::PutBackoff;
    cw.since = cw.expectedBy = pr.backoffSince;
    cw.until = pr.backoffUntil;
    cw.setting = "retry_backoff_ms";
    cw.settingValue = pr.config.retryBackoff;
    cw.records = static_cast<std::int64_t>(pr.buffer.size());
    out.push_back(cw);
  }
}

/// A shard whose lease a dead worker holds is read by no one until a live worker's lease
/// taker finds the lease expired: its first run after renewedAt + failoverTime.
void leaseWaits(const World &w, std::vector<ClientWait> &out) {
  const KinesisState &k = w.kinesis;
  for (std::size_t ai = 0; ai < k.apps.size(); ++ai) {
    const Application &app = k.apps[ai];
    std::vector<SimTime> takers; // each live worker's next lease-taker run
    // KCL 3: only the leader assigns; with the lock held by a dead worker, the first worker
    // to run after the lock's lease has passed takes it and assigns.
    const bool leader = kcl3::leaderAssigns(app);
    const int liveLeader = leader ? kcl3::liveLeader(app) : -1;
    const SimTime lockFree = leader && liveLeader < 0 && app.leader >= 0 ? app.leaderHeartbeatAt + app.config.leaderLockLease : -1;
    w.queue.forEach([&](const auto &e) {
      const Action &a = e.action;
      if (a.type == ActionType::LeaseTake && a.a == static_cast<int>(ai)) {
        const Worker &wk = app.workers[static_cast<std::size_t>(a.b)];
        const bool assigns = !leader || liveLeader < 0 || a.b == liveLeader;
        if (wk.alive && wk.incarnation == a.c && assigns)
          takers.push_back(e.time);
      }
    });
    const SimTime interval = leader ? kcl3::assignmentInterval(app) : (app.config.failoverTime + kEpsilon) * 2;
    for (const Lease &l : app.leases) {
      if (l.owner < 0 || app.workers[static_cast<std::size_t>(l.owner)].alive || l.checkpoint == CheckpointKind::ShardEnd)
        continue;
      const SimTime expiry = l.renewedAt + app.config.failoverTime;
      SimTime until = -1;
      for (SimTime t : takers) {
        while (t <= std::max(expiry, lockFree)) // the taker takes only a lease (and a lock) expired strictly before it runs
          t += interval;
        until = until < 0 ? t : std::min(until, t);
      }
      ClientWait cw;
      cw.client = WaitingClient::KinesisApplication;
      cw.index = static_cast<int>(ai);
      cw.reason = WaitReason::LeaseExpiry;
      cw.partition = l.shard;
      cw.other = l.owner;
      cw.since = cw.expectedBy = l.renewedAt;
      cw.until = until >= 0 ? until : expiry;
      cw.setting = "failoverTimeMillis";
      cw.settingValue = app.config.failoverTime;
      out.push_back(cw);
    }
  }
}

/// A GetRecords call whose answer was lost: the worker learns nothing until the call times out.
void readWaits(const World &w, std::vector<ClientWait> &out) {
  const KinesisState &k = w.kinesis;
  w.queue.forEach([&](const auto &e) {
    const Action &a = e.action;
    if (a.type != ActionType::GetRecordsTimeout)
      return;
    const Application &app = k.apps[static_cast<std::size_t>(a.a)];
    const Lease &l = app.leases[static_cast<std::size_t>(a.b)];
    if (!l.readAnswerLost || l.readGen != a.c || l.owner < 0 || !app.workers[static_cast<std::size_t>(l.owner)].alive)
      return;
    ClientWait cw;
    cw.client = WaitingClient::KinesisApplication;
    cw.index = a.a;
    cw.member = l.owner;
    cw.reason = WaitReason::GetRecordsResponse;
    cw.partition = l.shard;
    cw.since = l.readSentAt;
    cw.expectedBy = l.readSentAt + 2 * k.config.clientLatencyMax; // a round trip
    cw.until = e.time;
    cw.setting = "kinesisRequestTimeout";
    cw.settingValue = kGetRecordsTimeout;
    cw.answerLost = true;
    out.push_back(cw);
  });
}

} // namespace

void collectKinesisWaits(const World &w, std::vector<ClientWait> &out) {
  if (!w.kinesis.producers.empty())
    putWaits(w, out);
  if (!w.kinesis.apps.empty()) {
    leaseWaits(w, out);
    readWaits(w, out);
  }
}

} // namespace streamscope::engine::kinesis
