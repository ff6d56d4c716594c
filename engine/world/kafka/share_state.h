#pragma once
// Share groups (KIP-932, "Kafka as a queue") as plain copyable data: each share partition's
// in-flight records between the share-partition start offset (SPSO) and end offset (SPEO),
// the members with the batches they hold, and the group's counters. Logic lives in
// kafka/share_partition.* (the broker side) and kafka/share_consumer.* (the members).
// Contract: a plain copyable value; any thread may use its own copy, and only the World's owner changes the World's.
#include "engine/core/network.h"
#include "engine/core/pool.h"
#include "engine/world/kafka/replica_log.h"
#include "engine/world/scenario.h"

#include <cstdint>
#include <deque>
#include <string>
#include <vector>

namespace streamscope::engine::kafka {

/// A record's state in its share partition (Kafka's RecordState).
enum class ShareRecordState : std::uint8_t { Available, Acquired, Acknowledged, Archived };

/// How a member acknowledges a record it processed (Kafka's AcknowledgeType).
enum class ShareAckType : std::uint8_t { Accept, Release, Reject };

/// One offset in the in-flight window [SPSO, SPEO).
struct ShareRecord {
  RecordId record = 0;
  bool gap = false; ///< no record at this offset (compaction): skipped, archived on arrival
  ShareRecordState state = ShareRecordState::Available;
  std::uint8_t deliveries = 0; ///< times acquired so far
  std::int16_t member = -1; ///< the acquiring member while Acquired
  SimTime lockDeadline = 0; ///< while Acquired: the lock expires then
};

/// The share-partition leader's state for one partition (it lives on the partition's leader;
/// its durable part is what the share coordinator would persist).
struct SharePartition {
  Offset spso = -1; ///< -1: not yet initialised (share.auto.offset.reset applies on the first fetch)
  std::deque<ShareRecord> window; ///< offsets spso .. spso + size - 1; SPEO = spso + size
  std::int32_t leaderEpoch = -1; ///< the leader epoch whose broker holds the locks
  std::uint32_t lockEpoch = 0; ///< bumped when every lock is dropped (leader change)
  std::int32_t available = 0; ///< records in the window that are Available (no scan for redeliveries when 0)
  Offset maxProcessed = -1; ///< highest offset any member finished: lower ones finished later are out of order
  Offset speo() const { return spso + static_cast<Offset>(window.size()); }
};

/// A record a member received and has not yet acknowledged.
struct HeldRecord {
  Offset offset = 0;
  std::uint8_t delivery = 0; ///< which delivery this is (1 = first)
  SimTime lockDeadline = 0; ///< the broker's lock deadline when it was handed out
  std::uint32_t lockEpoch = 0; ///< the share partition's lock epoch then
};

/// A batch a member received from one partition, processed as a whole.
struct HeldBatch {
  int partition = -1; ///< local partition number
  std::vector<HeldRecord> records;
};

struct ShareAck {
  Offset offset = 0;
  std::uint8_t delivery = 0;
  ShareAckType type = ShareAckType::Accept;
  std::uint32_t lockEpoch = 0; ///< as handed out: locks dropped since then make it late
};

/// A member's fetch loop on one partition (the real client batches partitions per broker).
struct ShareFetchSlot {
  std::uint32_t gen = 0; ///< the request in flight; a response for an older one is stale
  bool inFlight = false;
  std::vector<ShareAck> acks; ///< to piggyback on the next ShareFetch
};

struct ShareMember {
  std::string id;
  NodeId node = -1;
  int entry = 0; ///< index in the scenario's share consumer entries (its settings)
  bool alive = true;
  bool inGroup = true;
  std::uint32_t incarnation = 0;
  std::vector<ShareFetchSlot> fetchSlots; ///< per local partition
  std::deque<HeldBatch> queue; ///< received, waiting to be (or being) processed
  bool busy = false; ///< processing the queue's first batch
  std::int64_t processed = 0;
  std::int64_t acquired = 0;
};

/// A ShareFetch request or response in flight.
struct ShareMessage {
  std::int32_t member = -1;
  std::vector<ShareAck> acks; ///< request: acknowledgements of the previous batch
  std::vector<HeldRecord> records; ///< response: the records acquired
  SimTime waitUntil = 0; ///< request: the broker answers empty at this time at the latest
  bool error = false; ///< response: not the leader (any more)
  bool closing = false; ///< request: the member is closing (acknowledge and release, fetch nothing)
  bool live = false;
};

struct ShareGroup {
  std::string name;
  int firstEntry = 0; ///< the first scenario entry naming it (settings of members added later)
  int topic = -1;
  ShareConsumerConfig config; ///< group-level settings: the first entry's
  std::vector<ShareMember> members;
  std::vector<SharePartition> parts; ///< by local partition number
  std::int64_t delivered = 0; ///< records handed to members, redeliveries included
  std::int64_t redelivered = 0; ///< deliveries after the first
  std::int64_t acknowledged = 0; ///< accepted
  std::int64_t released = 0; ///< released by a member
  std::int64_t rejected = 0; ///< rejected by a member (archived)
  std::int64_t archived = 0; ///< rejected or out of deliveries
  std::int64_t lockExpired = 0; ///< locks that timed out (the record went back or was archived)
  std::int64_t lateAcks = 0; ///< acknowledgements refused: the lock had expired
  std::int64_t outOfOrder = 0; ///< records finished after a higher offset of their partition
};

} // namespace streamscope::engine::kafka
