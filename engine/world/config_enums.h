#pragma once
// The small enumerations a scenario's configuration and its faults share (acks, cleanup
// policy, offset reset, assignor, group protocol, Kinesis iterator type). Plain values; any thread.
#include <cstdint>

namespace streamscope::engine {

enum class Acks : std::int8_t { None = 0, Leader = 1, All = -1 };
enum class CleanupPolicy : std::uint8_t { Delete, Compact };
enum class OffsetReset : std::uint8_t { Earliest, Latest, None };
enum class AssignorKind : std::uint8_t { Range, CooperativeSticky, Uniform };
/// group.protocol: classic (JoinGroup/SyncGroup, client-side assignor) or consumer (KIP-848).
enum class GroupProtocol : std::uint8_t { Classic, Consumer };
enum class KafkaVersion : std::uint8_t { V3_9, V4_0, V4_1 };
enum class MetadataMode : std::uint8_t { KRaft, ZooKeeper };
/// Dedicated: controllers are their own processes (ids 3000..); combined: broker i is also voter i.
enum class ControllerMode : std::uint8_t { Dedicated, Combined };
/// Dedicated controllers' node.id values start here (as in Kafka's own examples).
inline constexpr int kFirstDedicatedControllerId = 3000;
/// isolation.level of a Kafka consumer: read to the high watermark, or to the last stable offset.
enum class IsolationLevel : std::uint8_t { ReadUncommitted, ReadCommitted };
enum class IteratorType : std::uint8_t { TrimHorizon, Latest, AtSequenceNumber, AfterSequenceNumber, AtTimestamp };
/// A Kinesis stream's capacity mode: shards the owner sets, or shards Kinesis adds as traffic grows.
enum class CapacityMode : std::uint8_t { Provisioned, OnDemand };

} // namespace streamscope::engine
