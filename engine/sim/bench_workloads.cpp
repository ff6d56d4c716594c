#include "engine/sim/bench_workloads.h"

#include "engine/world/scenario_builder.h"

#include <array>
#include <string>

namespace streamscope::engine {
namespace {

constexpr double kKafkaRate = 100000;
constexpr double kKinesisRate = 3960; // 4 shards x 1,000 records/s, kept just under
constexpr double kBigStreamRate = 900000; // N2: 1,000 shards x 1,000 records/s, at 90%
constexpr std::array<std::string_view, 7> kNames = {"K1", "K2", "KT", "N1", "S1", "B1", "N2"};

} // namespace

bool isBenchWorkload(std::string_view name) {
  for (std::string_view known : kNames)
    if (name == known)
      return true;
  return false;
}

WorkloadShape benchShape(std::string_view name, WorkloadShape shape) { return name == "B1" ? WorkloadShape{100, 3000} : shape; }

Scenario benchWorkload(std::string_view name, std::int64_t records, WorkloadShape shape) {
  shape = benchShape(name, shape);
  const bool bigStream = name == "N2";
  const bool kafka = name != "N1" && !bigStream;
  const bool kinesis = name == "N1" || name == "S1" || bigStream;
  const double rate = bigStream ? kBigStreamRate : kinesis ? kKinesisRate : kKafkaRate;
  const double produceSeconds = static_cast<double>(records) / rate;
  ScenarioBuilder b(std::string(name), 1, static_cast<SimTime>((produceSeconds + 120) * kSecond));
  ProducerConfig &p = b.producer("load", kafka ? "bench" : "", kinesis ? "bench" : "");
  p.count = records;
  p.recordBytes = 100;
  p.keyCount = 10000;
  p.rate = rate;
  if (kafka) {
    b.kafka(shape.brokers);
    b.topic("bench", shape.partitions, 3, 2);
    b.consumerGroup("readers", "bench", 3, OffsetReset::Earliest);
  }
  if (kinesis) {
    b.stream("bench", bigStream ? 1000 : 4);
    b.application("readers", "bench", bigStream ? 50 : 4, IteratorType::TrimHorizon);
  }
  Scenario s = b.build();
  if (name == "KT") {
    s.producers.front().transactionalId = "load-1";
    s.producers.front().transactionTime = 100 * kMillisecond;
    s.consumers.front().isolationLevel = IsolationLevel::ReadCommitted;
  }
  if (name == "K2") {
    const auto half = static_cast<SimTime>(produceSeconds / 2 * kSecond);
    s.faults = {Fault{half, PowerLoss{1}}, Fault{half + 5 * kSecond, RestartBroker{1}}};
  }
  return s;
}

} // namespace streamscope::engine
