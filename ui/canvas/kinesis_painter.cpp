// Kinesis pane: shard lanes with one cell per record in each availability zone's row (solid
// once acknowledged, hollow while the put waits for its zones), throttled lanes in red, closed
// parents greyed with lineage lines to their children, KCL checkpoints and iterator positions.
#include "canvas_painter.h"
#include "waiting_marks.h"

#include "model/view/stored_copies.h"

#include <QPainterPath>

#include <algorithm>

namespace streamscope::ui {
namespace {

using namespace model; // the view's rows
using Kind = model::WorldItem::Kind;

double xOfCounter(const LaneGeometry &l, std::uint64_t counter) {
  const auto it = std::lower_bound(l.counters.begin(), l.counters.end(), counter);
  return l.cells.left() + static_cast<double>(it - l.counters.begin()) * l.cellWidth;
}

/// Second copies ringed as in Kafka's strips; copies stored after a record their producer
/// created later get a notch on the lane's top edge: their sequence number is out of the
/// producer's order.
void paintCopyMarks(QPainter &p, const LaneGeometry &l, const ShardView &shard, const CanvasTheme &t) {
  const std::vector<std::uint8_t> marks = shard.copyMarks(l.first, l.end);
  const QRectF column(0, l.zoneRows[0].top(), l.cellWidth, l.zoneRows[kZones - 1].bottom() - l.zoneRows[0].top());
  for (std::size_t i = 0; i < marks.size(); ++i) {
    const QRectF cell = column.translated(l.xOfIndex(l.first + i), 0);
    if (marks[i] & SecondCopy)
      paintSecondCopy(p, cell, t);
    if (marks[i] & Reordered)
      paintReordered(p, cell, t);
  }
}

void paintLaneCells(QPainter &p, const LaneGeometry &l, const ShardView &shard, const KinesisView &k, const CanvasTheme &t) {
  const std::deque<StoredRecord> &records = *shard.records;
  if (l.cellWidth <= 0) { // level of detail too low: how full each zone's row is, as one bar
    for (int z = 0; z < kZones; ++z) {
      const QRectF row = l.zoneRows[z].adjusted(0, 0.5, 0, -0.5);
      p.fillRect(row, records.empty() ? QColor(Qt::transparent) : (k.zones[static_cast<std::size_t>(z)].up ? t.zone : t.pending));
    }
    return;
  }
  const double inset = l.cellWidth >= t.px(5) ? std::max(0.5, l.cellWidth * 0.08) : 0;
  for (std::size_t i = l.first; i < l.end; ++i) {
    const StoredRecord &r = records[i];
    for (int z = 0; z < kZones; ++z) {
      const QRectF row = l.zoneRows[z];
      const QRectF cell(l.xOfIndex(i) + inset, row.top() + inset, l.cellWidth - 2 * inset, row.height() - 2 * inset);
      if (r.zones & (1u << z)) {
        QColor c = t.zone;
        if (!r.durable)
          c.setAlpha(110); // written here, but the put has not been acknowledged yet
        p.fillRect(cell, c);
      } else {
        p.setPen(QPen(t.pending, 1, Qt::DotLine));
        p.setBrush(Qt::NoBrush);
        p.drawRect(cell);
      }
    }
  }
  paintCopyMarks(p, l, shard, t);
}

/// Checkpoints (filled, below the lane) and iterator positions (hollow, above) of every lease.
void paintLeaseMarks(QPainter &p, const LaneGeometry &l, const KinesisView &k, const CanvasTheme &t) {
  if (l.cellWidth <= 0)
    return;
  const double size = std::min(t.px(5), l.rect.height() * 0.3);
  for (const ApplicationView &app : k.apps)
    for (const LeaseView &lease : app.leases) {
      if (lease.shard != l.slot)
        continue;
      if (lease.checkpoint == CheckpointKind::Sequence)
        paintOffsetMark(p, xOfCounter(l, lease.checkpointCounter + 1), l.rect, size, true, t);
      if (lease.hasIterator && lease.owner >= 0)
        paintOffsetMark(p, xOfCounter(l, lease.iteratorCounter + (lease.iteratorInclusive ? 0 : 1)), l.rect, size, false, t);
    }
}

void paintLane(QPainter &p, const LaneGeometry &l, const CanvasFrame &f) {
  const KinesisView &k = f.view.kinesis();
  const CanvasTheme &t = f.theme;
  const ShardView &shard = k.shardAt(l.slot);
  p.fillRect(l.cells, t.track);
  paintLaneCells(p, l, shard, k, t);
  if (!shard.open) { // closed parent: still readable until retention, but takes no writes
    QColor veil = t.background;
    veil.setAlpha(140);
    p.fillRect(l.rect, veil);
    p.fillRect(l.cells, QBrush(t.pending, Qt::FDiagPattern));
  }
  paintLeaseMarks(p, l, k, t);
  if (f.recent.throttled(l.slot, f.view.now())) {
    // Refused writes: a solid border; refused GetRecords calls (the shared read budget): dashed.
    // Thin lanes (many shards) get a thinner border inside the lane, so neighbours stay apart.
    const double width = std::min(t.px(3), l.rect.height() / 4);
    const double out = width >= t.px(3) ? t.px(1.5) : -width / 2;
    p.setPen(QPen(t.throttle, width, f.recent.readThrottled(l.slot, f.view.now()) ? Qt::DashLine : Qt::SolidLine));
    p.setBrush(Qt::NoBrush);
    p.drawRect(l.rect.adjusted(-out, -out, out, out));
  }
}

/// Lineage: a bracket in the left margin from each parent lane to its child.
void paintLineage(QPainter &p, const CanvasFrame &f) {
  const KinesisView &k = f.view.kinesis();
  const CanvasTheme &t = f.theme;
  p.setPen(QPen(t.mutedText, t.px(1.5)));
  p.setBrush(Qt::NoBrush);
  for (const LaneGeometry &child : f.geometry.lanes) {
    const ShardView &shard = k.shardAt(child.slot);
    for (int parentIndex : {shard.parent, shard.adjacentParent}) {
      if (parentIndex < 0)
        continue;
      const auto &shardSlots = k.streams[static_cast<std::size_t>(shard.stream)].shards;
      const LaneGeometry *parent = f.geometry.lane(shardSlots[static_cast<std::size_t>(parentIndex)]);
      if (!parent)
        continue;
      const QPointF a(parent->rect.left(), parent->rect.center().y());
      const QPointF b(child.rect.left(), child.rect.center().y());
      const double reach = t.px(14);
      QPainterPath path(a);
      path.cubicTo(a - QPointF(reach, 0), b - QPointF(reach, 0), b);
      p.drawPath(path);
      p.drawLine(b, b - QPointF(t.px(4), t.px(3)));
      p.drawLine(b, b - QPointF(t.px(4), -t.px(3)));
    }
  }
}

} // namespace

void paintKinesis(QPainter &p, const CanvasFrame &f) {
  const KinesisView &k = f.view.kinesis();
  const CanvasTheme &t = f.theme;
  for (const CanvasShape &shape : f.geometry.shapes) {
    switch (shape.item.kind) {
    case Kind::Stream: paintBox(p, shape.rect, t, t.panelBorder, t.px(1.2)); break;
    case Kind::KinesisProducer: {
      const auto &producer = k.producers[static_cast<std::size_t>(shape.item.a)];
      const bool backingOff = producer.backoffUntil > f.view.now();
      paintBox(p, shape.rect, t, backingOff ? t.throttle : t.produce, t.px(backingOff ? 3 : 1.5), backingOff ? Qt::DashLine : Qt::SolidLine);
      break;
    }
    case Kind::Application: paintBox(p, shape.rect, t, t.consume, t.px(1.5)); break;
    case Kind::Zone: {
      const bool up = k.zones[static_cast<std::size_t>(shape.item.a)].up;
      p.setPen(QPen(up ? t.zone : t.failure, t.px(up ? 1.2 : 3)));
      p.setBrush(up ? t.panel : QBrush(t.failure, Qt::BDiagPattern));
      p.drawRoundedRect(shape.rect, t.px(4), t.px(4));
      break;
    }
    case Kind::Worker: {
      const WorkerView &w = k.apps[static_cast<std::size_t>(shape.item.a)].workers[static_cast<std::size_t>(shape.item.b)];
      if (!w.startsAt) // a worker that has not started yet is neither healthy nor failed
        paintClientDot(p, shape.rect, w.alive && w.inApp, t);
      break;
    }
    default: break;
    }
  }
  paintLineage(p, f);
  p.setRenderHint(QPainter::Antialiasing, false); // plain fills for the cells, as for Kafka's
  for (const LaneGeometry &l : f.geometry.lanes)
    paintLane(p, l, f);
  p.setRenderHint(QPainter::Antialiasing, true);
  paintKeySpaces(p, f);
  paintWaitingMarks(p, f, true);
}

} // namespace streamscope::ui
