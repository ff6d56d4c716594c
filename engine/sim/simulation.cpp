#include "engine/sim/simulation.h"

#include "engine/kafka/broker_heartbeats.h"
#include "engine/kafka/consumer_client.h"
#include "engine/kafka/consumer_fetcher.h"
#include "engine/kafka/consumer_protocol.h"
#include "engine/kafka/consumer_serving.h"
#include "engine/kafka/controller.h"
#include "engine/kafka/metadata_log.h"
#include "engine/kafka/partition_leader.h"
#include "engine/kafka/produce_serving.h"
#include "engine/kafka/producer_client.h"
#include "engine/kafka/producer_lifecycle.h"
#include "engine/kafka/raft_quorum.h"
#include "engine/kafka/replica_fetcher.h"
#include "engine/kafka/replica_serving.h"
#include "engine/kafka/share_consumer.h"
#include "engine/kafka/share_partition.h"
#include "engine/kafka/storage.h"
#include "engine/kafka/txn_coordinator.h"
#include "engine/kafka/txn_partition.h"
#include "engine/kafka/txn_producer.h"
#include "engine/kafka/zookeeper_controller.h"
#include "engine/kinesis/kcl_application.h"
#include "engine/kinesis/kinesis_producer.h"
#include "engine/kinesis/on_demand_capacity.h"
#include "engine/kinesis/shard_reader.h"
#include "engine/kinesis/stream_frontend.h"
#include "engine/kinesis/stream_updates.h"
#include "engine/sim/fault_router.h"
#include "engine/sim/pipeline_runner.h"
#include "engine/sim/world_builder.h"
#include "engine/world/world_snapshot.h"

namespace streamscope::engine {

Simulation::Simulation(const Scenario &scenario) { buildWorld(m_world, scenario); }

std::optional<std::string> Simulation::applyFault(const Fault &f) { return engine::applyFault(m_world, f); }

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

WorldSnapshot Simulation::snapshotSharing(const WorldSnapshot *previous) { return WorldSnapshot(m_world, previous); }

void Simulation::restore(const WorldSnapshot &snapshot) {
  snapshot.restoreInto(m_world);
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
  while (m_world.processed < processed && step()) {}
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

void Simulation::dispatch(const Action &a) {
  World &w = m_world;
  using namespace kafka;
  switch (a.type) {
  case ActionType::Fault:
    if (auto refused = engine::applyFault(w, w.scenario.faults[static_cast<std::size_t>(a.a)])) {
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
  case ActionType::FetchSessionExpire: onFetchSessionExpire(w, a); break;
  case ActionType::ConsumerFetchArrive: onConsumerFetchArrive(w, a); break;
  case ActionType::ConsumerFetchResponse: onConsumerFetchResponse(w, a); break;
  case ActionType::ConsumerFetchSend: onConsumerFetchSend(w, a); break;
  case ActionType::ConsumerFetchTimeout: onConsumerFetchTimeout(w, a); break;
  case ActionType::ConsumerRetryFetch: onConsumerRetryFetch(w, a); break;
  case ActionType::AutoCommit: onAutoCommit(w, a); break;
  case ActionType::RebalanceDone: onRebalanceDone(w, a); break;
  case ActionType::SessionExpired: onSessionExpired(w, a); break;
  case ActionType::IsrCheck: onIsrCheck(w, a); break;
  case ActionType::MetadataFlush: onMetadataFlush(w, a); break;
  case ActionType::ControllerTimer: onControllerTimer(w, a); break;
  case ActionType::VoteRequestArrive: onVoteRequest(w, a); break;
  case ActionType::VoteResponseArrive: onVoteResponse(w, a); break;
  case ActionType::BeginEpochArrive: onBeginEpoch(w, a); break;
  case ActionType::MetadataFetchArrive: onMetadataFetchArrive(w, a); break;
  case ActionType::MetadataFetchResponse: onMetadataFetchResponse(w, a); break;
  case ActionType::MetadataParkedExpire: onMetadataParkedExpire(w, a); break;
  case ActionType::BrokerHeartbeatTick: onHeartbeatTick(w, a); break;
  case ActionType::HeartbeatArrive: onHeartbeatArrive(w, a); break;
  case ActionType::SessionCheck: onSessionCheck(w, a); break;
  case ActionType::AlterPartitionArrive: onAlterPartitionArrive(w, a); break;
  case ActionType::ZkControllerElect: onZkControllerElect(w, a); break;
  case ActionType::ZkControllerReady: onZkControllerReady(w, a); break;
  case ActionType::ZkPushArrive: onZkPushArrive(w, a); break;
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
  case ActionType::LeaseDiscovered: kinesis::onLeaseDiscovered(w, a); break;
  case ActionType::ReadShard: kinesis::onReadShard(w, a); break;
  case ActionType::GetRecordsArrive: kinesis::onGetRecordsArrive(w, a); break;
  case ActionType::ReadResponseArrive: kinesis::onReadResponse(w, a); break;
  case ActionType::FanOutPush: kinesis::onFanOutPush(w, a); break;
  case ActionType::GroupHeartbeat: onGroupHeartbeat(w, a); break;
  case ActionType::TxnRequestArrive: onTxnRequestArrive(w, a); break;
  case ActionType::TxnResponseArrive: onTxnResponse(w, a); break;
  case ActionType::TxnRetry: onTxnRetry(w, a); break;
  case ActionType::TxnAddTimeout: onTxnAddTimeout(w, a); break;
  case ActionType::MarkerArrive: onMarkerArrive(w, a); break;
  case ActionType::MarkerResponseArrive: onMarkerResponse(w, a); break;
  case ActionType::MarkerRetry: onMarkerRetry(w, a); break;
  case ActionType::TxnTimeoutCheck: onTxnTimeoutCheck(w, a); break;
  case ActionType::ZombieWake: onZombieWake(w, a); break;
  case ActionType::PipelineTick: onPipelineTick(w, a); break;
  case ActionType::GetRecordsTimeout: kinesis::onGetRecordsTimeout(w, a); break;
  case ActionType::ShareFetchArrive: onShareFetchArrive(w, a); break;
  case ActionType::ShareFetchRecheck: onShareFetchRecheck(w, a); break;
  case ActionType::ShareFetchResponse: onShareFetchResponse(w, a); break;
  case ActionType::ShareRetryFetch: onShareRetryFetch(w, a); break;
  case ActionType::ShareLockExpire: onShareLockExpire(w, a); break;
  case ActionType::ShareProcessed: onShareProcessed(w, a); break;
  case ActionType::StreamUpdateDone: kinesis::onStreamUpdateDone(w, a); break;
  case ActionType::OnDemandWindow: kinesis::onOnDemandWindow(w, a); break;
  }
}

} // namespace streamscope::engine
