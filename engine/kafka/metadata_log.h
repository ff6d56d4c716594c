#pragma once
// The metadata log (__cluster_metadata): the active controller appends records and updates
// its image at once; the records take effect on brokers only once committed and applied.
// Brokers apply committed records in order; a PartitionChangeRecord takes effect when its
// new leader applies it (or at commit when it leaves the partition offline).
// Contract: called only on the thread that owns the World (Simulation's dispatch and fault routing); not thread-safe.
#include "engine/world/world.h"

namespace streamscope::engine::kafka {

/// The controller can decide now: KRaft has a Raft leader; ZooKeeper mode has a controller
/// that finished loading the cluster's metadata.
bool controllerReady(const World &w);
/// Appends a record to the active controller's log and its image. REQUIRES: controllerReady.
void appendRecord(World &w, MetadataRecord r);
/// Makes `image` and the brokers' fenced flags what the log of controller `c` says.
void replayImage(World &w, int c);
/// Keeps the image sized to the partitions (a new partition starts offline).
void growImage(World &w);
/// The committed log grew from `before`: offline changes take effect, fetches are answered.
void onCommitted(World &w, Offset before);
/// Broker `b` received committed entries up to `upTo` and acts on each in order.
void applyMetadata(World &w, int b, Offset upTo);
/// The record at a committed offset.
const MetadataRecord &committedRecord(const World &w, Offset offset);
/// Answers fetches (KRaft) or sends UpdateMetadata (ZooKeeper) once the current batch of
/// appends is done, instead of once per record.
void scheduleMetadataFlush(World &w);
void onMetadataFlush(World &w, const Action &a);

} // namespace streamscope::engine::kafka
