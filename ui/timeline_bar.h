#pragma once
// The timeline under the canvas: the run from 0 to its duration (or the part zoomed to), the
// part explored so far, the current time, and markers for faults, user actions, leader
// elections, throttling, rebalances and acknowledged losses. Click or drag to seek; click
// right on a marker to jump to it, right-click it to jump to just before it. The wheel zooms
// around the pointer, Shift+drag zooms to a range, a double-click shows the whole run again.
// Contract: a widget; GUI thread only. It reads the world through the controller's view when it paints or refreshes.
#include "model/simulation_controller.h"

#include <QWidget>

#include <memory>

class QMenu;

namespace streamscope::ui {

class TimelineBar : public QWidget {
  Q_OBJECT
public:
  explicit TimelineBar(model::SimulationController &controller, QWidget *parent = nullptr);
  QSize sizeHint() const override;
  /// The font of the time labels: larger while presenting, to be read from the back of a room.
  QFont tickFont() const;
  bool presenting() const { return m_presenting; }
  /// The x of simulated time `t`, and back (for tests and hit-testing).
  double xOf(model::SimTime t) const;
  model::SimTime timeAt(double x) const;
  /// The marker drawn nearest to x, within a few pixels, or nullptr.
  const model::TimelineMarker *markerAt(double x) const;
  /// The part of the run shown: the whole run unless zoomed.
  model::SimTime viewStart() const;
  model::SimTime viewEnd() const;
  bool isZoomed() const { return m_zoomEnd > m_zoomStart; }
  /// Shows [from, to] (at least a millisecond), or the whole run when `to <= from`.
  void zoomTo(model::SimTime from, model::SimTime to);
  void resetZoom() { zoomTo(0, 0); }
  /// Zooms by `factor` (> 1 zooms in) keeping the time under x where it is.
  void zoomAround(double x, double factor);
  /// The times and texts of the tick labels, as painted.
  QList<QPair<model::SimTime, QString>> ticks() const;
  /// The menu of the marker at x ("Jump to Just Before", "Jump to It"), or nullptr.
  std::unique_ptr<QMenu> markerMenu(double x);

public slots:
  void setPresenting(bool presenting);

protected:
  void paintEvent(QPaintEvent *event) override;
  void mousePressEvent(QMouseEvent *event) override;
  void mouseMoveEvent(QMouseEvent *event) override;
  void mouseReleaseEvent(QMouseEvent *event) override;
  void mouseDoubleClickEvent(QMouseEvent *event) override;
  void wheelEvent(QWheelEvent *event) override;
  void contextMenuEvent(QContextMenuEvent *event) override;
  bool event(QEvent *event) override;

private:
  QRectF track() const;
  void seekTo(double x);
  double tickWidth() const; ///< room for one time label

  model::SimulationController &m_controller;
  bool m_dragging = false;
  bool m_presenting = false;
  double m_pendingX = -1; ///< the latest drag position, sought once per event-loop pass
  double m_rangeFrom = -1, m_rangeTo = -1; ///< a Shift+drag range being chosen, in x
  model::SimTime m_zoomStart = 0, m_zoomEnd = 0; ///< the zoomed part; empty for the whole run
};

} // namespace streamscope::ui
