#pragma once
// Replica fetch sessions (KIP-227): a follower broker sends one Fetch request at a time to
// each leader broker it replicates from, covering every partition the pair shares. The
// leader remembers each partition's fetch position between requests, so a request lists
// only partitions whose position changed and a response carries only partitions with news
// (records, a high watermark the follower has not seen, an error).
// Contract: plain copyable values inside KafkaState (part of every snapshot).
#include "engine/core/event.h"
#include "engine/core/sim_time.h"
#include "engine/world/kafka/replica_log.h"

#include <cstdint>
#include <vector>

namespace streamscope::engine::kafka {

/// A fetch response in flight (replica or consumer).
struct FetchPayload {
  std::vector<LogEntry> entries;
  Offset highWatermark = 0;
  Offset logStart = 0;
  Offset nextOffset = 0; ///< where the fetcher continues (skips compaction gaps)
  bool diverged = false; ///< the follower's log diverged: truncate before fetching
  EpochEnd diverging; ///< the leader's largest epoch <= the follower's, and its end
  ErrorCode error = ErrorCode::None;
  bool live = false;
};

/// A fetch that got no answer yet, held until data arrives or fetch.max.wait.ms. For a follower
/// it is the leader's record of the partition's position in the follower's fetch session.
struct ParkedFetch {
  bool consumer = false;
  std::int32_t who = -1; ///< follower slot, or consumer group index
  std::uint32_t token = 0; ///< fetcher generation to answer
  Offset offset = 0;
  SimTime deadline = 0; ///< consumers only: a follower's position is kept until answered
  Offset hwKnown = -1; ///< followers: the high watermark the follower holds for this partition
  bool hwQueued = false; ///< followers: a high-watermark-only answer is queued in the session
};

/// One partition of a replica Fetch request: the follower's position in it.
struct PartitionFetch {
  std::int32_t partition = -1;
  std::int32_t slot = -1;
  std::uint32_t gen = 0; ///< the follower's fetch generation for the partition
  Offset offset = 0;
  std::int32_t lastEpoch = -1; ///< the epoch of the follower's last entry (-1: none)
};

/// One partition of a replica Fetch response.
struct PartitionAnswer {
  std::int32_t partition = -1;
  std::int32_t slot = -1;
  std::uint32_t gen = 0;
  bool hwOnly = false; ///< only the high watermark moved: the leader keeps the position
  FetchPayload payload;
};

/// A replica Fetch request or response in flight.
struct SessionMessage {
  std::vector<PartitionFetch> requests;
  std::vector<PartitionAnswer> answers;
  bool full = false; ///< request: lists every partition followed (a new session)
  bool sessionLost = false; ///< response: FETCH_SESSION_ID_NOT_FOUND, send a full request
  bool live = false;
};

/// A partition whose answer waits for the session's next response.
struct SessionNews {
  std::int32_t partition = -1;
  ParkedFetch fetch;
  bool hwOnly = false;
};

/// The fetch session of one follower broker with one leader broker: the follower's fetcher
/// (one request outstanding) and the leader's cached session.
struct FetchSession {
  int follower = -1;
  int leader = -1;
  // The follower's side.
  std::uint32_t serial = 0; ///< request number: a response or timeout for an older one is stale
  std::uint32_t followerIncarnation = 0; ///< the follower process that sent the request in flight
  bool inFlight = false;
  bool sendScheduled = false;
  bool collecting = false; ///< a response is being applied: its partitions go in the next request
  bool needFull = true;
  std::vector<PartitionFetch> toList; ///< positions to send in the next request
  std::vector<std::int32_t> followed; ///< partitions fetched through this session (pruned lazily)
  // The leader's side.
  std::uint32_t leaderIncarnation = ~0u; ///< the leader process that holds the session
  bool requestParked = false;
  std::uint32_t parkedSerial = 0;
  SimTime lastRequestAt = -1;
  std::vector<SessionNews> news; ///< answers for the next response, oldest first
  std::vector<std::int32_t> recheck; ///< positions re-served on each request: followers waiting to rejoin the ISR
};

} // namespace streamscope::engine::kafka
