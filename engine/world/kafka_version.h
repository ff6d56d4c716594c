#pragma once
// Which replication rules a Kafka version turns on by default, stated once: the scenario
// loader asks here for the defaults of "kafka.version", and each rule can then be set on
// its own. Sources: KAFKA-15583 (strict min ISR, in 3.7 and later) and the 4.0/4.1
// "Eligible Leader Replicas" operations pages (ELR available in 4.0, on by default in 4.1).
// Pure functions; any thread.
#include "engine/world/scenario.h"

#include <optional>
#include <string_view>
#include <vector>

namespace streamscope::engine {

struct KafkaVersionRules {
  /// The high watermark does not advance while the ISR is below min.insync.replicas.
  bool strictMinIsr = true;
  /// The controller keeps eligible leader replicas (KIP-966) and elects from them.
  bool eligibleLeaderReplicas = true;
};

inline constexpr std::string_view kDefaultKafkaVersion = "4.1";

/// The versions a scenario may name, oldest first.
inline std::vector<std::string_view> knownKafkaVersions() { return {"3.9", "4.0", "4.1"}; }

/// The default rules of `version`, or nullopt for a version StreamScope does not model.
inline std::optional<KafkaVersionRules> rulesForKafkaVersion(std::string_view version) {
  if (version == "3.9")
    return KafkaVersionRules{true, false};
  if (version == "4.0")
    return KafkaVersionRules{true, false}; // ELR is there, but off unless enabled
  if (version == "4.1")
    return KafkaVersionRules{true, true};
  return std::nullopt;
}

/// Sets `k` to `version` with that version's default rules; false (and `k` unchanged) for an
/// unknown version.
inline bool useKafkaVersion(KafkaConfig &k, std::string_view version) {
  const std::optional<KafkaVersionRules> rules = rulesForKafkaVersion(version);
  if (!rules)
    return false;
  k.version = std::string(version);
  k.strictMinIsr = rules->strictMinIsr;
  k.eligibleLeaderReplicas = rules->eligibleLeaderReplicas;
  return true;
}

/// ELR needs the 4.0 metadata (ELR records and fields); 3.9 cannot enable it.
inline bool eligibleLeaderReplicasAvailable(std::string_view version) { return version != "3.9"; }

} // namespace streamscope::engine
