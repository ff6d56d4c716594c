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
enum class IteratorType : std::uint8_t { TrimHorizon, Latest, AtSequenceNumber, AfterSequenceNumber, AtTimestamp };

} // namespace streamscope::engine
