#pragma once
// The animated picture of the running world. Rebuilds its geometry once per frame from the
// controller's view of the world (never per engine event), paints it, and turns clicks into WorldItems:
// a left click selects (for the inspector), a right click asks for the item's fault menu.
// Zoom enlarges the laid-out scene, so detail appears as you zoom in; drag to pan.
// Contract: a widget; GUI thread only. It reads the world through the controller's view when it paints or refreshes.
#include "canvas_geometry.h"
#include "flights.h"
#include "model/simulation_controller.h"
#include "recent_changes.h"

#include <QPainterPath>
#include <QPolygonF>
#include <QWidget>

#include <optional>

namespace streamscope::ui {

class StreamCanvas : public QWidget {
  Q_OBJECT
public:
  explicit StreamCanvas(model::SimulationController &controller, QWidget *parent = nullptr);

  model::WorldItem selected() const { return m_selected; }
  const CanvasGeometry &geometry() const { return m_geometry; }
  double zoom() const { return m_zoom; }
  bool presenting() const { return m_presenting; }
  bool annotating() const { return m_annotating; }
  std::size_t annotationCount() const { return m_ink.size(); }
  const std::vector<model::WorldItem> &highlights() const { return m_highlights; }
  /// What the highlights keep clear of the veil (widget coordinates at fit-to-window).
  QPainterPath highlightArea() const;
  const std::vector<model::WorldItem> &shown() const { return m_shown; }
  const std::vector<model::WorldItem> &followed() const { return m_followed; }

  /// The picture at `size` (fit to it), for PNG and SVG export.
  void render(QPainter &painter, const QSize &size) const;
  bool exportPng(const QString &path, const QSize &size) const;
  bool exportSvg(const QString &path, const QSize &size) const;

  QSize sizeHint() const override { return {1200, 700}; }

public slots:
  void select(const model::WorldItem &item);
  void zoomIn();
  void zoomOut();
  void fitToWindow();
  void setPresenting(bool presenting);
  /// Points at these items and dims the rest (a lesson step); empty clears.
  void setHighlights(std::vector<model::WorldItem> items);
  /// Draws only these items (and messages between them); the rest is hidden and cannot be
  /// clicked. Empty shows everything.
  void setShown(std::vector<model::WorldItem> items);
  /// Marks where a followed record is, in a colour of its own (empty clears).
  void setFollowed(std::vector<model::WorldItem> items);
  /// While on, dragging draws ink over the picture (for pointing things out in class).
  void setAnnotating(bool annotating);
  void clearAnnotations();
  /// Re-reads the world: called once per frame.
  void refresh();

signals:
  void selectionChanged(const model::WorldItem &item);
  void contextMenuWanted(const model::WorldItem &item, const QPoint &globalPos);
  /// A frame was painted (startup measurement waits for the first).
  void painted();
  /// The presentation style was switched on or off (the timeline follows it).
  void presentingChanged(bool presenting);

protected:
  void paintEvent(QPaintEvent *event) override;
  void resizeEvent(QResizeEvent *event) override;
  void wheelEvent(QWheelEvent *event) override;
  void mousePressEvent(QMouseEvent *event) override;
  void mouseMoveEvent(QMouseEvent *event) override;
  void mouseReleaseEvent(QMouseEvent *event) override;
  void contextMenuEvent(QContextMenuEvent *event) override;
  void changeEvent(QEvent *event) override;

private:
  void rebuild();
  /// While presenting, the clock, speed and counters the hidden status bar would show.
  std::optional<CanvasReadout> readout() const;
  void setZoom(double zoom, QPointF around);
  void clampPan();
  model::WorldItem itemAt(QPointF widgetPos) const;

  model::SimulationController &m_controller;
  CanvasTheme m_theme;
  CanvasGeometry m_geometry;
  std::vector<Flight> m_flights;
  RecentChanges m_recent;
  model::WorldItem m_selected;
  double m_zoom = 1.0;
  QPointF m_pan; ///< scene point shown at the widget's top-left
  QPointF m_pressPos;
  QPointF m_pressPan;
  bool m_dragging = false;
  bool m_presenting = false;
  double m_builtSpeed = 0; ///< the speed the readout was laid out with
  bool m_annotating = false;
  std::vector<model::WorldItem> m_highlights;
  std::vector<model::WorldItem> m_shown;
  std::vector<model::WorldItem> m_followed;
  std::vector<QPolygonF> m_ink; ///< annotation strokes, in widget coordinates
};

} // namespace streamscope::ui
