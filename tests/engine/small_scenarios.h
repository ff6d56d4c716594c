#pragma once
// The small scenarios the engine tests share (seed 42; topic "t", producer "p", group "g";
// stream "s", application "app"), built with the engine's ScenarioBuilder, and a run to the
// end that returns the report.
#include "engine/sim/report.h"
#include "engine/sim/simulation.h"
#include "engine/world/scenario_builder.h"

namespace streamscope::test {

using namespace streamscope::engine;

/// One topic "t" and one keyed producer "p" (10 keys, short request and delivery timeouts).
inline Scenario kafkaScenario(int brokers, int partitions, int rf, int minIsr, Acks acks, double rate, SimTime duration = 20 * kSecond) {
  ScenarioBuilder b("test", 42, duration);
  b.kafka(brokers);
  b.topic("t", partitions, rf, minIsr);
  ProducerConfig &p = b.producer("p", "t", {}, acks);
  p.rate = rate;
  p.keyCount = 10;
  p.requestTimeout = 3 * kSecond;
  p.deliveryTimeout = 60 * kSecond;
  return b.build();
}

/// Group "g" of `members` members reading "t".
inline void addGroup(Scenario &s, int members, OffsetReset reset = OffsetReset::Earliest) {
  ScenarioBuilder b(std::move(s));
  b.consumerGroup("g", "t", members, reset).requestTimeout = 3 * kSecond;
  s = b.build();
}

/// One stream "s" of `shards` shards fed by one keyed producer "p" (100 keys); no Kafka.
inline Scenario kinesisScenario(int shards, double rate, SimTime duration = 20 * kSecond) {
  ScenarioBuilder b("kinesis-test", 42, duration);
  b.stream("s", shards);
  ProducerConfig &p = b.producer("p", {}, "s");
  p.rate = rate;
  p.keyCount = 100;
  return b.build();
}

/// Application "app" of `workers` workers reading "s".
inline void addApplication(Scenario &s, int workers, IteratorType start = IteratorType::TrimHorizon) {
  ScenarioBuilder b(std::move(s));
  b.application("app", "s", workers, start);
  s = b.build();
}

inline Report runToEnd(const Scenario &s) {
  Simulation sim(s);
  sim.runToEnd();
  return makeReport(sim.world());
}

} // namespace streamscope::test
