#pragma once
// What the settings dock shows and edits, read from the running world in one go: brokers,
// topic configurations, producers' acks, rate and keys, live consumers per group or KCL
// application, and open shards per stream. Plain values (copies), so the dock never holds on
// to engine state. Also the next resharding step, from the engine's reshard plan.
// GUI thread (reads the controller's world).
#include "model/simulation_controller.h"

#include <QString>
#include <QStringList>

#include <cstdint>
#include <optional>
#include <vector>

namespace streamscope::model {

struct TopicSettings {
  int index = -1; ///< in the world's topic list (deleted topics keep their index, unlisted)
  QString name;
  int partitions = 0;
  int replicationFactor = 0;
  int minInsyncReplicas = 0;
  bool uncleanLeaderElection = false;
  std::optional<std::int64_t> flushMessages; ///< flush.messages, unset when absent
  std::optional<engine::SimTime> flushInterval; ///< flush.ms in microseconds, unset when absent
  bool operator==(const TopicSettings &) const = default;
};

struct ProducerSettings {
  QString name;
  bool kafka = false; ///< writes to Kafka (acks apply)
  bool kinesis = false; ///< writes to Kinesis (a partition key is required)
  double rate = -1; ///< records per second; -1 when no client runs under this name
  engine::Acks acks = engine::Acks::All;
  int keys = 0; ///< distinct keys (0: null keys)
  bool operator==(const ProducerSettings &) const = default;
};

struct ConsumerSettings {
  QString name; ///< a Kafka group or a Kinesis application
  int live = 0; ///< members in the group (or workers in the application) that are alive
  bool operator==(const ConsumerSettings &) const = default;
};

struct StreamSettings {
  QString name;
  int openShards = 0;
  bool operator==(const StreamSettings &) const = default;
};

struct WorldSettings {
  bool hasKafka = false, hasKinesis = false;
  std::vector<int> brokers; ///< registered broker ids
  std::vector<TopicSettings> topics; ///< live topics only
  std::vector<ProducerSettings> producers; ///< in scenario order
  std::vector<ConsumerSettings> consumers; ///< Kafka groups, then Kinesis applications
  std::vector<StreamSettings> streams; ///< index = stream index

  bool operator==(const WorldSettings &) const = default;

  /// The topic with world index `index`, or nullptr.
  const TopicSettings *topic(int index) const;
  const ProducerSettings *producer(const QString &name) const;
  /// Live consumers of the group or application `name` (0 if unknown).
  int liveConsumers(const QString &name) const;
};

/// The settings as they are now. REQUIRES: controller.hasSimulation().
WorldSettings readWorldSettings(const SimulationController &controller);

/// The UpdateShardCount call that reshards stream `stream` to `targetOpenShards` open shards
/// (the stream is UPDATING meanwhile; Kinesis refuses more than double or less than half).
/// REQUIRES: controller.hasSimulation(), `stream` a valid stream index.
engine::Fault shardCountUpdate(const SimulationController &controller, int stream, int targetOpenShards);

} // namespace streamscope::model
