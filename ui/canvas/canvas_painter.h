#pragma once
// Paints one frame of the canvas with a QPainter, so the same code draws the widget, a PNG
// export and an SVG export. Reads the world's view; changes nothing.
// Contract: paints on the calling thread into the device it is given (the GUI thread for the widget).
#include "canvas_geometry.h"
#include "flights.h"
#include "recent_changes.h"

#include <QPainter>
#include <QPainterPath>

namespace streamscope::ui {

struct CanvasFrame {
  const model::WorldView &view;
  const CanvasGeometry &geometry;
  const CanvasTheme &theme;
  const std::vector<Flight> &flights;
  const RecentChanges &recent;
  model::WorldItem selected;
  std::vector<model::WorldItem> highlights; ///< a lesson step's: the rest is dimmed
  std::vector<model::WorldItem> shown; ///< a lesson step's: only these are drawn (empty: all)
  std::vector<model::WorldItem> followed; ///< where a followed record is: marked apart from the highlights
};

/// Where the things of `shown` are (padded), and the messages flying between them: the rest
/// of the scene is hidden. Empty when everything is shown.
QPainterPath shownArea(const CanvasFrame &frame);

void paintCanvas(QPainter &painter, const CanvasFrame &frame);
/// The part of the scene a lesson's highlights keep clear of the veil: each highlighted
/// item's rectangle, each message of a highlighted kind, and the captions that describe them.
QPainterPath highlightHoles(const CanvasFrame &frame);

// The per-system parts, used by paintCanvas.
void paintKafka(QPainter &painter, const CanvasFrame &frame);
/// Share groups on a partition's leader strip: a band of record states along the bottom of the
/// cells (the acquiring member's number where cells are wide), and SPSO and SPEO brackets.
void paintShareMarks(QPainter &painter, const StripGeometry &strip, const CanvasFrame &frame);
/// A share group member's mark: a diamond (a consumer's is a dot), red when it is dead.
void paintShareMemberDot(QPainter &painter, const QRectF &row, bool alive, const CanvasTheme &theme);
/// The colour of a share group record state (the strip band and the legend).
QColor shareStateColour(model::ShareState state, const CanvasTheme &theme);
void paintKinesis(QPainter &painter, const CanvasFrame &frame);
/// The far levels (overview_painter.cpp): broker tiles and pixel matrices; key-space spans.
void paintKafkaOverview(QPainter &painter, const CanvasFrame &frame);
void paintKeySpaces(QPainter &painter, const CanvasFrame &frame);
/// Whether `flight` is drawn as part of a flow line (its system is at a far level), not as a dot.
bool aggregated(const Flight &flight, const CanvasGeometry &geometry);
/// The aggregated flights as one line per pair of ends, lightest first.
std::vector<FlowLine> flowLines(const std::vector<Flight> &flights, const CanvasGeometry &geometry);
void paintOverviewSwatch(QPainter &painter, const LegendSwatch &swatch, const CanvasTheme &theme);
/// The far levels' colour scales: `heat`, `share`, `load` from 0 to 1.
QColor brokerHeatColour(double heat, const CanvasTheme &theme);
QColor partitionLagColour(double share, const CanvasTheme &theme);
QColor shardLoadColour(double load, const CanvasTheme &theme);
/// The controllers and the metadata log (the band above the Kafka brokers).
void paintControlPlane(QPainter &painter, const CanvasFrame &frame);
/// An offset mark on a strip or lane: a filled triangle pointing up from below the bottom
/// edge (committed offset, checkpoint) or a hollow one pointing down from above the top edge
/// (fetch position, iterator).
void paintOffsetMark(QPainter &painter, double x, const QRectF &strip, double size, bool committed, const CanvasTheme &theme);
/// The status dot at the start of a consumer's or worker's row: green alive, red not.
void paintClientDot(QPainter &painter, const QRectF &row, bool alive, const CanvasTheme &theme);
/// A record cell that is a second copy (a resend stored it again): a ring and a corner badge.
void paintSecondCopy(QPainter &painter, const QRectF &cell, const CanvasTheme &theme);
/// A Kinesis cell stored after a record its producer created later: a notch above it.
void paintReordered(QPainter &painter, const QRectF &cell, const CanvasTheme &theme);
/// A consumer-protocol partition chip: tinted and outlined (read), struck through in the
/// warning colour (revoking), or a dashed outline (pending, in the target only).
void paintPartitionChip(QPainter &painter, const QRectF &rect, PartitionChip::Kind kind, const CanvasTheme &theme);
/// A box whose process is down: a failure-coloured border and a faint cross, `width` wide.
void paintCrossedBox(QPainter &painter, const QRectF &rect, const CanvasTheme &theme, double width);
/// A rounded box in the panel colour with a border of `border` and width `width`.
void paintBox(QPainter &painter, const QRectF &rect, const CanvasTheme &theme, const QColor &border, double width,
              Qt::PenStyle style = Qt::SolidLine);

} // namespace streamscope::ui
