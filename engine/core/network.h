#pragma once
// The network between nodes (brokers first, then clients). Every message's latency is drawn
// from the configured range plus any extra delay of a slowed endpoint; links can be cut by
// isolating a node, and healed. Plain copyable state.
// Contract: a plain copyable value; any thread may use its own copy, and only the World's owner changes the World's.
#include "engine/core/rng.h"
#include "engine/core/sim_time.h"

#include <cstdint>
#include <vector>

namespace streamscope::engine {

using NodeId = std::int32_t;

class Network {
public:
  Network() = default;
  Network(SimTime minLatency, SimTime maxLatency) : m_min(minLatency), m_max(maxLatency) {}

  /// Registers a node and returns its id (ids are dense, in registration order).
  NodeId addNode() {
    m_nodes.push_back({});
    return static_cast<NodeId>(m_nodes.size() - 1);
  }
  std::size_t nodeCount() const { return m_nodes.size(); }

  void isolate(NodeId n) { m_nodes.at(n).isolated = true; }
  void heal(NodeId n) { m_nodes.at(n).isolated = false; }
  bool isIsolated(NodeId n) const { return m_nodes.at(n).isolated; }
  /// Extra one-way delay on every message to or from `n` (a slow broker or disk-bound host).
  void setExtraDelay(NodeId n, SimTime extra) { m_nodes.at(n).extraDelay = extra; }
  SimTime extraDelay(NodeId n) const { return m_nodes.at(n).extraDelay; }
  /// The chance that a client-facing response `n` sends is lost on its link (0: never).
  void setResponseLoss(NodeId n, double ratio) { m_nodes.at(n).responseLoss = ratio; }
  double responseLoss(NodeId n) const { return m_nodes.at(n).responseLoss; }

  bool reachable(NodeId a, NodeId b) const { return a == b || (!m_nodes.at(a).isolated && !m_nodes.at(b).isolated); }

  /// One-way latency of a message from a to b, drawn now.
  SimTime latency(NodeId a, NodeId b, Rng &rng) const {
    if (a == b)
      return 0;
    return rng.between(m_min, m_max) + m_nodes.at(a).extraDelay + m_nodes.at(b).extraDelay;
  }

  SimTime minLatency() const { return m_min; }
  SimTime maxLatency() const { return m_max; }

private:
  struct Node {
    bool isolated = false;
    SimTime extraDelay = 0;
    double responseLoss = 0;
  };
  SimTime m_min = 500;
  SimTime m_max = 1500;
  std::vector<Node> m_nodes;
};

} // namespace streamscope::engine
