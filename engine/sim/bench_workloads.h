#pragma once
// The engine workloads of the performance targets (docs/benchmarks.md), as scenarios: the
// one definition `streamscope-cli bench`, the benchmarks and the big-world tests all run.
//   K1  Kafka: 3 brokers, 1 topic of 6 partitions, RF 3, min ISR 2, acks=all, N records of
//       100 bytes with 10,000 keys, consumed by a 3-member group.
//   K2  K1 with a power loss of broker 1 halfway and its restart 5 s later.
//   KT  K1 with a transactional producer (a transaction every 100 ms, Kafka Streams'
//       exactly-once commit interval) and a read_committed group.
//   N1  Kinesis: 4 shards, N records just under the shards' write limits, one KCL application
//       with 4 workers.
//   S1  The same N records into K1's cluster and N1's stream.
//   B1  K1 on a big cluster: 100 brokers, 3,000 partitions.
//   N2  N1 on a big stream: 1,000 shards written at 900,000 records/s, a KCL application of 50
//       workers.
// Contract: pure functions of their arguments.
#include "engine/world/scenario.h"

#include <cstdint>
#include <string_view>

namespace streamscope::engine {

/// The cluster K1, K2 and KT run on (B1 always has its own 100 brokers and 3,000 partitions).
struct WorkloadShape {
  int brokers = 3;
  int partitions = 6;
};

/// Whether `name` is one of K1, K2, KT, N1, S1, B1 and N2.
bool isBenchWorkload(std::string_view name);
/// The shape `name` runs on: `shape`, or B1's own.
WorkloadShape benchShape(std::string_view name, WorkloadShape shape);
/// The workload `name` producing `records` records. REQUIRES: isBenchWorkload(name).
Scenario benchWorkload(std::string_view name, std::int64_t records, WorkloadShape shape = {});

} // namespace streamscope::engine
