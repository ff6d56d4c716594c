#pragma once
// When a polling KCL worker calls GetRecords again. The KCL sleeps until idleTimeBetweenReads
// has passed since its last successful call (KinesisSleepTimeController); a throttled call
// (ProvisionedThroughputExceededException) is first retried by the AWS SDK, which treats it
// as a throttling error: back-off doubling from readThrottleBackoff with equal jitter (half
// fixed, half random, as the SDK's throttling back-off), readAttempts attempts in all; when they are spent the KCL logs the exception and calls again at once (its idle
// time permitting), and the SDK starts over.
// Contract: called only on the thread that owns the World (it draws from the World's random numbers).
#include "engine/world/world.h"

namespace streamscope::engine::kinesis {

/// The wait before the next GetRecords of lease `l` (whose latest call just got its answer).
SimTime nextPollDelay(World &w, const Application &app, const Lease &l);

} // namespace streamscope::engine::kinesis
