#pragma once
// Consume-transform-produce pipelines: the link between a pipeline's consumer and producer.
// A Kafka pipeline turns what its group fetched into outputs every few milliseconds (waiting
// while its transaction is being committed) and, exactly-once, hands the input offsets to
// that transaction. A Kinesis pipeline's record processor writes its outputs as it processes
// (kcl_application). crash_producer and restart_producer on a Kafka pipeline stop and start
// the whole application: consumer and producer.
// Contract: called only on the thread that owns the World (Simulation's dispatch and fault routing); not thread-safe.
#include "engine/world/world.h"

#include <string>
#include <vector>

namespace streamscope::engine {

/// Links each pipeline to its consumer and producer and schedules its work.
void startPipelines(World &w);
/// The pipeline named `name` (its producer's name), or -1.
int pipelineNamed(const World &w, const std::string &name);
void crashPipeline(World &w, int pipeline);
void restartPipeline(World &w, int pipeline, SimTime zombieAfter);
/// Per pipeline: outputs visible downstream beyond the first for one input. In Kafka
/// those a read_committed reader sees (not in an aborted or open transaction), in Kinesis the
/// acknowledged copies in the output stream.
std::vector<std::int64_t> duplicatesProcessed(const World &w);

void onPipelineTick(World &w, const Action &a);

} // namespace streamscope::engine
