#pragma once
// Random scenarios and fault schedules from a seed, for checking the engine's invariants
// over many runs. The same family and seed always give the same scenario, so any failure
// is reproduced from the two numbers a report prints.
// Contract: pure functions of family and seed; any thread.
#include "engine/world/scenario.h"

#include <optional>
#include <string>
#include <string_view>

namespace streamscope::engine::check {

enum class RunFamily {
  KafkaSafe, ///< acks=all, RF >= 3, min ISR >= 2, clean election, one faulty broker at a time
  KafkaAnything, ///< any settings, overlapping faults, power loss of every broker
  Kinesis, ///< one zone out at a time, worker deaths, splits and merges
  Acks1PowerLoss, ///< acks=1, lagging followers, the leader of partition 0 loses power
  UncleanElection, ///< followers fall out of the ISR, the leader crashes, unclean election
  AllBrokersPowerLoss, ///< every broker loses power before the OS writes the page cache back
  KafkaIdempotentDrops, ///< idempotent acks=all producer, lost responses, timeouts, leader changes
  KafkaTransactions, ///< a transactional producer and an exactly-once pipeline, crashed and restarted, read_committed readers
  ShareGroups, ///< kafka-safe's cluster and faults read by a share group (KIP-932) with member churn
  KinesisKcl3, ///< a KCL 3 application on skewed shards: workers added, removed, killed (the leader too), reshards
};

struct GeneratedRun {
  Scenario scenario;
  bool promisesNoLoss = false; ///< the real system guarantees no acknowledged record is lost
  SimTime settle = -1; ///< records acknowledged this long before the end must be processed (-1: not checked)
  SimTime faultAt = -1; ///< loss families: when the losing fault strikes
  bool promisesNoStoredDuplicates = false; ///< the idempotent producer never stores a record twice
  bool promisesExactlyOnce = false; ///< exactly-once pipelines never show an input's output twice
};

GeneratedRun randomRun(RunFamily family, std::uint64_t seed);

std::string_view familyName(RunFamily family);
std::optional<RunFamily> familyFromName(std::string_view name);
inline constexpr RunFamily kAllFamilies[] = {RunFamily::KafkaSafe,
                                             RunFamily::KafkaAnything,
                                             RunFamily::Kinesis,
                                             RunFamily::Acks1PowerLoss,
                                             RunFamily::UncleanElection,
                                             RunFamily::AllBrokersPowerLoss,
                                             RunFamily::KafkaIdempotentDrops,
                                             RunFamily::KafkaTransactions,
                                             RunFamily::ShareGroups,
                                             RunFamily::KinesisKcl3};

} // namespace streamscope::engine::check
