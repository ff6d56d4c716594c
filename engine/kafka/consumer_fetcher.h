#pragma once
// The fetcher of a consumer group member: one Fetch request at a time per leader broker,
// covering every partition the member reads there (consumer_session.h), and what the member
// does with each partition of a response (deliver, reset, back off and look for the leader).
// A partition keeps its own fetch generation: a response for an older one is dropped, so a
// revocation, a rebalance or a seek never delivers records from a stale position.
// Contract: called only on the thread that owns the World (Simulation's dispatch); not thread-safe.
#include "engine/world/world.h"

namespace streamscope::engine::kafka {

/// The log a client's ListOffsets would be answered from: the leader's, else the first replica's.
const ReplicaLog &servingLog(const World &w, int p);
/// The index in KafkaState::consumerSessions of member `member` of group g with `broker`
/// (created on first use).
int consumerSessionOf(World &w, int g, int member, int broker);

void onConsumerFetchSend(World &w, const Action &a);
void onConsumerFetchTimeout(World &w, const Action &a);
void onConsumerFetchResponse(World &w, const Action &a);
void onConsumerRetryFetch(World &w, const Action &a);

} // namespace streamscope::engine::kafka
