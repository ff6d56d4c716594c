#include "flights.h"

#include <algorithm>
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

/// A Kafka end: where the partition's log on that broker ends (records are appended and
/// fetched there), else the node.
std::optional<QPointF> kafkaEnd(const engine::World &w, const CanvasGeometry &g, engine::NodeId node, int partition) {
  const int broker = brokerOfNode(w.kafka, node);
  if (broker >= 0 && partition >= 0)
    if (const StripGeometry *s = g.strip(partition, broker)) {
      const Offset leo = w.kafka.partitions[static_cast<std::size_t>(partition)].logOf(broker).leo();
      const double x = s->cellWidth > 0 ? s->xOf(leo) : s->cells.right();
      return QPointF(std::clamp(x, s->cells.left(), s->cells.right()), s->rect.center().y());
    }
  const auto it = g.kafkaAnchors.find(node);
  return it == g.kafkaAnchors.end() ? std::nullopt : std::optional<QPointF>(it->second);
}

std::optional<QPointF> kinesisNode(const CanvasGeometry &g, engine::NodeId node) {
  const auto it = g.kinesisAnchors.find(node);
  return it == g.kinesisAnchors.end() ? std::nullopt : std::optional<QPointF>(it->second);
}

/// The right end of a shard lane, where readers take records.
std::optional<QPointF> laneEnd(const CanvasGeometry &g, int slot) {
  const LaneGeometry *l = g.lane(slot);
  if (!l)
    return std::nullopt;
  return QPointF(l->cells.right(), l->cells.center().y());
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
  case ActionType::ConsumerFetchArrive:
    e.from = kafkaEnd(w, g, m.from, m.a);
    e.to = kafkaEnd(w, g, m.to, m.a);
    break;
  case ActionType::ReplicaFetchResponse:
  case ActionType::ConsumerFetchResponse: {
    e.from = kafkaEnd(w, g, m.from, m.a);
    e.to = kafkaEnd(w, g, m.to, m.a);
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
  case ActionType::ZoneAckArrive:
    // Between the endpoint and the zone's badge; the zone's row fills when the write lands.
    e.from = kinesisNode(g, m.from);
    e.to = kinesisNode(g, m.to);
    break;
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
