#pragma once
// A timed fault or change, as plain data: when, and one of the per-action structs below,
// each holding exactly the values its action uses. Scenario files, the app's menus and the
// random-scenario checker build them; engine/sim/fault_router applies them. The model layer
// validates every value first (REQUIRES: validated; the engine trusts them). Plain values;
// any thread.
// A new action needs: its enumerator and struct here (same place in FaultSpec; the
// static_asserts check), a handler in engine/sim/fault_router.cpp (std::visit does not
// compile without one) and a row in model/json/fault_table.cpp (tst_fault_table checks).
#include "engine/core/sim_time.h"
#include "engine/world/config_enums.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <variant>

namespace streamscope::engine {

/// Which action a fault is: the index of its struct in FaultSpec (same order).
enum class FaultAction : std::uint8_t {
  CrashBroker,
  PowerLoss,
  RestartBroker,
  IsolateBroker,
  Heal,
  SlowBroker,
  KillConsumer,
  AddConsumer,
  RemoveConsumer,
  Seek,
  SetRate,
  AzOutage,
  AzRestore,
  SplitShard,
  MergeShards,
  DropMessage,
  AddBroker,
  AlterTopic,
  AddPartitions,
  SetReplicationFactor,
  SetAcks,
  SetKeys,
  AddTopic,
  DeleteTopic,
  RemoveBroker,
  DropResponse,
  CrashProducer,
  RestartProducer,
  UpdateShardCount,
  SwitchCapacityMode,
};

/// Which dynamic topic config an alter_topic fault changes.
enum class TopicSettingKind : std::uint8_t { MinInsyncReplicas, UncleanLeaderElection, FlushMessages, FlushMs };

enum class SeekTarget : std::uint8_t { Offset, Timestamp, Earliest, Latest };

// Broker faults; broker -1 means every registered broker ("all"). Crash, power loss,
// restart, isolation and healing may name a KRaft controller instead (`controller` >= 0).
struct CrashBroker {
  static constexpr FaultAction kAction = FaultAction::CrashBroker;
  int broker = -1;
  int controller = -1; ///< a KRaft controller id instead of a broker (-1: the broker)
  bool operator==(const CrashBroker &) const = default;
};
/// Unflushed records on the machine are gone.
struct PowerLoss {
  static constexpr FaultAction kAction = FaultAction::PowerLoss;
  int broker = -1;
  int controller = -1; ///< a KRaft controller id instead of a broker (-1: the broker)
  bool operator==(const PowerLoss &) const = default;
};
struct RestartBroker {
  static constexpr FaultAction kAction = FaultAction::RestartBroker;
  int broker = -1;
  int controller = -1; ///< a KRaft controller id instead of a broker (-1: the broker)
  bool operator==(const RestartBroker &) const = default;
};
struct IsolateBroker {
  static constexpr FaultAction kAction = FaultAction::IsolateBroker;
  int broker = -1;
  int controller = -1; ///< a KRaft controller id instead of a broker (-1: the broker)
  bool operator==(const IsolateBroker &) const = default;
};
struct Heal {
  static constexpr FaultAction kAction = FaultAction::Heal;
  int broker = -1;
  int controller = -1; ///< a KRaft controller id instead of a broker (-1: the broker)
  bool operator==(const Heal &) const = default;
};
/// Extra one-way delay on every message to or from the broker (0 restores).
struct SlowBroker {
  static constexpr FaultAction kAction = FaultAction::SlowBroker;
  int broker = -1;
  SimTime extraDelay = 0;
  double dropResponseRatio = 0; ///< chance that each produce or fetch response the broker sends is lost
  bool operator==(const SlowBroker &) const = default;
};

// Consumer faults; `group` names a Kafka consumer group or a Kinesis application.
/// No commit, no goodbye; member -1 = the last live one.
struct KillConsumer {
  static constexpr FaultAction kAction = FaultAction::KillConsumer;
  std::string group;
  int member = -1;
  bool operator==(const KillConsumer &) const = default;
};
struct AddConsumer {
  static constexpr FaultAction kAction = FaultAction::AddConsumer;
  std::string group;
  bool operator==(const AddConsumer &) const = default;
};
/// A graceful leave; member -1 = the last live one.
struct RemoveConsumer {
  static constexpr FaultAction kAction = FaultAction::RemoveConsumer;
  std::string group;
  int member = -1;
  bool operator==(const RemoveConsumer &) const = default;
};

/// Where a Kafka group seeks: one partition (-1 = every one) to an offset, a timestamp
/// (microseconds) or an end of the log.
struct GroupPosition {
  int partition = -1;
  SeekTarget target = SeekTarget::Earliest;
  std::int64_t value = 0; ///< the offset, or the timestamp in microseconds
  bool operator==(const GroupPosition &) const = default;
};
/// Where a Kinesis application seeks: one shard (-1 = every one) and an iterator.
struct ApplicationPosition {
  int shard = -1;
  IteratorType iterator = IteratorType::TrimHorizon;
  std::string sequenceNumber; ///< AT_/AFTER_SEQUENCE_NUMBER (decimal)
  SimTime timestamp = 0; ///< AT_TIMESTAMP
  bool operator==(const ApplicationPosition &) const = default;
};
/// Moves positions; the position's kind matches what `group` names.
struct Seek {
  static constexpr FaultAction kAction = FaultAction::Seek;
  std::string group;
  std::variant<GroupPosition, ApplicationPosition> to;
  bool operator==(const Seek &) const = default;
};

/// Changes a producer's records per second in every system it writes to.
struct SetRate {
  static constexpr FaultAction kAction = FaultAction::SetRate;
  std::string producer;
  double rate = 0;
  bool operator==(const SetRate &) const = default;
};

// Kinesis: zones 0..2 and resharding.
struct AzOutage {
  static constexpr FaultAction kAction = FaultAction::AzOutage;
  int az = 0;
  bool operator==(const AzOutage &) const = default;
};
struct AzRestore {
  static constexpr FaultAction kAction = FaultAction::AzRestore;
  int az = 0;
  bool operator==(const AzRestore &) const = default;
};
struct SplitShard {
  static constexpr FaultAction kAction = FaultAction::SplitShard;
  std::string stream;
  int shard = -1;
  std::string newStartingHashKey; ///< decimal, strictly inside the shard's range
  bool operator==(const SplitShard &) const = default;
};
/// Merges `shard` with `adjacentShard`.
struct MergeShards {
  static constexpr FaultAction kAction = FaultAction::MergeShards;
  std::string stream;
  int shard = -1;
  int adjacentShard = -1;
  bool operator==(const MergeShards &) const = default;
};

/// The next produce or PutRecords request to arrive is lost on the wire.
struct DropMessage {
  static constexpr FaultAction kAction = FaultAction::DropMessage;
  bool operator==(const DropMessage &) const = default;
};

// Operating Kafka: brokers, topics and producers change while the cluster runs.
/// A new, empty broker joins the cluster.
struct AddBroker {
  static constexpr FaultAction kAction = FaultAction::AddBroker;
  bool operator==(const AddBroker &) const = default;
};
/// One dynamic topic config: min ISR or a count, 0/1 for unclean election, microseconds for
/// flush.ms; -1 unsets a flush setting.
struct AlterTopic {
  static constexpr FaultAction kAction = FaultAction::AlterTopic;
  std::string topic;
  TopicSettingKind setting = TopicSettingKind::MinInsyncReplicas;
  std::int64_t value = 0;
  bool operator==(const AlterTopic &) const = default;
};
/// Grows the topic to `partitions` in total.
struct AddPartitions {
  static constexpr FaultAction kAction = FaultAction::AddPartitions;
  std::string topic;
  int partitions = 1;
  bool operator==(const AddPartitions &) const = default;
};
struct SetReplicationFactor {
  static constexpr FaultAction kAction = FaultAction::SetReplicationFactor;
  std::string topic;
  int replicationFactor = 1;
  bool operator==(const SetReplicationFactor &) const = default;
};
struct SetAcks {
  static constexpr FaultAction kAction = FaultAction::SetAcks;
  std::string producer;
  Acks acks = Acks::All;
  bool operator==(const SetAcks &) const = default;
};
/// The producer switches to `keys` distinct keys "key-0".. (0 = null keys).
struct SetKeys {
  static constexpr FaultAction kAction = FaultAction::SetKeys;
  std::string producer;
  int keys = 0;
  bool operator==(const SetKeys &) const = default;
};
struct AddTopic {
  static constexpr FaultAction kAction = FaultAction::AddTopic;
  std::string topic;
  int partitions = 1;
  int replicationFactor = 1;
  int minInsyncReplicas = 1;
  bool operator==(const AddTopic &) const = default;
};
struct DeleteTopic {
  static constexpr FaultAction kAction = FaultAction::DeleteTopic;
  std::string topic;
  bool operator==(const DeleteTopic &) const = default;
};
/// Unregisters a broker that holds no replicas.
struct RemoveBroker {
  static constexpr FaultAction kAction = FaultAction::RemoveBroker;
  int broker = -1;
  bool operator==(const RemoveBroker &) const = default;
};

/// Which system's responses a drop_response fault may lose.
enum class ResponseSystem : std::uint8_t { Any, Kafka, Kinesis };
/// Which kind of response: a produce / PutRecords answer or a consumer's fetch / GetRecords answer.
enum class ResponseKind : std::uint8_t { Produce, Fetch, Any };
/// The next response of `response`'s kind to arrive (of `system`, to `producer` or `group` if
/// named) is lost on the wire. A lost produce or PutRecords answer: the server applied the
/// request; the producer times out and sends it again, which stores a duplicate unless the
/// producer is idempotent. A lost fetch or GetRecords answer: the consumer times out and asks
/// again from the same position, so it only delays the records.
struct DropResponse {
  static constexpr FaultAction kAction = FaultAction::DropResponse;
  ResponseSystem system = ResponseSystem::Any;
  std::string producer; ///< empty: any producer
  ResponseKind response = ResponseKind::Produce;
  std::string group = {}; ///< fetch: a Kafka consumer group or KCL application; empty: any
  bool operator==(const DropResponse &) const = default;
};

/// A Kafka producer's process dies: it creates and sends nothing until restart_producer.
struct CrashProducer {
  static constexpr FaultAction kAction = FaultAction::CrashProducer;
  std::string producer;
  bool operator==(const CrashProducer &) const = default;
};
/// A new instance of the producer starts (a new producer id, or with a transactional.id a new
/// epoch that fences the old one); the old instance comes back `zombieAfter` later and sends
/// what it still held (-1: it never comes back).
struct RestartProducer {
  static constexpr FaultAction kAction = FaultAction::RestartProducer;
  std::string producer;
  SimTime zombieAfter = 1 * kSecond;
  bool operator==(const RestartProducer &) const = default;
};

/// UpdateShardCount: the stream is resharded uniformly to `shards` open shards.
struct UpdateShardCount {
  static constexpr FaultAction kAction = FaultAction::UpdateShardCount;
  std::string stream;
  int shards = 1;
  bool operator==(const UpdateShardCount &) const = default;
};
/// UpdateStreamMode: the stream switches to provisioned or on-demand capacity.
struct SwitchCapacityMode {
  static constexpr FaultAction kAction = FaultAction::SwitchCapacityMode;
  std::string stream;
  CapacityMode mode = CapacityMode::OnDemand;
  bool operator==(const SwitchCapacityMode &) const = default;
};

/// One alternative per FaultAction, in the enum's order (checked below).
using FaultSpec =
    std::variant<CrashBroker, PowerLoss, RestartBroker, IsolateBroker, Heal, SlowBroker, KillConsumer, AddConsumer, RemoveConsumer, Seek, SetRate,
                 AzOutage, AzRestore, SplitShard, MergeShards, DropMessage, AddBroker, AlterTopic, AddPartitions, SetReplicationFactor, SetAcks,
                 SetKeys, AddTopic, DeleteTopic, RemoveBroker, DropResponse, CrashProducer, RestartProducer, UpdateShardCount, SwitchCapacityMode>;

inline constexpr std::size_t kFaultActionCount = std::variant_size_v<FaultSpec>;

namespace detail {
template <std::size_t... I> consteval bool faultSpecInActionOrder(std::index_sequence<I...>) {
  return ((std::variant_alternative_t<I, FaultSpec>::kAction == static_cast<FaultAction>(I)) && ...);
}
} // namespace detail
static_assert(detail::faultSpecInActionOrder(std::make_index_sequence<kFaultActionCount>{}),
              "FaultSpec's alternatives must follow FaultAction's order");
static_assert(static_cast<std::size_t>(FaultAction::SwitchCapacityMode) + 1 == kFaultActionCount, "every FaultAction needs its struct in FaultSpec");

struct Fault {
  SimTime at = 0;
  FaultSpec what; ///< the action and exactly its values

  bool operator==(const Fault &) const = default; ///< same time, action and values
  /// Which action `what` holds.
  FaultAction action() const { return static_cast<FaultAction>(what.index()); }
  /// The action's values, or nullptr if the fault is another action.
  template <typename T> const T *as() const { return std::get_if<T>(&what); }
};

/// The consumer group or Kinesis application a consumer fault acts on; nullptr for others.
inline const std::string *faultGroup(const Fault &f) {
  return std::visit(
      [](const auto &a) -> const std::string * {
        if constexpr (requires { a.group; })
          return &a.group;
        else
          return nullptr;
      },
      f.what);
}

/// A fault on one broker (-1: every broker) at `at`; `extraDelay` for slow_broker.
/// REQUIRES: `action` is a broker action (crash, power loss, restart, isolate, heal, slow, remove).
inline Fault brokerFault(SimTime at, FaultAction action, int broker, SimTime extraDelay = 0) {
  switch (action) {
  case FaultAction::PowerLoss: return {at, PowerLoss{broker}};
  case FaultAction::RestartBroker: return {at, RestartBroker{broker}};
  case FaultAction::IsolateBroker: return {at, IsolateBroker{broker}};
  case FaultAction::Heal: return {at, Heal{broker}};
  case FaultAction::SlowBroker: return {at, SlowBroker{broker, extraDelay}};
  case FaultAction::RemoveBroker: return {at, RemoveBroker{broker}};
  default: return {at, CrashBroker{broker}};
  }
}

} // namespace streamscope::engine
