#pragma once
// `streamscope-cli live kafka --json`: the cluster and the probe as JSON objects, with the
// field names the CLI contract fixes (docs/cli.md).
#include "cluster_snapshot.h"
#include "kafka_probe.h"

#include <QJsonObject>

namespace streamscope::live {

/// {"brokers", "controller", "partitions", "groups", "groups_note"}
QJsonObject clusterToJson(const ClusterSnapshot &s);
/// {"produced", "acknowledged", "failed", "consumed", "acknowledged_lost", "duplicates", "latency_ms", "failures", "group"}
QJsonObject probeToJson(const ProbeReport &r);
/// The same, as lines a person reads.
QString clusterToText(const ClusterSnapshot &s);
QString probeToText(const ProbeReport &r);

} // namespace streamscope::live
