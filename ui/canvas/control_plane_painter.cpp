// The Kafka control plane: controller boxes by Raft role (the active controller ringed in the
// leader colour, an offline one crossed out), and the metadata log strip: committed entries
// solid, the uncommitted tail pale and hatched as a partition's records above its high
// watermark, the commit point as a bar, each broker's applied offset as a tick under it.
#include "canvas_painter.h"

namespace streamscope::ui {
namespace {

using namespace model; // the view's rows
using Kind = model::WorldItem::Kind;

void paintController(QPainter &p, const ControllerView &c, const QRectF &box, const CanvasTheme &t) {
  if (c.role == ControllerView::Role::Offline) {
    paintCrossedBox(p, box, t, t.px(2));
  } else if (c.isolated) {
    paintBox(p, box, t, t.warning, t.px(2), Qt::DashLine);
  } else if (c.role == ControllerView::Role::Candidate) {
    paintBox(p, box, t, t.warning, t.px(1.5), Qt::DashLine);
  } else {
    paintBox(p, box, t, c.role == ControllerView::Role::Leader ? t.leader : t.panelBorder, t.px(c.role == ControllerView::Role::Leader ? 2.5 : 1.2));
  }
}

/// The longest log among the controllers ends the strip; entries past the commit are pale.
Offset longestLog(const KafkaView &k) {
  Offset end = k.metadataCommitted;
  for (const ControllerView &c : k.controllers)
    if (c.role != ControllerView::Role::Offline)
      end = std::max(end, c.logEnd);
  return end;
}

void paintMetadataStrip(QPainter &p, const MetadataStripGeometry &s, const KafkaView &k, const CanvasTheme &t) {
  p.fillRect(s.cells, t.track);
  const Offset committed = std::clamp(k.metadataCommitted, s.first, s.end);
  const Offset end = std::clamp(longestLog(k), s.first, s.end);
  const double top = s.cells.top(), h = s.cells.height();
  p.setRenderHint(QPainter::Antialiasing, false);
  if (s.cellWidth > 0) {
    const double inset = std::max(0.5, s.cellWidth * 0.1);
    if (s.first > 0) { // the bootstrap snapshot and older entries, summed up
      QColor older = t.onDisk;
      older.setAlpha(120);
      p.fillRect(QRectF(s.cells.left(), top + inset, s.x0 - s.cells.left() - inset, h - 2 * inset), older);
    }
    for (Offset o = s.first; o < end; ++o) {
      const QRectF cell(s.xOf(o) + inset, top + inset, s.cellWidth - 2 * inset, h - 2 * inset);
      if (o < committed) {
        p.fillRect(cell, t.onDisk);
      } else {
        p.fillRect(cell, t.aboveHighWatermark(t.onDisk));
        p.fillRect(cell, QBrush(t.onDisk, Qt::BDiagPattern));
      }
    }
  } else {
    p.fillRect(QRectF(s.xOf(s.first), top, s.xOf(committed) - s.xOf(s.first), h), t.onDisk);
    const QRectF tail(s.xOf(committed), top, s.xOf(end) - s.xOf(committed), h);
    p.fillRect(tail, t.aboveHighWatermark(t.onDisk));
    p.fillRect(tail, QBrush(t.onDisk, Qt::BDiagPattern));
  }
  const double cx = s.xOf(committed);
  p.fillRect(QRectF(cx - t.px(1.2), s.rect.top() - t.px(1), t.px(2.4), s.rect.height() + t.px(2)), t.highWatermark);
  p.setRenderHint(QPainter::Antialiasing, true);
  // A tick per broker where its copy is applied: brokers act on nothing to the right of theirs.
  for (const BrokerView &b : k.brokers) {
    if (b.removed)
      continue;
    const double x = s.xOf(b.metadataApplied);
    QPolygonF tick;
    tick << QPointF(x, s.rect.bottom() + t.px(1)) << QPointF(x - t.px(3), s.rect.bottom() + t.px(6))
         << QPointF(x + t.px(3), s.rect.bottom() + t.px(6));
    p.setPen(Qt::NoPen);
    p.setBrush(b.running() ? t.text : t.mutedText);
    p.drawPolygon(tick);
  }
}

} // namespace

void paintControlPlane(QPainter &p, const CanvasFrame &f) {
  const KafkaView &k = f.view.kafka();
  for (const CanvasShape &shape : f.geometry.shapes)
    if (shape.item.kind == Kind::Controller && static_cast<std::size_t>(shape.item.a) < k.controllers.size())
      paintController(p, k.controllers[static_cast<std::size_t>(shape.item.a)], shape.rect, f.theme);
  if (f.geometry.metadataStrip)
    paintMetadataStrip(p, *f.geometry.metadataStrip, k, f.theme);
}

} // namespace streamscope::ui
