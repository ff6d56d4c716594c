#include "run_counters.h"

#include "engine/sim/report.h"

namespace streamscope::model {

RunCounters runCounters(const SimulationController &controller) {
  const auto &c = controller.world().kafka.counters;
  const auto &k = controller.world().kinesis.counters;
  return {c.produced + k.produced,
          c.acknowledged + k.acknowledged,
          engine::acknowledgedLost(controller.world()), // what a lesson's {{acknowledged_lost}} says
          c.consumed + k.consumed,
          c.duplicatesDelivered + k.duplicatesDelivered,
          k.throttledWrites,
          k.throttledReads};
}

} // namespace streamscope::model
