#pragma once
// Share-group members (KIP-932): every member fetches from every partition of the topic
// (ShareFetch to the partition's leader), processes each batch it gets, and acknowledges
// every record (accept, release or reject) on its next ShareFetch to that partition. A
// crashed member acknowledges nothing: its records come back when their locks expire. A
// member that leaves gracefully releases what it has not processed.
// Contract: called only on the thread that owns the World (Simulation's dispatch and fault routing); not thread-safe.
#include "engine/world/world.h"

namespace streamscope::engine::kafka {

/// Builds the share groups of the scenario's share consumer entries and starts their members.
void startShareGroups(World &w);
void addShareMember(World &w, int group);
/// Graceful close: acknowledges what it processed, releases what it holds unprocessed.
void removeShareMember(World &w, int group, int member);
/// Process death: nothing acknowledged or released; the locks expire.
void killShareMember(World &w, int group, int member);
/// The last live member, or -1.
int lastLiveShareMember(const World &w, int group);

void onShareFetchResponse(World &w, const Action &a);
void onShareRetryFetch(World &w, const Action &a);
void onShareProcessed(World &w, const Action &a);

} // namespace streamscope::engine::kafka
