#pragma once
// Partition assignment strategies of a consumer group, for one subscribed topic.
// Members are given in member-id order; the result maps partition -> member index (-1 if
// there are no members). Pure functions.
// Contract: pure functions of their arguments; any thread.
#include <vector>

namespace streamscope::engine::kafka {

/// RangeAssignor: each member gets floor(P/C) contiguous partitions; the first P%C members
/// get one extra.
std::vector<int> assignRange(int partitions, int members);

/// CooperativeStickyAssignor's target, and the consumer protocol's server-side uniform
/// assignor for one subscribed topic (previous = the current target assignment): balanced (every member within one partition of the
/// others) while keeping as many partitions as possible with their previous owner.
/// `previous[p]` is the member index that owned p before (-1: none or departed).
std::vector<int> assignSticky(int partitions, int members, const std::vector<int> &previous);

} // namespace streamscope::engine::kafka
