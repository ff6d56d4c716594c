#include "engine/sim/fault_router.h"

#include "engine/kafka/cluster_admin.h"
#include "engine/kafka/consumer_client.h"
#include "engine/kafka/controller.h"
#include "engine/kafka/controller_faults.h"
#include "engine/kafka/producer_client.h"
#include "engine/kafka/producer_lifecycle.h"
#include "engine/kafka/share_consumer.h"
#include "engine/kinesis/kcl_application.h"
#include "engine/kinesis/kinesis_producer.h"
#include "engine/kinesis/shard_reader.h"
#include "engine/kinesis/stream_frontend.h"
#include "engine/kinesis/stream_topology.h"
#include "engine/kinesis/stream_updates.h"
#include "engine/sim/pipeline_runner.h"

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
  const auto registered = [&](int b) {
    return b >= 0 && b < static_cast<int>(w.kafka.brokers.size()) && !w.kafka.brokers[static_cast<std::size_t>(b)].removed;
  };
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

using Refusal = std::optional<std::string>;

/// Kill or remove: a Kinesis worker or a Kafka member (-1: the last live one).
template <typename Leave> Refusal leave(World &w, const Leave &a, bool kill) {
  const int app = w.kinesis.appIndex(a.group);
  if (app >= 0) {
    const auto &workers = w.kinesis.apps[static_cast<std::size_t>(app)].workers;
    int m = a.member;
    for (std::size_t i = workers.size(); m < 0 && i-- > 0;)
      m = workers[i].alive ? static_cast<int>(i) : -1;
    if (m < 0 || m >= static_cast<int>(workers.size()))
      return "application \"" + a.group + "\" has no such live worker";
    (kill ? kinesis::killWorker : kinesis::removeWorker)(w, app, m);
    return std::nullopt;
  }
  if (const int share = w.kafka.shareGroupIndex(a.group); share >= 0) {
    const int m = a.member >= 0 ? a.member : kafka::lastLiveShareMember(w, share);
    if (m < 0 || m >= static_cast<int>(w.kafka.shareGroups[static_cast<std::size_t>(share)].members.size()))
      return "share group \"" + a.group + "\" has no such live member";
    (kill ? kafka::killShareMember : kafka::removeShareMember)(w, share, m);
    return std::nullopt;
  }
  const int g = w.kafka.groupIndex(a.group);
  const int m = a.member >= 0 ? a.member : lastLiveMember(w.kafka.groups[static_cast<std::size_t>(g)]);
  if (m < 0 || m >= static_cast<int>(w.kafka.groups[static_cast<std::size_t>(g)].members.size()))
    return "group \"" + a.group + "\" has no such live member";
  (kill ? kafka::killConsumer : kafka::removeConsumer)(w, g, m);
  return std::nullopt;
}

/// A Kinesis stream by name, or the error Kinesis gives for an unknown one.
Refusal findStream(const World &w, const std::string &name, int &stream) {
  stream = w.kinesis.streamIndex(name);
  if (stream < 0)
    return "ResourceNotFoundException: Stream " + name + " under account " + kinesis::kAccountId + " not found.";
  return std::nullopt;
}

/// A Kafka topic by name, or the error Kafka gives for an unknown one.
Refusal findTopic(const World &w, const std::string &name, int &topic) {
  topic = w.kafka.topicIndex(name);
  if (topic < 0)
    return "UnknownTopicOrPartitionException: topic '" + name + "' does not exist";
  return std::nullopt;
}

/// One handler per action; std::visit picks it by the fault's struct.
struct Router {
  World &w;

  Refusal operator()(const CrashBroker &a) const { return orController(a, kafka::ControllerFault::Crash, kafka::crashBroker); }
  Refusal operator()(const PowerLoss &a) const { return orController(a, kafka::ControllerFault::PowerLoss, kafka::powerOffBroker); }
  Refusal operator()(const RestartBroker &a) const { return orController(a, kafka::ControllerFault::Restart, kafka::restartBroker); }
  Refusal operator()(const IsolateBroker &a) const { return orController(a, kafka::ControllerFault::Isolate, kafka::isolateBroker); }
  Refusal operator()(const Heal &a) const { return orController(a, kafka::ControllerFault::Heal, kafka::healBroker); }
  /// A broker fault, or the same fault on the controller it names.
  template <typename F, typename Fn> Refusal orController(const F &a, kafka::ControllerFault fault, Fn brokerFn) const {
    if (a.controller >= 0)
      return kafka::faultController(w, a.controller, fault);
    return forBrokers(w, a.broker, brokerFn);
  }
  Refusal operator()(const SlowBroker &a) const {
    return forBrokers(w, a.broker, [&](World &world, int b) { kafka::slowBroker(world, b, a.extraDelay, a.dropResponseRatio); });
  }
  Refusal operator()(const KillConsumer &a) const { return leave(w, a, true); }
  Refusal operator()(const RemoveConsumer &a) const { return leave(w, a, false); }
  Refusal operator()(const AddConsumer &a) const {
    const int app = w.kinesis.appIndex(a.group);
    if (app >= 0)
      kinesis::addWorker(w, app);
    else if (const int share = w.kafka.shareGroupIndex(a.group); share >= 0)
      kafka::addShareMember(w, share);
    else
      kafka::addConsumer(w, w.kafka.groupIndex(a.group));
    return std::nullopt;
  }
  Refusal operator()(const Seek &a) const {
    if (const auto *p = std::get_if<ApplicationPosition>(&a.to))
      return kinesis::seekApplication(w, w.kinesis.appIndex(a.group), p->shard,
                                      kinesis::IteratorRequest{p->iterator, p->sequenceNumber, p->timestamp});
    const auto &p = std::get<GroupPosition>(a.to);
    kafka::seekGroup(w, w.kafka.groupIndex(a.group), p.partition, p.target, p.value);
    return std::nullopt;
  }
  Refusal operator()(const SetRate &a) const {
    // Every producer with that name: one workload may feed both systems.
    for (std::size_t i = 0; i < w.kafka.producers.size(); ++i)
      if (w.kafka.producers[i].config.name == a.producer)
        kafka::setProducerRate(w, static_cast<int>(i), a.rate);
    for (std::size_t i = 0; i < w.kinesis.producers.size(); ++i)
      if (w.kinesis.producers[i].config.name == a.producer)
        kinesis::setProducerRate(w, static_cast<int>(i), a.rate);
    return std::nullopt;
  }
  Refusal operator()(const AzOutage &a) const { return kinesis::zoneOutage(w, a.az); }
  Refusal operator()(const AzRestore &a) const {
    kinesis::zoneRestore(w, a.az);
    return std::nullopt;
  }
  // Resharding and mode switches keep the stream UPDATING; their shards (and leases) come when they complete.
  Refusal operator()(const SplitShard &a) const {
    int stream = -1;
    if (auto refused = findStream(w, a.stream, stream))
      return refused;
    return kinesis::requestSplitShard(w, stream, a.shard, a.newStartingHashKey);
  }
  Refusal operator()(const MergeShards &a) const {
    int stream = -1;
    if (auto refused = findStream(w, a.stream, stream))
      return refused;
    return kinesis::requestMergeShards(w, stream, a.shard, a.adjacentShard);
  }
  Refusal operator()(const UpdateShardCount &a) const {
    int stream = -1;
    if (auto refused = findStream(w, a.stream, stream))
      return refused;
    return kinesis::requestShardCount(w, stream, a.shards);
  }
  Refusal operator()(const SwitchCapacityMode &a) const {
    int stream = -1;
    if (auto refused = findStream(w, a.stream, stream))
      return refused;
    return kinesis::requestCapacityMode(w, stream, a.mode);
  }
  Refusal operator()(const DropMessage &) const {
    Action *next =
        w.queue.findEarliest([](const Action &m) { return !m.dropped && (m.type == ActionType::ProduceArrive || m.type == ActionType::PutArrive); });
    if (!next)
      return std::string("no produce or PutRecords request is in flight");
    next->dropped = true;
    return std::nullopt;
  }
  Refusal operator()(const CrashProducer &a) const {
    if (const int pipeline = pipelineNamed(w, a.producer); pipeline >= 0) { // the whole application: consumer and producer
      crashPipeline(w, pipeline);
      return std::nullopt;
    }
    return forProducer(a.producer, [&](int i) { kafka::crashProducer(w, i); });
  }
  Refusal operator()(const RestartProducer &a) const {
    if (const int pipeline = pipelineNamed(w, a.producer); pipeline >= 0) {
      restartPipeline(w, pipeline, a.zombieAfter);
      return std::nullopt;
    }
    return forProducer(a.producer, [&](int i) { kafka::restartProducer(w, i, a.zombieAfter); });
  }
  template <typename Fn> Refusal forProducer(const std::string &name, Fn fn) const {
    for (std::size_t i = 0; i < w.kafka.producers.size(); ++i)
      if (w.kafka.producers[i].config.name == name) {
        fn(static_cast<int>(i));
        return std::nullopt;
      }
    return std::string("no Kafka producer named ") + name;
  }
  Refusal operator()(const DropResponse &a) const {
    const auto named = [](const std::string &wanted, const std::string &name) { return wanted.empty() || name == wanted; };
    const bool kafka = a.system != ResponseSystem::Kinesis, kinesis = a.system != ResponseSystem::Kafka;
    bool receiverExists = false;
    if (a.response != ResponseKind::Fetch) {
      for (const kafka::Producer &p : w.kafka.producers)
        receiverExists |= kafka && named(a.producer, p.config.name);
      for (const kinesis::Producer &p : w.kinesis.producers)
        receiverExists |= kinesis && named(a.producer, p.config.name);
    }
    if (a.response != ResponseKind::Produce) {
      for (const kafka::ConsumerGroup &g : w.kafka.groups)
        receiverExists |= kafka && named(a.group, g.config.group);
      for (const kinesis::Application &app : w.kinesis.apps)
        receiverExists |= kinesis && !app.config.enhancedFanOut && named(a.group, app.config.application);
    }
    if (!receiverExists)
      return std::string(a.response == ResponseKind::Produce ? "no producer would receive such a response"
                             : a.response == ResponseKind::Fetch
                             ? "no consumer would receive such a response (enhanced fan-out is pushed, not fetched)"
                             : "no producer or consumer would receive such a response");
    // The earliest matching response in flight; with none, the next one sent.
    if (Action *next = w.queue.findEarliest([&](const Action &m) { return w.responseMatches(a, m); }))
      next->dropped = true;
    else
      w.armedResponseDrops.push_back(a);
    return std::nullopt;
  }
  Refusal operator()(const AddBroker &) const {
    kafka::addBroker(w);
    return std::nullopt;
  }
  Refusal operator()(const RemoveBroker &a) const {
    if (a.broker < 0 || a.broker >= static_cast<int>(w.kafka.brokers.size()))
      return "BrokerIdNotRegisteredException: Broker " + std::to_string(a.broker) + " is not registered.";
    return kafka::removeBroker(w, a.broker);
  }
  Refusal operator()(const AddTopic &a) const {
    TopicConfig t;
    t.name = a.topic;
    t.partitions = a.partitions;
    t.replicationFactor = a.replicationFactor;
    t.minInsyncReplicas = a.minInsyncReplicas;
    return kafka::createTopic(w, t);
  }
  Refusal operator()(const AlterTopic &a) const {
    int topic = -1;
    if (auto refused = findTopic(w, a.topic, topic))
      return refused;
    return kafka::alterTopic(w, topic, a.setting, a.value);
  }
  Refusal operator()(const AddPartitions &a) const {
    int topic = -1;
    if (auto refused = findTopic(w, a.topic, topic))
      return refused;
    return kafka::addPartitions(w, topic, a.partitions);
  }
  Refusal operator()(const SetReplicationFactor &a) const {
    int topic = -1;
    if (auto refused = findTopic(w, a.topic, topic))
      return refused;
    return kafka::setReplicationFactor(w, topic, a.replicationFactor);
  }
  Refusal operator()(const DeleteTopic &a) const {
    int topic = -1;
    if (auto refused = findTopic(w, a.topic, topic))
      return refused;
    return kafka::deleteTopic(w, topic);
  }
  Refusal operator()(const SetAcks &a) const {
    for (std::size_t i = 0; i < w.kafka.producers.size(); ++i)
      if (w.kafka.producers[i].config.name == a.producer)
        kafka::setProducerAcks(w, static_cast<int>(i), a.acks);
    return std::nullopt;
  }
  Refusal operator()(const SetKeys &a) const { return setKeys(w, a.producer, a.keys); }
};

} // namespace

std::optional<std::string> applyFault(World &w, const Fault &f) { return std::visit(Router{w}, f.what); }

} // namespace streamscope::engine
