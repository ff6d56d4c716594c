#include "engine/sim/world_builder.h"

#include "engine/sim/pipeline_runner.h"

#include "engine/kafka/broker_heartbeats.h"
#include "engine/kafka/cluster_admin.h"
#include "engine/kafka/consumer_client.h"
#include "engine/kafka/controller.h"
#include "engine/kafka/producer_client.h"
#include "engine/kafka/raft_quorum.h"
#include "engine/kafka/share_consumer.h"
#include "engine/kafka/storage.h"
#include "engine/kafka/txn_coordinator.h"
#include "engine/kafka/txn_producer.h"
#include "engine/kafka/zookeeper_controller.h"
#include "engine/kinesis/kcl_application.h"
#include "engine/kinesis/kinesis_producer.h"
#include "engine/kinesis/on_demand_capacity.h"
#include "engine/kinesis/stream_frontend.h"
#include "engine/kinesis/stream_topology.h"

#include <algorithm>

namespace streamscope::engine {
namespace {

/// Controllers, the bootstrap snapshot (brokers, topics and partitions with their first
/// leaders) and the quorum or ZooKeeper controller that takes it from there.
void buildControlPlane(World &w) {
  const KafkaConfig &cfg = *w.scenario.kafka;
  kafka::MetadataState &m = w.kafka.metadata;
  m.zookeeper = cfg.metadataMode == MetadataMode::ZooKeeper;
  m.brokers.resize(static_cast<std::size_t>(cfg.brokers));
  if (!m.zookeeper)
    for (int c = 0; c < cfg.controllers; ++c) {
      kafka::Controller ctl;
      const bool combined = cfg.controllerMode == ControllerMode::Combined;
      ctl.id = combined ? c : kFirstDedicatedControllerId + c;
      ctl.broker = combined ? c : -1;
      ctl.node = combined ? w.kafka.brokers[static_cast<std::size_t>(c)].node : w.net.addNode();
      m.controllers.push_back(ctl);
    }
  kafka::bootstrapLeadership(w);
  m.bootImage = m.image;
  m.base = static_cast<kafka::Offset>(cfg.brokers + w.kafka.topics.size() + w.kafka.partitions.size());
  for (kafka::BrokerMetadata &b : m.brokers)
    b.applied = m.base;
  m.bootstrapped = true;
  if (m.zookeeper)
    kafka::startZookeeper(w);
  else
    kafka::startQuorum(w);
  for (int b = 0; b < cfg.brokers; ++b)
    kafka::startHeartbeats(w, b);
}

/// __transaction_state, created when the first transactional producer needs a coordinator
/// (replication factor 3 and min ISR 2 as Kafka's transaction.state.log.* defaults, or fewer
/// on a smaller cluster), and each transactional.id's entry in it.
void buildTransactionState(World &w) {
  kafka::KafkaState &k = w.kafka;
  const KafkaConfig &cfg = *w.scenario.kafka;
  TopicConfig t;
  t.name = "__transaction_state";
  t.partitions = cfg.transactionStatePartitions;
  t.replicationFactor = std::min(3, cfg.brokers);
  t.minInsyncReplicas = std::min(2, t.replicationFactor);
  t.cleanupPolicy = CleanupPolicy::Compact;
  k.txnStateTopic = static_cast<int>(k.topics.size());
  kafka::Topic topic{t, false, {}};
  for (int i = 0; i < t.partitions; ++i) {
    topic.partitionIds.push_back(static_cast<int>(k.partitions.size()));
    k.partitions.push_back(kafka::newPartition(k.txnStateTopic, i, kafka::placeReplicas(i, t.replicationFactor, cfg.brokers)));
  }
  k.topics.push_back(topic);
  for (std::size_t i = 0; i < k.producers.size(); ++i) {
    const std::string &id = k.producers[i].config.transactionalId;
    if (id.empty())
      continue;
    kafka::TransactionalId entry;
    entry.id = id;
    entry.producer = static_cast<std::int16_t>(i);
    entry.partition = topic.partitionIds[static_cast<std::size_t>(kafka::transactionStatePartitionOf(id, t.partitions))];
    k.txnIds.push_back(entry);
  }
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
    pr.topic = k.topicIndex(pc.topic);
    pr.node = w.net.addNode();
    k.producers.push_back(pr);
  }
  if (std::any_of(k.producers.begin(), k.producers.end(), [](const kafka::Producer &p) { return kafka::isTransactional(p); }))
    buildTransactionState(w);
  for (const ConsumerGroupConfig &gc : w.scenario.consumers) {
    kafka::ConsumerGroup g;
    g.config = gc;
    g.topic = k.topicIndex(gc.topic);
    k.groups.push_back(g);
  }
  buildControlPlane(w);
  for (int b = 0; b < cfg.brokers; ++b) {
    kafka::scheduleStorageTasks(w, b);
    w.after(cfg.replicaLagTimeMax / 2, Action{ActionType::IsrCheck, -1, -1, b});
  }
  for (std::size_t i = 0; i < k.producers.size(); ++i)
    kafka::startProducer(w, static_cast<int>(i));
  kafka::startTransactionTimeouts(w);
  for (std::size_t i = 0; i < k.groups.size(); ++i)
    kafka::startGroup(w, static_cast<int>(i));
  kafka::startShareGroups(w);
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
    if (sc.capacityMode == CapacityMode::OnDemand)
      kinesis::startOnDemand(w, static_cast<int>(k.streams.size()) - 1, kinesis::kOnDemandInitialShards);
  }
  for (std::size_t i = 0; i < w.scenario.producers.size(); ++i) {
    const ProducerConfig &pc = w.scenario.producers[i];
    if (pc.stream.empty())
      continue;
    kinesis::Producer pr;
    pr.config = pc;
    pr.workload = static_cast<int>(i);
    pr.stream = k.streamIndex(pc.stream);
    // One client feeding both systems is one node.
    const auto shared =
        std::find_if(w.kafka.producers.begin(), w.kafka.producers.end(), [&](const kafka::Producer &kp) { return kp.workload == pr.workload; });
    pr.node = shared != w.kafka.producers.end() ? shared->node : w.net.addNode();
    k.producers.push_back(pr);
  }
  for (const KinesisAppConfig &ac : w.scenario.applications) {
    kinesis::Application app;
    app.config = ac;
    app.stream = k.streamIndex(ac.stream);
    k.apps.push_back(app);
  }
  for (std::size_t i = 0; i < k.producers.size(); ++i)
    kinesis::startProducer(w, static_cast<int>(i));
  for (std::size_t i = 0; i < k.apps.size(); ++i)
    kinesis::startApplication(w, static_cast<int>(i));
}

} // namespace

void buildWorld(World &w, const Scenario &scenario) {
  w.scenario = scenario;
  w.rng.reseed(scenario.seed);
  if (scenario.kafka)
    w.net = Network(scenario.kafka->latencyMin, scenario.kafka->latencyMax);
  if (scenario.kafka)
    buildKafka(w);
  if (scenario.kinesis)
    buildKinesis(w);
  startPipelines(w);
  for (std::size_t i = 0; i < scenario.faults.size(); ++i)
    w.at(scenario.faults[i].at, Action{ActionType::Fault, -1, -1, static_cast<std::int32_t>(i)});
}

} // namespace streamscope::engine
