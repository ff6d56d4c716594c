#pragma once
// The control plane's data: the metadata log (__cluster_metadata) as records, the controller
// quorum (KRaft: Raft among voters; ZooKeeper mode: one broker acting as controller), the
// active controller's image of partitions and brokers, and what each broker has applied.
// Logic lives in engine/kafka (raft_quorum, metadata_log, broker_heartbeats,
// zookeeper_controller). Plain copyable data: part of every World snapshot.
// Contract: a plain copyable value; any thread may use its own copy, and only the World's owner changes the World's.
#include "engine/core/event.h"
#include "engine/core/network.h"
#include "engine/core/pool.h"
#include "engine/core/sim_time.h"

#include <cstdint>
#include <vector>

namespace streamscope::engine::kafka {

using Offset = std::int64_t;

enum class MetadataRecordType : std::uint8_t {
  LeaderChange, ///< a new Raft leader's first entry (lets it commit in its epoch)
  RegisterBroker, ///< broker = id, value = incarnation; the broker starts fenced
  FenceBroker, ///< broker = id
  UnfenceBroker, ///< broker = id
  PartitionChange, ///< partition, broker = leader (-1 offline), epochs, isr, elr, last known leader
  Topic, ///< partition = topic index (created)
  Config, ///< partition = topic index, value = the new value
};

struct MetadataRecord {
  std::int32_t epoch = 0; ///< Raft epoch (or ZooKeeper controller epoch) it was written in
  MetadataRecordType type = MetadataRecordType::LeaderChange;
  ElectionKind election = ElectionKind::Isr; ///< PartitionChange with a new leader: where it came from
  std::int32_t broker = -1;
  std::int32_t partition = -1;
  std::int32_t leaderEpoch = 0;
  std::int32_t partitionEpoch = 0;
  std::int64_t value = 0;
  std::vector<int> isr;
  std::vector<int> elr; ///< eligible leader replicas (KIP-966), sorted
  std::vector<int> lastKnownElr; ///< the last known leader while ISR and ELR are empty
};

/// What the active controller believes about a partition (as of its log end).
struct PartitionImage {
  int leader = -1;
  std::int32_t leaderEpoch = 0;
  std::int32_t partitionEpoch = 0;
  std::vector<int> isr;
  std::vector<int> elr; ///< eligible leader replicas (KIP-966), sorted; empty unless the rule is on
  std::vector<int> lastKnownElr; ///< Kafka's LastKnownElr as 4.x fills it: at most the last leader
};

enum class ControllerRole : std::uint8_t { Follower, Candidate, Leader };

/// A fetch the Raft leader holds until it has something new or the wait ends (long poll).
struct ParkedMetadataFetch {
  std::int32_t fetcher = -1; ///< controller index (voter) or broker id (observer)
  bool observer = false;
  std::uint32_t token = 0; ///< the fetcher's loop generation
  Offset offset = 0;
  SimTime deadline = 0;
};

struct Controller {
  int id = 0; ///< node.id: 3000.. when dedicated, the broker's id when combined
  NodeId node = -1;
  int broker = -1; ///< combined mode: the broker sharing the process
  bool running = true;
  std::uint32_t incarnation = 0; ///< bumped on restart: in-flight replies to the old process die
  ControllerRole role = ControllerRole::Follower;
  std::int32_t epoch = 0;
  int votedFor = -1; ///< controller index voted for in `epoch`
  int leader = -1; ///< controller index it follows in `epoch`, -1 unknown
  std::vector<std::int32_t> log; ///< indices into MetadataState::records; offset = base + i
  Offset committed = 0; ///< the high watermark it knows
  std::uint32_t timerGen = 0; ///< bumping it cancels the pending election/fetch timer
  SimTime lastHeard = 0; ///< follower: last fetch response from the leader (or vote granted)
  std::uint32_t fetchGen = 0; ///< follower's fetch loop
  std::vector<std::uint8_t> votes; ///< candidate: per controller, vote granted
  std::vector<Offset> matched; ///< leader: per controller, offset it fetched from
  std::vector<SimTime> lastFetch; ///< leader: per controller, when it last fetched
  std::vector<ParkedMetadataFetch> parked; ///< leader: long-polling fetches

  Offset logEnd(Offset base) const { return base + static_cast<Offset>(log.size()); }
};

/// A fetch response's entries (copied when sent: the leader may truncate later).
struct MetadataPayload {
  std::vector<std::int32_t> entries;
  Offset from = 0;
  Offset highWatermark = 0;
  bool diverged = false; ///< truncate to `from` first
  bool live = false;
};

/// Per broker, as the control plane sees and serves it.
struct BrokerMetadata {
  Offset applied = 0; ///< its copy of the committed log reaches here (it acted on all below)
  std::uint32_t fetchGen = 0;
  SimTime lastResponse = 0; ///< its last metadata fetch response (a stalled loop restarts)
  SimTime lastHeartbeat = 0; ///< at the active controller
  std::uint32_t registeredIncarnation = 0;
  Offset registeredAt = -1; ///< offset of its latest RegisterBroker record
  bool sessionExpired = false; ///< ZooKeeper mode: its session expired (its znode is gone)
  /// False from a restart until it applies its own registration: records before that were
  /// decided about its old incarnation, so it takes no leadership from them.
  bool caughtUp = true;
  bool fenced = false; ///< in the active controller's image
};

struct MetadataState {
  bool zookeeper = false;
  Offset base = 0; ///< the bootstrap snapshot: offsets below it (brokers, topics, partitions)
  std::vector<MetadataRecord> records; ///< every record ever appended, by index
  std::vector<std::int32_t> committedLog; ///< the committed entries in order (offset base + i)
  std::vector<Controller> controllers;
  Pool<MetadataPayload> payloads;
  std::vector<BrokerMetadata> brokers; ///< by broker id
  std::vector<PartitionImage> bootImage; ///< the bootstrap snapshot's partitions
  std::vector<PartitionImage> image; ///< the active controller's partitions
  int active = -1; ///< controller index whose image is loaded (the leader), -1 none
  SimTime activeSince = 0; ///< ZooKeeper mode: acts only once its metadata is loaded
  std::int32_t zkEpoch = 0;
  bool flushScheduled = false; ///< a MetadataFlush action is pending (answers fetches once per batch)
  bool bootstrapped = false; ///< the bootstrap snapshot is built: changes go through the log

  Offset committed() const { return base + static_cast<Offset>(committedLog.size()); }
};

} // namespace streamscope::engine::kafka
