#include "engine/sim/fault_router.h"

#include "engine/kafka/cluster_admin.h"
#include "engine/kafka/consumer_client.h"
#include "engine/kafka/controller.h"
#include "engine/kafka/producer_client.h"
#include "engine/kinesis/kcl_application.h"
#include "engine/kinesis/kinesis_producer.h"
#include "engine/kinesis/shard_reader.h"
#include "engine/kinesis/stream_frontend.h"
#include "engine/kinesis/stream_topology.h"

namespace streamscope::engine {
namespace {

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

std::optional<std::string> applyFault(World &w, const Fault &f) {
  using namespace kafka;
  const int app = w.kinesis.appIndex(f.group);
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
    const int g = w.kafka.groupIndex(f.group);
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
      addConsumer(w, w.kafka.groupIndex(f.group));
    break;
  case FaultAction::Seek:
    if (app >= 0)
      return kinesis::seekApplication(w, app, f.shard, kinesis::IteratorRequest{f.iterator, f.sequenceNumber, f.seekValue});
    seekGroup(w, w.kafka.groupIndex(f.group), f.partition, f.seekTarget, f.seekValue);
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
    const int stream = w.kinesis.streamIndex(f.stream);
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
    const int topic = w.kafka.topicIndex(f.topic);
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

} // namespace streamscope::engine
