#pragma once
// The run's totals for the status bar, both systems together. Acknowledged-but-lost counts
// the records lost right now, as the report and a lesson's {{acknowledged_lost}} do: a record
// that vanished from a dead leader but was still on its way to a follower is not lost once it
// lands there. Only Kinesis throttles. Plain values.
// GUI thread (reads the controller's world).
#include "model/simulation_controller.h"

#include <cstdint>

namespace streamscope::model {

struct RunCounters {
  std::int64_t produced = 0, acknowledged = 0, acknowledgedButLost = 0, consumed = 0, duplicates = 0;
  std::int64_t throttled = 0; ///< Kinesis writes refused for the write limits
  std::int64_t readThrottled = 0; ///< Kinesis GetRecords calls refused for the shared read limits
};

/// The totals now. REQUIRES: controller.hasSimulation().
RunCounters runCounters(const SimulationController &controller);

} // namespace streamscope::model
