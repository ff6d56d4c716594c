#include "engine/world/scenario_builder.h"

#include "engine/world/config_rules.h"

#include <utility>

namespace streamscope::engine {

ScenarioBuilder::ScenarioBuilder(std::string name, std::uint64_t seed, SimTime duration) {
  m_scenario.name = std::move(name);
  m_scenario.seed = seed;
  m_scenario.duration = duration;
}

KafkaConfig &ScenarioBuilder::kafka(int brokers) {
  KafkaConfig k;
  k.brokers = brokers;
  m_scenario.kafka = std::move(k);
  return *m_scenario.kafka;
}

TopicConfig &ScenarioBuilder::topic(std::string name, int partitions, int replicationFactor, int minInsyncReplicas) {
  TopicConfig t;
  t.name = std::move(name);
  t.partitions = partitions;
  t.replicationFactor = replicationFactor;
  t.minInsyncReplicas = minInsyncReplicas;
  m_scenario.kafka->topics.push_back(std::move(t));
  return m_scenario.kafka->topics.back();
}

StreamConfig &ScenarioBuilder::stream(std::string name, int shards) {
  if (!m_scenario.kinesis)
    m_scenario.kinesis = KinesisConfig{};
  StreamConfig s;
  s.name = std::move(name);
  s.shards = shards;
  m_scenario.kinesis->streams.push_back(std::move(s));
  return m_scenario.kinesis->streams.back();
}

ProducerConfig &ScenarioBuilder::producer(std::string name, std::string topic, std::string stream, Acks acks) {
  ProducerConfig p;
  p.name = std::move(name);
  p.topic = std::move(topic);
  p.stream = std::move(stream);
  p.acks = acks;
  p.enableIdempotence = idempotenceAllowed(acks);
  m_scenario.producers.push_back(std::move(p));
  return m_scenario.producers.back();
}

ConsumerGroupConfig &ScenarioBuilder::consumerGroup(std::string group, std::string topic, int members, OffsetReset reset) {
  ConsumerGroupConfig g;
  g.group = std::move(group);
  g.topic = std::move(topic);
  g.members = members;
  g.autoOffsetReset = reset;
  m_scenario.consumers.push_back(std::move(g));
  return m_scenario.consumers.back();
}

ShareConsumerConfig &ScenarioBuilder::shareConsumer(std::string group, std::string topic, int members, OffsetReset reset) {
  ShareConsumerConfig c;
  c.group = std::move(group);
  c.topic = std::move(topic);
  c.members = members;
  c.autoOffsetReset = reset;
  m_scenario.shareConsumers.push_back(std::move(c));
  return m_scenario.shareConsumers.back();
}

KinesisAppConfig &ScenarioBuilder::application(std::string name, std::string stream, int workers, IteratorType start) {
  KinesisAppConfig a;
  a.application = std::move(name);
  a.stream = std::move(stream);
  a.workers = workers;
  a.initialPosition = start;
  m_scenario.applications.push_back(std::move(a));
  return m_scenario.applications.back();
}

} // namespace streamscope::engine
