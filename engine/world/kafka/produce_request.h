#pragma once
// A ProduceRequest in flight: as Kafka's Sender does, a producer drains the ready batches of
// every partition led by one broker into one request (at most one batch per partition), and
// the leader answers once, when every partition of the request is done or timed out.
// Contract: plain copyable values inside KafkaState (part of every snapshot).
#include "engine/core/event.h"
#include "engine/core/sim_time.h"

#include <cstdint>
#include <vector>

namespace streamscope::engine::kafka {

/// The outcome of one partition of a produce request.
struct PartitionResult {
  std::int32_t batch = -1;
  std::int32_t partition = -1;
  std::uint32_t attempt = 0; ///< the batch's attempt this request carries
  ErrorCode error = ErrorCode::None;
  Offset base = -1;
  SimTime readyAt = 0; ///< the append's fsync (flush.messages) completes then
  bool waiting = false; ///< acks=all: in the leader's purgatory
};

struct ProduceRequest {
  std::vector<PartitionResult> parts; ///< the first is the request's head batch
  std::int32_t producer = -1;
  int broker = -1;
  int waiting = 0; ///< partitions still in purgatory
  bool answered = false; ///< the leader has sent its response (or, acks=0, has none to send)
  bool live = false;
};

} // namespace streamscope::engine::kafka
