#pragma once
// Consumer groups: the group coordinator (membership, generations, rebalancing with the
// range or cooperative-sticky assignor, session timeouts) and the members (fetch loops from
// partition leaders, auto commit, auto.offset.reset, seek). A member's crash before it
// commits makes the next owner re-read from the committed offset: at-least-once delivery,
// with every duplicate counted.
// Contract: called only on the thread that owns the World (Simulation's dispatch and fault routing); not thread-safe.
#include "engine/world/world.h"

namespace streamscope::engine::kafka {

/// Sets up group `index` with its initial members and schedules the first rebalance.
void startGroup(World &w, int index);
void addConsumer(World &w, int group);
/// The group's topic gained partitions: size the assignment and rebalance.
void topicPartitionsChanged(World &w, int group);
/// Graceful leave: commits (if auto commit) and triggers an immediate rebalance.
void removeConsumer(World &w, int group, int member);
/// Process death: no commit; the coordinator notices after session.timeout.ms.
void killConsumer(World &w, int group, int member);
/// A killed member's process starts again: with static membership it takes its old place and
/// partitions from the committed offsets (a member already expired joins anew).
void reviveConsumer(World &w, int group, int member);
/// Every live member goes back to its committed offsets (its application starts over from there).
void rewindToCommitted(World &w, int group);
void seekGroup(World &w, int group, int partition, SeekTarget target, std::int64_t value);
/// Whether the application of group g sees record r: never a marker; with read_committed
/// never a record of an aborted transaction.
bool deliverable(const World &w, const ConsumerGroup &g, const RecordInfo &r);
/// A transaction that carried an offset commit of the group committed (TxnOffsetCommit).
void commitTransactionalOffset(World &w, int group, int local, Offset offset);

void onAutoCommit(World &w, const Action &a);
void onRebalanceDone(World &w, const Action &a);
void onSessionExpired(World &w, const Action &a);

/// Lag of the group on local partition `i`: HW - committed offset (what the
/// kafka-consumer-groups tool shows); with no commit, HW - log start.
std::int64_t groupLag(const World &w, int group, int localPartition);

} // namespace streamscope::engine::kafka
