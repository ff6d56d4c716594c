#pragma once
// A stalled client is marked on the canvas: a small hourglass beside its box or row and, where
// there is room, a two-line caption below its box ("waits for broker 0", "gives up in 23.4 s"),
// so a partition that stands still says why. Captions are placed only where they touch no
// other label or shape.
// Contract: lays out into, and paints from, the geometry of one frame; GUI thread.
#include "canvas_painter.h"

namespace streamscope::ui {

/// Adds a WaitMark (and its caption labels) for every stalled client of `view` that is on screen.
void layoutWaitingMarks(const model::WorldView &view, const CanvasTheme &theme, CanvasGeometry &g);
/// Paints the hourglasses of one pane (Kafka, or Kinesis when `kinesis`).
void paintWaitingMarks(QPainter &painter, const CanvasFrame &frame, bool kinesis);

} // namespace streamscope::ui
