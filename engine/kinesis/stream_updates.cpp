#include "engine/kinesis/stream_updates.h"

#include "engine/kinesis/kcl_application.h"
#include "engine/kinesis/on_demand_capacity.h"
#include "engine/kinesis/reshard_plan.h"
#include "engine/kinesis/stream_topology.h"

#include <algorithm>

namespace streamscope::engine::kinesis {
namespace {

constexpr SimTime kDay = 24LL * 3600 * kSecond;

Stream &streamAt(World &w, int s) { return w.kinesis.streams[static_cast<std::size_t>(s)]; }

std::string streamWords(const Stream &st) { return "stream " + st.config.name + " under account " + kAccountId; }

/// SplitShard, MergeShards and UpdateShardCount are for provisioned streams only.
std::optional<std::string> provisionedOnly(const Stream &st, std::string_view operation) {
  if (st.capacity.mode == CapacityMode::Provisioned)
    return std::nullopt;
  return "ValidationException: " + std::string(operation) + " is only supported for data streams with the provisioned capacity mode; " +
      streamWords(st) + " is ON_DEMAND.";
}

std::optional<std::string> notActive(const Stream &st) {
  if (st.capacity.status == StreamStatus::Active)
    return std::nullopt;
  return "ResourceInUseException: Stream " + st.config.name + " under account " + kAccountId + " not ACTIVE, instead in state UPDATING";
}

/// Calls accepted in the rolling 24 hours before now, forgetting older ones.
int callsInLastDay(std::vector<SimTime> &calls, SimTime now) {
  std::erase_if(calls, [&](SimTime t) { return t <= now - kDay; });
  return static_cast<int>(calls.size());
}

std::string rateExceeded(const Stream &st) { return "LimitExceededException: Rate exceeded for " + streamWords(st) + "."; }

void reshardTo(World &w, int stream, int target) {
  while (const std::optional<Fault> step = nextReshardStep(w, stream, target)) {
    if (const auto *split = step->as<SplitShard>())
      splitShard(w, stream, split->shard, split->newStartingHashKey);
    else if (const auto *merge = step->as<MergeShards>())
      mergeShards(w, stream, merge->shard, merge->adjacentShard);
  }
}

} // namespace

std::string_view capacityModeName(CapacityMode mode) { return mode == CapacityMode::OnDemand ? "ON_DEMAND" : "PROVISIONED"; }

void beginUpdate(World &w, int stream, StreamUpdate update, SimTime duration) {
  Stream &st = streamAt(w, stream);
  update.startedAt = w.now;
  update.until = w.now + duration;
  st.capacity.status = StreamStatus::Updating;
  st.capacity.update = std::move(update);
  ++st.capacity.updateSerial;
  w.at(st.capacity.update.until, Action{ActionType::StreamUpdateDone, -1, -1, stream, -1, st.capacity.updateSerial});
  w.record(EventType::StreamStatusChanged, st.endpoint, -1, stream, 1, static_cast<std::uint8_t>(st.capacity.update.kind));
}

std::optional<std::string> requestSplitShard(World &w, int stream, int shardIndex, std::string_view newStartingHashKey) {
  const Stream &st = streamAt(w, stream);
  if (auto refused = provisionedOnly(st, "SplitShard"))
    return refused;
  if (auto refused = notActive(st))
    return refused;
  if (auto refused = splitShardError(w, stream, shardIndex, newStartingHashKey))
    return refused;
  StreamUpdate u;
  u.kind = StreamUpdateKind::SplitShard;
  u.shard = shardIndex;
  u.newStartingHashKey = std::string(newStartingHashKey);
  beginUpdate(w, stream, std::move(u), st.config.reshardTime);
  return std::nullopt;
}

std::optional<std::string> requestMergeShards(World &w, int stream, int shardIndex, int adjacentShardIndex) {
  const Stream &st = streamAt(w, stream);
  if (auto refused = provisionedOnly(st, "MergeShards"))
    return refused;
  if (auto refused = notActive(st))
    return refused;
  if (auto refused = mergeShardsError(w, stream, shardIndex, adjacentShardIndex))
    return refused;
  StreamUpdate u;
  u.kind = StreamUpdateKind::MergeShards;
  u.shard = shardIndex;
  u.adjacentShard = adjacentShardIndex;
  beginUpdate(w, stream, std::move(u), st.config.reshardTime);
  return std::nullopt;
}

std::optional<std::string> requestShardCount(World &w, int stream, int targetShards) {
  Stream &st = streamAt(w, stream);
  if (auto refused = provisionedOnly(st, "UpdateShardCount"))
    return refused;
  if (auto refused = notActive(st))
    return refused;
  const int open = openShardCount(w, stream);
  const std::string counts = ". Current open shard count: " + std::to_string(open) + ", Target shard count: " + std::to_string(targetShards);
  if (targetShards > kMaxShardsPerStream)
    return "LimitExceededException: Target shard count or number of open shards cannot be greater than " + std::to_string(kMaxShardsPerStream) +
        counts;
  if (targetShards > 2 * open)
    return "LimitExceededException: UpdateShardCount cannot scale up over double your current open shard count" + counts;
  if (2 * targetShards < open)
    return "LimitExceededException: UpdateShardCount cannot scale down below half your current open shard count" + counts;
  if (callsInLastDay(st.capacity.shardCountCalls, w.now) >= kShardCountUpdatesPerDay)
    return rateExceeded(st);
  st.capacity.shardCountCalls.push_back(w.now);
  StreamUpdate u;
  u.kind = StreamUpdateKind::UpdateShardCount;
  u.targetShards = targetShards;
  beginUpdate(w, stream, std::move(u), st.config.reshardTime);
  return std::nullopt;
}

std::optional<std::string> requestCapacityMode(World &w, int stream, CapacityMode mode) {
  Stream &st = streamAt(w, stream);
  if (auto refused = notActive(st))
    return refused;
  if (st.capacity.mode == mode)
    return "ValidationException: " + streamWords(st) + " is already in " + std::string(capacityModeName(mode)) + " capacity mode.";
  if (callsInLastDay(st.capacity.modeSwitches, w.now) >= kModeSwitchesPerDay)
    return rateExceeded(st);
  st.capacity.modeSwitches.push_back(w.now);
  StreamUpdate u;
  u.kind = StreamUpdateKind::UpdateStreamMode;
  u.mode = mode;
  beginUpdate(w, stream, std::move(u), st.config.reshardTime);
  return std::nullopt;
}

void onStreamUpdateDone(World &w, const Action &a) {
  Stream &st = streamAt(w, a.a);
  if (st.capacity.status != StreamStatus::Updating || st.capacity.updateSerial != a.c)
    return;
  const StreamUpdate u = st.capacity.update;
  switch (u.kind) {
  case StreamUpdateKind::SplitShard: splitShard(w, a.a, u.shard, u.newStartingHashKey); break;
  case StreamUpdateKind::MergeShards: mergeShards(w, a.a, u.shard, u.adjacentShard); break;
  case StreamUpdateKind::UpdateShardCount:
  case StreamUpdateKind::OnDemandScaleUp: reshardTo(w, a.a, u.targetShards); break;
  case StreamUpdateKind::UpdateStreamMode:
  case StreamUpdateKind::None: break;
  }
  st.capacity.status = StreamStatus::Active;
  st.capacity.update = StreamUpdate{};
  if (u.kind == StreamUpdateKind::OnDemandScaleUp)
    ++st.capacity.scaleUps;
  w.record(EventType::StreamStatusChanged, st.endpoint, -1, a.a, 0, static_cast<std::uint8_t>(u.kind));
  addLeasesForNewShards(w, a.a);
  if (u.kind == StreamUpdateKind::UpdateStreamMode) {
    st.capacity.mode = u.mode;
    // Either way the stream keeps the shards it has; on-demand, Kinesis manages them from now on.
    if (u.mode == CapacityMode::OnDemand)
      startOnDemand(w, a.a, openShardCount(w, a.a));
    else
      stopOnDemand(w, a.a);
  }
  if (st.capacity.mode == CapacityMode::OnDemand)
    scaleOnDemandIfNeeded(w, a.a);
}

} // namespace streamscope::engine::kinesis
