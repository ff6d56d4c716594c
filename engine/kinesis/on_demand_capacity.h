#pragma once
// On-demand capacity, as StreamScope models it (docs/fidelity.md): Kinesis averages the
// stream's accepted writes over windows of `on_demand_window_ms`, remembers the highest window
// as the peak (in shards' worth: 1 MiB/s or 1,000 records/s each), and keeps room for double
// that peak: when max(floor, ceil(2 × peak)) exceeds the open shards and the stream is ACTIVE,
// it splits every open shard in two, as often as needed to reach it (at most 200 shards),
// which keeps the stream UPDATING for `on_demand_scale_ms`. Traffic that more than doubles faster than that is
// throttled meanwhile. There is no scale-down (AWS scales down over about a day).
// Contract: called only on the thread that owns the World (Simulation's dispatch and fault routing); not thread-safe.
#include "engine/world/world.h"

namespace streamscope::engine::kinesis {

/// Stream `stream` is (now) on-demand with at least `floorShards` open shards: measuring starts.
void startOnDemand(World &w, int stream, int floorShards);
/// Stream `stream` went back to provisioned: measuring stops.
void stopOnDemand(World &w, int stream);
void onOnDemandWindow(World &w, const Action &a);
/// The open shards an on-demand stream keeps for its peak: max(floor, ceil(2 × peak)), at most 200.
int onDemandTargetShards(const StreamCapacity &c);
/// Begins a scale-up if the target exceeds the open shards and the stream is ACTIVE.
void scaleOnDemandIfNeeded(World &w, int stream);
/// Counts an accepted write towards the current window.
inline void countAcceptedWrite(StreamCapacity &c, double bytes) {
  c.windowBytes += bytes;
  c.windowRecords += 1;
}

} // namespace streamscope::engine::kinesis
