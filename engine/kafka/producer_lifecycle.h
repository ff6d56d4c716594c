#pragma once
// A producer application's process dying and starting again. crash_producer stops it where
// it is: nothing more is created or sent, and answers to its requests find nobody.
// restart_producer starts a new instance: a new producer id (or, with a transactional.id,
// the same id and a new epoch from InitProducerId, which fences the old instance and aborts
// its open transaction). The old instance comes back as a zombie: after `zombie_ms` it sends
// the batches it still held, once, with its old producer id and epoch.
// Contract: called only on the thread that owns the World (Simulation's dispatch and fault routing); not thread-safe.
#include "engine/world/world.h"

namespace streamscope::engine::kafka {

void crashProducer(World &w, int producer);
/// Starts a new instance; the old one comes back `zombieAfter` later (-1: never).
void restartProducer(World &w, int producer, SimTime zombieAfter);
/// The zombie's request was answered: it never retries.
void zombieBatchAnswered(World &w, std::int32_t batch, ErrorCode error);

void onZombieWake(World &w, const Action &a);

} // namespace streamscope::engine::kafka
