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

PipelineConfig &ScenarioBuilder::kafkaPipeline(std::string name, std::string input, std::string output, bool exactlyOnce, SimTime interval,
                                               SimTime start) {
  ProducerConfig &p = producer(name, std::move(output));
  p.rate = 0; // one output per input, written when it is processed
  p.start = start;
  ConsumerGroupConfig &g = consumerGroup(name, std::move(input), 1, OffsetReset::Earliest);
  g.start = start;
  if (exactlyOnce) {
    p.transactionalId = name;
    p.transactionTime = interval;
    g.enableAutoCommit = false;
    g.isolationLevel = IsolationLevel::ReadCommitted;
  } else {
    g.autoCommitInterval = interval;
  }
  PipelineConfig c;
  c.name = std::move(name);
  c.exactlyOnce = exactlyOnce;
  m_scenario.pipelines.push_back(c);
  return m_scenario.pipelines.back();
}

PipelineConfig &ScenarioBuilder::kinesisPipeline(std::string name, std::string input, std::string output, int workers, SimTime interval,
                                                 SimTime start) {
  ProducerConfig &p = producer(name, {}, std::move(output));
  p.rate = 0;
  p.start = start;
  KinesisAppConfig &app = application(name, std::move(input), workers, IteratorType::TrimHorizon);
  app.checkpointInterval = interval;
  app.start = start;
  PipelineConfig c;
  c.name = std::move(name);
  c.kafkaInput = false;
  m_scenario.pipelines.push_back(c);
  return m_scenario.pipelines.back();
}

} // namespace streamscope::engine
