#include "stream_canvas.h"

#include "canvas_painter.h"
#include "model/settings/run_counters.h"

#include <QContextMenuEvent>
#include <QImage>
#include <QMouseEvent>
#include <QPainter>
#include <QSvgGenerator>
#include <QWheelEvent>

#include <cmath>

namespace streamscope::ui {

namespace {
constexpr double kMaxZoom = 12.0;
}

StreamCanvas::StreamCanvas(model::SimulationController &controller, QWidget *parent) : QWidget(parent), m_controller(controller) {
  setAttribute(Qt::WA_OpaquePaintEvent);
  setMouseTracking(false);
  setFocusPolicy(Qt::StrongFocus);
  setMinimumSize(480, 320);
  setToolTip(tr("Click anything to inspect it; right-click for faults. Wheel zooms, drag pans."));
  m_theme = CanvasTheme::from(palette(), font(), false);
  connect(&controller, &model::SimulationController::frameReady, this, &StreamCanvas::refresh);
  connect(&controller, &model::SimulationController::scenarioLoaded, this, [this] {
    m_recent = RecentChanges();
    select({});
    fitToWindow();
  });
}

void StreamCanvas::refresh() {
  if (!m_controller.hasSimulation())
    return;
  m_recent.update(m_controller.view());
  rebuild();
  update();
}

std::optional<CanvasReadout> StreamCanvas::readout() const {
  if (!m_presenting || !m_controller.hasSimulation())
    return std::nullopt;
  const model::WorldView &view = m_controller.view();
  const model::RunCounters c = model::runCounters(m_controller);
  return CanvasReadout{model::toMs(view.now()) / 1000, model::toMs(view.duration()) / 1000, m_controller.speed(), c.produced, c.acknowledged,
                       c.acknowledgedButLost};
}

void StreamCanvas::rebuild() {
  if (!m_controller.hasSimulation())
    return;
  const QRectF scene(0, 0, width() * m_zoom, height() * m_zoom);
  const std::optional<CanvasReadout> numbers = readout();
  // A margin of half a screen each way, so a short drag shows laid-out strips before the next frame.
  const QRectF visible = QRectF(m_pan, size()).adjusted(-width() / 2.0, -height() / 2.0, width() / 2.0, height() / 2.0);
  m_geometry = CanvasGeometry::build(m_controller.view(), scene, m_theme, &m_recent, numbers ? &*numbers : nullptr, &m_highlights, &visible);
  m_builtSpeed = m_controller.speed();
  m_flights = collectFlights(m_controller.view(), m_geometry);
}

QPainterPath StreamCanvas::highlightArea() const {
  if (!m_controller.hasSimulation())
    return {};
  return highlightHoles(CanvasFrame{m_controller.view(), m_geometry, m_theme, m_flights, m_recent, m_selected, m_highlights, {}, {}});
}

void StreamCanvas::paintEvent(QPaintEvent *) {
  QPainter p(this);
  if (!m_controller.hasSimulation()) {
    p.fillRect(rect(), m_theme.background);
    return;
  }
  if (m_presenting && m_builtSpeed != m_controller.speed()) // changed while paused: no frame says so
    rebuild();
  p.translate(-m_pan);
  paintCanvas(p, CanvasFrame{m_controller.view(), m_geometry, m_theme, m_flights, m_recent, m_selected, m_highlights, m_shown, m_followed});
  p.resetTransform();
  p.setPen(QPen(m_theme.warning, m_theme.px(4), Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
  for (const QPolygonF &stroke : m_ink)
    p.drawPolyline(stroke);
  emit painted();
}

void StreamCanvas::setAnnotating(bool annotating) {
  m_annotating = annotating;
  setCursor(annotating ? Qt::CrossCursor : Qt::ArrowCursor);
}

void StreamCanvas::setHighlights(std::vector<model::WorldItem> items) {
  m_highlights = std::move(items);
  rebuild(); // the strips pointed at keep their captions
  update();
}

void StreamCanvas::setFollowed(std::vector<model::WorldItem> items) {
  if (items == m_followed)
    return;
  m_followed = std::move(items);
  update();
}

void StreamCanvas::setShown(std::vector<model::WorldItem> items) {
  m_shown = std::move(items);
  update();
}

void StreamCanvas::clearAnnotations() {
  m_ink.clear();
  update();
}

void StreamCanvas::render(QPainter &painter, const QSize &size) const {
  if (!m_controller.hasSimulation())
    return;
  const std::optional<CanvasReadout> numbers = readout();
  const CanvasGeometry g = CanvasGeometry::build(m_controller.view(), QRectF(QPointF(0, 0), QSizeF(size)), m_theme, &m_recent,
                                                 numbers ? &*numbers : nullptr, &m_highlights);
  const std::vector<Flight> flights = collectFlights(m_controller.view(), g);
  paintCanvas(painter, CanvasFrame{m_controller.view(), g, m_theme, flights, m_recent, m_selected, m_highlights, m_shown, m_followed});
}

bool StreamCanvas::exportPng(const QString &path, const QSize &size) const {
  const qreal dpr = devicePixelRatioF();
  QImage image(size * dpr, QImage::Format_ARGB32_Premultiplied);
  image.setDevicePixelRatio(dpr);
  image.fill(m_theme.background);
  {
    QPainter p(&image);
    render(p, size);
  }
  return image.save(path, "PNG");
}

bool StreamCanvas::exportSvg(const QString &path, const QSize &size) const {
  QSvgGenerator svg;
  svg.setFileName(path);
  svg.setSize(size);
  svg.setViewBox(QRect(QPoint(0, 0), size));
  svg.setTitle(tr("StreamScope"));
  svg.setDescription(QString::fromStdString(m_controller.hasSimulation() ? m_controller.view().scenarioName() : std::string()));
  QPainter p;
  if (!p.begin(&svg))
    return false;
  render(p, size);
  return p.end();
}

void StreamCanvas::select(const model::WorldItem &item) {
  if (item == m_selected)
    return;
  m_selected = item;
  update();
  emit selectionChanged(item);
}

void StreamCanvas::setZoom(double zoom, QPointF around) {
  zoom = std::clamp(zoom, 1.0, kMaxZoom);
  const QPointF scenePoint = (m_pan + around) / m_zoom; // keep the point under the cursor still
  m_zoom = zoom;
  m_pan = scenePoint * m_zoom - around;
  clampPan();
  rebuild();
  update();
}

void StreamCanvas::zoomIn() { setZoom(m_zoom * 1.25, rect().center()); }
void StreamCanvas::zoomOut() { setZoom(m_zoom / 1.25, rect().center()); }

void StreamCanvas::fitToWindow() {
  m_zoom = 1.0;
  m_pan = QPointF();
  rebuild();
  update();
}

void StreamCanvas::setPresenting(bool presenting) {
  m_presenting = presenting;
  m_theme = CanvasTheme::from(palette(), font(), presenting, size());
  rebuild();
  update();
  emit presentingChanged(presenting);
}

void StreamCanvas::clampPan() {
  const double maxX = std::max(0.0, width() * m_zoom - width());
  const double maxY = std::max(0.0, height() * m_zoom - height());
  m_pan = QPointF(std::clamp(m_pan.x(), 0.0, maxX), std::clamp(m_pan.y(), 0.0, maxY));
}

void StreamCanvas::resizeEvent(QResizeEvent *) {
  if (m_presenting) // type sized to the room the canvas has
    m_theme = CanvasTheme::from(palette(), font(), true, size());
  clampPan();
  rebuild();
}

void StreamCanvas::wheelEvent(QWheelEvent *event) {
  const double steps = event->angleDelta().y() / 120.0;
  if (steps != 0)
    setZoom(m_zoom * std::pow(1.2, steps), event->position());
  event->accept();
}

void StreamCanvas::mousePressEvent(QMouseEvent *event) {
  if (event->button() != Qt::LeftButton)
    return;
  if (m_annotating) {
    m_ink.push_back(QPolygonF{event->position()});
    return;
  }
  m_pressPos = event->position();
  m_pressPan = m_pan;
  m_dragging = false;
}

void StreamCanvas::mouseMoveEvent(QMouseEvent *event) {
  if (!(event->buttons() & Qt::LeftButton))
    return;
  if (m_annotating && !m_ink.empty()) {
    m_ink.back() << event->position();
    update();
    return;
  }
  const QPointF delta = event->position() - m_pressPos;
  if (!m_dragging && delta.manhattanLength() < 6)
    return;
  m_dragging = true;
  setCursor(Qt::ClosedHandCursor);
  m_pan = m_pressPan - delta;
  clampPan();
  if (m_geometry.visible != m_geometry.scene) // culled to the screen: lay out what comes into view
    rebuild();
  update();
}

void StreamCanvas::mouseReleaseEvent(QMouseEvent *event) {
  if (event->button() != Qt::LeftButton || m_annotating)
    return;
  unsetCursor();
  if (m_dragging) {
    m_dragging = false;
    rebuild();
    update();
    return;
  }
  select(itemAt(event->position()));
}

void StreamCanvas::contextMenuEvent(QContextMenuEvent *event) {
  const model::WorldItem item = itemAt(event->pos());
  if (item)
    select(item);
  emit contextMenuWanted(item, event->globalPos());
}

void StreamCanvas::changeEvent(QEvent *event) {
  if (event->type() == QEvent::PaletteChange || event->type() == QEvent::FontChange) {
    m_theme = CanvasTheme::from(palette(), font(), m_presenting, size());
    rebuild();
  }
  QWidget::changeEvent(event);
}

model::WorldItem StreamCanvas::itemAt(QPointF widgetPos) const {
  const QPointF p = widgetPos + m_pan;
  if (!m_shown.empty() &&
      !shownArea(CanvasFrame{m_controller.view(), m_geometry, m_theme, m_flights, m_recent, m_selected, {}, m_shown, {}}).contains(p))
    return {}; // hidden things cannot be clicked
  const double reach = m_theme.px(7);
  for (const Flight &f : m_flights) // messages are small and on top: they win (drawn as dots)
    if (!aggregated(f, m_geometry) && QLineF(f.position(), p).length() <= reach)
      return {model::WorldItem::Kind::Message, -1, -1, static_cast<std::int64_t>(f.seq)};
  return m_geometry.hit(p);
}

} // namespace streamscope::ui
