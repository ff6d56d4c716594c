#include "canvas_painter.h"
#include "transaction_marks.h"

#include "dot_sprites.h"
#include "text_cache.h"

#include <QPainterPath>

#include <algorithm>
#include <cmath>

namespace streamscope::ui {
namespace {

using model::TransferKind;

QColor flightColour(TransferKind kind, const CanvasTheme &t) {
  switch (kind) {
  case TransferKind::ProduceRequest:
  case TransferKind::PutRecordsRequest: return t.produce;
  case TransferKind::ProduceResponse:
  case TransferKind::PutRecordsResponse:
  case TransferKind::ZoneAck: return t.response;
  case TransferKind::ReplicaFetchRequest:
  case TransferKind::ReplicaFetchResponse: return t.replication;
  case TransferKind::ZoneWrite: return t.zone;
  case TransferKind::ConsumerFetchRequest:
  case TransferKind::ConsumerFetchResponse:
  case TransferKind::GetRecordsRequest:
  case TransferKind::GetRecordsResponse:
  case TransferKind::SubscribeToShardEvent: return t.consume;
  case TransferKind::MetadataFetchRequest:
  case TransferKind::MetadataFetchResponse:
  case TransferKind::VoteRequest:
  case TransferKind::VoteResponse:
  case TransferKind::BeginQuorumEpoch:
  case TransferKind::BrokerHeartbeat:
  case TransferKind::AlterPartition:
  case TransferKind::UpdateMetadata:
  case TransferKind::TxnRequest:
  case TransferKind::TxnResponse: return t.text; // the control plane: drawn apart from the data
  case TransferKind::TxnMarkerRequest:
  case TransferKind::TxnMarkerResponse: return t.replication;
  }
  return t.text;
}

/// A system at a far level: its traffic as a line per pair of ends, stronger and doubled the
/// more records it carries. Only the heaviest are drawn, at most kFlowLines lines and
/// kFlowPixels pixels, as one-pixel opaque aliased lines faded toward the background:
/// translucent or antialiased lines cost the raster engine about ten times as much, and even
/// these take it about 30 ns a pixel, so a hundred lines across a hundred brokers' tiles
/// (150,000 pixels) were half of a frame.
void paintFlowLines(QPainter &p, const CanvasFrame &f) {
  constexpr std::size_t kFlowLines = 120;
  constexpr double kFlowPixels = 36000;
  const CanvasTheme &t = f.theme;
  const std::vector<FlowLine> lines = flowLines(f.flights, f.geometry);
  if (lines.empty())
    return;
  // Shares of the heaviest on a log scale: a pair carrying one record is the palest.
  const double heaviest = std::log2(lines.back().weight);
  const auto shareOf = [heaviest](const FlowLine &line) { return heaviest > 0 ? std::log2(line.weight) / heaviest : 0.0; };
  const auto doubled = [&](const FlowLine &line) { return shareOf(line) > 0.6; };
  std::size_t first = lines.size(); // the lightest line drawn
  for (double pixels = 0; first > 0 && lines.size() - first < kFlowLines; --first) {
    const FlowLine &line = lines[first - 1];
    pixels += std::max(std::abs(line.to.x() - line.from.x()), std::abs(line.to.y() - line.from.y())) * (doubled(line) ? 2 : 1);
    if (pixels > kFlowPixels)
      break;
  }
  p.setRenderHint(QPainter::Antialiasing, false);
  for (std::size_t i = first; i < lines.size(); ++i) { // the heaviest last, on top
    const FlowLine &line = lines[i];
    const QColor c = flightColour(static_cast<TransferKind>(line.colour), t);
    const double fade = 0.75 - 0.5 * shareOf(line); // of the background mixed in
    p.setPen(QPen(blend(c, t.background, fade), 0)); // cosmetic: one device pixel
    p.drawLine(line.from, line.to);
    if (doubled(line)) // the busiest pairs twice as thick
      p.drawLine(line.from + QPointF(0, 1), line.to + QPointF(0, 1));
  }
  p.setRenderHint(QPainter::Antialiasing, true);
}

void paintFlights(QPainter &p, const CanvasFrame &f) {
  const CanvasTheme &t = f.theme;
  paintFlowLines(p, f);
  const bool trails = f.flights.size() < 600; // paths only while they help more than they clutter
  for (const Flight &flight : f.flights) {
    if (aggregated(flight, f.geometry))
      continue;
    const QColor c = flightColour(flight.kind, t);
    const QPointF at = flight.position();
    if (trails && flight.records > 0) {
      // A short comet tail shows the direction of travel; a line all the way back to the
      // sender cost most of the frame (long antialiased strokes) and cluttered the picture.
      const QPointF along = at - flight.from;
      const double length = std::hypot(along.x(), along.y());
      if (length > 1) {
        QColor faint = c;
        faint.setAlpha(90);
        p.setPen(QPen(faint, t.px(2), Qt::SolidLine, Qt::RoundCap));
        p.drawLine(at - along * (std::min(length, t.px(26)) / length), at);
      }
    }
    // Records travel as filled dots sized by how many they carry; requests and acks as rings.
    const double r = flight.records > 0 ? t.px(4.5) + std::min(t.px(3.5), std::log2(1.0 + flight.records) * t.px(0.8)) : t.px(3.5);
    paintDot(p, at, r, c, flight.records > 0 ? 0 : t.px(1.8));
    if (flight.dropped) {
      p.setPen(QPen(t.failure, t.px(2)));
      p.drawLine(at + QPointF(-r, -r), at + QPointF(r, r));
      p.drawLine(at + QPointF(-r, r), at + QPointF(r, -r));
    }
  }
}

void paintLegend(QPainter &p, const CanvasFrame &f) {
  const CanvasTheme &t = f.theme;
  for (const LegendSwatch &s : f.geometry.swatches) {
    p.setPen(Qt::NoPen);
    if (s.kind >= LegendSwatch::BrokerHeat) { // the far levels' own
      paintOverviewSwatch(p, s, t);
      continue;
    }
    switch (s.kind) {
    case LegendSwatch::OnDisk: p.fillRect(s.rect, t.onDisk); break;
    case LegendSwatch::InCache: p.fillRect(s.rect, t.inCache); break;
    case LegendSwatch::AboveHighWatermark:
      p.fillRect(s.rect, t.aboveHighWatermark(t.inCache));
      p.fillRect(s.rect, QBrush(t.inCache, Qt::BDiagPattern));
      break;
    case LegendSwatch::HighWatermark:
      p.fillRect(QRectF(s.rect.center().x() - t.px(1), s.rect.top(), t.px(2.5), s.rect.height()), t.highWatermark);
      break;
    case LegendSwatch::Committed: {
      QPolygonF tri;
      tri << QPointF(s.rect.center().x(), s.rect.top()) << s.rect.bottomLeft() << s.rect.bottomRight();
      p.setBrush(t.committed);
      p.drawPolygon(tri);
      break;
    }
    case LegendSwatch::OutOfIsr:
    case LegendSwatch::EligibleLeader: { // the outlines the replica strips get
      const bool eligible = s.kind == LegendSwatch::EligibleLeader;
      p.fillRect(s.rect, t.track);
      p.setPen(QPen(eligible ? t.eligibleLeader : t.outOfIsr, t.px(eligible ? 2.5 : 2), eligible ? Qt::SolidLine : Qt::DashLine));
      p.setBrush(Qt::NoBrush);
      p.drawRect(s.rect);
      break;
    }
    case LegendSwatch::InFlight:
      p.setBrush(t.produce);
      p.drawEllipse(s.rect);
      break;
    case LegendSwatch::ZoneCopy: p.fillRect(s.rect, t.zone); break;
    case LegendSwatch::Awaiting:
      p.setPen(QPen(t.zone, t.px(1.2)));
      p.setBrush(Qt::NoBrush);
      p.drawRect(s.rect);
      break;
    case LegendSwatch::Throttled:
      p.setPen(QPen(t.throttle, t.px(2.5)));
      p.setBrush(Qt::NoBrush);
      p.drawRect(s.rect);
      break;
    case LegendSwatch::ChipReading: paintPartitionChip(p, s.rect, PartitionChip::Reading, t); break;
    case LegendSwatch::ChipRevoking: paintPartitionChip(p, s.rect, PartitionChip::Revoking, t); break;
    case LegendSwatch::ChipPending: paintPartitionChip(p, s.rect, PartitionChip::Pending, t); break;
    default: paintTxnSwatch(p, s, t); break;
    case LegendSwatch::SecondCopy:
      p.fillRect(s.rect, t.inCache);
      paintSecondCopy(p, s.rect, t);
      break;
    case LegendSwatch::Reordered: { // the notch above a cell, as on the lanes
      const QRectF cell(s.rect.left(), s.rect.center().y(), s.rect.width(), s.rect.height() / 2);
      p.fillRect(cell, t.zone);
      paintReordered(p, cell, t);
      break;
    }
    case LegendSwatch::ShareAvailable: p.fillRect(s.rect, shareStateColour(model::ShareState::Available, t)); break;
    case LegendSwatch::ShareAcquired: p.fillRect(s.rect, shareStateColour(model::ShareState::Acquired, t)); break;
    case LegendSwatch::ShareAcknowledged: p.fillRect(s.rect, shareStateColour(model::ShareState::Acknowledged, t)); break;
    case LegendSwatch::ShareArchived: p.fillRect(s.rect, shareStateColour(model::ShareState::Archived, t)); break;
    }
  }
}

/// Whether `label` belongs to a highlighted item: its caption, or text inside its rectangle
/// (`rects`: the highlighted items' rectangles, in the order of f.highlights).
bool labelOfHighlight(const CanvasLabel &label, const CanvasFrame &f, const std::vector<QRectF> &rects) {
  for (std::size_t i = 0; i < f.highlights.size(); ++i)
    if (captionOf(label.owner, f.highlights[i]) || (!rects[i].isEmpty() && rects[i].contains(label.rect)))
      return true;
  return false;
}

void paintLabels(QPainter &p, const CanvasFrame &f, bool highlighted) {
  // A label's rectangle is already as tight as its text (CanvasGeometry::addLabel), so each
  // is drawn at its top left, laid out once for every frame that shows it (text_cache.h): no
  // per-call text layout, which dominated the frame's cost.
  // With `highlighted`, only the labels of highlighted items, in full contrast above the veil.
  std::vector<QRectF> rects;
  if (highlighted)
    for (const model::WorldItem &item : f.highlights)
      rects.push_back(item.kind == model::WorldItem::Kind::Message ? QRectF() : f.geometry.rectOf(item));
  const QFont *fonts[] = {&f.theme.font, &f.theme.small, &f.theme.headline};
  for (int face = 0; face < 3; ++face) {
    p.setFont(*fonts[face]);
    for (const CanvasLabel &label : f.geometry.labels) {
      if ((label.headline ? 2 : label.title ? 0 : 1) != face || (highlighted && !labelOfHighlight(label, f, rects)))
        continue;
      p.setPen(label.muted && !highlighted ? f.theme.mutedText : f.theme.text);
      p.drawStaticText(label.rect.topLeft(), staticText(*fonts[face], label.text));
    }
  }
}

/// A lesson's highlights: everything else under a veil, the highlighted things outlined, and
/// their captions redrawn above it in full contrast (the lesson's text points at them).
void paintHighlights(QPainter &p, const CanvasFrame &f) {
  if (f.highlights.empty())
    return;
  const QPainterPath holes = highlightHoles(f);
  QPainterPath veil; // over the panes: the presenting header and the legend stay readable
  veil.addRect(
      QRectF(f.geometry.scene.left(), f.geometry.header.bottom(), f.geometry.scene.width(), f.geometry.legend.top() - f.geometry.header.bottom()));
  QColor dim = f.theme.background;
  dim.setAlpha(150);
  p.fillPath(veil.subtracted(holes), dim);
  p.setPen(QPen(f.theme.leader, f.theme.px(3)));
  p.setBrush(Qt::NoBrush);
  p.drawPath(holes.simplified());
  paintLabels(p, f, true);
}

/// A step that shows only some things: everything else under the background, not just dimmed.
void paintHidden(QPainter &p, const CanvasFrame &f) {
  if (f.shown.empty())
    return;
  QPainterPath hidden;
  hidden.addRect(f.geometry.scene);
  p.fillPath(hidden.subtracted(shownArea(f)), f.theme.background);
}

/// The record a lesson step follows: a ring of its own colour around each place it is (a cell,
/// a shard entry, a reader; the whole strip or lane when its cell is not drawn at this zoom).
void paintFollowed(QPainter &p, const CanvasFrame &f) {
  const double pad = f.theme.px(2.5);
  p.setPen(QPen(QColor(214, 0, 128), f.theme.px(3)));
  p.setBrush(Qt::NoBrush);
  for (const model::WorldItem &item : f.followed) {
    const QRectF r = f.geometry.rectOf(item);
    if (!r.isEmpty())
      p.drawRoundedRect(r.adjusted(-pad, -pad, pad, pad), pad, pad);
  }
}

void paintSelection(QPainter &p, const CanvasFrame &f) {
  if (!f.selected)
    return;
  QRectF r = f.geometry.rectOf(f.selected);
  if (f.selected.kind == model::WorldItem::Kind::Message)
    for (const Flight &flight : f.flights)
      if (flight.seq == static_cast<std::uint64_t>(f.selected.c))
        r = QRectF(flight.position() - QPointF(f.theme.px(8), f.theme.px(8)), QSizeF(f.theme.px(16), f.theme.px(16)));
  if (r.isEmpty())
    return;
  QColor c = f.theme.dark ? QColor(255, 255, 255) : QColor(0, 90, 220);
  p.setPen(QPen(c, f.theme.px(2.5)));
  p.setBrush(Qt::NoBrush);
  p.drawRoundedRect(r.adjusted(-f.theme.px(2), -f.theme.px(2), f.theme.px(2), f.theme.px(2)), f.theme.px(3), f.theme.px(3));
}

} // namespace

QPainterPath highlightHoles(const CanvasFrame &f) {
  QPainterPath holes;
  holes.setFillRule(Qt::WindingFill);
  const double pad = f.theme.px(4);
  for (const model::WorldItem &item : f.highlights) {
    if (item.kind == model::WorldItem::Kind::Message && item.c < 0) { // every message of one kind
      for (const Flight &flight : f.flights)
        if (static_cast<int>(flight.kind) == item.a)
          holes.addEllipse(flight.position(), f.theme.px(9), f.theme.px(9));
      continue;
    }
    const QRectF r = f.geometry.rectOf(item);
    if (!r.isEmpty())
      holes.addRoundedRect(r.adjusted(-pad, -pad, pad, pad), pad, pad);
    for (const CanvasLabel &label : f.geometry.labels) // its captions, outside its rectangle
      if (captionOf(label.owner, item) && !r.contains(label.rect))
        holes.addRoundedRect(label.rect.adjusted(-pad / 2, -pad / 4, pad / 2, pad / 4), pad / 2, pad / 2);
  }
  return holes.simplified();
}

void paintOffsetMark(QPainter &p, double x, const QRectF &strip, double size, bool committed, const CanvasTheme &t) {
  QPolygonF tri;
  if (committed) {
    tri << QPointF(x, strip.bottom() - size) << QPointF(x - size, strip.bottom() + size * 0.6) << QPointF(x + size, strip.bottom() + size * 0.6);
    p.setPen(QPen(t.background, 1));
    p.setBrush(t.committed);
  } else {
    tri << QPointF(x, strip.top() + size) << QPointF(x - size, strip.top() - size * 0.6) << QPointF(x + size, strip.top() - size * 0.6);
    p.setPen(QPen(t.position, t.px(1.5)));
    p.setBrush(Qt::NoBrush);
  }
  p.drawPolygon(tri);
}

void paintSecondCopy(QPainter &p, const QRectF &cell, const CanvasTheme &t) {
  const double ring = std::max(1.0, std::min(t.px(2), cell.width() * 0.25));
  p.setPen(QPen(t.duplicate, ring));
  p.setBrush(Qt::NoBrush);
  p.drawRect(cell.adjusted(ring / 2, ring / 2, -ring / 2, -ring / 2));
  const double badge = std::min(cell.width(), cell.height()) * 0.55;
  QPolygonF corner;
  corner << cell.topRight() << cell.topRight() - QPointF(badge, 0) << cell.topRight() + QPointF(0, badge);
  p.setPen(Qt::NoPen);
  p.setBrush(t.duplicate);
  p.drawPolygon(corner);
}

void paintReordered(QPainter &p, const QRectF &cell, const CanvasTheme &t) {
  const double size = std::max(t.px(4), cell.width() * 0.7);
  QPolygonF notch;
  notch << QPointF(cell.center().x() - size / 2, cell.top() - size * 0.8) << QPointF(cell.center().x() + size / 2, cell.top() - size * 0.8)
        << QPointF(cell.center().x(), cell.top());
  p.setPen(Qt::NoPen);
  p.setBrush(t.reordered);
  p.drawPolygon(notch);
}

void paintClientDot(QPainter &p, const QRectF &row, bool alive, const CanvasTheme &t) {
  const double r = std::min(t.px(4), row.height() / 3);
  p.setPen(Qt::NoPen);
  p.setBrush(alive ? t.healthy : t.failure);
  p.drawEllipse(QPointF(row.left() + t.px(5), row.center().y()), r, r);
}

void paintPartitionChip(QPainter &p, const QRectF &rect, PartitionChip::Kind kind, const CanvasTheme &t) {
  const QRectF r = rect.adjusted(t.px(0.5), t.px(0.5), -t.px(0.5), -t.px(0.5));
  switch (kind) {
  case PartitionChip::Reading: {
    QColor tint = t.consume;
    tint.setAlpha(t.dark ? 90 : 60);
    p.setPen(QPen(t.consume, t.px(1.2)));
    p.setBrush(tint);
    p.drawRoundedRect(r, t.px(2), t.px(2));
    break;
  }
  case PartitionChip::Revoking:
    p.setPen(QPen(t.warning, t.px(1.5)));
    p.setBrush(Qt::NoBrush);
    p.drawRoundedRect(r, t.px(2), t.px(2));
    p.drawLine(r.bottomLeft(), r.topRight());
    break;
  case PartitionChip::Pending:
    p.setPen(QPen(t.consume, t.px(1.2), Qt::DashLine));
    p.setBrush(Qt::NoBrush);
    p.drawRoundedRect(r, t.px(2), t.px(2));
    break;
  }
}

void paintCrossedBox(QPainter &p, const QRectF &rect, const CanvasTheme &t, double width) {
  paintBox(p, rect, t, t.failure, width);
  QColor cross = t.failure;
  cross.setAlpha(90);
  p.setPen(QPen(cross, width));
  p.drawLine(rect.topLeft(), rect.bottomRight());
  p.drawLine(rect.topRight(), rect.bottomLeft());
}

void paintBox(QPainter &p, const QRectF &rect, const CanvasTheme &t, const QColor &border, double width, Qt::PenStyle style) {
  p.setPen(QPen(border, width, style));
  p.setBrush(t.panel);
  p.drawRoundedRect(rect, t.px(5), t.px(5));
}

QPainterPath shownArea(const CanvasFrame &f) {
  QPainterPath area;
  if (f.shown.empty())
    return area;
  const double pad = f.theme.px(6);
  for (const model::WorldItem &item : f.shown) {
    const QRectF r = f.geometry.rectOf(item);
    if (!r.isEmpty())
      area.addRect(r.adjusted(-pad, -pad, pad, pad));
  }
  // A message between two shown things is part of their conversation.
  for (const Flight &flight : f.flights)
    if (area.contains(flight.from) && area.contains(flight.to))
      area.addEllipse(flight.position(), f.theme.px(9), f.theme.px(9));
  return area.simplified();
}

void paintCanvas(QPainter &p, const CanvasFrame &f) {
  p.fillRect(f.geometry.scene, f.theme.background);
  p.setRenderHint(QPainter::Antialiasing, true);
  if (!f.geometry.kinesisPane.isEmpty() && !f.geometry.kafkaPane.isEmpty()) {
    p.setPen(QPen(f.theme.panelBorder, f.theme.px(1.5), Qt::DashLine));
    p.drawLine(f.geometry.kinesisPane.topLeft(), f.geometry.kinesisPane.topRight());
  }
  if (f.view.hasKafka())
    paintKafka(p, f);
  if (f.view.hasKinesis())
    paintKinesis(p, f);
  paintFlights(p, f);
  paintLegend(p, f);
  paintLabels(p, f, false);
  paintHidden(p, f);
  paintHighlights(p, f);
  paintFollowed(p, f);
  paintSelection(p, f);
}

} // namespace streamscope::ui
