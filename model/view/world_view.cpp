#include "world_view.h"

#include "engine/world/world.h"

namespace streamscope::model {

WorldView WorldView::of(const engine::World &world) {
  WorldView view;
  view.rebuild(world);
  return view;
}

void WorldView::rebuild(const engine::World &world) {
  m_world = &world;
  m_now = world.now;
  m_duration = world.scenario.duration;
  m_processed = world.processed;
  m_scenarioName = world.scenario.name;
  m_hasKafka = world.scenario.kafka.has_value();
  m_hasKinesis = world.scenario.kinesis.has_value();
  m_kafka.build(world);
  m_kinesis.build(world);
  m_flights.clear();
  collectFlightViews(world, m_flights);
  collectWaitViews(world, m_waits);
}

const WaitView *WorldView::waitOf(const WorldItem &client) const {
  for (const WaitView &w : m_waits)
    if (w.client == client)
      return &w;
  return nullptr;
}

bool WorldView::isolated(NodeId node) const { return m_world->net.isIsolated(node); }

SimTime WorldView::extraDelay(NodeId node) const { return m_world->net.extraDelay(node); }

} // namespace streamscope::model
