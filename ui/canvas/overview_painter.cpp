// Paints the far levels of detail: broker tiles by load with their badges, pixel matrices of
// partitions (by health and consumer lag) or replicas (by role), the key space's shard spans,
// and the traffic as one line per pair of ends instead of a dot per message.
#include "canvas_painter.h"

#include "model/view/cluster_load.h"

#include <algorithm>
#include <cmath>
#include <tuple>
#include <unordered_map>

namespace streamscope::ui {
namespace {

using namespace model; // the view's rows

/// Pixels of a matrix grouped by colour, so each colour is one call. In whole pixels, rounded
/// as an aliased fill rounds them: the raster engine fills integer rectangles in half the time.
struct CellBatch {
  std::unordered_map<QRgb, std::vector<QRect>> byColour;
  void add(const QColor &c, const QRectF &r) {
    byColour[c.rgb()].emplace_back(QPoint(qRound(r.left()), qRound(r.top())), QPoint(qRound(r.right()) - 1, qRound(r.bottom()) - 1));
  }
  void paint(QPainter &p) const {
    p.setPen(Qt::NoPen);
    for (const auto &[rgb, rects] : byColour) {
      p.setBrush(QColor::fromRgb(rgb));
      p.drawRects(rects.data(), static_cast<int>(rects.size()));
    }
  }
};

QColor partitionColour(const KafkaView &k, const PartitionView &part, Offset maxLag, const CanvasTheme &t) {
  switch (healthOf(k, part)) {
  case PartitionHealth::Offline: return t.failure;
  case PartitionHealth::UnderMinIsr: return t.eligibleLeader;
  case PartitionHealth::UnderReplicated: return t.warning;
  case PartitionHealth::Healthy: break;
  }
  const Offset lag = consumerLag(k, part);
  // Lag in eight steps, so a few thousand pixels take a few calls.
  const double share = maxLag > 0 && lag > 0 ? std::ceil(8.0 * static_cast<double>(lag) / static_cast<double>(maxLag)) / 8.0 : 0;
  return partitionLagColour(share, t);
}

QColor replicaColour(const PartitionView &part, int broker, const CanvasTheme &t) {
  if (part.leader < 0)
    return t.failure;
  if (part.leader == broker)
    return t.leader;
  return part.inIsr(broker) ? t.onDisk : t.pending; // grey: behind, not holding what the leader has
}

void paintMatrix(QPainter &p, const PixelMatrix &m, const CanvasFrame &f) {
  const KafkaView &k = f.view.kafka();
  const CanvasTheme &t = f.theme;
  Offset maxLag = 0;
  if (m.broker < 0)
    for (int id : m.partitions)
      maxLag = std::max(maxLag, consumerLag(k, k.partitions[static_cast<std::size_t>(id)]));
  const double gap = m.cell >= 4 ? std::max(1.0, m.cell * 0.12) : 0;
  CellBatch batch;
  for (std::size_t i = 0; i < m.partitions.size(); ++i) {
    const QRectF cell = m.cellRect(i).adjusted(0, 0, -gap, -gap);
    const PartitionView &part = k.partitions[static_cast<std::size_t>(m.partitions[i])];
    batch.add(m.broker < 0 ? partitionColour(k, part, maxLag, t) : replicaColour(part, m.broker, t), cell);
  }
  batch.paint(p);
}

void paintBadge(QPainter &p, const QRectF &badge, const QColor &c, const CanvasTheme &t) {
  if (badge.isEmpty())
    return;
  p.setPen(QPen(c, t.px(2)));
  p.setBrush(t.panel);
  p.drawRect(badge);
}

/// A tile in plain, aliased fills (a hundred antialiased rounded boxes cost a frame's budget):
/// filled by its load, framed by its state as the broker boxes are (red crossed out when
/// crashed, dark when powered off, dashed orange when isolated).
void paintTile(QPainter &p, const BrokerTile &tile, const CanvasFrame &f) {
  const CanvasTheme &t = f.theme;
  const BrokerView &b = f.view.kafka().brokers[static_cast<std::size_t>(tile.broker)];
  const QRectF r = tile.rect;
  p.fillRect(r, b.running() ? brokerHeatColour(tile.heat, t) : t.panel);
  if (b.state == BrokerState::PoweredOff)
    p.fillRect(r, t.dark ? QColor(0, 0, 0, 150) : QColor(40, 40, 40, 90));
  const bool down = !b.running();
  p.setPen(QPen(down             ? t.failure
                    : b.isolated ? t.warning
                                 : t.panelBorder,
                down || b.isolated ? t.px(2.5) : 0, b.isolated ? Qt::DashLine : Qt::SolidLine));
  p.setBrush(Qt::NoBrush);
  p.drawRect(r);
  if (b.state == BrokerState::Crashed) {
    QColor cross = t.failure;
    cross.setAlpha(90);
    p.setPen(QPen(cross, t.px(2)));
    p.drawLine(r.topLeft(), r.bottomRight());
    p.drawLine(r.topRight(), r.bottomLeft());
  }
  if (!tile.leaderBar.isEmpty()) {
    p.fillRect(tile.leaderBar, t.track);
    p.fillRect(QRectF(tile.leaderBar.topLeft(), QSizeF(tile.leaderBar.width() * tile.leaderShare, tile.leaderBar.height())), t.leader);
  }
  paintBadge(p, tile.offlineBadge, t.failure, t);
  paintBadge(p, tile.underReplicatedBadge, t.warning, t);
  if (tile.controller) { // a corner flag
    const double s = t.px(11);
    QPolygonF corner;
    corner << r.topRight() << r.topRight() - QPointF(s, 0) << r.topRight() + QPointF(0, s);
    p.setPen(Qt::NoPen);
    p.setBrush(t.highWatermark);
    p.drawPolygon(corner);
  }
}

} // namespace

QColor brokerHeatColour(double heat, const CanvasTheme &t) { return blend(t.panel, t.produce, 0.12 + 0.5 * heat); }
QColor partitionLagColour(double share, const CanvasTheme &t) { return blend(blend(t.track, t.onDisk, 0.45), t.replication, share); }
QColor shardLoadColour(double load, const CanvasTheme &t) { return blend(t.track, t.zone, 0.15 + 0.85 * load); }

void paintKafkaOverview(QPainter &p, const CanvasFrame &f) {
  p.setRenderHint(QPainter::Antialiasing, false); // square tiles and pixels: plain fills
  for (const BrokerTile &tile : f.geometry.tiles)
    paintTile(p, tile, f);
  for (const PixelMatrix &m : f.geometry.matrices)
    if (f.geometry.onScreen(m.rect))
      paintMatrix(p, m, f);
  p.setRenderHint(QPainter::Antialiasing, true);
}

void paintKeySpaces(QPainter &p, const CanvasFrame &f) {
  const CanvasTheme &t = f.theme;
  p.setRenderHint(QPainter::Antialiasing, false);
  for (const KeySpaceGeometry &space : f.geometry.keySpaces) {
    for (const QRectF &band : space.bands)
      p.fillRect(band, t.track);
    for (const KeySpaceGeometry::Span &span : space.spans) {
      const double gap = span.rect.width() >= 4 ? 1 : 0; // shards apart while there is room
      const QRectF r = span.rect.adjusted(0, 0, -gap, 0);
      p.fillRect(r, shardLoadColour(std::min(1.0, span.load), t));
      if (span.throttledWrites || span.throttledReads) // the bottom third says it was refused
        p.fillRect(QRectF(r.left(), r.bottom() - r.height() / 3, r.width(), r.height() / 3), span.throttledWrites ? t.throttle : t.warning);
    }
  }
  p.setRenderHint(QPainter::Antialiasing, true);
}

bool aggregated(const Flight &flight, const CanvasGeometry &g) { return (flight.kinesis ? g.kinesisDetail : g.kafkaDetail) != Detail::Strips; }

std::vector<FlowLine> flowLines(const std::vector<Flight> &flights, const CanvasGeometry &g) {
  std::unordered_map<std::uint64_t, FlowLine> lines;
  std::unordered_map<std::uint64_t, double> heaviest;
  const auto key = [](QPointF a) {
    return (static_cast<std::uint64_t>(std::lround(a.x())) & 0xffff) << 16 | (static_cast<std::uint64_t>(std::lround(a.y())) & 0xffff);
  };
  for (const Flight &flight : flights) {
    if (!aggregated(flight, g))
      continue;
    const std::uint64_t k = key(flight.from) << 32 | key(flight.to);
    FlowLine &line = lines[k];
    line.from = flight.from;
    line.to = flight.to;
    const double weight = std::max(1, flight.records);
    line.weight += weight;
    if (weight > heaviest[k]) {
      heaviest[k] = weight;
      line.colour = static_cast<int>(flight.kind);
    }
  }
  std::vector<FlowLine> result;
  result.reserve(lines.size());
  for (const auto &[k, line] : lines)
    result.push_back(line);
  // The heaviest last, on top; the order is fixed so frames do not flicker.
  std::sort(result.begin(), result.end(), [](const FlowLine &a, const FlowLine &b) {
    return std::make_tuple(a.weight, a.from.x(), a.from.y(), a.to.x(), a.to.y()) <
        std::make_tuple(b.weight, b.from.x(), b.from.y(), b.to.x(), b.to.y());
  });
  return result;
}

void paintOverviewSwatch(QPainter &p, const LegendSwatch &s, const CanvasTheme &t) {
  p.setPen(Qt::NoPen);
  const QRectF r = s.rect;
  switch (s.kind) {
  case LegendSwatch::BrokerHeat: // idle on the left, busiest on the right
    p.fillRect(QRectF(r.left(), r.top(), r.width() / 2, r.height()), brokerHeatColour(0, t));
    p.fillRect(QRectF(r.center().x(), r.top(), r.width() / 2, r.height()), brokerHeatColour(1, t));
    break;
  case LegendSwatch::LeaderBar: p.fillRect(QRectF(r.left(), r.center().y() - t.px(1.5), r.width(), t.px(3)), t.leader); break;
  case LegendSwatch::Controller: {
    QPolygonF corner;
    corner << r.topRight() << r.topLeft() << r.bottomRight();
    p.setBrush(t.highWatermark);
    p.drawPolygon(corner);
    break;
  }
  case LegendSwatch::PartitionLag:
    p.fillRect(QRectF(r.left(), r.top(), r.width() / 2, r.height()), partitionLagColour(0, t));
    p.fillRect(QRectF(r.center().x(), r.top(), r.width() / 2, r.height()), partitionLagColour(1, t));
    break;
  case LegendSwatch::UnderReplicated: p.fillRect(r, t.warning); break;
  case LegendSwatch::UnderMinIsr: p.fillRect(r, t.eligibleLeader); break;
  case LegendSwatch::Offline: p.fillRect(r, t.failure); break;
  case LegendSwatch::LeaderReplica: p.fillRect(r, t.leader); break;
  case LegendSwatch::FollowerInSync: p.fillRect(r, t.onDisk); break;
  case LegendSwatch::FollowerOutOfIsr: p.fillRect(r, t.pending); break;
  case LegendSwatch::ShardLoad:
    p.fillRect(QRectF(r.left(), r.top(), r.width() / 2, r.height()), shardLoadColour(0, t));
    p.fillRect(QRectF(r.center().x(), r.top(), r.width() / 2, r.height()), shardLoadColour(1, t));
    break;
  case LegendSwatch::ShardThrottled:
    p.fillRect(r, shardLoadColour(1, t));
    p.fillRect(QRectF(r.left(), r.bottom() - r.height() / 3, r.width(), r.height() / 3), t.throttle);
    break;
  case LegendSwatch::Flow:
    p.setPen(QPen(t.replication, t.px(3), Qt::SolidLine, Qt::RoundCap));
    p.drawLine(r.bottomLeft(), r.topRight());
    break;
  default: break;
  }
}

} // namespace streamscope::ui
