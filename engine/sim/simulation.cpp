#include "simulation.h"

#include <algorithm>

#include "../kafka/cluster_admin.h"
#include "../kafka/consumer_client.h"
#include "../kafka/controller.h"
#include "../kafka/partition_leader.h"
#include "../kafka/producer_client.h"
#include "../kafka/replica_fetcher.h"
#include "../kafka/storage.h"
#include "../kinesis/kcl_application.h"
#include "../kinesis/kinesis_producer.h"
#include "../kinesis/shard_reader.h"
#include "../kinesis/stream_frontend.h"
#include "../kinesis/stream_topology.h"

namespace streamscope::engine {
namespace {

int topicIndex(const kafka::KafkaState &k, const std::string &name) {
  for (std::size_t i = 0; i < k.topics.size(); ++i)
    if (k.topics[i].config.name == name && !k.topics[i].deleted)
      return static_cast<int>(i);
  return -1;
}

int groupIndex(const kafka::KafkaState &k, const std::string &name) {
  for (std::size_t i = 0; i < k.groups.size(); ++i)
    if (k.groups[i].config.group == name)
      return static_cast<int>(i);
  return -1;
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
    kafka::Topic topic{t, false, {}};
    for (int i = 0; i < t.partitions; ++i) {
      topic.partitionIds.push_back(static_cast<int>(k.partitions.size()));
      k.partitions.push_back(kafka::newPartition(static_cast<int>(k.topics.size()), i, kafka::placeReplicas(i, t.replicationFactor, cfg.brokers)));
    }
    k.topics.push_back(topic);
  }
  for (std::size_t i = 0; i < w.scenario.producers.size(); ++i) {
    const ProducerConfig &pc = w.scenario.producers[i];
    if (pc.topic.empty())
      continue;
    kafka::Producer pr;
    pr.config = pc;
    pr.workload = static_cast<int>(i);
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

template <typename T, typename Named> int indexByName(const std::vector<T> &items, const std::string &name, Named nameOf) {
  for (std::size_t i = 0; i < items.size(); ++i)
    if (nameOf(items[i]) == name)
      return static_cast<int>(i);
  return -1;
}

int streamIndex(const kinesis::KinesisState &k, const std::string &name) {
  return indexByName(k.streams, name, [](const kinesis::Stream &s) { return s.config.name; });
}

void buildKinesis(World &w) {
  kinesis::KinesisState &k = w.kinesis;
  k.config = *w.scenario.kinesis;
  for (NodeId &zone : k.zoneNodes)
    zone = w.net.addNode();
  for (const StreamConfig &sc : k.config.streams) {
    kinesis::Stream st;
    st.config = sc;
    st.endpoint = w.net.addNode();
    k.streams.push_back(st);
    kinesis::createStream(w, static_cast<int>(k.streams.size()) - 1);
    kinesis::scheduleRetention(w, static_cast<int>(k.streams.size()) - 1);
  }
  for (std::size_t i = 0; i < w.scenario.producers.size(); ++i) {
    const ProducerConfig &pc = w.scenario.producers[i];
    if (pc.stream.empty())
      continue;
    kinesis::Producer pr;
    pr.config = pc;
    pr.workload = static_cast<int>(i);
    pr.stream = streamIndex(k, pc.stream);
    // One client feeding both systems is one node.
    const auto shared = std::find_if(w.kafka.producers.begin(), w.kafka.producers.end(),
                                     [&](const kafka::Producer &kp) { return kp.workload == pr.workload; });
    pr.node = shared != w.kafka.producers.end() ? shared->node : w.net.addNode();
    k.producers.push_back(pr);
  }
  for (const KinesisAppConfig &ac : w.scenario.applications) {
    kinesis::Application app;
    app.config = ac;
    app.stream = streamIndex(k, ac.stream);
    k.apps.push_back(app);
  }
  for (std::size_t i = 0; i < k.producers.size(); ++i)
    kinesis::startProducer(w, static_cast<int>(i));
  for (std::size_t i = 0; i < k.apps.size(); ++i)
    kinesis::startApplication(w, static_cast<int>(i));
}

/// A producer switches to `count` distinct keys "key-0".. in every system it writes to.
std::optional<std::string> setKeys(World &w, const std::string &producer, int count) {
  for (const kinesis::Producer &p : w.kinesis.producers)
    if (p.config.name == producer && count < 1)
      return std::string("a Kinesis record needs a partition key: keys must be at least 1");
  for (const kafka::Producer &p : w.kafka.producers)
    if (p.config.name == producer && count < 1 && w.kafka.topics[static_cast<std::size_t>(p.topic)].config.cleanupPolicy == CleanupPolicy::Compact)
      return std::string("a compacted topic needs keyed records: keys must be at least 1");
  const auto reconfigure = [&](ProducerConfig &c) {
    c.keyCount = count;
    c.keys.clear();
    c.explicitHashKeys.clear();
  };
  for (std::size_t i = 0; i < w.kafka.producers.size(); ++i)
    if (w.kafka.producers[i].config.name == producer) {
      reconfigure(w.kafka.producers[i].config);
      kafka::useKeys(w, static_cast<int>(i));
      w.record(EventType::ConfigChanged, w.kafka.producers[i].node, -1, count, 0, kafka::kKeysChanged);
    }
  for (std::size_t i = 0; i < w.kinesis.producers.size(); ++i)
    if (w.kinesis.producers[i].config.name == producer) {
      reconfigure(w.kinesis.producers[i].config);
      kinesis::useKeys(w, static_cast<int>(i));
    }
  return std::nullopt;
}

/// Runs a broker fault on one broker, or on every registered one (broker -1).
template <typename Fn> std::optional<std::string> forBrokers(World &w, int broker, Fn fn) {
  const auto registered = [&](int b) { return b >= 0 && b < static_cast<int>(w.kafka.brokers.size()) && !w.kafka.brokers[static_cast<std::size_t>(b)].removed; };
  if (broker >= 0) {
    if (!registered(broker))
      return "BrokerIdNotRegisteredException: Broker " + std::to_string(broker) + " is not registered.";
    fn(w, broker);
    return std::nullopt;
  }
  for (std::size_t b = 0; b < w.kafka.brokers.size(); ++b)
    if (registered(static_cast<int>(b)))
      fn(w, static_cast<int>(b));
  return std::nullopt;
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
  if (scenario.kinesis)
    buildKinesis(m_world);
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
  ++m_world.processed;
  dispatch(entry.action);
  return true;
}

void Simulation::advanceTo(std::uint64_t processed, SimTime t) {
  while (m_world.processed < processed && step()) {
  }
  const bool nextIsLater = m_world.queue.empty() || m_world.queue.nextTime() > t;
  if (t > m_world.now && nextIsLater)
    m_world.now = t;
}

void Simulation::runUntil(SimTime t) {
  while (!m_world.queue.empty() && m_world.queue.nextTime() <= t) {
    const auto entry = m_world.queue.pop();
    m_world.now = entry.time;
    ++m_world.processed;
    dispatch(entry.action);
  }
  if (t > m_world.now)
    m_world.now = t;
}

std::optional<std::string> Simulation::applyFault(const Fault &f) {
  World &w = m_world;
  using namespace kafka;
  const int app = indexByName(w.kinesis.apps, f.group, [](const kinesis::Application &x) { return x.config.application; });
  switch (f.action) {
  case FaultAction::CrashBroker: return forBrokers(w, f.broker, crashBroker);
  case FaultAction::PowerLoss: return forBrokers(w, f.broker, powerOffBroker);
  case FaultAction::RestartBroker: return forBrokers(w, f.broker, restartBroker);
  case FaultAction::IsolateBroker: return forBrokers(w, f.broker, isolateBroker);
  case FaultAction::Heal: return forBrokers(w, f.broker, healBroker);
  case FaultAction::SlowBroker: return forBrokers(w, f.broker, [&](World &world, int b) { slowBroker(world, b, f.extraDelay); });
  case FaultAction::KillConsumer:
  case FaultAction::RemoveConsumer: {
    if (app >= 0) {
      const auto &workers = w.kinesis.apps[static_cast<std::size_t>(app)].workers;
      int m = f.member;
      for (std::size_t i = workers.size(); m < 0 && i-- > 0;)
        m = workers[i].alive ? static_cast<int>(i) : -1;
      if (m < 0 || m >= static_cast<int>(workers.size()))
        return "application \"" + f.group + "\" has no such live worker";
      (f.action == FaultAction::KillConsumer ? kinesis::killWorker : kinesis::removeWorker)(w, app, m);
      break;
    }
    const int g = groupIndex(w.kafka, f.group);
    const int m = f.member >= 0 ? f.member : lastLiveMember(w.kafka.groups[static_cast<std::size_t>(g)]);
    if (m < 0 || m >= static_cast<int>(w.kafka.groups[static_cast<std::size_t>(g)].members.size()))
      return "group \"" + f.group + "\" has no such live member";
    if (f.action == FaultAction::KillConsumer)
      killConsumer(w, g, m);
    else
      removeConsumer(w, g, m);
    break;
  }
  case FaultAction::AddConsumer:
    if (app >= 0)
      kinesis::addWorker(w, app);
    else
      addConsumer(w, groupIndex(w.kafka, f.group));
    break;
  case FaultAction::Seek:
    if (app >= 0)
      return kinesis::seekApplication(w, app, f.shard, kinesis::IteratorRequest{f.iterator, f.sequenceNumber, f.seekValue});
    seekGroup(w, groupIndex(w.kafka, f.group), f.partition, f.seekTarget, f.seekValue);
    break;
  case FaultAction::SetRate: {
    const auto sameWorkload = [&](const ProducerConfig &c) { return c.name == f.producer; };
    for (std::size_t i = 0; i < w.kafka.producers.size(); ++i)
      if (sameWorkload(w.kafka.producers[i].config))
        setProducerRate(w, static_cast<int>(i), f.rate);
    for (std::size_t i = 0; i < w.kinesis.producers.size(); ++i)
      if (sameWorkload(w.kinesis.producers[i].config))
        kinesis::setProducerRate(w, static_cast<int>(i), f.rate);
    break;
  }
  case FaultAction::AzOutage: return kinesis::zoneOutage(w, f.az);
  case FaultAction::AzRestore: kinesis::zoneRestore(w, f.az); break;
  case FaultAction::SplitShard:
  case FaultAction::MergeShards: {
    const int stream = streamIndex(w.kinesis, f.stream);
    if (stream < 0)
      return "ResourceNotFoundException: Stream " + f.stream + " under account " + kinesis::kAccountId + " not found.";
    auto refused = f.action == FaultAction::SplitShard ? kinesis::splitShard(w, stream, f.shard, f.newStartingHashKey)
                                                       : kinesis::mergeShards(w, stream, f.shard, f.adjacentShard);
    if (!refused)
      kinesis::addLeasesForNewShards(w, stream);
    return refused;
  }
  case FaultAction::AddBroker: kafka::addBroker(w); break;
  case FaultAction::RemoveBroker:
    if (f.broker < 0 || f.broker >= static_cast<int>(w.kafka.brokers.size()))
      return "BrokerIdNotRegisteredException: Broker " + std::to_string(f.broker) + " is not registered.";
    return kafka::removeBroker(w, f.broker);
  case FaultAction::AddTopic: {
    TopicConfig t;
    t.name = f.topic;
    t.partitions = static_cast<int>(f.value);
    t.replicationFactor = f.replicationFactor;
    t.minInsyncReplicas = f.minInsyncReplicas;
    return kafka::createTopic(w, t);
  }

  case FaultAction::AlterTopic:
  case FaultAction::AddPartitions:
  case FaultAction::SetReplicationFactor:
  case FaultAction::DeleteTopic: {
    const int topic = topicIndex(w.kafka, f.topic);
    if (topic < 0)
      return "UnknownTopicOrPartitionException: topic '" + f.topic + "' does not exist";
    if (f.action == FaultAction::AlterTopic)
      return kafka::alterTopic(w, topic, f.topicSetting, f.value);
    if (f.action == FaultAction::AddPartitions)
      return kafka::addPartitions(w, topic, static_cast<int>(f.value));
    if (f.action == FaultAction::DeleteTopic)
      return kafka::deleteTopic(w, topic);
    return kafka::setReplicationFactor(w, topic, static_cast<int>(f.value));
  }
  case FaultAction::SetAcks:
    for (std::size_t i = 0; i < w.kafka.producers.size(); ++i)
      if (w.kafka.producers[i].config.name == f.producer)
        kafka::setProducerAcks(w, static_cast<int>(i), f.acks);
    break;
  case FaultAction::SetKeys: return setKeys(w, f.producer, static_cast<int>(f.value));
  case FaultAction::DropMessage: {
    Action *next = w.queue.findEarliest([](const Action &m) {
      return !m.dropped && (m.type == ActionType::ProduceArrive || m.type == ActionType::PutArrive);
    });
    if (!next)
      return std::string("no produce or PutRecords request is in flight");
    next->dropped = true;
    break;
  }
  }
  return std::nullopt;
}

void Simulation::dispatch(const Action &a) {
  World &w = m_world;
  using namespace kafka;
  switch (a.type) {
  case ActionType::Fault:
    if (auto refused = applyFault(w.scenario.faults[static_cast<std::size_t>(a.a)])) {
      w.record(EventType::FaultRefused, -1, -1, a.a);
      w.refusals.push_back(Refusal{w.now, a.a, *refused});
    }
    break;
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
  case ActionType::KinesisProducerTick: kinesis::onProducerTick(w, a); break;
  case ActionType::KinesisProducerWake: kinesis::onProducerWake(w, a); break;
  case ActionType::PutArrive: kinesis::onPutArrive(w, a); break;
  case ActionType::ZoneWriteArrive: kinesis::onZoneWriteArrive(w, a); break;
  case ActionType::ZoneAckArrive: kinesis::onZoneAckArrive(w, a); break;
  case ActionType::PutResponseArrive: kinesis::onPutResponse(w, a); break;
  case ActionType::PutTimeout: kinesis::onPutTimeout(w, a); break;
  case ActionType::RetentionTrim: kinesis::onRetentionTrim(w, a); break;
  case ActionType::LeaseRenew: kinesis::onLeaseRenew(w, a); break;
  case ActionType::LeaseTake: kinesis::onLeaseTake(w, a); break;
  case ActionType::ReadShard: kinesis::onReadShard(w, a); break;
  case ActionType::GetRecordsArrive: kinesis::onGetRecordsArrive(w, a); break;
  case ActionType::ReadResponseArrive: kinesis::onReadResponse(w, a); break;
  case ActionType::FanOutPush: kinesis::onFanOutPush(w, a); break;
  }
}

} // namespace streamscope::engine
