#pragma once
// KRaft's Raft (KIP-595) among the controller voters: randomised election timeouts, epochs,
// one vote per epoch for a candidate whose log is at least as up to date, followers and
// observers (brokers) pulling the log from the leader with long-polling fetches, and commit
// once a majority of voters hold an entry of the leader's epoch. A follower that hears
// nothing from the leader for controller.quorum.fetch.timeout.ms stands for election; a
// leader that hears from no majority for as long resigns.
// Contract: called only on the thread that owns the World (Simulation's dispatch and fault routing); not thread-safe.
#include "engine/world/world.h"

namespace streamscope::engine::kafka {

/// The quorum as the scenario starts: voter 0 leads epoch 1, everyone holds the bootstrap
/// snapshot; voters and brokers start fetching.
void startQuorum(World &w);
/// The leader appended: its own match moves (a single voter commits at once).
void leaderAppended(World &w, int c);
/// The leader answers every parked fetch now (new entries or a new high watermark).
void answerParkedFetches(World &w, int c);
/// (Re)starts broker b's observer fetch loop against the active controller.
void startObserverFetch(World &w, int b);
/// A voter's process stopped or started again (controller faults).
void stopVoter(World &w, int c);
void startVoter(World &w, int c);
/// The controller index whose node is `node`, or -1.
int controllerAtNode(const World &w, NodeId node);

void onControllerTimer(World &w, const Action &a);
void onVoteRequest(World &w, const Action &a);
void onVoteResponse(World &w, const Action &a);
void onBeginEpoch(World &w, const Action &a);
void onMetadataFetchArrive(World &w, const Action &a);
void onMetadataFetchResponse(World &w, const Action &a);
void onMetadataParkedExpire(World &w, const Action &a);

} // namespace streamscope::engine::kafka
