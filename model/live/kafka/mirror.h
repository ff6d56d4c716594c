#pragma once
// Mirror: a scenario file of the connected cluster (brokers, the probe topic's partitions,
// replication factor and min ISR) and of the probe's workload, so faults can be tried on a
// model of *their* cluster.
#include "cluster_snapshot.h"
#include "kafka_probe.h"

#include <QJsonObject>

namespace streamscope::live {

struct MirrorSource {
  QString bootstrap; ///< named in the scenario's description
  ClusterSnapshot cluster;
  KafkaProbeSettings workload;
  std::map<QString, int> minInsyncReplicas; ///< by topic, from DescribeConfigs
  QStringList notes; ///< what could not be read and was assumed
};

/// The scenario, in the format docs/scenario-format.md describes.
QJsonObject mirrorScenario(const MirrorSource &m);

/// Reads what the mirror needs beyond the snapshot (min ISR of each topic). Blocking.
MirrorSource readMirrorSource(const KafkaConnection &c, const ClusterSnapshot &cluster, const KafkaProbeSettings &workload);

} // namespace streamscope::live
