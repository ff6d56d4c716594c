// Share groups (KIP-932) on the canvas: the record states of each share group along the
// bottom of its topic's leader strips, the acquiring member's number on acquired records,
// SPSO and SPEO brackets, and the diamond that marks a share group member.
#include "canvas_painter.h"
#include "text_cache.h"

#include <QFontMetricsF>

namespace streamscope::ui {
namespace {

using namespace model;

/// A bracket at `x` over the strip's height: opening for the SPSO, closing for the SPEO.
void paintBracket(QPainter &p, double x, const QRectF &strip, bool opening, const CanvasTheme &t) {
  const double arm = t.px(3), w = t.px(1.6);
  const double dir = opening ? 1 : -1;
  p.setPen(QPen(t.share, w, Qt::SolidLine, Qt::FlatCap, Qt::MiterJoin));
  p.setBrush(Qt::NoBrush);
  QPolygonF bracket;
  bracket << QPointF(x + dir * arm, strip.top() - t.px(2)) << QPointF(x, strip.top() - t.px(2)) << QPointF(x, strip.bottom() + t.px(2))
          << QPointF(x + dir * arm, strip.bottom() + t.px(2));
  p.drawPolyline(bracket);
}

double xOf(const StripGeometry &s, Offset o) {
  if (s.cellWidth > 0)
    return std::clamp(s.xOf(o), s.cells.left(), s.cells.right());
  const double span = static_cast<double>(std::max<Offset>(1, s.end - s.logStart));
  return s.cells.left() + s.cells.width() * static_cast<double>(std::clamp(o, s.logStart, s.end) - s.logStart) / span;
}

} // namespace

QColor shareStateColour(ShareState state, const CanvasTheme &t) {
  switch (state) {
  case ShareState::Available: {
    QColor c = t.share;
    c.setAlpha(t.dark ? 110 : 90);
    return c;
  }
  case ShareState::Acquired: return t.share;
  case ShareState::Acknowledged: return t.healthy;
  case ShareState::Archived: return t.mutedText;
  }
  return t.share;
}

void paintShareMemberDot(QPainter &p, const QRectF &row, bool alive, const CanvasTheme &t) {
  const double r = std::min(t.px(4.5), row.height() / 2.6);
  const QPointF c(row.left() + t.px(5), row.center().y());
  QPolygonF diamond;
  diamond << QPointF(c.x(), c.y() - r) << QPointF(c.x() + r, c.y()) << QPointF(c.x(), c.y() + r) << QPointF(c.x() - r, c.y());
  p.setPen(Qt::NoPen);
  p.setBrush(alive ? t.share : t.failure);
  p.drawPolygon(diamond);
}

void paintShareMarks(QPainter &p, const StripGeometry &s, const CanvasFrame &f) {
  const KafkaView &k = f.view.kafka();
  const CanvasTheme &t = f.theme;
  const PartitionView &part = k.partitions[static_cast<std::size_t>(s.partition)];
  std::vector<const ShareGroupView *> groups;
  for (const ShareGroupView &g : k.shareGroups)
    if (g.topic == part.topic && static_cast<std::size_t>(part.index) < g.parts.size() && g.parts[static_cast<std::size_t>(part.index)].spso >= 0)
      groups.push_back(&g);
  if (groups.empty())
    return;
  // Each group a band along the bottom of the cells, the first group lowest.
  const double band = std::max(t.px(2), s.cells.height() * 0.42 / static_cast<double>(groups.size()));
  const QFontMetricsF small(t.small);
  for (std::size_t gi = 0; gi < groups.size(); ++gi) {
    const SharePartitionView &sp = groups[gi]->parts[static_cast<std::size_t>(part.index)];
    const QRectF row(s.cells.left(), s.cells.bottom() - band * static_cast<double>(gi + 1), s.cells.width(), band);
    if (s.cellWidth > 0) {
      const Offset from = std::max(sp.spso, s.first), to = std::min(sp.speo, s.end);
      const bool numbers = s.cellWidth >= textWidth(t.small, QStringLiteral("00")) + t.px(2) && band >= small.height() * 0.8;
      for (Offset o = from; o < to; ++o) {
        const ShareRecordView *r = sp.at(o);
        if (!r || r->gap)
          continue;
        const QRectF cell(s.xOf(o), row.top(), s.cellWidth, row.height());
        p.fillRect(cell.adjusted(0.5, 0, -0.5, 0), shareStateColour(r->state, t));
        if (numbers && r->state == ShareState::Acquired && r->member >= 0) {
          p.setPen(t.dark ? QColor(0, 0, 0) : QColor(255, 255, 255));
          p.setFont(t.small);
          p.drawText(cell, Qt::AlignCenter, QString::number(r->member));
        }
      }
    } else { // too small for cells: the window as one band, acquired share shaded
      const double x0 = xOf(s, sp.spso), x1 = xOf(s, sp.speo);
      p.fillRect(QRectF(x0, row.top(), std::max(t.px(1), x1 - x0), row.height()), shareStateColour(ShareState::Acquired, t));
    }
    if (gi == 0) { // the brackets of the first group: more would crowd the strip
      paintBracket(p, xOf(s, sp.spso), s.cells, true, t);
      paintBracket(p, xOf(s, sp.speo), s.cells, false, t);
    }
  }
}

} // namespace streamscope::ui
