#pragma once
// A consume-transform-produce application as plain data: which consumer reads its input,
// which producer writes its output, and the inputs read but not yet turned into outputs.
// Contract: a plain copyable value; any thread may use its own copy, and only the World's owner changes the World's.
#include <cstdint>
#include <deque>
#include <string>
#include <vector>

namespace streamscope::engine {

/// An input record the pipeline has read and not yet written its output for.
struct PipelineInput {
  std::uint32_t record = 0; ///< input record id (Kafka or Kinesis, as the input is)
  std::int32_t local = -1; ///< Kafka input: partition number; Kinesis: -1
  std::int64_t offset = -1; ///< Kafka input: the record's offset
  std::string key; ///< its key, which the output keeps (empty: none)
};

struct PipelineState {
  int group = -1; ///< Kafka input: index in KafkaState::groups
  int kafkaProducer = -1; ///< Kafka output: index in KafkaState::producers
  int kinesisProducer = -1; ///< Kinesis output: index in KinesisState::producers
  std::deque<PipelineInput> pending;
  /// Kafka input: per partition, the offset after the last input whose output was written
  /// (what a transaction commits for the group).
  std::vector<std::int64_t> processed;
  std::int64_t outputs = 0;
  /// Restarted: its consumer starts once its producer is initialised (then every transaction
  /// of the old instance is complete and its offsets are final).
  bool awaitingProducer = false;
};

} // namespace streamscope::engine
