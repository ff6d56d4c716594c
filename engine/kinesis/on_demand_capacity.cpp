#include "engine/kinesis/on_demand_capacity.h"

#include "engine/kinesis/reshard_plan.h"
#include "engine/kinesis/stream_updates.h"

#include <algorithm>
#include <cmath>

namespace streamscope::engine::kinesis {
namespace {

Stream &streamAt(World &w, int s) { return w.kinesis.streams[static_cast<std::size_t>(s)]; }

void scheduleWindow(World &w, int stream) {
  const Stream &st = streamAt(w, stream);
  w.after(st.config.onDemandWindow, Action{ActionType::OnDemandWindow, -1, -1, stream, -1, st.capacity.windowLoop});
}

} // namespace

void startOnDemand(World &w, int stream, int floorShards) {
  StreamCapacity &c = streamAt(w, stream).capacity;
  c.mode = CapacityMode::OnDemand;
  c.baseShards = floorShards;
  c.peakShards = 0;
  c.windowBytes = c.windowRecords = 0;
  ++c.windowLoop;
  scheduleWindow(w, stream);
}

void stopOnDemand(World &w, int stream) {
  StreamCapacity &c = streamAt(w, stream).capacity;
  c.mode = CapacityMode::Provisioned;
  ++c.windowLoop; // the pending window finds a newer generation and ends the loop
}

int onDemandTargetShards(const StreamCapacity &c) {
  // A hair below a whole number counts as it: 2 x 1.9999999 shards' worth needs 4 shards, not 5.
  const int forPeak = static_cast<int>(std::ceil(2 * c.peakShards - 1e-9));
  return std::min(kOnDemandMaxShards, std::max(c.baseShards, forPeak));
}

void scaleOnDemandIfNeeded(World &w, int stream) {
  const Stream &st = streamAt(w, stream);
  const int needed = onDemandTargetShards(st.capacity);
  const int open = openShardCount(w, stream);
  if (st.capacity.mode != CapacityMode::OnDemand || st.capacity.status != StreamStatus::Active || needed <= open)
    return;
  // Every open shard splits in two, as often as needed: equal shards stay equal, so the keys stay evenly spread.
  int target = open;
  while (target < needed)
    target *= 2;
  target = std::min(target, kOnDemandMaxShards);
  StreamUpdate u;
  u.kind = StreamUpdateKind::OnDemandScaleUp;
  u.targetShards = target;
  beginUpdate(w, stream, std::move(u), st.config.onDemandScaleTime);
}

void onOnDemandWindow(World &w, const Action &a) {
  StreamCapacity &c = streamAt(w, a.a).capacity;
  if (c.mode != CapacityMode::OnDemand || c.windowLoop != a.c)
    return;
  const double seconds = static_cast<double>(streamAt(w, a.a).config.onDemandWindow) / kSecond;
  const double shardsWorth = std::max(c.windowBytes / (kWriteBytesPerSecond * seconds), c.windowRecords / (kWriteRecordsPerSecond * seconds));
  c.peakShards = std::max(c.peakShards, shardsWorth);
  c.windowBytes = c.windowRecords = 0;
  scaleOnDemandIfNeeded(w, a.a);
  scheduleWindow(w, a.a);
}

} // namespace streamscope::engine::kinesis
