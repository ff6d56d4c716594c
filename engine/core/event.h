#pragma once
// The compact event stream: one small fixed-size record per thing that happens. Views
// animate from it (every transfer carries its start and arrival time), recorders store it,
// and its hash proves that two runs were identical.
// Contract: a plain copyable value; any thread may use its own copy, and only the World's owner changes the World's.
#include "engine/core/sim_time.h"

#include <cstdint>
#include <string_view>

namespace streamscope::engine {

enum class EventType : std::uint8_t {
  RecordProduced, ///< producer created records: partition, a=first record id, b=count
  TransferStarted, ///< a message left `node` for `peer`; arrival set; sub=TransferKind
  TransferArrived, ///< the message reached `peer`
  TransferDropped, ///< the message was lost (link cut, peer down)
  Appended, ///< broker appended to its replica: a=first offset, b=count, sub=epoch
  Flushed, ///< replica fsynced or written back: a=new flushed offset
  HighWatermark, ///< leader's (or follower's) HW moved: a=new HW
  IsrShrunk, ///< follower `peer` left the ISR: a=ISR size after
  IsrExpanded, ///< follower `peer` joined the ISR: a=ISR size after
  LeaderElected, ///< node=new leader, a=leader epoch, sub=ElectionKind
  PartitionOffline, ///< no eligible leader: a=leader epoch
  Truncated, ///< replica truncated: a=new log end offset, b=records removed
  Acked, ///< producer got success: a=base offset (-1 for acks=0), b=count
  ProduceFailed, ///< producer got an error: sub=ErrorCode, b=count
  ProduceRetried, ///< producer will resend a batch: sub=ErrorCode, b=count
  Fetched, ///< consumer received records: a=first offset, b=count
  Committed, ///< group committed: a=offset (next to read)
  Rebalanced, ///< group finished a rebalance: a=generation, b=members
  OffsetReset, ///< consumer position reset: a=new position, sub=ErrorCode
  BrokerCrashed,
  BrokerPowerLost,
  BrokerRestarted,
  BrokerIsolated,
  BrokerHealed,
  BrokerFenced, ///< the controller fenced the broker (session expired)
  BrokerSlowed, ///< a=extra latency in microseconds (0 = back to normal)
  RecordsLost, ///< acknowledged records vanished from every replica: b=count
  SegmentDeleted, ///< retention deleted a segment: a=new log start offset, b=records
  Compacted, ///< cleaner removed superseded records: b=records removed
  ConsumerJoined,
  ConsumerLeft,
  ConsumerKilled,
  RateChanged, ///< producer rate: a=records per second
  // Kinesis. `partition` is a shard slot (KinesisState::shards) unless noted.
  KinesisProduced, ///< producer created records: a=first record id, b=count, partition=-1
  PutAccepted, ///< shard assigned sequence numbers: a=first counter, b=count
  Throttled, ///< ProvisionedThroughputExceeded: sub=0 writes (b=records) / 1 reads (b=calls)
  KinesisAcked, ///< PutRecords response: a=accepted, b=failed entries
  ShardSplit, ///< partition=parent, a=first child slot, b=second child slot
  ShardsMerged, ///< partition=child, a=parent slot, b=adjacent parent slot
  FaultRefused, ///< a=fault index; the reason is in World::refusals
  ZoneDown, ///< node=zone node, a=zone
  ZoneUp, ///< node=zone node, a=zone
  RecordsExpired, ///< retention trimmed: b=count
  RecordsRead, ///< node=worker, a=count, b=MillisBehindLatest, sub=ReadError
  LeaseTaken, ///< node=worker, a=worker index, sub=1 if stolen from a live owner
  Checkpointed, ///< node=worker, a=counter, sub=1 at SHARD_END, 2 rewritten by an operator (node -1)
  // Changes made to a running system (admin tools, producer and consumer settings).
  BrokerAdded, ///< node=new broker id
  ConfigChanged, ///< partition=topic (or -1), sub=what changed, a=new value
  PartitionsAdded, ///< partition=topic, a=new partition count
  ReplicasReassigned, ///< partition=topic, a=new replication factor
  // Consumer protocol (KIP-848). partition=group index, node=the member's node.
  GroupEpochBumped, ///< the coordinator computed a new target assignment: a=group epoch, b=members, node=-1
  PartitionsRevoked, ///< a member gave up partitions not in its target: a=member, b=count
  PartitionsAssigned, ///< a member was given free partitions of its target: a=member, b=count
  MemberEpochChanged, ///< a member reconciled to the group epoch: a=member, b=member epoch
  MemberFenced, ///< the session timed out: the coordinator removed the member, a=member
  // The control plane. Controllers are named by id (node field): 3000.. or the broker's id.
  ControllerElected, ///< node=controller id (ZooKeeper mode: broker), a=epoch, b=its log end
  ControllerCandidate, ///< node=controller id, a=the epoch it stands in
  ControllerResigned, ///< node=controller id, a=epoch: it stopped leading
  ControllerLoaded, ///< ZooKeeper mode: node=broker, a=epoch, b=partitions loaded
  MetadataCommitted, ///< a=committed offset after, b=entries committed
  MetadataApplied, ///< node=broker, a=applied offset after, b=entries applied
  ControllerCrashed, ///< node=controller id
  ControllerRestarted, ///< node=controller id
  ControllerIsolated, ///< node=controller id
  ControllerHealed, ///< node=controller id
  // Kafka again (KIP-966), added last so that earlier values keep their numbers.
  ElrChanged, ///< peer=broker, sub=ElrChange, a=ELR size after
  // Transactions and producer processes.
  TransactionChanged, ///< node=coordinator broker, partition=its __transaction_state partition, a=transaction, b=producer, sub=TxnState
  MarkerWritten, ///< node=leader, a=marker offset, b=transaction, sub=1 commit / 0 abort
  ProducerFenced, ///< node=producer node, a=producer, b=instance: a newer instance holds its transactional.id
  ProducerCrashed, ///< node=producer node, a=producer, b=instance
  ProducerRestarted, ///< node=producer node, a=producer, b=the new instance
  ZombieReturned, ///< node=producer node, a=producer, b=the old instance, which sends what it held
  // Share groups (KIP-932). sub=share group index; peer=member index; node=the broker's node
  // (the share-partition leader) unless noted; partition=global partition index.
  ShareMemberChanged, ///< node=member node, partition=share group, a=member, sub=ShareMemberChange
  ShareAcquired, ///< records handed to a member under a lock: a=first offset, b=count
  ShareAccepted, ///< a member acknowledged (ACCEPT): a=first offset, b=count
  ShareReleased, ///< a member released records (back to available or archived): a=first offset, b=count
  ShareRejected, ///< a member rejected records (archived): a=first offset, b=count
  ShareLocksExpired, ///< locks timed out: a=records available again, b=records archived
  ShareStartMoved, ///< the share-partition start offset moved: a=SPSO, b=SPEO
  ShareProcessed, ///< node=member node: a member finished a batch, a=count, b=of them out of order
  // Kinesis stream status.
  StreamStatusChanged, ///< node=endpoint, a=stream, b=1 UPDATING / 0 ACTIVE, sub=kinesis::StreamUpdateKind
  // Enhanced fan-out. partition = shard slot, a = application.
  SubscriptionChanged, ///< node=worker, sub=SubscriptionChange
  ConsumerRegistrationRefused, ///< RegisterStreamConsumer refused (20 per stream): partition=stream
  // KCL 3 (kcl_version 3). partition=application index, node=the worker's node.
  KclLeaderChanged, ///< a worker took the leader lock: a=worker
  LeaseHandoffRequested, ///< the leader moves a lease: node=its owner, a=shard slot, b=new owner
};

/// What a SubscriptionChanged event says.
enum class SubscriptionChange : std::uint8_t {
  Ended, ///< the 5-minute subscription ended: the worker calls SubscribeToShard again
  RefusedRate, ///< LimitExceededException: under a second since the last call
  RefusedInUse, ///< ResourceInUseException: under 5 s since the last successful call
};

/// What a ShareMemberChanged event says.
enum class ShareMemberChange : std::uint8_t { Joined, Left, Killed };

/// Where a new Kafka leader came from (LeaderElected's sub).
enum class ElectionKind : std::uint8_t {
  Isr, ///< a live ISR member: clean
  Unclean, ///< any live replica (unclean.leader.election.enable): committed records may be lost
  Elr, ///< an unfenced eligible leader replica while the ISR is empty: clean
  LastKnownLeader, ///< the last leader, back while ISR and ELR are empty (Kafka marks it unclean)
};

/// What an ElrChanged event says about its broker.
enum class ElrChange : std::uint8_t {
  Joined, ///< became an eligible leader replica
  Left, ///< no longer one (back in the ISR, elected, ISR back at min ISR, unclean shutdown)
  LastKnownLeaderSet, ///< the ISR emptied: this broker is remembered as the last known leader
  LastKnownLeaderCleared, ///< the partition has a leader again
};

/// What a transfer carries; lets the view draw each message kind differently.
enum class TransferKind : std::uint8_t {
  ProduceRequest,
  ProduceResponse,
  ReplicaFetchRequest,
  ReplicaFetchResponse,
  ConsumerFetchRequest,
  ConsumerFetchResponse,
  PutRecordsRequest,
  PutRecordsResponse,
  ZoneWrite,
  ZoneAck,
  GetRecordsRequest,
  GetRecordsResponse,
  SubscribeToShardEvent,
  MetadataFetchRequest, ///< a voter or a broker pulls __cluster_metadata from the Raft leader
  MetadataFetchResponse,
  VoteRequest,
  VoteResponse,
  BeginQuorumEpoch,
  BrokerHeartbeat,
  AlterPartition, ///< a leader proposes an ISR change
  UpdateMetadata, ///< ZooKeeper mode: the controller pushes changes (UpdateMetadata / LeaderAndIsr)
  TxnRequest, ///< a producer to its transaction coordinator: InitProducerId, AddPartitionsToTxn, EndTxn
  TxnResponse,
  TxnMarkerRequest, ///< the coordinator writes a commit or abort marker (WriteTxnMarkers)
  TxnMarkerResponse,
};

/// Kafka protocol error codes the engine produces (names as in the Kafka protocol).
enum class ErrorCode : std::uint8_t {
  None,
  NotEnoughReplicas,
  NotEnoughReplicasAfterAppend,
  NotLeaderOrFollower,
  RequestTimedOut,
  NetworkException,
  OffsetOutOfRange,
  DeliveryTimeout,
  OutOfOrderSequenceNumber,
  InvalidProducerEpoch, ///< a write or request from an epoch the partition or coordinator has left behind
  ProducerFenced, ///< a newer instance with the same transactional.id holds the producer id
  NotCoordinator,
  ConcurrentTransactions, ///< the previous transaction is still writing its markers
  InvalidTxnState, ///< the transaction is no longer open (the coordinator aborted it)
  MessageTooLarge, ///< Kafka: a record above max.request.size, or a batch above the topic's max.message.bytes
  ValidationException, ///< Kinesis: a record above the stream's maximum record size
};

struct Event {
  SimTime time = 0;
  SimTime arrival = 0; ///< transfers only: when the message arrives
  EventType type = EventType::RecordProduced;
  std::uint8_t sub = 0; ///< TransferKind, ErrorCode, epoch or flag, per type
  std::int32_t node = -1; ///< broker id, or client node id
  std::int32_t peer = -1; ///< other end of a transfer, or the affected follower
  std::int32_t partition = -1; ///< global partition index, or group index for group events
  std::int64_t a = 0;
  std::int64_t b = 0;
};

std::string_view eventTypeName(EventType t);
std::string_view transferKindName(TransferKind k);
std::string_view errorCodeName(ErrorCode e);

} // namespace streamscope::engine
