#pragma once
// Consumer fetch sessions (KIP-227 for consumers): a group member sends one Fetch request at a
// time to each leader broker, covering every partition it reads there (Java's
// AbstractFetch.prepareFetchRequests skips a node with a request in flight). The broker keeps
// the session's partitions and their positions, so a request lists only partitions whose
// position (or fetch generation) changed and those the member stopped reading; a response
// carries only partitions with records or an error. The broker holds a request with nothing
// to return until fetch.max.wait.ms (fetch.min.bytes = 1).
// Contract: plain copyable values inside KafkaState (part of every snapshot).
#include "engine/core/sim_time.h"
#include "engine/world/kafka/fetch_session.h"

#include <cstdint>
#include <vector>

namespace streamscope::engine::kafka {

/// One partition of a consumer Fetch request: the member's position in it.
struct ConsumerPartitionFetch {
  std::int32_t local = -1; ///< partition of the group's topic
  std::uint32_t gen = 0; ///< the member's fetch generation for it: an answer to an older one is dropped
  Offset offset = 0;
};

/// One partition of a consumer Fetch response.
struct ConsumerPartitionAnswer {
  std::int32_t local = -1;
  std::uint32_t gen = 0;
  FetchPayload payload;
};

/// A consumer Fetch request or response in flight.
struct ConsumerFetchMessage {
  std::vector<ConsumerPartitionFetch> requests; ///< positions that changed (every partition when full)
  std::vector<std::int32_t> forgotten; ///< partitions the member no longer reads here
  std::vector<ConsumerPartitionAnswer> answers;
  bool full = false; ///< request: a new session, listing every partition
  bool sessionLost = false; ///< response: FETCH_SESSION_ID_NOT_FOUND, send a full request
  bool live = false;
};

/// The fetch session of one member of a consumer group with one broker.
struct ConsumerSession {
  int group = -1;
  int member = -1;
  int broker = -1;
  // The member's side.
  std::uint32_t serial = 0; ///< request number: a response or timeout for an older one is stale
  std::uint32_t memberIncarnation = 0; ///< the member process that sent the request in flight
  bool inFlight = false;
  bool sendScheduled = false;
  bool collecting = false; ///< a response is being applied: the next request waits for it
  bool needFull = true;
  bool answerLost = false; ///< the response to the request in flight was lost on the wire
  SimTime sentAt = -1; ///< when the request in flight was sent
  SimTime deadline = -1; ///< its request timeout: fetch.max.wait.ms + request.timeout.ms after sentAt
  std::vector<std::int32_t> followed; ///< partitions fetched through this session (pruned lazily)
  std::vector<ConsumerPartitionFetch> known; ///< the positions the broker was last told, by partition
  std::vector<std::int32_t> carried; ///< partitions of the request in flight
  // The broker's side.
  std::uint32_t brokerIncarnation = ~0u; ///< the broker process that holds the session
  std::vector<ConsumerPartitionFetch> cached; ///< the session's partitions, in serving order
  bool requestParked = false;
  std::uint32_t parkedSerial = 0;
};

} // namespace streamscope::engine::kafka
