#include "engine/kafka/replica_fetcher.h"

#include "engine/kafka/record_ledger.h"
#include "engine/kafka/storage.h"

#include <algorithm>

namespace streamscope::engine::kafka {
namespace {

// replica.socket.timeout.ms: a fetch that gets no answer is sent again after this long.
constexpr SimTime kReplicaFetchTimeout = 30 * kSecond;

void sendFetch(World &w, int p, int slot) {
  Partition &part = w.kafka.partitions[static_cast<std::size_t>(p)];
  const int broker = part.replicas[static_cast<std::size_t>(slot)];
  const std::uint32_t gen = ++part.fetcherGen[static_cast<std::size_t>(slot)];
  if (part.leader < 0 || part.leader == broker || !w.kafka.brokers[static_cast<std::size_t>(broker)].running()) {
    part.fetcherActive[static_cast<std::size_t>(slot)] = 0;
    return;
  }
  part.fetcherActive[static_cast<std::size_t>(slot)] = 1;
  const ReplicaLog &log = part.logs[static_cast<std::size_t>(slot)];
  const std::int32_t packed = slot | ((log.latestEpoch() + 1) << 8);
  const NodeId from = w.kafka.brokers[static_cast<std::size_t>(broker)].node;
  const NodeId to = w.kafka.brokers[static_cast<std::size_t>(part.leader)].node;
  w.send(from, to, TransferKind::ReplicaFetchRequest, p, log.leo(), 0, Action{ActionType::ReplicaFetchArrive, -1, -1, p, packed, gen, log.leo()});
  w.after(kReplicaFetchTimeout, Action{ActionType::ReplicaFetchTimeout, -1, -1, p, slot, gen});
}

} // namespace

void startFollowing(World &w, int p, int broker) {
  const int slot = w.kafka.partitions[static_cast<std::size_t>(p)].slotOf(broker);
  if (slot >= 0)
    sendFetch(w, p, slot);
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
  const Partition &part = w.kafka.partitions[static_cast<std::size_t>(a.a)];
  if (static_cast<std::size_t>(a.b) < part.replicas.size() && part.fetcherGen[static_cast<std::size_t>(a.b)] == a.c)
    sendFetch(w, a.a, a.b);
}

void onReplicaFetchTimeout(World &w, const Action &a) {
  const Partition &part = w.kafka.partitions[static_cast<std::size_t>(a.a)];
  if (static_cast<std::size_t>(a.b) < part.replicas.size() && part.fetcherGen[static_cast<std::size_t>(a.b)] == a.c &&
      part.fetcherActive[static_cast<std::size_t>(a.b)])
    sendFetch(w, a.a, a.b);
}

void onReplicaFetchResponse(World &w, const Action &a) {
  const int p = a.a;
  const int slot = a.b;
  Partition &part = w.kafka.partitions[static_cast<std::size_t>(p)];
  FetchPayload payload = std::move(w.kafka.payloads[static_cast<std::int32_t>(a.d)]);
  w.kafka.payloads.release(static_cast<std::int32_t>(a.d));
  if (static_cast<std::size_t>(slot) >= part.replicas.size()) { // the replica was reassigned away
    w.arrive(a, p);
    return;
  }
  const int broker = part.replicas[static_cast<std::size_t>(slot)];
  const bool current = part.fetcherGen[static_cast<std::size_t>(slot)] == a.c && w.kafka.brokers[static_cast<std::size_t>(broker)].running();
  if (!w.arrive(a, p) || !current)
    return;
  ReplicaLog &log = part.logs[static_cast<std::size_t>(slot)];

  if (payload.diverged) {
    // Truncate to where the leader's history and ours agree, then fetch again. Without a
    // common epoch, only the prefix below our high watermark is known to be shared.
    const EpochEnd leaderEnd = payload.diverging;
    const Offset to = leaderEnd.epoch >= 0 ? std::min(leaderEnd.endOffset, log.endOffsetForEpoch(leaderEnd.epoch).endOffset) : log.highWatermark();
    truncateReplica(w, p, broker, std::max<Offset>(to, log.logStart()));
    sendFetch(w, p, slot);
    return;
  }
  if (payload.error == ErrorCode::OffsetOutOfRange) {
    // Below the leader's log start: the leader deleted it by retention; start over there.
    const std::vector<LogEntry> removed = log.resetTo(payload.logStart);
    noteRemoved(w, p, removed, Removal::Deleted);
    sendFetch(w, p, slot);
    return;
  }
  SimTime readyAt = w.now;
  if (!payload.entries.empty())
    readyAt = appendToReplica(w, p, broker, payload.entries);
  const Offset hw = std::min(payload.highWatermark, log.leo());
  if (hw > log.highWatermark()) {
    log.setHighWatermark(hw);
    w.record(EventType::HighWatermark, broker, p, log.highWatermark());
  }
  if (readyAt > w.now) // flush.messages made this follower fsync before it fetches again
    w.at(readyAt, Action{ActionType::FollowerFetch, -1, -1, p, slot, part.fetcherGen[static_cast<std::size_t>(slot)]});
  else
    sendFetch(w, p, slot);
}

} // namespace streamscope::engine::kafka
