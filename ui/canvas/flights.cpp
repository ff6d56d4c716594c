#include "flights.h"

#include <optional>

namespace streamscope::ui {
namespace {

using engine::ActionType;
using engine::TransferKind;

int brokerOfNode(const engine::kafka::KafkaState &k, engine::NodeId node) {
  for (const auto &b : k.brokers)
    if (b.node == node)
      return b.id;
  return -1;
}

/// A Kafka end: the partition's strip on that broker when there is one (its left end for
/// producers and followers, its right end for consumers, who sit on the right), else the node.
std::optional<QPointF> kafkaEnd(const engine::World &w, const CanvasGeometry &g, engine::NodeId node, int partition,
                                bool rightEnd = false) {
  const int broker = brokerOfNode(w.kafka, node);
  if (broker >= 0 && partition >= 0)
    if (const StripGeometry *s = g.strip(partition, broker))
      return QPointF(rightEnd ? s->cells.right() : s->cells.left(), s->rect.center().y());
  const auto it = g.kafkaAnchors.find(node);
  return it == g.kafkaAnchors.end() ? std::nullopt : std::optional<QPointF>(it->second);
}

std::optional<QPointF> kinesisNode(const CanvasGeometry &g, engine::NodeId node) {
  const auto it = g.kinesisAnchors.find(node);
  return it == g.kinesisAnchors.end() ? std::nullopt : std::optional<QPointF>(it->second);
}

/// The left end of a shard lane's zone row (writes), or the lane's right end (reads).
std::optional<QPointF> laneEnd(const CanvasGeometry &g, int slot, int zone = -1) {
  const LaneGeometry *l = g.lane(slot);
  if (!l)
    return std::nullopt;
  if (zone < 0)
    return QPointF(l->cells.right(), l->cells.center().y());
  return QPointF(l->zoneRows[zone].left(), l->zoneRows[zone].center().y());
}

struct Ends {
  std::optional<QPointF> from, to;
  int records = 0;
};

Ends endsOf(const engine::World &w, const CanvasGeometry &g, const engine::Action &m) {
  const auto &k = w.kafka;
  const auto &n = w.kinesis;
  Ends e;
  switch (m.type) {
  case ActionType::ProduceArrive:
  case ActionType::ProduceResponseArrive: {
    const auto &batch = k.batches[m.a];
    const int p = batch.live ? batch.partition : -1;
    e.from = kafkaEnd(w, g, m.from, p);
    e.to = kafkaEnd(w, g, m.to, p);
    e.records = m.type == ActionType::ProduceArrive && batch.live ? static_cast<int>(batch.records.size()) : 0;
    break;
  }
  case ActionType::ReplicaFetchArrive:
  case ActionType::ConsumerFetchArrive: {
    const bool consumer = m.type == ActionType::ConsumerFetchArrive;
    e.from = kafkaEnd(w, g, m.from, m.a, consumer);
    e.to = kafkaEnd(w, g, m.to, m.a, consumer);
    break;
  }
  case ActionType::ReplicaFetchResponse:
  case ActionType::ConsumerFetchResponse: {
    const bool consumer = m.type == ActionType::ConsumerFetchResponse;
    e.from = kafkaEnd(w, g, m.from, m.a, consumer);
    e.to = kafkaEnd(w, g, m.to, m.a, consumer);
    const auto &payload = k.payloads[static_cast<std::int32_t>(m.d)];
    e.records = payload.live ? static_cast<int>(payload.entries.size()) : 0;
    break;
  }
  case ActionType::PutArrive:
  case ActionType::PutResponseArrive: {
    e.from = kinesisNode(g, m.from);
    e.to = kinesisNode(g, m.to);
    const auto &put = n.puts[m.a];
    e.records = m.type == ActionType::PutArrive && put.live ? static_cast<int>(put.records.size()) : 0;
    break;
  }
  case ActionType::ZoneWriteArrive:
  case ActionType::ZoneAckArrive: {
    // Drawn into the zone row of the first shard the put wrote to.
    const auto &put = n.puts[m.a];
    int slot = -1;
    for (const auto &[s, counter] : put.placed)
      if (s >= 0) {
        slot = s;
        break;
      }
    const auto endpoint = kinesisNode(g, m.type == ActionType::ZoneWriteArrive ? m.from : m.to);
    const auto zone = slot >= 0 ? laneEnd(g, slot, m.b) : kinesisNode(g, m.type == ActionType::ZoneWriteArrive ? m.to : m.from);
    e.from = m.type == ActionType::ZoneWriteArrive ? endpoint : zone;
    e.to = m.type == ActionType::ZoneWriteArrive ? zone : endpoint;
    break;
  }
  case ActionType::GetRecordsArrive:
  case ActionType::ReadResponseArrive:
  case ActionType::FanOutPush: {
    const auto &app = n.apps[static_cast<std::size_t>(m.a)];
    const int slot = m.b >= 0 && m.b < static_cast<int>(app.leases.size()) ? app.leases[static_cast<std::size_t>(m.b)].shard : -1;
    const bool request = m.type == ActionType::GetRecordsArrive;
    const auto shardEnd = slot >= 0 ? laneEnd(g, slot) : kinesisNode(g, request ? m.to : m.from);
    const auto worker = kinesisNode(g, request ? m.from : m.to);
    e.from = request ? worker : shardEnd;
    e.to = request ? shardEnd : worker;
    if (m.type == ActionType::ReadResponseArrive) {
      const auto &payload = n.reads[static_cast<std::int32_t>(m.d)];
      e.records = payload.live ? static_cast<int>(payload.records.size()) : 0;
    }
    break;
  }
  default:
    break; // not a message
  }
  return e;
}

} // namespace

std::vector<Flight> collectFlights(const engine::World &world, const CanvasGeometry &geometry) {
  std::vector<Flight> flights;
  world.queue.forEach([&](const auto &entry) {
    const engine::Action &m = entry.action;
    if (m.from < 0 || m.to < 0 || entry.time <= m.sentAt || m.type == ActionType::ProduceRespondAfterFsync)
      return;
    const Ends ends = endsOf(world, geometry, m);
    if (!ends.from || !ends.to)
      return;
    Flight f;
    f.from = *ends.from;
    f.to = *ends.to;
    f.progress = std::clamp(static_cast<double>(world.now - m.sentAt) / static_cast<double>(entry.time - m.sentAt), 0.0, 1.0);
    f.kind = static_cast<TransferKind>(m.kind);
    f.seq = entry.seq;
    f.records = ends.records;
    f.dropped = m.dropped;
    flights.push_back(f);
  });
  return flights;
}

} // namespace streamscope::ui
