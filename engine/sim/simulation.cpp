#include "simulation.h"

#include "../kafka/consumer_client.h"
#include "../kafka/controller.h"
#include "../kafka/partition_leader.h"
#include "../kafka/producer_client.h"
#include "../kafka/replica_fetcher.h"
#include "../kafka/storage.h"

namespace streamscope::engine {
namespace {

int topicIndex(const kafka::KafkaState &k, const std::string &name) {
  for (std::size_t i = 0; i < k.topics.size(); ++i)
    if (k.topics[i].config.name == name)
      return static_cast<int>(i);
  return -1;
}

int groupIndex(const kafka::KafkaState &k, const std::string &name) {
  for (std::size_t i = 0; i < k.groups.size(); ++i)
    if (k.groups[i].config.group == name)
      return static_cast<int>(i);
  return -1;
}

int producerIndex(const kafka::KafkaState &k, const std::string &name) {
  for (std::size_t i = 0; i < k.producers.size(); ++i)
    if (k.producers[i].config.name == name)
      return static_cast<int>(i);
  return -1;
}

/// Replica placement as Kafka's rack-unaware assignment without the random start: partition
/// i's replicas start at broker i mod B and continue with a per-partition shift.
std::vector<int> placeReplicas(int partition, int rf, int brokers) {
  std::vector<int> replicas;
  const int first = partition % brokers;
  const int shift = 1 + (partition / brokers) % (brokers > 1 ? brokers - 1 : 1);
  replicas.push_back(first);
  for (int j = 0; j < rf - 1; ++j)
    replicas.push_back((first + shift + j) % brokers);
  return replicas;
}

void buildKafka(World &w) {
  const KafkaConfig &cfg = *w.scenario.kafka;
  kafka::KafkaState &k = w.kafka;
  k.config = cfg;
  for (int b = 0; b < cfg.brokers; ++b) {
    kafka::Broker broker;
    broker.id = b;
    broker.node = w.net.addNode(); // brokers first: node id == broker id
    k.brokers.push_back(broker);
  }
  for (const TopicConfig &t : cfg.topics) {
    kafka::Topic topic{t, static_cast<int>(k.partitions.size())};
    for (int i = 0; i < t.partitions; ++i) {
      kafka::Partition part;
      part.topic = static_cast<int>(k.topics.size());
      part.index = i;
      part.replicas = placeReplicas(i, t.replicationFactor, cfg.brokers);
      const std::size_t n = part.replicas.size();
      part.logs.resize(n);
      part.followers.resize(n);
      part.fetcherGen.assign(n, 0);
      part.fetcherActive.assign(n, 0);
      k.partitions.push_back(std::move(part));
    }
    k.topics.push_back(topic);
  }
  for (const ProducerConfig &pc : w.scenario.producers) {
    kafka::Producer pr;
    pr.config = pc;
    pr.topic = topicIndex(k, pc.topic);
    pr.node = w.net.addNode();
    k.producers.push_back(pr);
  }
  for (const ConsumerGroupConfig &gc : w.scenario.consumers) {
    kafka::ConsumerGroup g;
    g.config = gc;
    g.topic = topicIndex(k, gc.topic);
    k.groups.push_back(g);
  }
  kafka::bootstrapLeadership(w);
  for (int b = 0; b < cfg.brokers; ++b) {
    kafka::scheduleStorageTasks(w, b);
    w.after(cfg.replicaLagTimeMax / 2, Action{ActionType::IsrCheck, -1, -1, b});
  }
  for (std::size_t i = 0; i < k.producers.size(); ++i)
    kafka::startProducer(w, static_cast<int>(i));
  for (std::size_t i = 0; i < k.groups.size(); ++i)
    kafka::startGroup(w, static_cast<int>(i));
}

template <typename Fn> void forBrokers(World &w, int broker, Fn fn) {
  if (broker >= 0)
    return fn(w, broker);
  for (std::size_t b = 0; b < w.kafka.brokers.size(); ++b)
    fn(w, static_cast<int>(b));
}

int lastLiveMember(const kafka::ConsumerGroup &g) {
  for (std::size_t m = g.members.size(); m-- > 0;)
    if (g.members[m].alive && g.members[m].inGroup)
      return static_cast<int>(m);
  return -1;
}

} // namespace

Simulation::Simulation(const Scenario &scenario) {
  m_world.scenario = scenario;
  m_world.rng.reseed(scenario.seed);
  if (scenario.kafka)
    m_world.net = Network(scenario.kafka->latencyMin, scenario.kafka->latencyMax);
  if (scenario.kafka)
    buildKafka(m_world);
  for (std::size_t i = 0; i < scenario.faults.size(); ++i)
    m_world.at(scenario.faults[i].at, Action{ActionType::Fault, -1, -1, static_cast<std::int32_t>(i)});
}

void Simulation::setEventSink(std::vector<Event> *sink) {
  m_sink = sink;
  m_world.events.setSink(sink);
}

World Simulation::snapshot() const {
  World copy = m_world;
  copy.events.setSink(nullptr);
  return copy;
}

void Simulation::restore(const World &snapshot) {
  m_world = snapshot;
  m_world.events.setSink(m_sink);
}

bool Simulation::step() {
  if (m_world.queue.empty() || m_world.queue.nextTime() > m_world.scenario.duration)
    return false;
  const auto entry = m_world.queue.pop();
  m_world.now = entry.time;
  dispatch(entry.action);
  return true;
}

void Simulation::runUntil(SimTime t) {
  while (!m_world.queue.empty() && m_world.queue.nextTime() <= t) {
    const auto entry = m_world.queue.pop();
    m_world.now = entry.time;
    dispatch(entry.action);
  }
  if (t > m_world.now)
    m_world.now = t;
}

void Simulation::applyFault(const Fault &f) {
  World &w = m_world;
  using namespace kafka;
  switch (f.action) {
  case FaultAction::CrashBroker: forBrokers(w, f.broker, crashBroker); break;
  case FaultAction::PowerLoss: forBrokers(w, f.broker, powerOffBroker); break;
  case FaultAction::RestartBroker: forBrokers(w, f.broker, restartBroker); break;
  case FaultAction::IsolateBroker: forBrokers(w, f.broker, isolateBroker); break;
  case FaultAction::Heal: forBrokers(w, f.broker, healBroker); break;
  case FaultAction::SlowBroker:
    forBrokers(w, f.broker, [&](World &world, int b) { slowBroker(world, b, f.extraDelay); });
    break;
  case FaultAction::KillConsumer:
  case FaultAction::RemoveConsumer: {
    const int g = groupIndex(w.kafka, f.group);
    const int m = f.member >= 0 ? f.member : lastLiveMember(w.kafka.groups[static_cast<std::size_t>(g)]);
    if (m < 0 || m >= static_cast<int>(w.kafka.groups[static_cast<std::size_t>(g)].members.size()))
      break;
    if (f.action == FaultAction::KillConsumer)
      killConsumer(w, g, m);
    else
      removeConsumer(w, g, m);
    break;
  }
  case FaultAction::AddConsumer: addConsumer(w, groupIndex(w.kafka, f.group)); break;
  case FaultAction::Seek: seekGroup(w, groupIndex(w.kafka, f.group), f.partition, f.seekTarget, f.seekValue); break;
  case FaultAction::SetRate: setProducerRate(w, producerIndex(w.kafka, f.producer), f.rate); break;
  }
}

void Simulation::dispatch(const Action &a) {
  World &w = m_world;
  using namespace kafka;
  switch (a.type) {
  case ActionType::Fault: applyFault(w.scenario.faults[static_cast<std::size_t>(a.a)]); break;
  case ActionType::ProducerTick: onProducerTick(w, a); break;
  case ActionType::ProducerWake: onProducerWake(w, a); break;
  case ActionType::ProduceArrive: onProduceArrive(w, a); break;
  case ActionType::ProduceRespondAfterFsync: onProduceRespondAfterFsync(w, a); break;
  case ActionType::ProduceResponseArrive: onProduceResponse(w, a); break;
  case ActionType::ProduceRequestTimeout: onProduceRequestTimeout(w, a); break;
  case ActionType::PurgatoryExpire: onPurgatoryExpire(w, a); break;
  case ActionType::FollowerFetch: onFollowerFetch(w, a); break;
  case ActionType::ReplicaFetchTimeout: onReplicaFetchTimeout(w, a); break;
  case ActionType::ReplicaFetchArrive: onReplicaFetchArrive(w, a); break;
  case ActionType::ReplicaFetchResponse: onReplicaFetchResponse(w, a); break;
  case ActionType::ParkedFetchExpire: onParkedFetchExpire(w, a); break;
  case ActionType::ConsumerFetchArrive: onConsumerFetchArrive(w, a); break;
  case ActionType::ConsumerFetchResponse: onConsumerFetchResponse(w, a); break;
  case ActionType::ConsumerRetryFetch: onConsumerRetryFetch(w, a); break;
  case ActionType::AutoCommit: onAutoCommit(w, a); break;
  case ActionType::RebalanceDone: onRebalanceDone(w, a); break;
  case ActionType::SessionExpired: onSessionExpired(w, a); break;
  case ActionType::IsrCheck: onIsrCheck(w, a); break;
  case ActionType::FenceCheck: onFenceCheck(w, a); break;
  case ActionType::WriteBack: onWriteBack(w, a); break;
  case ActionType::FlushIntervalCheck: onFlushIntervalCheck(w, a); break;
  case ActionType::RetentionCheck: onRetentionCheck(w, a); break;
  case ActionType::CleanerCheck: onCleanerCheck(w, a); break;
  }
}

} // namespace streamscope::engine
