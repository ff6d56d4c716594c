#pragma once
// The whole simulated world as one copyable value: clock, random generator, pending actions,
// network, event hash and the Kafka state. A snapshot is a copy of World; restoring it and
// running forward reproduces the original run exactly.
// Contract: a plain copyable value owned by one Simulation; only its thread changes it (copies are snapshots).
#include "engine/core/event_stream.h"
#include "engine/core/network.h"
#include "engine/core/rng.h"
#include "engine/core/scheduler.h"
#include "engine/world/kafka/kafka_state.h"
#include "engine/world/kinesis/kinesis_state.h"
#include "engine/world/pipeline_state.h"
#include "engine/world/scenario.h"

#include <cstdint>

namespace streamscope::engine {

enum class ActionType : std::uint8_t {
  Fault, ///< a = index into scenario faults
  ProducerTick, ///< a = producer
  ProducerWake, ///< a = producer, b = partition: linger or back-off ended, try sending
  ProduceArrive, ///< a = batch, c = attempt, d = broker incarnation, to = broker node
  ProduceRespondAfterFsync, ///< as ProduceResponseArrive, sent once the fsync completes
  ProduceResponseArrive, ///< a = batch, c = attempt, b = ErrorCode, d = base offset
  ProduceRequestTimeout, ///< a = batch, c = attempt
  PurgatoryExpire, ///< a = partition
  FollowerFetch, ///< a = fetch session: send its next request
  ReplicaFetchTimeout, ///< a = fetch session, c = request serial
  ReplicaFetchArrive, ///< a = fetch session, c = request serial, d = SessionMessage
  ReplicaFetchResponse, ///< a = fetch session, c = request serial, d = SessionMessage
  ParkedFetchExpire, ///< a = consumer fetch session, b = group, c = request serial: fetch.max.wait.ms passed
  ConsumerFetchArrive, ///< a = consumer fetch session, b = group, c = request serial, d = ConsumerFetchMessage
  ConsumerFetchResponse, ///< a = consumer fetch session, b = group, c = request serial, d = ConsumerFetchMessage
  ConsumerRetryFetch, ///< a = partition, b = group, c = fetch gen: the metadata back-off ended
  AutoCommit, ///< a = group, b = member, c = incarnation
  RebalanceDone, ///< a = group, c = token
  SessionExpired, ///< a = group, b = member, c = incarnation
  IsrCheck, ///< a = broker
  // The control plane (KRaft and ZooKeeper mode)
  MetadataFlush, ///< answer fetches / push UpdateMetadata after a batch of appends
  ControllerTimer, ///< a = controller, c = timer generation: election or fetch timeout
  VoteRequestArrive, ///< a = candidate, b = voter, c = epoch, d = last epoch << 40 | log end
  VoteResponseArrive, ///< a = candidate, b = voter, c = epoch, d = granted
  BeginEpochArrive, ///< a = leader, b = voter, c = epoch
  MetadataFetchArrive, ///< a = fetcher, b = observer | (last epoch + 1) << 1, c = loop gen, d = offset
  MetadataFetchResponse, ///< a = fetcher, b = observer, c = loop gen, d = payload
  MetadataParkedExpire, ///< a = controller, c = incarnation
  BrokerHeartbeatTick, ///< a = broker
  HeartbeatArrive, ///< a = broker, c = incarnation, d = applied metadata offset
  SessionCheck, ///< a = broker, c = controller epoch
  AlterPartitionArrive, ///< a = partition, b = leader, c = leader epoch, d = partition epoch
  ZkControllerElect, ///< the /controller znode is free: brokers race for it
  ZkControllerReady, ///< a = broker, c = controller epoch: metadata loaded
  ZkPushArrive, ///< a = broker, d = offset it may apply up to
  WriteBack, ///< a = broker
  FlushIntervalCheck, ///< a = broker
  RetentionCheck, ///< a = broker
  CleanerCheck, ///< a = broker
  // Kinesis
  KinesisProducerTick, ///< a = producer
  KinesisProducerWake, ///< a = producer: linger or back-off ended
  PutArrive, ///< a = put request, c = attempt
  ZoneWriteArrive, ///< a = put request, b = zone, c = attempt
  ZoneAckArrive, ///< a = put request, b = zone, c = attempt
  PutResponseArrive, ///< a = put request, c = attempt
  PutTimeout, ///< a = put request, c = attempt
  RetentionTrim, ///< a = stream
  LeaseRenew, ///< a = application, b = worker, c = incarnation
  LeaseTake, ///< a = application, b = worker, c = incarnation
  ReadShard, ///< a = application, b = lease, c = read generation: next GetRecords
  GetRecordsArrive, ///< a = application, b = lease, c = read generation
  ReadResponseArrive, ///< a = application, b = lease, c = read generation, d = payload
  FanOutPush, ///< a = application, b = lease, c = read generation
  GroupHeartbeat, ///< consumer protocol: a = group, b = member, c = heartbeat token (processed at the coordinator)
  // Transactions
  TxnRequestArrive, ///< a = transactional id, b = TxnOp | arg << 2, c = token, d = hi << 32 | epoch
  TxnResponseArrive, ///< a = producer, b = ErrorCode | TxnOp << 8, c = token, d = hi << 32 | lo
  TxnRetry, ///< a = producer, c = token: resend InitProducerId or EndTxn
  TxnAddTimeout, ///< a = producer, b = partition number, c = transaction
  MarkerArrive, ///< a = partition, b = transaction
  MarkerResponseArrive, ///< a = transaction, b = partition, c = ErrorCode
  MarkerRetry, ///< a = transaction, b = partition
  TxnTimeoutCheck, ///< the coordinators look for transactions past transaction.timeout.ms
  ZombieWake, ///< a = producer, b = old instance: it comes back and sends what it held
  PipelineTick, ///< a = pipeline: turn what it read into outputs, end its transaction when due
  GetRecordsTimeout, ///< a = application, b = lease, c = read generation: a GetRecords whose answer was lost times out
  // Share groups (KIP-932)
  ShareFetchArrive, ///< a = partition, b = share group, c = fetch gen, d = ShareMessage
  ShareFetchRecheck, ///< as ShareFetchArrive: a parked ShareFetch looks for records again
  ShareFetchResponse, ///< a = partition, b = share group, c = fetch gen, d = ShareMessage
  ShareRetryFetch, ///< a = partition, b = share group, c = fetch gen, d = member
  ShareLockExpire, ///< a = partition, b = share group
  ShareProcessed, ///< a = share group, b = member, c = incarnation: the first queued batch is done
  // Kinesis stream status and capacity
  StreamUpdateDone, ///< a = stream, c = update serial: the resharding or mode switch completes
  OnDemandWindow, ///< a = stream, c = measuring loop generation: an on-demand measuring window ends
  LeaseDiscovered, ///< a = application, b = lease, c = read generation: the new owner found it (KCL 3)
  FetchSessionExpire, ///< a = fetch session, c = request serial: replica.fetch.wait.max.ms passed
  ConsumerFetchSend, ///< a = consumer fetch session: send its next request
  ConsumerFetchTimeout, ///< a = consumer fetch session, b = group, c = request serial
};

struct Action {
  ActionType type = ActionType::Fault;
  NodeId from = -1; ///< messages: sender node (for the arrival's transfer event)
  NodeId to = -1; ///< messages: receiver node
  std::int32_t a = -1;
  std::int32_t b = -1;
  std::uint32_t c = 0;
  std::int64_t d = 0;
  SimTime sentAt = 0;
  std::uint8_t kind = 0; ///< TransferKind for messages
  bool dropped = false; ///< messages: lost in flight (drop_message, drop_response, the drop_response_ratio settings)
};

/// A fault the real system refused (the scenario asked for something it would not do).
struct Refusal {
  SimTime at = 0;
  std::int32_t fault = -1;
  std::string message;
};

struct World {
  Scenario scenario;
  SimTime now = 0;
  std::uint64_t processed = 0; ///< actions processed so far: a position in the run finer than time
  Rng rng;
  Scheduler<Action> queue;
  Network net;
  EventStream events;
  kafka::KafkaState kafka;
  kinesis::KinesisState kinesis;
  std::vector<PipelineState> pipelines;
  std::vector<std::int32_t> kafkaOutputSource; ///< per Kafka record id: the pipeline input it was made from, -1 none
  std::vector<std::int32_t> kinesisOutputSource; ///< the same per Kinesis record id
  std::vector<Refusal> refusals;
  /// drop_response faults that found no response in flight: each loses the next matching one sent.
  std::vector<DropResponse> armedResponseDrops;

  void at(SimTime time, const Action &action) { queue.schedule(time, action); }
  void after(SimTime delay, const Action &action) { queue.schedule(now + delay, action); }

  void record(EventType type, std::int32_t node = -1, std::int32_t partition = -1, std::int64_t a = 0, std::int64_t b = 0, std::uint8_t sub = 0,
              std::int32_t peer = -1) {
    Event e;
    e.time = now;
    e.arrival = now;
    e.type = type;
    e.sub = sub;
    e.node = node;
    e.peer = peer;
    e.partition = partition;
    e.a = a;
    e.b = b;
    events.record(e);
  }

  /// Sends a message: emits TransferStarted and schedules `onArrival` at the arrival time,
  /// or emits TransferDropped if the link is cut now. `partition`, `a` and `b` describe the
  /// payload for the view (offset range). The latency is the network's unless given.
  /// Returns false if dropped at once.
  bool send(NodeId from, NodeId to, TransferKind kind, std::int32_t partition, std::int64_t a, std::int64_t b, Action onArrival,
            SimTime latency = -1);
  /// Called first by every message handler: emits TransferArrived, or TransferDropped and
  /// returns false if the link was cut while the message was in flight.
  bool arrive(const Action &message, std::int32_t partition);
  /// Whether `message` (an action in the queue or about to be sent) is a response `drop` may
  /// lose: its kind (produce / PutRecords or fetch / GetRecords), its system and, if named, its
  /// producer or consumer group / application.
  bool responseMatches(const DropResponse &drop, const Action &message) const;
  /// The responses drop_response and the drop ratios can lose: those a client waits for.
  static bool losableResponse(TransferKind kind);
};

} // namespace streamscope::engine
