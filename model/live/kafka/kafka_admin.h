#pragma once
// Admin requests the live mode makes: creating the probe's topic.
#include "kafka_connection.h"

namespace streamscope::live {

/// CreateTopics with min.insync.replicas; an existing topic is not an error. Blocking.
std::optional<LiveError> createTopic(const KafkaConnection &c, const QString &topic, int partitions, int replicationFactor, int minInsyncReplicas);

} // namespace streamscope::live

namespace streamscope::live {

/// A topic's min.insync.replicas from DescribeConfigs; nullopt with `why` when the cluster
/// does not answer it (librdkafka's mock cluster cannot). Blocking.
std::optional<int> topicMinInsyncReplicas(const KafkaConnection &c, const QString &topic, QString *why);

} // namespace streamscope::live
