#pragma once
// Colours, fonts and sizes of the canvas. Built from the widget's palette, so the picture
// follows the system's light or dark scheme; presentation mode makes type larger and
// contrast stronger for the back of a lecture hall.
// Contract: a plain copyable value; any thread may use its own copy, built from a palette on the GUI thread.
#include <QColor>
#include <QFont>
#include <QPalette>
#include <QSizeF>

namespace streamscope::ui {

struct CanvasTheme {
  double scale = 1.0; ///< multiplies every size (1.0 desktop, larger when presenting)
  bool dark = false;
  bool presenting = false; ///< the lecture-hall style: the canvas also shows the clock and the counters
  QFont font; ///< item titles
  QFont small; ///< strip labels, counts, markers
  QFont headline; ///< the clock and the counters while presenting
  QColor background, panel, panelBorder, text, mutedText;
  QColor track; ///< the empty part of a strip or lane: opaque, so filling it blends nothing
  QColor onDisk, inCache, pending; ///< record cells: flushed, page cache only, not yet durable
  QColor leader, outOfIsr, eligibleLeader, failure, warning, healthy;
  QColor produce, response, replication, consume, zone, throttle;
  QColor highWatermark, logEnd, committed, position; // committed also marks KCL checkpoints
  QColor lastStable; ///< the last stable offset's tick (transactions)
  QColor commitMarker, abortMarker, openTxn; ///< transaction markers and the hatching of undecided records
  QColor duplicate, reordered; ///< a second stored copy of a record; a Kinesis copy out of its producer's order
  QColor share; ///< share groups (KIP-932): their boxes, SPSO and SPEO marks, acquired records

  /// While presenting, type is up to 1.6 times larger; a canvas with less `room` than a
  /// full-HD screen's gets a little less (never below 1.3 times), so its numbers still fit whole.
  static CanvasTheme from(const QPalette &palette, const QFont &base, bool presenting, QSizeF room = {});
  /// The pale ground of a cell above the high watermark: `cell` faded into the track,
  /// opaque so that it costs a plain fill.
  QColor aboveHighWatermark(const QColor &cell) const;
  /// A device-independent length scaled for the mode.
  double px(double length) const { return length * scale; }
};

/// `b` mixed into `a` by `f` (0: a, 1: b), opaque and in 8-bit channels: a colour made from
/// floats keeps 16 bits a channel, which sends every pixel it paints through a conversion.
QColor blend(const QColor &a, const QColor &b, double f);

} // namespace streamscope::ui
