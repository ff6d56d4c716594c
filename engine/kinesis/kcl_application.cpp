#include "engine/kinesis/kcl_application.h"

#include "engine/kinesis/fan_out.h"
#include "engine/kinesis/kcl_lease_assignment.h"
#include "engine/kinesis/kcl_lease_ops.h"
#include "engine/kinesis/kinesis_producer.h"
#include "engine/kinesis/polling_backoff.h"
#include "engine/kinesis/shard_reader.h"
#include "engine/kinesis/stream_topology.h"

#include <algorithm>
#include <utility>

namespace streamscope::engine::kinesis {
namespace {

/// The pipeline's record processor writes one output per input, with the input's partition
/// key, into its producer's buffer before it returns (so a checkpoint covers only inputs whose
/// outputs were handed over).
void processForPipeline(World &w, int pipeline, std::uint32_t input) {
  PipelineState &pl = w.pipelines[static_cast<std::size_t>(pipeline)];
  const RecordInfo &r = std::as_const(w.kinesis.records)[input];
  const std::string key = r.key >= 0 ? w.kinesis.keys[static_cast<std::size_t>(r.key)] : std::string("-");
  const std::int64_t out = produceRecord(w, pl.kinesisProducer, key);
  if (w.kinesisOutputSource.size() <= static_cast<std::size_t>(out))
    w.kinesisOutputSource.resize(static_cast<std::size_t>(out) + 1, -1);
  w.kinesisOutputSource[static_cast<std::size_t>(out)] = static_cast<std::int32_t>(input);
  ++pl.outputs;
}

constexpr SimTime kEpsilon = 25 * kMillisecond; // the KCL's lease timing slack

Application &appAt(World &w, int i) { return w.kinesis.apps[static_cast<std::size_t>(i)]; }
SimTime renewInterval(const Application &a) { return a.config.failoverTime / 3 - kEpsilon; }
SimTime takerInterval(const Application &a) { return (a.config.failoverTime + kEpsilon) * 2; }
SimTime clientLatency(World &w) { return w.rng.between(w.kinesis.config.clientLatencyMin, w.kinesis.config.clientLatencyMax); }
NodeId endpointOf(const World &w, const Application &app) { return w.kinesis.streams[static_cast<std::size_t>(app.stream)].endpoint; }

bool expired(const World &w, const Application &app, const Lease &l) { return l.owner >= 0 && w.now - l.renewedAt > app.config.failoverTime; }

/// A child shard waits until every parent that has a lease is read to SHARD_END.
bool parentsDone(const World &w, const Application &app, const Lease &l) {
  const Shard &s = w.kinesis.shardAt(l.shard);
  const Stream &st = w.kinesis.streams[static_cast<std::size_t>(s.stream)];
  for (int parent : {s.parent, s.adjacentParent}) {
    if (parent < 0)
      continue;
    const int slot = st.shards[static_cast<std::size_t>(parent)];
    for (const Lease &p : app.leases)
      if (p.shard == slot && p.checkpoint != CheckpointKind::ShardEnd)
        return false;
  }
  return true;
}

bool eligible(const World &w, const Application &app, const Lease &l) { return l.checkpoint != CheckpointKind::ShardEnd && parentsDone(w, app, l); }

void addLease(Application &app, int slot) {
  Lease l;
  l.shard = slot;
  app.leases.push_back(l);
}

/// Where reading starts for a lease without an iterator: after the checkpoint, or at the
/// initial position (children of a reshard always from TRIM_HORIZON, so nothing is skipped).
ShardIterator startingIterator(World &w, const Application &app, const Lease &l) {
  if (l.processedAny || l.checkpoint == CheckpointKind::Sequence)
    return ShardIterator{l.shard, after(l.processedAny ? l.processedCounter : l.checkpointCounter), w.now};
  const Shard &s = w.kinesis.shardAt(l.shard);
  IteratorRequest request{app.config.initialPosition, app.config.startSequence, app.config.startTimestamp};
  if (s.parent >= 0)
    request = IteratorRequest{IteratorType::TrimHorizon, std::string(), 0};
  if (l.checkpoint == CheckpointKind::Rewritten)
    request = IteratorRequest{l.rewrittenType, l.rewrittenSequence, l.rewrittenTimestamp};
  IteratorResult r = getShardIterator(w, l.shard, request);
  if (!r.iterator) // a start sequence number of another shard: begin at the trim horizon
    r = getShardIterator(w, l.shard, IteratorRequest{IteratorType::TrimHorizon, std::string(), 0});
  return *r.iterator;
}

void checkpoint(World &w, int a, int lease, bool shardEnd) {
  Application &app = appAt(w, a);
  Lease &l = app.leases[static_cast<std::size_t>(lease)];
  if (shardEnd) {
    l.checkpoint = CheckpointKind::ShardEnd;
  } else if (l.processedAny) {
    l.checkpoint = CheckpointKind::Sequence;
    l.checkpointCounter = l.processedCounter;
    const Shard &s = w.kinesis.shardAt(l.shard);
    const std::size_t i = s.firstAt(l.checkpointCounter);
    l.checkpointArrival = i < s.records.size() ? s.records[i].arrival : w.now;
  } else {
    return;
  }
  l.lastCheckpointAt = w.now;
  const NodeId node = l.owner >= 0 ? app.workers[static_cast<std::size_t>(l.owner)].node : -1;
  w.record(EventType::Checkpointed, node, l.shard, static_cast<std::int64_t>(l.processedCounter), a, shardEnd ? 1 : 0);
}

/// Starts the owner's read loop: polling GetRecords, or a SubscribeToShard push stream.
void beginReading(World &w, int a, int lease) {
  Application &app = appAt(w, a);
  Lease &l = app.leases[static_cast<std::size_t>(lease)];
  l.subscribed = false; // a new owner calls SubscribeToShard (or GetRecords) afresh
  l.consecutiveReadThrottles = 0;
  const Action next{app.config.enhancedFanOut ? ActionType::FanOutPush : ActionType::ReadShard, -1, -1, a, lease, l.readGen};
  w.after(app.config.enhancedFanOut ? clientLatency(w) : 0, next);
}

/// `startDelay` > 0: the new owner starts reading when its lease discovery finds the lease (KCL 3).
void take(World &w, int a, int lease, int worker, SimTime startDelay = 0, bool handoff = false) {
  Application &app = appAt(w, a);
  Lease &l = app.leases[static_cast<std::size_t>(lease)];
  const bool stolen = l.owner >= 0 && l.owner != worker && !expired(w, app, l);
  if (l.lastOwner >= 0 && l.lastOwner != worker)
    ++app.leaseMoves;
  l.lastOwner = worker;
  l.handoffTo = -1;
  l.measured = false;
  l.owner = worker;
  ++l.counter;
  l.renewedAt = w.now;
  ++l.readGen;
  l.hasIterator = false;
  l.processedAny = false; // the new owner knows only the lease table's checkpoint
  w.record(EventType::LeaseTaken, app.workers[static_cast<std::size_t>(worker)].node, l.shard, worker, a, handoff ? 2 : stolen ? 1 : 0);
  if (startDelay > 0)
    w.after(startDelay, Action{ActionType::LeaseDiscovered, -1, -1, a, lease, l.readGen});
  else
    beginReading(w, a, lease);
}

/// The KCL lease taker: take expired or free leases up to this worker's fair share, and if
/// none is free, steal one from the most loaded worker.
void takeLeases(World &w, int a, int worker) {
  Application &app = appAt(w, a);
  std::vector<int> counts(app.workers.size(), 0);
  int total = 0;
  std::vector<int> available;
  for (std::size_t i = 0; i < app.leases.size(); ++i) {
    const Lease &l = app.leases[i];
    if (!eligible(w, app, l))
      continue;
    ++total;
    if (l.owner < 0 || expired(w, app, l))
      available.push_back(static_cast<int>(i));
    else
      ++counts[static_cast<std::size_t>(l.owner)];
  }
  int workers = 0;
  for (std::size_t i = 0; i < counts.size(); ++i)
    workers += counts[i] > 0 || static_cast<int>(i) == worker ? 1 : 0;
  if (total == 0)
    return;
  const int target = (total + workers - 1) / workers;
  int need = target - counts[static_cast<std::size_t>(worker)];
  for (int lease : available) {
    if (need <= 0)
      return;
    take(w, a, lease, worker);
    --need;
  }
  if (need <= 0 || !available.empty())
    return;
  const auto busiest = static_cast<int>(std::max_element(counts.begin(), counts.end()) - counts.begin());
  if (counts[static_cast<std::size_t>(busiest)] <= target || busiest == worker)
    return;
  for (std::size_t i = app.leases.size(); i-- > 0;)
    if (app.leases[i].owner == busiest && eligible(w, app, app.leases[i]))
      return take(w, a, static_cast<int>(i), worker);
}

bool ownsLive(const Application &app, const Lease &l) { return l.owner >= 0 && app.workers[static_cast<std::size_t>(l.owner)].alive; }

void startWorker(World &w, int a, int worker, SimTime delay) {
  Worker &wk = appAt(w, a).workers[static_cast<std::size_t>(worker)];
  wk.startedAt = w.now + delay;
  w.after(delay, Action{ActionType::LeaseTake, -1, -1, a, worker, wk.incarnation});
  w.after(delay + renewInterval(appAt(w, a)), Action{ActionType::LeaseRenew, -1, -1, a, worker, wk.incarnation});
  w.record(EventType::ConsumerJoined, wk.node, a, worker, 0, 1);
}

} // namespace

namespace leases {
bool expired(const World &w, const Application &app, const Lease &l) { return kinesis::expired(w, app, l); }
bool eligible(const World &w, const Application &app, const Lease &l) { return kinesis::eligible(w, app, l); }
void give(World &w, int app, int lease, int worker, SimTime startDelay, bool handoff) { take(w, app, lease, worker, startDelay, handoff); }
void checkpointProcessed(World &w, int app, int lease) { checkpoint(w, app, lease, false); }
} // namespace leases

void startApplication(World &w, int a) {
  Application &app = appAt(w, a);
  for (int slot : w.kinesis.streams[static_cast<std::size_t>(app.stream)].shards)
    addLease(app, slot);
  app.fanOut.assign(w.kinesis.shards.size(), TokenBucket::full(kReadBytesPerSecond, w.now));
  for (int i = 0; i < app.config.workers; ++i) {
    Worker wk;
    wk.node = w.net.addNode();
    app.workers.push_back(wk);
  }
  if (app.config.enhancedFanOut && !registerStreamConsumer(w, a))
    return;
  for (int i = 0; i < app.config.workers; ++i)
    startWorker(w, a, i, app.config.start + static_cast<SimTime>(i) * 100 * kMillisecond);
}

void addLeasesForNewShards(World &w, int stream) {
  for (Application &app : w.kinesis.apps) {
    if (app.stream != stream)
      continue;
    for (int slot : w.kinesis.streams[static_cast<std::size_t>(stream)].shards)
      if (std::none_of(app.leases.begin(), app.leases.end(), [&](const Lease &l) { return l.shard == slot; }))
        addLease(app, slot);
    app.fanOut.resize(w.kinesis.shards.size(), TokenBucket::full(kReadBytesPerSecond, w.now));
  }
}

void killWorker(World &w, int a, int worker) {
  Worker &wk = appAt(w, a).workers[static_cast<std::size_t>(worker)];
  if (!wk.alive)
    return;
  wk.alive = false;
  ++wk.incarnation;
  w.record(EventType::ConsumerKilled, wk.node, a, worker, 0, 1);
  kcl3::workerGone(w, a, worker, false);
}

void removeWorker(World &w, int a, int worker) {
  Application &app = appAt(w, a);
  Worker &wk = app.workers[static_cast<std::size_t>(worker)];
  if (!wk.alive)
    return;
  for (std::size_t i = 0; i < app.leases.size(); ++i) {
    Lease &l = app.leases[i];
    if (l.owner != worker || l.checkpoint == CheckpointKind::ShardEnd)
      continue;
    checkpoint(w, a, static_cast<int>(i), false);
    l.owner = -1;
    ++l.readGen;
  }
  wk.alive = false;
  wk.inApp = false;
  ++wk.incarnation;
  w.record(EventType::ConsumerLeft, wk.node, a, worker, 0, 1);
  kcl3::workerGone(w, a, worker, true);
}

void addWorker(World &w, int a) {
  Application &app = appAt(w, a);
  Worker wk;
  wk.node = w.net.addNode();
  wk.alive = wk.inApp = app.registrationError.empty(); // a refused consumer's workers never start
  app.workers.push_back(wk);
  if (wk.alive)
    startWorker(w, a, static_cast<int>(app.workers.size()) - 1, 0);
}

std::optional<std::string> seekApplication(World &w, int a, int shardIndex, const IteratorRequest &request) {
  Application &app = appAt(w, a);
  const Stream &st = w.kinesis.streams[static_cast<std::size_t>(app.stream)];
  if (shardIndex >= static_cast<int>(st.shards.size()))
    return "ResourceNotFoundException: Shard " + shardId(shardIndex) + " in stream " + st.config.name + " under account " + kAccountId +
        " does not exist";
  // The KCL has no seek: an operator rewrites the checkpoint column of the lease table. Only
  // the checkpoint changes, not leaseCounter or leaseOwner, so a running owner's renewals
  // still succeed (DynamoDBLeaseRefresher.renewLease expects only the counter); it keeps its
  // in-memory position and its next checkpoint (updateLease) overwrites the rewrite. The new
  // position is read by the next worker that takes the lease: after a restart or failover.
  for (std::size_t i = 0; i < app.leases.size(); ++i) {
    Lease &l = app.leases[i];
    if (shardIndex >= 0 && l.shard != st.shards[static_cast<std::size_t>(shardIndex)])
      continue;
    if (const IteratorResult r = getShardIterator(w, l.shard, request); !r.iterator)
      return r.error; // a sequence number that is not the shard's
    l.checkpoint = CheckpointKind::Rewritten; // a SHARD_END lease becomes readable again
    l.rewrittenType = request.type;
    l.rewrittenSequence = request.sequenceNumber;
    l.rewrittenTimestamp = request.timestamp;
    w.record(EventType::Checkpointed, -1, l.shard, 0, a, 2);
  }
  return std::nullopt;
}

void onLeaseRenew(World &w, const Action &a) {
  Application &app = appAt(w, a.a);
  const Worker &wk = app.workers[static_cast<std::size_t>(a.b)];
  if (!wk.alive || wk.incarnation != a.c)
    return;
  for (Lease &l : app.leases)
    if (l.owner == a.b && l.checkpoint != CheckpointKind::ShardEnd) {
      l.renewedAt = w.now;
      ++l.counter;
    }
  if (kcl3::leaderAssigns(app))
    kcl3::afterRenewal(w, a.a, a.b, renewInterval(app));
  w.after(renewInterval(appAt(w, a.a)), a);
}

void onLeaseTake(World &w, const Action &a) {
  Application &app = appAt(w, a.a);
  const Worker &wk = app.workers[static_cast<std::size_t>(a.b)];
  if (!wk.alive || wk.incarnation != a.c)
    return;
  if (kcl3::leaderAssigns(app)) {
    kcl3::assignmentRun(w, a.a, a.b);
    w.after(kcl3::assignmentInterval(appAt(w, a.a)), a);
    return;
  }
  takeLeases(w, a.a, a.b);
  w.after(takerInterval(appAt(w, a.a)), a);
}

void onLeaseDiscovered(World &w, const Action &a) {
  const Application &app = appAt(w, a.a);
  const Lease &l = app.leases[static_cast<std::size_t>(a.b)];
  if (l.readGen == a.c && ownsLive(app, l))
    beginReading(w, a.a, a.b);
}

void onReadShard(World &w, const Action &a) {
  Application &app = appAt(w, a.a);
  Lease &l = app.leases[static_cast<std::size_t>(a.b)];
  if (l.readGen != a.c || !ownsLive(app, l))
    return;
  l.readSentAt = w.now;
  l.readAnswerLost = false;
  const NodeId worker = app.workers[static_cast<std::size_t>(l.owner)].node;
  w.send(worker, endpointOf(w, app), TransferKind::GetRecordsRequest, l.shard, 0, 0, Action{ActionType::GetRecordsArrive, -1, -1, a.a, a.b, a.c},
         clientLatency(w));
}

/// The endpoint serves a GetRecords call (or, for fan-out, pushes an event) to the owner.
void serveRead(World &w, const Action &a, bool fanOut) {
  Application &app = appAt(w, a.a);
  Lease &l = app.leases[static_cast<std::size_t>(a.b)];
  if (l.readGen != a.c || !ownsLive(app, l))
    return;
  if (fanOut && subscriptionEnded(w, a.a, a.b)) {
    // The worker is told the subscription is complete and calls SubscribeToShard again,
    // continuing from the last record it received.
    w.after(clientLatency(w), Action{ActionType::FanOutPush, -1, -1, a.a, a.b, a.c});
    return;
  }
  if (fanOut && !l.subscribed && subscribeToShard(w, a.a, a.b) == SubscribeResult::Refused) {
    w.after(app.config.subscribeRetry, Action{ActionType::FanOutPush, -1, -1, a.a, a.b, a.c});
    return;
  }
  if (!l.hasIterator) {
    l.iterator = startingIterator(w, app, l);
    l.hasIterator = true;
  }
  const std::int32_t id = w.kinesis.reads.acquire();
  w.kinesis.reads[id] = readRecords(w, l.iterator, app.config.maxRecords, fanOut ? &app.fanOut[static_cast<std::size_t>(l.shard)] : nullptr);
  w.kinesis.reads[id].live = true;
  const ReadPayload &p = w.kinesis.reads[id];
  const NodeId worker = app.workers[static_cast<std::size_t>(l.owner)].node;
  w.send(endpointOf(w, app), worker, fanOut ? TransferKind::SubscribeToShardEvent : TransferKind::GetRecordsResponse, l.shard, 0,
         static_cast<std::int64_t>(p.records.size()), Action{ActionType::ReadResponseArrive, -1, -1, a.a, a.b, a.c, id}, clientLatency(w));
}

void onGetRecordsArrive(World &w, const Action &a) {
  if (w.arrive(a, appAt(w, a.a).leases[static_cast<std::size_t>(a.b)].shard))
    serveRead(w, a, false);
}

void onFanOutPush(World &w, const Action &a) { serveRead(w, a, true); }

void onGetRecordsTimeout(World &w, const Action &a) {
  Application &app = appAt(w, a.a);
  Lease &l = app.leases[static_cast<std::size_t>(a.b)];
  if (l.readGen != a.c || !l.readAnswerLost)
    return;
  l.readAnswerLost = false;
  onReadShard(w, Action{ActionType::ReadShard, -1, -1, a.a, a.b, a.c});
}

void onReadResponse(World &w, const Action &a) {
  Application &app = appAt(w, a.a);
  Lease &l = app.leases[static_cast<std::size_t>(a.b)];
  const auto payloadId = static_cast<std::int32_t>(a.d);
  const ReadPayload p = std::move(w.kinesis.reads[payloadId]);
  w.kinesis.reads.release(payloadId);
  const bool arrived = w.arrive(a, l.shard);
  if (!arrived && l.readGen == a.c && ownsLive(app, l) && !app.config.enhancedFanOut) {
    // The answer was lost: the call fails when kinesisRequestTimeout has passed since it was
    // made, and the KCL calls GetRecords again with the same iterator. Nothing is skipped
    // and nothing is read twice; the records come later.
    l.readAnswerLost = true;
    w.at(l.readSentAt + kGetRecordsTimeout, Action{ActionType::GetRecordsTimeout, -1, -1, a.a, a.b, a.c});
    return;
  }
  if (!arrived || l.readGen != a.c || !ownsLive(app, l))
    return; // the worker died or lost the lease: whatever it carried is not processed
  const NodeId worker = app.workers[static_cast<std::size_t>(l.owner)].node;
  const auto error = static_cast<ReadError>(p.error);
  if (error == ReadError::ExpiredIterator)
    l.hasIterator = false; // ask for a fresh one after what was processed
  if (error == ReadError::Throttled) {
    ++app.throttled;
    ++l.consecutiveReadThrottles;
  }
  if (app.deliveries.size() < w.kinesis.records.size())
    app.deliveries.resize(w.kinesis.records.size(), 0);
  for (std::size_t i = 0; i < p.records.size(); ++i) {
    std::uint8_t &times = app.deliveries[p.records[i]];
    times = times == 255 ? times : static_cast<std::uint8_t>(times + 1);
    if (times > 1) {
      ++app.duplicates;
      ++w.kinesis.counters.duplicatesDelivered;
    }
    ++app.consumed;
    ++w.kinesis.counters.consumed;
    if (app.pipeline >= 0)
      processForPipeline(w, app.pipeline, p.records[i]);
    l.processedCounter = p.counters[i];
    l.processedAny = true;
  }
  w.record(EventType::RecordsRead, worker, l.shard, static_cast<std::int64_t>(p.records.size()), p.millisBehindLatest,
           static_cast<std::uint8_t>(error));
  if (error == ReadError::None) {
    l.lastReadSuccessAt = w.now;
    l.consecutiveReadThrottles = 0;
    l.millisBehindLatest = p.millisBehindLatest;
    if (l.hasIterator && p.next)
      l.iterator = ShardIterator{l.shard, *p.next, w.now}; // NextShardIterator
    if (!p.next) {
      checkpoint(w, a.a, a.b, true); // SHARD_END: the children may now be leased
      l.owner = -1;
      ++l.readGen;
      return;
    }
    if (!p.records.empty() && w.now - l.lastCheckpointAt >= app.config.checkpointInterval)
      checkpoint(w, a.a, a.b, false);
  }
  const bool fanOut = app.config.enhancedFanOut;
  w.after(fanOut ? w.kinesis.config.efoPushInterval : nextPollDelay(w, app, l),
          Action{fanOut ? ActionType::FanOutPush : ActionType::ReadShard, -1, -1, a.a, a.b, a.c});
}

std::string checkpointText(const World &w, int a, int lease) {
  const Application &app = w.kinesis.apps[static_cast<std::size_t>(a)];
  const Lease &l = app.leases[static_cast<std::size_t>(lease)];
  switch (l.checkpoint) {
  case CheckpointKind::ShardEnd: return "SHARD_END";
  case CheckpointKind::Rewritten:
    switch (l.rewrittenType) {
    case IteratorType::TrimHorizon: return "TRIM_HORIZON";
    case IteratorType::Latest: return "LATEST";
    case IteratorType::AtTimestamp: return "AT_TIMESTAMP";
    case IteratorType::AtSequenceNumber: return "AT_SEQUENCE_NUMBER " + l.rewrittenSequence;
    case IteratorType::AfterSequenceNumber: return l.rewrittenSequence; // resume after it, as after a checkpoint
    }
    break;
  case CheckpointKind::Sequence: {
    return w.kinesis.shardAt(l.shard).sequenceOf(StoredRecord{l.checkpointCounter, l.checkpointArrival}).toDecimal();
  }
  case CheckpointKind::None: break;
  }
  switch (app.config.initialPosition) {
  case IteratorType::TrimHorizon: return "TRIM_HORIZON";
  case IteratorType::AtTimestamp: return "AT_TIMESTAMP";
  default: return "LATEST";
  }
}

} // namespace streamscope::engine::kinesis
