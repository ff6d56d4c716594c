#pragma once
// Which replication rules a Kafka version turns on by default, stated once: the scenario
// loader asks here for the defaults of "kafka.version", and each rule can then be set on
// its own. Sources: KAFKA-15583 (strict min ISR, in 3.7 and later) and the 4.0/4.1
// "Eligible Leader Replicas" operations pages (ELR available in 4.0, on by default in 4.1).
// Pure functions; any thread.
#include "engine/world/config_enums.h"
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

/// The versions a scenario may name, oldest first (index = KafkaVersion value).
inline std::vector<std::string_view> knownKafkaVersions() { return {"3.9", "4.0", "4.1"}; }

inline std::string_view kafkaVersionName(KafkaVersion v) { return knownKafkaVersions()[static_cast<std::size_t>(v)]; }

inline std::string_view defaultKafkaVersionName() { return kafkaVersionName(KafkaConfig{}.version); }

/// The version named `name`, or nullopt for a version StreamScope does not model.
inline std::optional<KafkaVersion> parseKafkaVersion(std::string_view name) {
  const std::vector<std::string_view> names = knownKafkaVersions();
  for (std::size_t i = 0; i < names.size(); ++i)
    if (names[i] == name)
      return static_cast<KafkaVersion>(i);
  return std::nullopt;
}

/// The default rules of `version`.
inline KafkaVersionRules rulesForKafkaVersion(KafkaVersion version) {
  switch (version) {
  case KafkaVersion::V3_9: return KafkaVersionRules{true, false};
  case KafkaVersion::V4_0: return KafkaVersionRules{true, false}; // ELR is there, but off unless enabled
  case KafkaVersion::V4_1: return KafkaVersionRules{true, true};
  }
  return {};
}

/// Sets `k` to `version` with that version's default rules.
inline void useKafkaVersion(KafkaConfig &k, KafkaVersion version) {
  const KafkaVersionRules rules = rulesForKafkaVersion(version);
  k.version = version;
  k.strictMinIsr = rules.strictMinIsr;
  k.eligibleLeaderReplicas = rules.eligibleLeaderReplicas;
}

/// ELR needs the 4.0 metadata (ELR records and fields); 3.9 cannot enable it.
inline bool eligibleLeaderReplicasAvailable(KafkaVersion version) { return version != KafkaVersion::V3_9; }

} // namespace streamscope::engine
