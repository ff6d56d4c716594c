#pragma once
// What a real Kafka cluster shows a client at one moment: brokers, partitions with leader,
// replicas, ISR and watermarks, consumer groups with state, members and lag.
#include "kafka_connection.h"

#include <QString>
#include <QStringList>

#include <cstdint>
#include <vector>

namespace streamscope::live {

struct LiveBroker {
  int id = -1;
  QString host;
  int port = 0;
};

struct LivePartition {
  QString topic;
  int partition = 0;
  int leader = -1; ///< -1: no leader (offline)
  std::vector<int> replicas;
  std::vector<int> isr;
  std::int64_t lowWatermark = -1; ///< -1: the leader did not answer
  std::int64_t highWatermark = -1;
  QString error; ///< the partition's metadata or watermark error, empty when none
  bool underReplicated() const { return isr.size() < replicas.size(); }
};

struct LiveGroup {
  QString group;
  QString state; ///< Stable, PreparingRebalance, Empty, ... or "unknown" when the cluster cannot list groups
  int members = 0;
  std::int64_t lag = 0; ///< over the partitions it has committed offsets for
  std::vector<std::pair<int, std::int64_t>> committed; ///< (index into partitions, offset)
};

struct ClusterSnapshot {
  std::vector<LiveBroker> brokers;
  int controller = -1;
  std::vector<LivePartition> partitions; ///< by topic, then partition
  std::vector<LiveGroup> groups;
  QString groupsNote; ///< why groups may be incomplete (e.g. the cluster cannot list them)
};

struct SnapshotResult {
  ClusterSnapshot snapshot;
  std::optional<LiveError> error;
};

/// Reads the cluster once: metadata (of `topic`, or every topic not starting with "__"),
/// watermarks, groups. `knownGroups` are described even when the cluster cannot list its
/// groups (librdkafka's mock cluster cannot). Blocking: call it off the GUI thread.
SnapshotResult readCluster(const KafkaConnection &c, const QString &topic = {}, const QStringList &knownGroups = {});

} // namespace streamscope::live
