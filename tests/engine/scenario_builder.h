#pragma once
// Small scenarios for engine tests: one topic, one producer, optional consumer group.
#include "engine/sim/report.h"
#include "engine/sim/simulation.h"

namespace streamscope::test {

using namespace streamscope::engine;

inline Scenario kafkaScenario(int brokers, int partitions, int rf, int minIsr, Acks acks, double rate,
                              SimTime duration = 20 * kSecond) {
  Scenario s;
  s.name = std::string("test");
  s.seed = 42;
  s.duration = duration;
  KafkaConfig k;
  k.brokers = brokers;
  TopicConfig t;
  t.name = std::string("t");
  t.partitions = partitions;
  t.replicationFactor = rf;
  t.minInsyncReplicas = minIsr;
  k.topics.push_back(t);
  s.kafka = k;
  ProducerConfig p;
  p.name = std::string("p");
  p.topic = std::string("t");
  p.acks = acks;
  p.enableIdempotence = acks == Acks::All;
  p.rate = rate;
  p.keyCount = 10;
  p.requestTimeout = 3 * kSecond;
  p.deliveryTimeout = 60 * kSecond;
  s.producers.push_back(p);
  return s;
}

inline void addGroup(Scenario &s, int members, OffsetReset reset = OffsetReset::Earliest) {
  ConsumerGroupConfig g;
  g.group = std::string("g");
  g.topic = std::string("t");
  g.members = members;
  g.autoOffsetReset = reset;
  g.requestTimeout = 3 * kSecond;
  s.consumers.push_back(g);
}

/// One stream of `shards` shards fed by one keyed producer; no Kafka.
inline Scenario kinesisScenario(int shards, double rate, SimTime duration = 20 * kSecond) {
  Scenario s;
  s.name = std::string("kinesis-test");
  s.seed = 42;
  s.duration = duration;
  KinesisConfig k;
  StreamConfig st;
  st.name = std::string("s");
  st.shards = shards;
  k.streams.push_back(st);
  s.kinesis = k;
  ProducerConfig p;
  p.name = std::string("p");
  p.stream = std::string("s");
  p.rate = rate;
  p.keyCount = 100;
  s.producers.push_back(p);
  return s;
}

inline void addApplication(Scenario &s, int workers, IteratorType start = IteratorType::TrimHorizon) {
  KinesisAppConfig a;
  a.application = std::string("app");
  a.stream = std::string("s");
  a.workers = workers;
  a.initialPosition = start;
  s.applications.push_back(a);
}

inline Report runToEnd(const Scenario &s) {
  Simulation sim(s);
  sim.runToEnd();
  return makeReport(sim.world());
}

} // namespace streamscope::test
