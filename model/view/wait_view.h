#pragma once
// Clients that are stuck waiting, as the UI sees them in one frame: what each waits for,
// since when, when it gives up (or retries, or looks again) and the setting that decides it.
// Only waits that have lasted kNoticeableWait past the moment a healthy system would have
// ended them are listed, so the everyday milliseconds of a request in flight never flicker
// on screen. One row per client: its longest wait.
// GUI thread (built by WorldView); valid until the next frame.
#include "engine_types.h"
#include "model/explain/world_item.h"

#include <string>
#include <vector>

namespace streamscope::engine {
struct World;
}

namespace streamscope::model {

/// A wait is a stall once it has lasted this long past its expected end.
inline constexpr SimTime kNoticeableWait = kSecond;

struct WaitView {
  WorldItem client; ///< KafkaProducer, Member, Group, KinesisProducer or Application
  std::string clientName; ///< "producer api", "member 0 of ledger"
  WaitReason reason = WaitReason::ProduceResponse;
  std::string target; ///< what it waits for, short: "broker 0", "a leader for orders-2"
  std::string what; ///< in full: "produce response from broker 0 for orders-2"
  std::string subject; ///< the partition or shard concerned ("orders-2"), may be empty
  std::string other; ///< the dead member or worker a SessionExpiry/LeaseExpiry waits on
  int broker = -1; ///< the Kafka broker waited on, -1 = none
  SimTime since = 0, expectedBy = 0, until = 0;
  std::string setting; ///< "request.timeout.ms"
  SimTime settingValue = 0;
  SimTime finalDeadline = -1; ///< Kafka producers: delivery.timeout.ms ends every retry then
  std::int64_t records = 0;
  bool answerLost = false; ///< the server answered but the answer was lost on the wire
  int more = 0; ///< further waits of the same client not shown in this row

  /// When the client got stuck: `since`, or earlier when this is a retry of a request that
  /// was stuck before (its records have waited since they were made).
  SimTime stuckSince() const { return expectedBy < since ? expectedBy : since; }
  /// How long it has been stuck at `now`.
  SimTime waited(SimTime now) const { return now - stuckSince(); }
};

/// The stalled clients of `world`, longest wait first.
void collectWaitViews(const engine::World &world, std::vector<WaitView> &out);

} // namespace streamscope::model
