#include "transaction_marks.h"

#include <QFontMetricsF>

#include <algorithm>

namespace streamscope::ui {

namespace {

QRectF openBand(const QRectF &cell, const CanvasTheme &t) {
  const double h = std::max(2.0, std::min(t.px(4), cell.height() * 0.3));
  const double gap = cell.width() * 0.1; // the cells' inset, bridged
  return QRectF(cell.left() - gap, cell.bottom() - h, cell.width() + 2 * gap, h);
}

} // namespace

void paintMarkerCell(QPainter &p, const QRectF &cell, bool commit, const CanvasTheme &t) {
  const QColor colour = commit ? t.commitMarker : t.abortMarker;
  p.save();
  p.setRenderHint(QPainter::Antialiasing, true);
  if (commit) {
    p.fillRect(cell, colour);
  } else { // hollow and crossed: an abort reads apart from a commit without its colour
    p.fillRect(cell, t.track);
    const double w = std::max(1.0, std::min(t.px(1.6), cell.width() * 0.18));
    p.setPen(QPen(colour, w));
    p.setBrush(Qt::NoBrush);
    const QRectF inner = cell.adjusted(w / 2, w / 2, -w / 2, -w / 2);
    p.drawRect(inner);
    if (cell.width() < t.px(9)) { // too narrow for a letter: the cross says "abort"
      p.drawLine(inner.topLeft(), inner.bottomRight());
      p.drawLine(inner.bottomLeft(), inner.topRight());
    }
  }
  QFont font = t.small;
  font.setBold(true);
  font.setPixelSize(std::max(6, static_cast<int>(std::min(cell.height(), cell.width() * 1.3) * 0.75)));
  if (cell.width() >= t.px(9) && QFontMetricsF(font).height() <= cell.height() + 2) {
    p.setFont(font);
    p.setPen(commit ? (t.dark ? QColor(0, 0, 0) : QColor(255, 255, 255)) : colour);
    p.drawText(cell, Qt::AlignCenter, commit ? QStringLiteral("C") : QStringLiteral("A"));
  }
  p.restore();
}

void paintTxnCells(QPainter &p, const TxnCells &c, const CanvasTheme &t) {
  if (c.empty())
    return;
  p.setPen(Qt::NoPen);
  // Undecided: a band in the text colour along the bottom of each cell, joined from cell to
  // cell, so an open transaction reads as one underlined run (unlike the above-HW hatching).
  std::vector<QRectF> bands;
  bands.reserve(c.open.size());
  for (const QRectF &r : c.open)
    bands.push_back(openBand(r, t));
  p.setBrush(t.openTxn);
  p.drawRects(bands.data(), static_cast<int>(bands.size()));
  // Aborted: grey and struck through; read_committed consumers skip them.
  p.setBrush(t.pending);
  p.drawRects(c.aborted.data(), static_cast<int>(c.aborted.size()));
  std::vector<QRectF> strikes;
  strikes.reserve(c.aborted.size());
  const double h = std::max(1.0, t.px(1.5));
  for (const QRectF &r : c.aborted)
    strikes.emplace_back(r.left(), r.center().y() - h / 2, r.width(), h);
  p.setBrush(t.abortMarker);
  p.drawRects(strikes.data(), static_cast<int>(strikes.size()));
  for (const QRectF &r : c.commitMarkers)
    paintMarkerCell(p, r, true, t);
  for (const QRectF &r : c.abortMarkers)
    paintMarkerCell(p, r, false, t);
}

void paintLastStableMark(QPainter &p, double x, const QRectF &strip, const CanvasTheme &t) {
  // A bracket opening to the right, over the records read_committed consumers wait for: its
  // serifs stay visible where the HW's bar covers its stem.
  const double w = t.px(2.6), serif = t.px(6), h = std::max(2.0, t.px(2.4));
  const QRectF stem(x - w / 2, strip.top() - t.px(3), w, strip.height() + t.px(6));
  p.fillRect(stem, t.lastStable);
  p.fillRect(QRectF(stem.left(), stem.top(), serif + w, h), t.lastStable);
  p.fillRect(QRectF(stem.left(), stem.bottom() - h, serif + w, h), t.lastStable);
}

bool paintTxnSwatch(QPainter &p, const LegendSwatch &s, const CanvasTheme &t) {
  switch (s.kind) {
  case LegendSwatch::LastStable: paintLastStableMark(p, s.rect.center().x() - t.px(2), s.rect.adjusted(0, t.px(1), 0, -t.px(1)), t); return true;
  case LegendSwatch::CommitMarker: paintMarkerCell(p, s.rect, true, t); return true;
  case LegendSwatch::AbortMarker: paintMarkerCell(p, s.rect, false, t); return true;
  case LegendSwatch::OpenTxn:
    p.fillRect(s.rect, t.onDisk);
    p.fillRect(openBand(s.rect, t), t.openTxn);
    return true;
  case LegendSwatch::AbortedRecord: paintTxnCells(p, TxnCells{{}, {s.rect}, {}, {}}, t); return true;
  default: return false;
  }
}

} // namespace streamscope::ui
