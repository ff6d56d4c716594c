#pragma once
// Messages in flight, read from the scheduler's pending arrivals once per frame: which kind,
// between which nodes, sent and arriving when, and what they carry. The decoding of the
// engine's packed actions lives here so the canvas only sees plain rows.
// GUI thread (built by WorldView); valid until the next frame.
#include "engine_types.h"

#include <cstdint>
#include <vector>

namespace streamscope::engine {
struct World;
}

namespace streamscope::model {

/// One end of a message as the canvas places it.
struct FlightEnd {
  NodeId node = -1;
  int broker = -1; ///< the Kafka broker this node is, or -1
  int shard = -1; ///< Kinesis reads: this end is the shard (its slot), not the node
};

struct FlightView {
  TransferKind kind = TransferKind::ProduceRequest;
  bool kinesis = false; ///< drawn in the Kinesis pane (else Kafka's)
  FlightEnd from, to;
  int partition = -1; ///< Kafka: the partition whose logs it goes between, or -1
  SimTime sentAt = 0, arrivesAt = 0;
  int records = 0; ///< records it carries (0: a request or an ack)
  bool dropped = false; ///< a drop_message fault will lose it
  std::uint64_t seq = 0; ///< the arrival's scheduler sequence number: stable while it flies
  /// 0 at the sender, 1 at the receiver.
  double progress(SimTime now) const;
};

/// Appends every message in flight at world.now, in the scheduler's order.
void collectFlightViews(const engine::World &world, std::vector<FlightView> &out);

} // namespace streamscope::model
