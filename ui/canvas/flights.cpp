#include "flights.h"

#include <algorithm>
#include <optional>

namespace streamscope::ui {
namespace {

/// A Kafka end: where the partition's log on that broker ends (records are appended and
/// fetched there), else the node.
std::optional<QPointF> kafkaEnd(const model::KafkaView &k, const CanvasGeometry &g, const model::FlightEnd &end, int partition) {
  if (end.broker >= 0 && partition >= 0)
    if (const StripGeometry *s = g.strip(partition, end.broker)) {
      const Offset leo = k.partitions[static_cast<std::size_t>(partition)].logOf(end.broker).leo();
      const double x = s->cellWidth > 0 ? s->xOf(leo) : s->cells.right();
      return QPointF(std::clamp(x, s->cells.left(), s->cells.right()), s->rect.center().y());
    }
  const auto it = g.kafkaAnchors.find(end.node);
  return it == g.kafkaAnchors.end() ? std::nullopt : std::optional<QPointF>(it->second);
}

/// A Kinesis end: the right end of a shard lane, where readers take records, else the node.
std::optional<QPointF> kinesisEnd(const CanvasGeometry &g, const model::FlightEnd &end) {
  if (end.shard >= 0) {
    if (const LaneGeometry *l = g.lane(end.shard))
      return QPointF(l->cells.right(), l->cells.center().y());
    for (const KeySpaceGeometry &space : g.keySpaces) // the far level: the middle of its span
      if (const KeySpaceGeometry::Span *span = space.spanOf(end.shard))
        return span->rect.center();
    return std::nullopt;
  }
  const auto it = g.kinesisAnchors.find(end.node);
  return it == g.kinesisAnchors.end() ? std::nullopt : std::optional<QPointF>(it->second);
}

} // namespace

std::vector<Flight> collectFlights(const model::WorldView &view, const CanvasGeometry &geometry) {
  std::vector<Flight> flights;
  flights.reserve(view.flights().size());
  const model::KafkaView &k = view.kafka();
  for (const model::FlightView &m : view.flights()) {
    const auto from = m.kinesis ? kinesisEnd(geometry, m.from) : kafkaEnd(k, geometry, m.from, m.partition);
    const auto to = m.kinesis ? kinesisEnd(geometry, m.to) : kafkaEnd(k, geometry, m.to, m.partition);
    if (!from || !to)
      continue;
    Flight f;
    f.from = *from;
    f.to = *to;
    f.progress = m.progress(view.now());
    f.kind = m.kind;
    f.seq = m.seq;
    f.records = m.records;
    f.dropped = m.dropped;
    f.kinesis = m.kinesis;
    flights.push_back(f);
  }
  return flights;
}

} // namespace streamscope::ui
