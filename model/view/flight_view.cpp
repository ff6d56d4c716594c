#include "flight_view.h"

#include "engine/world/world.h"

#include <algorithm>

namespace streamscope::model {
namespace {

using engine::Action;
using engine::ActionType;

/// Broker id by node id, so each end is found without a search (thousands of messages).
std::vector<int> brokersByNode(const engine::World &w) {
  std::vector<int> byNode;
  for (const auto &b : w.kafka.brokers) {
    if (b.node < 0)
      continue;
    if (static_cast<std::size_t>(b.node) >= byNode.size())
      byNode.resize(static_cast<std::size_t>(b.node) + 1, -1);
    if (byNode[static_cast<std::size_t>(b.node)] < 0) // the first broker on a node, as brokerOfNode
      byNode[static_cast<std::size_t>(b.node)] = b.id;
  }
  return byNode;
}

FlightEnd nodeEnd(const std::vector<int> &byNode, NodeId node) {
  const int broker = static_cast<std::size_t>(node) < byNode.size() ? byNode[static_cast<std::size_t>(node)] : -1;
  return {node, broker, -1};
}

/// Fills what the packed fields say about the message (partition, shard, records carried).
void decode(const engine::World &w, const Action &m, FlightView &f) {
  const auto &k = w.kafka;
  const auto &n = w.kinesis;
  switch (m.type) {
  case ActionType::ProduceArrive:
  case ActionType::ProduceResponseArrive: {
    const auto &batch = k.batches[m.a];
    f.partition = batch.live ? batch.partition : -1;
    f.records = m.type == ActionType::ProduceArrive && batch.live ? static_cast<int>(batch.records.size()) : 0;
    break;
  }
  case ActionType::ReplicaFetchArrive:
  case ActionType::ReplicaFetchResponse: {
    // One request or response of a fetch session covers many partitions: show the first.
    const auto &msg = k.sessionMessages[static_cast<std::int32_t>(m.d)];
    if (!msg.live)
      break;
    if (m.type == ActionType::ReplicaFetchArrive) {
      f.partition = msg.requests.empty() ? -1 : msg.requests.front().partition;
      break;
    }
    f.partition = msg.answers.empty() ? -1 : msg.answers.front().partition;
    for (const auto &answer : msg.answers)
      f.records += static_cast<int>(answer.payload.entries.size());
    break;
  }
  case ActionType::ConsumerFetchArrive:
  case ActionType::ConsumerFetchResponse: {
    // One request or response covers every partition the member reads from that broker: show the first.
    const auto &msg = k.consumerMessages[static_cast<std::int32_t>(m.d)];
    if (!msg.live || m.b < 0 || static_cast<std::size_t>(m.b) >= k.groups.size())
      break;
    const int topic = k.groups[static_cast<std::size_t>(m.b)].topic;
    if (m.type == ActionType::ConsumerFetchArrive) {
      f.partition = msg.requests.empty() ? -1 : k.partitionId(topic, msg.requests.front().local);
      break;
    }
    f.partition = msg.answers.empty() ? -1 : k.partitionId(topic, msg.answers.front().local);
    for (const auto &answer : msg.answers)
      f.records += static_cast<int>(answer.payload.entries.size());
    break;
  }
  case ActionType::PutArrive:
  case ActionType::PutResponseArrive: {
    f.kinesis = true;
    const auto &put = n.puts[m.a];
    f.records = m.type == ActionType::PutArrive && put.live ? static_cast<int>(put.records.size()) : 0;
    break;
  }
  case ActionType::ZoneWriteArrive:
  case ActionType::ZoneAckArrive: f.kinesis = true; break; // between the endpoint and a zone
  case ActionType::GetRecordsArrive:
  case ActionType::ReadResponseArrive:
  case ActionType::FanOutPush: {
    f.kinesis = true;
    const auto &app = n.apps[static_cast<std::size_t>(m.a)];
    const int slot = m.b >= 0 && m.b < static_cast<int>(app.leases.size()) ? app.leases[static_cast<std::size_t>(m.b)].shard : -1;
    // The stream's end of a read is the shard being read, not the endpoint node.
    (m.type == ActionType::GetRecordsArrive ? f.to : f.from).shard = slot;
    if (m.type == ActionType::ReadResponseArrive) {
      const auto &payload = n.reads[static_cast<std::int32_t>(m.d)];
      f.records = payload.live ? static_cast<int>(payload.records.size()) : 0;
    }
    break;
  }
  default: break;
  }
}

bool isMessage(ActionType t) {
  switch (t) {
  case ActionType::ProduceArrive:
  case ActionType::ProduceResponseArrive:
  case ActionType::ReplicaFetchArrive:
  case ActionType::ReplicaFetchResponse:
  case ActionType::ConsumerFetchArrive:
  case ActionType::ConsumerFetchResponse:
  case ActionType::PutArrive:
  case ActionType::PutResponseArrive:
  case ActionType::ZoneWriteArrive:
  case ActionType::ZoneAckArrive:
  case ActionType::GetRecordsArrive:
  case ActionType::ReadResponseArrive:
  case ActionType::FanOutPush: return true;
  default: return false; // timers, and a response still waiting for its fsync
  }
}

} // namespace

double FlightView::progress(SimTime now) const {
  if (arrivesAt <= sentAt)
    return 1.0;
  return std::clamp(static_cast<double>(now - sentAt) / static_cast<double>(arrivesAt - sentAt), 0.0, 1.0);
}

void collectFlightViews(const engine::World &world, std::vector<FlightView> &out) {
  const std::vector<int> byNode = brokersByNode(world);
  world.queue.forEach([&](const auto &entry) {
    const Action &m = entry.action;
    if (m.from < 0 || m.to < 0 || entry.time <= m.sentAt || !isMessage(m.type))
      return;
    FlightView f;
    f.kind = static_cast<TransferKind>(m.kind);
    f.from = nodeEnd(byNode, m.from);
    f.to = nodeEnd(byNode, m.to);
    f.sentAt = m.sentAt;
    f.arrivesAt = entry.time;
    f.dropped = m.dropped;
    f.seq = entry.seq;
    decode(world, m, f);
    out.push_back(f);
  });
}

} // namespace streamscope::model
