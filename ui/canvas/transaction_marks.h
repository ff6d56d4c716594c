#pragma once
// What Kafka transactions add to a replica strip: marker cells (commit "C", abort "A"),
// undecided records underlined, aborted records dimmed and struck, and the last stable offset's
// tick on the leader. Also the legend swatches for them.
// Contract: paints on the calling thread into the painter it is given; reads the frame's view.
#include "canvas_painter.h"

#include <vector>

namespace streamscope::ui {

/// The cells of one strip that transactions mark, collected while the plain cells are laid out.
struct TxnCells {
  std::vector<QRectF> open, aborted, commitMarkers, abortMarkers;
  bool empty() const { return open.empty() && aborted.empty() && commitMarkers.empty() && abortMarkers.empty(); }
};

/// Paints the marks over (open), instead of (aborted, markers) the plain cells.
void paintTxnCells(QPainter &painter, const TxnCells &cells, const CanvasTheme &theme);
/// One marker cell: a filled cell with a "C" (commit), or a hollow crossed one with an "A" (abort).
void paintMarkerCell(QPainter &painter, const QRectF &cell, bool commit, const CanvasTheme &theme);
/// The last stable offset at `x`: a bracket opening to the right across the strip, so it
/// stays visible where it meets the high watermark's bar.
void paintLastStableMark(QPainter &painter, double x, const QRectF &strip, const CanvasTheme &theme);
/// Legend samples of the transaction marks (false: not one of them).
bool paintTxnSwatch(QPainter &painter, const LegendSwatch &swatch, const CanvasTheme &theme);

} // namespace streamscope::ui
