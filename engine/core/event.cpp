#include "engine/core/event.h"

namespace streamscope::engine {

std::string_view eventTypeName(EventType t) {
  switch (t) {
  case EventType::RecordProduced: return "record_produced";
  case EventType::TransferStarted: return "transfer_started";
  case EventType::TransferArrived: return "transfer_arrived";
  case EventType::TransferDropped: return "transfer_dropped";
  case EventType::Appended: return "appended";
  case EventType::Flushed: return "flushed";
  case EventType::HighWatermark: return "high_watermark";
  case EventType::IsrShrunk: return "isr_shrunk";
  case EventType::IsrExpanded: return "isr_expanded";
  case EventType::LeaderElected: return "leader_elected";
  case EventType::PartitionOffline: return "partition_offline";
  case EventType::Truncated: return "truncated";
  case EventType::Acked: return "acked";
  case EventType::ProduceFailed: return "produce_failed";
  case EventType::ProduceRetried: return "produce_retried";
  case EventType::Fetched: return "fetched";
  case EventType::Committed: return "committed";
  case EventType::Rebalanced: return "rebalanced";
  case EventType::OffsetReset: return "offset_reset";
  case EventType::BrokerCrashed: return "broker_crashed";
  case EventType::BrokerPowerLost: return "broker_power_lost";
  case EventType::BrokerRestarted: return "broker_restarted";
  case EventType::BrokerIsolated: return "broker_isolated";
  case EventType::BrokerHealed: return "broker_healed";
  case EventType::BrokerFenced: return "broker_fenced";
  case EventType::BrokerSlowed: return "broker_slowed";
  case EventType::RecordsLost: return "records_lost";
  case EventType::SegmentDeleted: return "segment_deleted";
  case EventType::Compacted: return "compacted";
  case EventType::ConsumerJoined: return "consumer_joined";
  case EventType::ConsumerLeft: return "consumer_left";
  case EventType::ConsumerKilled: return "consumer_killed";
  case EventType::RateChanged: return "rate_changed";
  case EventType::KinesisProduced: return "kinesis_produced";
  case EventType::PutAccepted: return "put_accepted";
  case EventType::Throttled: return "throttled";
  case EventType::KinesisAcked: return "kinesis_acked";
  case EventType::ShardSplit: return "shard_split";
  case EventType::ShardsMerged: return "shards_merged";
  case EventType::FaultRefused: return "fault_refused";
  case EventType::ZoneDown: return "zone_down";
  case EventType::ZoneUp: return "zone_up";
  case EventType::RecordsExpired: return "records_expired";
  case EventType::RecordsRead: return "records_read";
  case EventType::LeaseTaken: return "lease_taken";
  case EventType::Checkpointed: return "checkpointed";
  case EventType::BrokerAdded: return "broker_added";
  case EventType::ConfigChanged: return "config_changed";
  case EventType::PartitionsAdded: return "partitions_added";
  case EventType::ReplicasReassigned: return "replicas_reassigned";
  case EventType::GroupEpochBumped: return "group_epoch_bumped";
  case EventType::PartitionsRevoked: return "partitions_revoked";
  case EventType::PartitionsAssigned: return "partitions_assigned";
  case EventType::MemberEpochChanged: return "member_epoch_changed";
  case EventType::MemberFenced: return "member_fenced";
  case EventType::ControllerElected: return "controller_elected";
  case EventType::ControllerCandidate: return "controller_candidate";
  case EventType::ControllerResigned: return "controller_resigned";
  case EventType::ControllerLoaded: return "controller_loaded";
  case EventType::MetadataCommitted: return "metadata_committed";
  case EventType::MetadataApplied: return "metadata_applied";
  case EventType::ControllerCrashed: return "controller_crashed";
  case EventType::ControllerRestarted: return "controller_restarted";
  case EventType::ControllerIsolated: return "controller_isolated";
  case EventType::ControllerHealed: return "controller_healed";
  case EventType::ElrChanged: return "elr_changed";
  case EventType::TransactionChanged: return "transaction_changed";
  case EventType::MarkerWritten: return "marker_written";
  case EventType::ProducerFenced: return "producer_fenced";
  case EventType::ProducerCrashed: return "producer_crashed";
  case EventType::ProducerRestarted: return "producer_restarted";
  case EventType::ZombieReturned: return "zombie_returned";
  case EventType::ShareMemberChanged: return "share_member_changed";
  case EventType::ShareAcquired: return "share_acquired";
  case EventType::ShareAccepted: return "share_accepted";
  case EventType::ShareReleased: return "share_released";
  case EventType::ShareRejected: return "share_rejected";
  case EventType::ShareLocksExpired: return "share_locks_expired";
  case EventType::ShareStartMoved: return "share_start_moved";
  case EventType::ShareProcessed: return "share_processed";
  case EventType::StreamStatusChanged: return "stream_status_changed";
  case EventType::SubscriptionChanged: return "subscription_changed";
  case EventType::ConsumerRegistrationRefused: return "consumer_registration_refused";
  case EventType::KclLeaderChanged: return "kcl_leader_changed";
  case EventType::LeaseHandoffRequested: return "lease_handoff_requested";
  }
  return "unknown";
}

std::string_view transferKindName(TransferKind k) {
  switch (k) {
  case TransferKind::ProduceRequest: return "produce_request";
  case TransferKind::ProduceResponse: return "produce_response";
  case TransferKind::ReplicaFetchRequest: return "replica_fetch_request";
  case TransferKind::ReplicaFetchResponse: return "replica_fetch_response";
  case TransferKind::ConsumerFetchRequest: return "consumer_fetch_request";
  case TransferKind::ConsumerFetchResponse: return "consumer_fetch_response";
  case TransferKind::PutRecordsRequest: return "put_records_request";
  case TransferKind::PutRecordsResponse: return "put_records_response";
  case TransferKind::ZoneWrite: return "zone_write";
  case TransferKind::ZoneAck: return "zone_ack";
  case TransferKind::GetRecordsRequest: return "get_records_request";
  case TransferKind::GetRecordsResponse: return "get_records_response";
  case TransferKind::SubscribeToShardEvent: return "subscribe_to_shard_event";
  case TransferKind::MetadataFetchRequest: return "metadata_fetch_request";
  case TransferKind::MetadataFetchResponse: return "metadata_fetch_response";
  case TransferKind::VoteRequest: return "vote_request";
  case TransferKind::VoteResponse: return "vote_response";
  case TransferKind::BeginQuorumEpoch: return "begin_quorum_epoch";
  case TransferKind::BrokerHeartbeat: return "broker_heartbeat";
  case TransferKind::AlterPartition: return "alter_partition";
  case TransferKind::UpdateMetadata: return "update_metadata";
  case TransferKind::TxnRequest: return "txn_request";
  case TransferKind::TxnResponse: return "txn_response";
  case TransferKind::TxnMarkerRequest: return "txn_marker_request";
  case TransferKind::TxnMarkerResponse: return "txn_marker_response";
  }
  return "unknown";
}

std::string_view errorCodeName(ErrorCode e) {
  switch (e) {
  case ErrorCode::None: return "NONE";
  case ErrorCode::NotEnoughReplicas: return "NOT_ENOUGH_REPLICAS";
  case ErrorCode::NotEnoughReplicasAfterAppend: return "NOT_ENOUGH_REPLICAS_AFTER_APPEND";
  case ErrorCode::NotLeaderOrFollower: return "NOT_LEADER_OR_FOLLOWER";
  case ErrorCode::RequestTimedOut: return "REQUEST_TIMED_OUT";
  case ErrorCode::NetworkException: return "NETWORK_EXCEPTION";
  case ErrorCode::OffsetOutOfRange: return "OFFSET_OUT_OF_RANGE";
  case ErrorCode::DeliveryTimeout: return "DELIVERY_TIMEOUT";
  case ErrorCode::OutOfOrderSequenceNumber: return "OUT_OF_ORDER_SEQUENCE_NUMBER";
  case ErrorCode::InvalidProducerEpoch: return "INVALID_PRODUCER_EPOCH";
  case ErrorCode::ProducerFenced: return "PRODUCER_FENCED";
  case ErrorCode::NotCoordinator: return "NOT_COORDINATOR";
  case ErrorCode::ConcurrentTransactions: return "CONCURRENT_TRANSACTIONS";
  case ErrorCode::InvalidTxnState: return "INVALID_TXN_STATE";
  case ErrorCode::MessageTooLarge: return "MESSAGE_TOO_LARGE";
  case ErrorCode::ValidationException: return "ValidationException";
  }
  return "UNKNOWN";
}

} // namespace streamscope::engine
