#pragma once
// A Java-client-like producer: creates records at its rate, picks partitions (murmur2 for
// keys, sticky for null keys), accumulates per-partition batches (batch.size, linger.ms),
// sends them per broker (produce_sender.h), and handles each partition's answer: acks,
// retries with back-off, request.timeout.ms and delivery.timeout.ms. acks=0 completes on send.
// Contract: called only on the thread that owns the World (Simulation's dispatch and fault routing); not thread-safe.
#include "engine/world/world.h"

#include <string>

namespace streamscope::engine::kafka {

/// Sets up producer `index` from the scenario (keys, partitioner) and schedules its start.
void startProducer(World &w, int index);
void setProducerRate(World &w, int index, double rate);
/// The application restarts its producer with new acks; batches sent from now on use them.
void setProducerAcks(World &w, int index, Acks acks);
/// (Re)builds the key pool from the config's keys and the topic's current partition count.
void useKeys(World &w, int index);
/// ConfigChanged `sub` for an acks change (topic settings use their TopicSetting value).
inline constexpr std::uint8_t kAcksChanged = 100;
/// ConfigChanged `sub` for a key-distribution change.
inline constexpr std::uint8_t kKeysChanged = 101;

/// A record the application hands over now (a pipeline's output), with `key` or none. Returns
/// its id, or -1 when the producer cannot take it now (crashed, or its transaction is ending).
std::int64_t produceRecord(World &w, int producer, const std::string *key);
/// Sends what partition `local` has ready (its transaction membership just arrived).
void sendReady(World &w, int producer, int local);
/// Fails every batch not yet sent (the producer epoch is gone: they can never be written).
void abandonQueuedBatches(World &w, int producer);

void onProducerTick(World &w, const Action &a);
void onProducerWake(World &w, const Action &a);
void onProduceRespondAfterFsync(World &w, const Action &a);
void onProduceResponse(World &w, const Action &a);
void onProduceRequestTimeout(World &w, const Action &a);

} // namespace streamscope::engine::kafka
