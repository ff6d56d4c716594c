#pragma once
// ZooKeeper mode (Kafka 3.x): one broker is the controller (it won the /controller znode).
// Metadata writes to ZooKeeper commit at once and reach brokers as UpdateMetadata /
// LeaderAndIsr requests over the network. Liveness is the brokers' ZooKeeper sessions: a
// broker silent for zookeeper.session.timeout.ms loses its session; if it was the
// controller, another broker wins the election and must load every partition's metadata
// (zookeeper_load_ms_per_partition each) before it can act.
// Contract: called only on the thread that owns the World (Simulation's dispatch and fault routing); not thread-safe.
#include "engine/world/world.h"

namespace streamscope::engine::kafka {

/// Broker 0 holds the controller as the scenario starts, its metadata loaded.
void startZookeeper(World &w);
/// A broker's ZooKeeper session ping (its heartbeat tick).
void zookeeperPing(World &w, int b);
/// Session expiry check for broker b (run by ZooKeeper, whatever the controller does).
void zookeeperSessionCheck(World &w, int b);
/// UpdateMetadata to every reachable broker, up to the committed offset.
void pushMetadata(World &w);

void onZkControllerElect(World &w, const Action &a);
void onZkControllerReady(World &w, const Action &a);
void onZkPushArrive(World &w, const Action &a);

} // namespace streamscope::engine::kafka
