#pragma once
// The timeline under the canvas: the whole run from 0 to its duration, the part explored so
// far, the current time, and markers for faults, user actions, leader elections, throttling,
// rebalances and acknowledged losses. Click or drag to seek; click a marker to jump to it.
// Contract: a widget; GUI thread only. It reads the world through the controller's view when it paints or refreshes.
#include "model/simulation_controller.h"

#include <QWidget>

namespace streamscope::ui {

class TimelineBar : public QWidget {
  Q_OBJECT
public:
  explicit TimelineBar(model::SimulationController &controller, QWidget *parent = nullptr);
  QSize sizeHint() const override { return {800, 46}; }
  /// The x of simulated time `t`, and back (for tests and hit-testing).
  double xOf(model::SimTime t) const;
  model::SimTime timeAt(double x) const;
  /// The marker drawn nearest to x, within a few pixels, or nullptr.
  const model::TimelineMarker *markerAt(double x) const;

protected:
  void paintEvent(QPaintEvent *event) override;
  void mousePressEvent(QMouseEvent *event) override;
  void mouseMoveEvent(QMouseEvent *event) override;
  void mouseReleaseEvent(QMouseEvent *event) override;
  bool event(QEvent *event) override;

private:
  QRectF track() const;
  void seekTo(double x);

  model::SimulationController &m_controller;
  bool m_dragging = false;
  double m_pendingX = -1; ///< the latest drag position, sought once per event-loop pass
};

} // namespace streamscope::ui
