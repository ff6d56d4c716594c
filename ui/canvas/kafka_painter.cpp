// Kafka pane: broker boxes by state, replica strips with one cell per record (flushed or only
// in the page cache; below or above the high watermark), HW and LEO marks, the leader and any
// follower outside the ISR, consumer groups' committed offsets and positions.
#include "canvas_painter.h"
#include "transaction_marks.h"
#include "waiting_marks.h"

#include "model/view/stored_copies.h"

namespace streamscope::ui {
namespace {

using namespace model; // the view's rows
using Kind = model::WorldItem::Kind;

void paintCells(QPainter &p, const StripGeometry &s, const ReplicaLog &log, const CanvasFrame &f) {
  const CanvasTheme &t = f.theme;
  const KafkaView &k = f.view.kafka();
  const auto &entries = log.entries();
  const double inset = s.cellWidth >= t.px(5) ? std::max(0.5, s.cellWidth * 0.08) : 0;
  // Cells grouped by look and drawn with one call per group: thousands of cells per frame.
  std::vector<QRectF> committed[2], uncommitted[2]; // [0] in the page cache, [1] on disk
  TxnCells txn;
  const std::size_t begin = log.lowerBound(s.first);
  std::size_t end = begin;
  while (end < entries.size() && entries[end].offset < s.end)
    ++end;
  for (std::size_t i = begin; i < end; ++i) {
    const Offset o = entries[i].offset;
    const QRectF cell(s.xOf(o) + inset, s.cells.top() + inset, s.cellWidth - 2 * inset, s.cells.height() - 2 * inset);
    const TxnMark mark = k.transactions ? k.txnMarkOf(entries[i]) : TxnMark::None;
    if (mark == TxnMark::CommitMarker || mark == TxnMark::AbortMarker) {
      (mark == TxnMark::CommitMarker ? txn.commitMarkers : txn.abortMarkers).push_back(cell);
      continue;
    }
    if (mark == TxnMark::Aborted) {
      txn.aborted.push_back(cell);
      continue;
    }
    if (mark == TxnMark::Open)
      txn.open.push_back(cell);
    const int onDisk = o < log.flushed() ? 1 : 0;
    (o < log.highWatermark() ? committed : uncommitted)[onDisk].push_back(cell);
  }
  p.setPen(Qt::NoPen);
  for (int onDisk : {0, 1}) {
    const QColor c = onDisk ? t.onDisk : t.inCache;
    p.setBrush(c);
    p.drawRects(committed[onDisk].data(), static_cast<int>(committed[onDisk].size()));
    // Not yet committed: pale and hatched, so it reads as "there, but not readable". Two
    // fills rather than an outline: stroking thousands of small rectangles cost half the frame.
    p.setBrush(t.aboveHighWatermark(c));
    p.drawRects(uncommitted[onDisk].data(), static_cast<int>(uncommitted[onDisk].size()));
    p.setBrush(QBrush(c, Qt::BDiagPattern));
    p.drawRects(uncommitted[onDisk].data(), static_cast<int>(uncommitted[onDisk].size()));
  }
  // A second copy of a record (a resend stored it again): ringed, with a corner badge.
  const std::vector<std::uint8_t> marks = f.view.kafka().copyMarks(s.partition, log, begin, end);
  for (std::size_t i = 0; i < marks.size(); ++i)
    if (marks[i] & SecondCopy)
      paintSecondCopy(p, QRectF(s.xOf(entries[begin + i].offset), s.cells.top(), s.cellWidth, s.cells.height()), t);
  if (s.first > s.logStart) { // the older retained records, summed up
    const QRectF older(s.cells.left(), s.cells.top() + inset, s.x0 - s.cells.left() - inset, s.cells.height() - 2 * inset);
    QColor c = log.flushed() >= s.first ? t.onDisk : t.inCache;
    c.setAlpha(120);
    p.fillRect(older, c);
  }
  paintTxnCells(p, txn, t);
}

/// Level of detail too low for cells: one bar, split where the flushed offset and HW fall.
void paintBar(QPainter &p, const StripGeometry &s, const ReplicaLog &log, const CanvasTheme &t) {
  const double span = static_cast<double>(std::max<Offset>(1, s.end - s.logStart));
  const auto x = [&](Offset o) {
    return s.cells.left() + s.cells.width() * static_cast<double>(std::clamp(o, s.logStart, s.end) - s.logStart) / span;
  };
  const double top = s.cells.top(), h = s.cells.height();
  const Offset hw = log.highWatermark(), flushed = log.flushed(), leo = log.leo();
  p.fillRect(QRectF(x(log.logStart()), top, x(std::min(flushed, hw)) - x(log.logStart()), h), t.onDisk);
  p.fillRect(QRectF(x(std::min(flushed, hw)), top, x(hw) - x(std::min(flushed, hw)), h), t.inCache);
  const QRectF above(x(hw), top, x(leo) - x(hw), h);
  const QColor aboveColour = flushed > hw ? t.onDisk : t.inCache;
  p.fillRect(above, t.aboveHighWatermark(aboveColour));
  p.fillRect(above, QBrush(aboveColour, Qt::BDiagPattern));
}

double markX(const StripGeometry &s, Offset o) {
  if (s.cellWidth > 0)
    return std::clamp(s.xOf(o), s.cells.left(), s.cells.right());
  const double span = static_cast<double>(std::max<Offset>(1, s.end - s.logStart));
  return s.cells.left() + s.cells.width() * static_cast<double>(std::clamp(o, s.logStart, s.end) - s.logStart) / span;
}

/// Whether a partition's strips show its last stable offset: it has seen transactions, or the
/// LSO lags the high watermark.
bool showsLastStable(const PartitionView &part) { return part.transactional || part.lastStable != part.highWatermark; }

void paintMarks(QPainter &p, const StripGeometry &s, const ReplicaLog &log, const PartitionView &part, const CanvasTheme &t) {
  // LSO (leader only, under the HW so an equal HW still shows): a bracket opening right.
  if (part.leader == s.broker && showsLastStable(part))
    paintLastStableMark(p, markX(s, part.lastStable), s.rect, t);
  // HW: a bold bar across the strip; LEO: a small notch below it.
  const double hx = markX(s, log.highWatermark());
  p.fillRect(QRectF(hx - t.px(1.2), s.rect.top() - t.px(1), t.px(2.4), s.rect.height() + t.px(2)), t.highWatermark);
  const double lx = markX(s, log.leo());
  QPolygonF notch;
  notch << QPointF(lx, s.rect.bottom() - t.px(4)) << QPointF(lx - t.px(3), s.rect.bottom()) << QPointF(lx + t.px(3), s.rect.bottom());
  p.setPen(Qt::NoPen);
  p.setBrush(t.logEnd);
  p.drawPolygon(notch);
}

/// Committed offsets (filled) and fetch positions (hollow) of every group, under the leader strip.
void paintGroupMarks(QPainter &p, const StripGeometry &s, const CanvasFrame &f) {
  const KafkaView &k = f.view.kafka();
  const PartitionView &part = k.partitions[static_cast<std::size_t>(s.partition)];
  const CanvasTheme &t = f.theme;
  for (const GroupView &g : k.groups) {
    const GroupPartitionView *found = g.partition(part);
    if (!found)
      continue;
    const GroupPartitionView &gp = *found;
    const double size = std::min(t.px(5), s.rect.height() * 0.45);
    if (gp.committed >= 0)
      paintOffsetMark(p, markX(s, gp.committed), s.rect, size, true, t);
    if (gp.owner >= 0 && gp.position >= 0)
      paintOffsetMark(p, markX(s, gp.position), s.rect, size, false, t);
  }
}

void paintStrip(QPainter &p, const StripGeometry &s, const CanvasFrame &f) {
  const KafkaView &k = f.view.kafka();
  const CanvasTheme &t = f.theme;
  const PartitionView &part = k.partitions[static_cast<std::size_t>(s.partition)];
  const BrokerView &broker = k.brokers[static_cast<std::size_t>(s.broker)];
  const ReplicaLog &log = part.logOf(s.broker);
  const bool leader = part.leader == s.broker;
  const bool eligible = !leader && part.inElr(s.broker);
  const bool outOfIsr = !leader && !eligible && part.leader >= 0 && !part.inIsr(s.broker);

  p.fillRect(s.cells, t.track);
  if (s.cellWidth > 0)
    paintCells(p, s, log, f);
  else
    paintBar(p, s, log, t);
  if (broker.running())
    paintMarks(p, s, log, part, t);
  if (leader) {
    const bool fresh = f.recent.leaderChanged(s.partition, f.view.now());
    p.fillRect(QRectF(s.cells.left() - t.px(4), s.rect.top(), t.px(3), s.rect.height()), t.leader);
    if (fresh) { // a new leader was just elected: ring the strip
      p.setPen(QPen(t.leader, t.px(3)));
      p.setBrush(Qt::NoBrush);
      p.drawRect(s.rect.adjusted(-t.px(2), -t.px(2), t.px(2), t.px(2)));
    }
    paintGroupMarks(p, s, f);
    paintShareMarks(p, s, f);
  }
  if (outOfIsr) { // a follower the leader dropped from the ISR
    p.setPen(QPen(t.outOfIsr, t.px(2), Qt::DashLine));
    p.setBrush(Qt::NoBrush);
    p.drawRect(s.cells);
  }
  if (eligible) { // out of the ISR yet a safe leader (KIP-966): a solid frame around the cells, clear of their colours
    p.setPen(QPen(t.eligibleLeader, t.px(2.5)));
    p.setBrush(Qt::NoBrush);
    p.drawRect(s.cells.adjusted(-t.px(2), -t.px(2), t.px(2), t.px(2)));
  }
}

void paintBroker(QPainter &p, const BrokerView &b, const QRectF &box, const CanvasFrame &f) {
  const CanvasTheme &t = f.theme;
  const bool isolated = b.isolated;
  if (b.state == BrokerState::PoweredOff) {
    paintBox(p, box, t, t.failure, t.px(3));
    p.fillRect(box.adjusted(t.px(2), t.px(2), -t.px(2), -t.px(2)), t.dark ? QColor(0, 0, 0, 150) : QColor(40, 40, 40, 90));
  } else if (b.state == BrokerState::Crashed) {
    paintCrossedBox(p, box, t, t.px(3));
  } else if (isolated) {
    paintBox(p, box, t, t.warning, t.px(3), Qt::DashLine);
  } else {
    paintBox(p, box, t, b.fenced ? t.warning : t.panelBorder, t.px(1.2));
  }
}

} // namespace

void paintKafka(QPainter &p, const CanvasFrame &f) {
  const KafkaView &k = f.view.kafka();
  const CanvasTheme &t = f.theme;
  for (const CanvasShape &shape : f.geometry.shapes) {
    switch (shape.item.kind) {
    case Kind::Broker: // at the far levels a broker is a tile (paintKafkaOverview)
      if (f.geometry.kafkaDetail == Detail::Strips)
        paintBroker(p, k.brokers[static_cast<std::size_t>(shape.item.a)], shape.rect, f);
      break;
    case Kind::KafkaProducer: {
      const KafkaProducerView &producer = k.producers[static_cast<std::size_t>(shape.item.a)];
      if (producer.crashed)
        paintCrossedBox(p, shape.rect, t, t.px(3));
      else if (producer.transactional() && producer.phase == TxnPhase::Fenced)
        paintBox(p, shape.rect, t, t.warning, t.px(2.5), Qt::DashLine);
      else
        paintBox(p, shape.rect, t, t.produce, t.px(1.5));
      break;
    }
    case Kind::Group: paintBox(p, shape.rect, t, t.consume, t.px(1.5)); break;
    case Kind::Member: {
      const MemberView &m = k.groups[static_cast<std::size_t>(shape.item.a)].members[static_cast<std::size_t>(shape.item.b)];
      paintClientDot(p, shape.rect, m.alive && m.inGroup, t);
      break;
    }
    case Kind::ShareGroup: paintBox(p, shape.rect, t, t.share, t.px(1.5), Qt::DashDotLine); break;
    case Kind::ShareMember: {
      const ShareMemberView &m = k.shareGroups[static_cast<std::size_t>(shape.item.a)].members[static_cast<std::size_t>(shape.item.b)];
      paintShareMemberDot(p, shape.rect, m.alive, t);
      break;
    }
    default: break;
    }
  }
  for (const PartitionChip &chip : f.geometry.chips)
    paintPartitionChip(p, chip.rect, chip.kind, t);
  // Cells are axis-aligned rectangles: without antialiasing they are plain fills, far
  // cheaper than rasterised edges, and look the same.
  p.setRenderHint(QPainter::Antialiasing, false);
  for (const StripGeometry &s : f.geometry.strips)
    paintStrip(p, s, f);
  p.setRenderHint(QPainter::Antialiasing, true);
  paintKafkaOverview(p, f);
  paintControlPlane(p, f);
  paintWaitingMarks(p, f, false);
}

} // namespace streamscope::ui
