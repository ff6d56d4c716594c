#pragma once
// A Kinesis producer: records buffered like the KPL's, sent as PutRecords calls of at most
// 500 records and 5 MiB; entries refused with ProvisionedThroughputExceeded go back to the
// front of the buffer and are retried after an exponential back-off. Kinesis has no
// idempotent producer: a put whose answer is lost is sent again and may be stored twice.
// Contract: called only on the thread that owns the World (Simulation's dispatch and fault routing); not thread-safe.
#include "engine/world/world.h"

#include <string>

namespace streamscope::engine::kinesis {

void startProducer(World &w, int index);
void setProducerRate(World &w, int index, double rate);
/// (Re)builds the partition-key pool from the producer's config.
void useKeys(World &w, int index);

/// A record the application hands over now (a pipeline's output) with partition key `key`.
/// Returns its id.
std::int64_t produceRecord(World &w, int producer, const std::string &key);

void onProducerTick(World &w, const Action &a);
void onProducerWake(World &w, const Action &a);
void onPutResponse(World &w, const Action &a);
void onPutTimeout(World &w, const Action &a);

} // namespace streamscope::engine::kinesis
