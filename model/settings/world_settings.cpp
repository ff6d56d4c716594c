#include "world_settings.h"

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
  // Most of it from the frame's view; what the view leaves out (a topic's unclean election
  // and flush settings, a producer's key count) from the world itself.
  const WorldView &view = controller.view();
  const engine::World &w = controller.world();
  WorldSettings s;
  s.hasKafka = view.hasKafka();
  s.hasKinesis = view.hasKinesis();
  s.brokers = view.kafka().activeBrokers;
  for (std::size_t i = 0; i < view.kafka().topics.size(); ++i) {
    const TopicView &t = view.kafka().topics[i];
    if (t.deleted)
      continue;
    const auto &config = w.kafka.topics[i].config;
    s.topics.push_back({static_cast<int>(i), QString::fromStdString(t.name), t.partitions, t.replicationFactor, t.minInsyncReplicas,
                        config.uncleanLeaderElection, config.flushIntervalMessages, config.flushInterval});
  }
  for (const auto &scenarioProducer : controller.scenario().producers) {
    ProducerSettings p;
    p.name = QString::fromStdString(scenarioProducer.name);
    // A producer writing to both systems runs a client in each; the Kinesis one's rate and
    // keys win, as the dock always showed.
    for (std::size_t i = 0; i < view.kafka().producers.size(); ++i)
      if (view.kafka().producers[i].name == scenarioProducer.name) {
        p.kafka = true;
        p.rate = view.kafka().producers[i].rate;
        p.acks = view.kafka().producers[i].acks;
        p.keys = static_cast<int>(w.kafka.producers[i].keyIds.size());
      }
    for (std::size_t i = 0; i < view.kinesis().producers.size(); ++i)
      if (view.kinesis().producers[i].name == scenarioProducer.name) {
        p.kinesis = true;
        p.rate = view.kinesis().producers[i].rate;
        p.keys = static_cast<int>(w.kinesis.producers[i].keyIds.size());
      }
    s.producers.push_back(p);
  }
  for (const GroupView &g : view.kafka().groups) {
    ConsumerSettings c{QString::fromStdString(g.name), 0};
    for (const MemberView &m : g.members)
      c.live += m.alive && m.inGroup ? 1 : 0;
    s.consumers.push_back(c);
  }
  for (const ApplicationView &a : view.kinesis().apps) {
    ConsumerSettings c{QString::fromStdString(a.name), 0};
    for (const WorkerView &wk : a.workers)
      c.live += wk.alive && wk.inApp ? 1 : 0;
    s.consumers.push_back(c);
  }
  for (const StreamView &st : view.kinesis().streams)
    s.streams.push_back({QString::fromStdString(st.name), st.openShards});
  return s;
}

engine::Fault shardCountUpdate(const SimulationController &controller, int stream, int targetOpenShards) {
  const auto &st = controller.world().kinesis.streams[static_cast<std::size_t>(stream)];
  return engine::Fault{controller.world().now, engine::UpdateShardCount{st.config.name, targetOpenShards}};
}

} // namespace streamscope::model
