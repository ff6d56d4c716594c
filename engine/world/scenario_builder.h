#pragma once
// Scenario values assembled in code: the engine tests, the benchmarks and the random
// scenarios of the soak all build their clusters, streams and clients here, so a new setting
// or a changed default reaches every one of them. Each call adds one part with the names and
// the settings that define it; every other setting keeps the real system's default
// (scenario.h). Faults are not built here (a scenario's `faults` are filled by its author).
//
// Plain value code, no state beyond the scenario being built: any thread. The references the
// adding calls return stay valid until the next call that adds a part of the same kind, so
// tune a part right after adding it (the random scenarios draw its settings there, in a
// fixed order that their seeds depend on).
#include "engine/world/scenario.h"

#include <cstdint>
#include <string>
#include <utility>

namespace streamscope::engine {

class ScenarioBuilder {
public:
  explicit ScenarioBuilder(std::string name = {}, std::uint64_t seed = 1, SimTime duration = 60 * kSecond);
  /// Goes on from an existing scenario (adds parts to it).
  explicit ScenarioBuilder(Scenario start) : m_scenario(std::move(start)) {}

  /// A Kafka cluster of `brokers` brokers (the cluster settings keep their defaults).
  /// REQUIRES: called once, before topic().
  KafkaConfig &kafka(int brokers);
  /// A topic of the Kafka cluster. REQUIRES: kafka() was called.
  TopicConfig &topic(std::string name, int partitions, int replicationFactor, int minInsyncReplicas);
  /// A provisioned Kinesis stream; the first one also adds the Kinesis section.
  StreamConfig &stream(std::string name, int shards);
  /// A producer writing to `topic` (Kafka) and/or `stream` (Kinesis), "" for none; both set
  /// means the same workload into both. Idempotence is on only where `acks` allows it, as the
  /// Java client does when it is not set explicitly (idempotenceAllowed).
  ProducerConfig &producer(std::string name, std::string topic, std::string stream = {}, Acks acks = Acks::All);
  /// A Kafka consumer group of `members` members reading `topic`.
  ConsumerGroupConfig &consumerGroup(std::string group, std::string topic, int members, OffsetReset reset);
  /// Members of share group `group` (KIP-932) reading `topic`; entries naming one group add members to it.
  ShareConsumerConfig &shareConsumer(std::string group, std::string topic, int members, OffsetReset reset);
  /// A KCL-style application of `workers` workers reading `stream`.
  KinesisAppConfig &application(std::string name, std::string stream, int workers, IteratorType start);

  /// A consume-transform-produce pipeline `name` from topic `input` to topic `output`, with
  /// its consumer group and producer (both named `name`). Exactly-once: a transaction every
  /// `interval` carries the outputs and the input offsets (read_committed input, no auto
  /// commit, Kafka Streams' exactly_once_v2); otherwise auto commit every `interval`.
  PipelineConfig &kafkaPipeline(std::string name, std::string input, std::string output, bool exactlyOnce, SimTime interval, SimTime start = 0);
  /// The same from stream `input` to stream `output`: a KCL application of `workers` workers
  /// checkpointing every `interval`, writing with a Kinesis producer.
  PipelineConfig &kinesisPipeline(std::string name, std::string input, std::string output, int workers, SimTime interval, SimTime start = 0);

  /// The scenario so far (for settings no adding call covers, and for faults).
  Scenario &scenario() { return m_scenario; }
  Scenario build() const { return m_scenario; }

private:
  Scenario m_scenario;
};

} // namespace streamscope::engine
