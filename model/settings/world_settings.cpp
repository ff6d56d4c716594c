#include "world_settings.h"

#include "engine/kinesis/reshard_plan.h"

namespace streamscope::model {

const TopicSettings *WorldSettings::topic(int index) const {
  for (const TopicSettings &t : topics)
    if (t.index == index)
      return &t;
  return nullptr;
}

const ProducerSettings *WorldSettings::producer(const QString &name) const {
  for (const ProducerSettings &p : producers)
    if (p.name == name)
      return &p;
  return nullptr;
}

int WorldSettings::liveConsumers(const QString &name) const {
  int n = 0;
  for (const ConsumerSettings &c : consumers)
    n += c.name == name ? c.live : 0;
  return n;
}

WorldSettings readWorldSettings(const SimulationController &controller) {
  const engine::World &w = controller.world();
  WorldSettings s;
  s.hasKafka = w.scenario.kafka.has_value();
  s.hasKinesis = w.scenario.kinesis.has_value();
  s.brokers = w.kafka.activeBrokers();
  for (std::size_t i = 0; i < w.kafka.topics.size(); ++i) {
    const auto &t = w.kafka.topics[i];
    if (t.deleted)
      continue;
    s.topics.push_back({static_cast<int>(i), QString::fromStdString(t.config.name), t.config.partitions, t.config.replicationFactor,
                        t.config.minInsyncReplicas, t.config.uncleanLeaderElection, t.config.flushIntervalMessages, t.config.flushInterval});
  }
  for (const auto &scenarioProducer : w.scenario.producers) {
    ProducerSettings p;
    p.name = QString::fromStdString(scenarioProducer.name);
    // A producer writing to both systems runs a client in each; the Kinesis one's rate and
    // keys win, as the dock always showed.
    for (const auto &k : w.kafka.producers)
      if (k.config.name == scenarioProducer.name) {
        p.kafka = true;
        p.rate = k.schedule.rate;
        p.acks = k.config.acks;
        p.keys = static_cast<int>(k.keyIds.size());
      }
    for (const auto &k : w.kinesis.producers)
      if (k.config.name == scenarioProducer.name) {
        p.kinesis = true;
        p.rate = k.schedule.rate;
        p.keys = static_cast<int>(k.keyIds.size());
      }
    s.producers.push_back(p);
  }
  for (const auto &g : w.kafka.groups) {
    ConsumerSettings c{QString::fromStdString(g.config.group), 0};
    for (const auto &m : g.members)
      c.live += m.alive && m.inGroup ? 1 : 0;
    s.consumers.push_back(c);
  }
  for (const auto &a : w.kinesis.apps) {
    ConsumerSettings c{QString::fromStdString(a.config.application), 0};
    for (const auto &wk : a.workers)
      c.live += wk.alive && wk.inApp ? 1 : 0;
    s.consumers.push_back(c);
  }
  for (std::size_t i = 0; i < w.kinesis.streams.size(); ++i)
    s.streams.push_back({QString::fromStdString(w.kinesis.streams[i].config.name), engine::kinesis::openShardCount(w, static_cast<int>(i))});
  return s;
}

std::optional<engine::Fault> nextReshardStep(const SimulationController &controller, int stream, int targetOpenShards) {
  return engine::kinesis::nextReshardStep(controller.world(), stream, targetOpenShards);
}

} // namespace streamscope::model
