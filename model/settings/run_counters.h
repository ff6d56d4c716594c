#pragma once
// The run's totals for the status bar, both systems together: only Kafka loses acknowledged
// records and only Kinesis throttles, so those two come from one system each. Plain values.
// GUI thread (reads the controller's world).
#include "model/simulation_controller.h"

#include <cstdint>

namespace streamscope::model {

struct RunCounters {
  std::int64_t produced = 0, acknowledged = 0, acknowledgedButLost = 0, consumed = 0, duplicates = 0, throttled = 0;
};

/// The totals now. REQUIRES: controller.hasSimulation().
RunCounters runCounters(const SimulationController &controller);

} // namespace streamscope::model
