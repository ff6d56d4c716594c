#include "engine/kinesis/polling_backoff.h"

#include <algorithm>

namespace streamscope::engine::kinesis {

SimTime nextPollDelay(World &w, const Application &app, const Lease &l) {
  const SimTime now = w.now;
  const SimTime idle = app.config.idleTimeBetweenReads;
  const SimTime idleLeft = l.lastReadSuccessAt < 0 ? idle : std::max<SimTime>(0, l.lastReadSuccessAt + idle - now);
  if (l.consecutiveReadThrottles == 0)
    return idle;
  const int attempts = std::max(1, app.config.readAttempts);
  const int attempt = (l.consecutiveReadThrottles - 1) % attempts + 1; // this KCL call's attempts so far
  if (attempt >= attempts)
    return idleLeft; // the SDK gave up: the KCL calls again
  const SimTime backoff = app.config.readThrottleBackoff << (attempt - 1);
  return backoff / 2 + w.rng.between(0, backoff / 2);
}

} // namespace streamscope::engine::kinesis
