#include "run_counters.h"

namespace streamscope::model {

RunCounters runCounters(const SimulationController &controller) {
  const auto &c = controller.world().kafka.counters;
  const auto &k = controller.world().kinesis.counters;
  return {c.produced + k.produced,
          c.acknowledged + k.acknowledged,
          c.lostSeen,
          c.consumed + k.consumed,
          c.duplicatesDelivered + k.duplicatesDelivered,
          k.throttledWrites + k.throttledReads};
}

} // namespace streamscope::model
