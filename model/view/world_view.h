#pragma once
// Everything the UI may read of the running world, built once per frame by the
// SimulationController (or by a test or benchmark from a World it holds): the clock, the
// Kafka and Kinesis pictures, the network and the messages in flight. Large data (replica
// logs, shard records) is referenced, not copied.
// GUI thread; valid until the next frame (the world it was built from must not change).
#include "engine_types.h"
#include "flight_view.h"
#include "kafka_view.h"
#include "kinesis_view.h"
#include "wait_view.h"

#include <string>
#include <vector>

namespace streamscope::engine {
struct World;
}

namespace streamscope::model {

class WorldView {
public:
  WorldView() = default;
  /// A view of `world`; keep `world` unchanged while the view is used.
  static WorldView of(const engine::World &world);
  /// Rebuilds from `world`, reusing this view's storage.
  void rebuild(const engine::World &world);
  bool built() const { return m_world != nullptr; }

  /// Simulated time now.
  SimTime now() const { return m_now; }
  /// The scenario's length.
  SimTime duration() const { return m_duration; }
  /// Engine actions processed so far (a position in the run finer than time).
  std::uint64_t processed() const { return m_processed; }
  const std::string &scenarioName() const { return m_scenarioName; }

  /// The scenario runs a Kafka cluster / a Kinesis region.
  bool hasKafka() const { return m_hasKafka; }
  bool hasKinesis() const { return m_hasKinesis; }
  const KafkaView &kafka() const { return m_kafka; }
  const KinesisView &kinesis() const { return m_kinesis; }
  /// Messages on the wire now, in no particular but stable order.
  const std::vector<FlightView> &flights() const { return m_flights; }
  /// Clients stalled now, one row each, longest wait first.
  const std::vector<WaitView> &waits() const { return m_waits; }
  /// The stall of `client` (a producer, member, group or application), or nullptr.
  const WaitView *waitOf(const WorldItem &client) const;

  /// Every network link to `node` is cut.
  bool isolated(NodeId node) const;
  /// Delay added to every message to or from `node`.
  SimTime extraDelay(NodeId node) const;

  /// The world it was built from, for model code (explainers) only; ui reads the rows above.
  /// REQUIRES: built().
  const engine::World &source() const { return *m_world; }

private:
  const engine::World *m_world = nullptr;
  SimTime m_now = 0, m_duration = 0;
  std::uint64_t m_processed = 0;
  std::string m_scenarioName;
  bool m_hasKafka = false, m_hasKinesis = false;
  KafkaView m_kafka;
  KinesisView m_kinesis;
  std::vector<FlightView> m_flights;
  std::vector<WaitView> m_waits;
};

} // namespace streamscope::model
