#pragma once
// The configuration rules that several layers check or print, stated once: what a setting is
// called, and which combinations Kafka refuses. Loaders, the settings dock, the engine's admin
// operations and the canvas all ask here. Pure functions; any thread.
#include "engine/world/scenario.h"

#include <optional>
#include <string>

namespace streamscope::engine {

/// "all", "1" or "0", as in a Kafka producer's properties.
inline const char *acksName(Acks acks) {
  switch (acks) {
  case Acks::None: return "0";
  case Acks::Leader: return "1";
  case Acks::All: break;
  }
  return "all";
}

/// "acks=all", "acks=1" or "acks=0".
inline std::string acksSetting(Acks acks) { return std::string("acks=") + acksName(acks); }

/// The idempotent producer needs acks=all (the Java client refuses the combination).
inline bool idempotenceAllowed(Acks acks) { return acks == Acks::All; }

/// Whether `brokers` registered brokers can hold `replicationFactor` replicas of a partition.
inline bool replicationFactorFits(int replicationFactor, int brokers) { return replicationFactor >= 1 && replicationFactor <= brokers; }

/// The broker's refusal of a replication factor it cannot place, or nullopt if it fits.
inline std::optional<std::string> replicationFactorError(int replicationFactor, int brokers) {
  if (replicationFactorFits(replicationFactor, brokers))
    return std::nullopt;
  return "InvalidReplicationFactorException: Replication factor: " + std::to_string(replicationFactor) +
      " larger than available brokers: " + std::to_string(brokers) + ".";
}

/// min.insync.replicas above the replication factor: every acks=all write fails with
/// NOT_ENOUGH_REPLICAS (Kafka accepts the setting; it is a warning, not an error).
inline bool minIsrUnreachable(int minInsyncReplicas, int replicationFactor) { return minInsyncReplicas > replicationFactor; }

} // namespace streamscope::engine
