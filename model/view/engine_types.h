#pragma once
// The plain engine value types the UI may name, re-exported into model so that ui/ never
// includes engine/. Values and const references only; any thread that owns the value.
#include "engine/core/event.h"
#include "engine/core/network.h"
#include "engine/core/sim_time.h"
#include "engine/core/uint128.h"
#include "engine/world/client_wait.h"
#include "engine/world/kafka/kafka_state.h"
#include "engine/world/kinesis/kinesis_state.h"
#include "engine/world/scenario.h"

#include <string>

namespace streamscope::model {

using SimTime = engine::SimTime;
using NodeId = engine::NodeId;
using Uint128 = engine::Uint128;
using TransferKind = engine::TransferKind;
using Acks = engine::Acks;
using BrokerState = engine::kafka::BrokerState;
using Offset = engine::kafka::Offset;
using ReplicaLog = engine::kafka::ReplicaLog;
using LogEntry = engine::kafka::LogEntry;
using StoredRecord = engine::kinesis::StoredRecord;
using CheckpointKind = engine::kinesis::CheckpointKind;
using WaitReason = engine::WaitReason;
using TxnPhase = engine::kafka::TxnPhase;
using TxnState = engine::kafka::TxnState;
// Faults are built by the fault menu and handed to the controller untouched.
using Fault = engine::Fault;
using FaultAction = engine::FaultAction;
using FaultSpec = engine::FaultSpec;
using TopicSettingKind = engine::TopicSettingKind;
// The per-action fault structs (engine/world/fault.h).
using engine::AddBroker;
using engine::AddConsumer;
using engine::AddPartitions;
using engine::AddTopic;
using engine::AlterTopic;
using engine::ApplicationPosition;
using engine::AzOutage;
using engine::AzRestore;
using engine::CrashBroker;
using engine::DeleteTopic;
using engine::DropMessage;
using engine::DropResponse;
using engine::GroupPosition;
using engine::Heal;
using engine::IsolateBroker;
using engine::KillConsumer;
using engine::MergeShards;
using engine::SwitchCapacityMode;
using engine::UpdateShardCount;
using CapacityMode = engine::CapacityMode;
using engine::PowerLoss;
using engine::RemoveBroker;
using engine::RemoveConsumer;
using engine::RestartBroker;
using engine::Seek;
using engine::SetAcks;
using engine::SetKeys;
using engine::SetRate;
using engine::SetReplicationFactor;
using engine::SlowBroker;
using engine::SplitShard;

inline constexpr SimTime kMillisecond = engine::kMillisecond;
inline constexpr SimTime kSecond = engine::kSecond;
inline constexpr int kZones = engine::kinesis::kZones;

constexpr double toMs(SimTime t) { return engine::toMs(t); }
/// A hash key (or any 128-bit value) in decimal, as Kinesis prints it.
inline std::string decimalText(Uint128 v) { return engine::toDecimal(v); }

} // namespace streamscope::model
