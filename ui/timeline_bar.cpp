#include "timeline_bar.h"

#include <QContextMenuEvent>
#include <QFontMetricsF>
#include <QHelpEvent>
#include <QMenu>
#include <QMouseEvent>
#include <QPainter>
#include <QTimer>
#include <QToolTip>
#include <QWheelEvent>

#include <algorithm>
#include <array>
#include <cmath>

namespace streamscope::ui {
namespace {

QColor markerColour(model::MarkerKind kind, bool dark) {
  switch (kind) {
  case model::MarkerKind::Fault: return dark ? QColor(255, 112, 112) : QColor(206, 40, 40);
  case model::MarkerKind::UserAction: return dark ? QColor(186, 140, 255) : QColor(120, 70, 210);
  case model::MarkerKind::LeaderElection: return dark ? QColor(255, 214, 64) : QColor(196, 140, 0);
  case model::MarkerKind::Throttling: return dark ? QColor(255, 160, 64) : QColor(214, 110, 0);
  case model::MarkerKind::Rebalance: return dark ? QColor(90, 220, 210) : QColor(0, 140, 130);
  case model::MarkerKind::AcknowledgedLoss: return dark ? QColor(255, 255, 255) : QColor(0, 0, 0);
  }
  return Qt::gray;
}

QString timeText(model::SimTime t) {
  const double s = model::toMs(t) / 1000;
  return s >= 120 ? QObject::tr("%1 min").arg(s / 60, 0, 'f', s >= 600 ? 0 : 1) : QObject::tr("%1 s").arg(s, 0, 'f', s >= 10 ? 0 : 1);
}

/// A tick label: past two minutes whole minutes ("3 min") or minutes and seconds ("2:30"), else
/// seconds with as many decimals as the step needs.
QString tickText(model::SimTime t, model::SimTime step) {
  const model::SimTime seconds = t / model::kSecond;
  if (step % (60 * model::kSecond) == 0 && seconds >= 60) // whole minutes
    return QObject::tr("%1 min").arg(seconds / 60);
  if (step >= model::kSecond && seconds >= 120)
    return QObject::tr("%1:%2").arg(seconds / 60).arg(seconds % 60, 2, 10, QLatin1Char('0')); // "2:30"
  int decimals = 0;
  for (model::SimTime unit = model::kSecond; unit > step && decimals < 6; unit /= 10)
    ++decimals;
  return QObject::tr("%1 s").arg(static_cast<double>(t) / model::kSecond, 0, 'f', decimals);
}

/// The smallest round step of at least `wanted`: 1, 2 or 5 times a power of ten below a second;
/// then the steps a clock is read in (1, 2, 5, 10, 15, 30 s; 1, 2, 5, 10, 15, 30 min; hours).
model::SimTime roundStep(double wanted) {
  for (model::SimTime decade = 1; decade < model::kSecond; decade *= 10)
    for (const model::SimTime m : {1, 2, 5})
      if (static_cast<double>(m * decade) >= wanted)
        return m * decade;
  static constexpr std::array<model::SimTime, 12> kClockSeconds{1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800};
  for (const model::SimTime seconds : kClockSeconds)
    if (static_cast<double>(seconds * model::kSecond) >= wanted)
      return seconds * model::kSecond;
  const auto hours = static_cast<model::SimTime>(std::ceil(wanted / static_cast<double>(3600 * model::kSecond)));
  return hours * 3600 * model::kSecond;
}

constexpr double kMarkerReach = 3; ///< how near (in px) a click must be to land on a marker
constexpr model::SimTime kMinSpan = model::kMillisecond;

} // namespace

TimelineBar::TimelineBar(model::SimulationController &controller, QWidget *parent) : QWidget(parent), m_controller(controller) {
  setPresenting(false);
  setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
  setMouseTracking(true);
  setToolTip(tr("The run: click or drag to go to any moment (Left steps back one event, Shift+Left one second); "
                "click right on a marker to jump to it, right-click it to jump to just before it (the last event before); "
                "wheel to zoom around the pointer, Shift+drag to zoom to a range, double-click for the whole run"));
  connect(&controller, &model::SimulationController::frameReady, this, qOverload<>(&QWidget::update));
  connect(&controller, &model::SimulationController::scenarioLoaded, this, &TimelineBar::resetZoom);
}

QSize TimelineBar::sizeHint() const { return {800, minimumHeight()}; }

QFont TimelineBar::tickFont() const {
  QFont f = font();
  f.setPointSizeF(f.pointSizeF() * (m_presenting ? 1.5 : 0.85));
  return f;
}

double TimelineBar::tickWidth() const { return QFontMetricsF(tickFont()).horizontalAdvance(QStringLiteral("00.000 s")) + 12; }

void TimelineBar::setPresenting(bool presenting) {
  m_presenting = presenting;
  // Room under the track for one line of labels in the font of the mode.
  setMinimumHeight(std::max(40, static_cast<int>(std::ceil(track().bottom() + 4 + QFontMetricsF(tickFont()).height() + 4))));
  updateGeometry();
  update();
}

QRectF TimelineBar::track() const { return QRectF(12, 8, width() - 24, 12); }

model::SimTime TimelineBar::viewStart() const { return isZoomed() ? m_zoomStart : 0; }

model::SimTime TimelineBar::viewEnd() const {
  if (isZoomed())
    return m_zoomEnd;
  return m_controller.hasSimulation() ? std::max<model::SimTime>(1, m_controller.view().duration()) : 1;
}

double TimelineBar::xOf(model::SimTime t) const {
  if (!m_controller.hasSimulation())
    return track().left();
  const double span = static_cast<double>(std::max<model::SimTime>(1, viewEnd() - viewStart()));
  return track().left() + track().width() * static_cast<double>(t - viewStart()) / span;
}

model::SimTime TimelineBar::timeAt(double x) const {
  if (!m_controller.hasSimulation())
    return 0;
  const double share = std::clamp((x - track().left()) / track().width(), 0.0, 1.0);
  return viewStart() + static_cast<model::SimTime>(std::llround(share * static_cast<double>(viewEnd() - viewStart())));
}

void TimelineBar::zoomTo(model::SimTime from, model::SimTime to) {
  const model::SimTime duration = m_controller.hasSimulation() ? m_controller.view().duration() : 0;
  if (to <= from || duration <= kMinSpan || to - from >= duration) {
    m_zoomStart = m_zoomEnd = 0;
  } else {
    const model::SimTime span = std::max(kMinSpan, to - from);
    m_zoomStart = std::clamp<model::SimTime>(from, 0, duration - span);
    m_zoomEnd = m_zoomStart + span;
  }
  update();
}

void TimelineBar::zoomAround(double x, double factor) {
  if (!m_controller.hasSimulation() || factor <= 0)
    return;
  const model::SimTime at = timeAt(x);
  const double share = std::clamp((x - track().left()) / track().width(), 0.0, 1.0);
  const double span = std::max(static_cast<double>(kMinSpan), static_cast<double>(viewEnd() - viewStart()) / factor);
  const auto from = at - static_cast<model::SimTime>(std::llround(share * span));
  zoomTo(from, from + static_cast<model::SimTime>(std::llround(span)));
}

QList<QPair<model::SimTime, QString>> TimelineBar::ticks() const {
  QList<QPair<model::SimTime, QString>> out;
  if (!m_controller.hasSimulation())
    return out;
  // A round step giving about one label per 120 px (more while presenting: larger labels).
  const model::SimTime span = viewEnd() - viewStart();
  const double wanted = static_cast<double>(span) / std::max(1.0, track().width() / std::max(120.0, tickWidth() * 1.25));
  const model::SimTime step = roundStep(wanted);
  for (model::SimTime t = (viewStart() + step - 1) / step * step; t <= viewEnd(); t += step)
    out.append({t, tickText(t, step)});
  return out;
}
const model::TimelineMarker *TimelineBar::markerAt(double x) const {
  if (!m_controller.hasSimulation())
    return nullptr;
  const model::TimelineMarker *best = nullptr;
  double bestDistance = kMarkerReach;
  for (const auto &m : m_controller.history().branch().markers) {
    if (m.at < viewStart() || m.at > viewEnd())
      continue;
    const double d = std::abs(xOf(m.at) - x);
    if (d <= bestDistance) {
      bestDistance = d;
      best = &m;
    }
  }
  return best;
}

void TimelineBar::paintEvent(QPaintEvent *) {
  QPainter p(this);
  p.setRenderHint(QPainter::Antialiasing);
  const QPalette pal = palette();
  const bool dark = pal.color(QPalette::Window).lightness() < 128;
  p.fillRect(rect(), pal.color(QPalette::Window));
  const QRectF t = track();
  p.setPen(Qt::NoPen);
  p.setBrush(pal.color(QPalette::Base));
  p.drawRoundedRect(t, 4, 4);
  if (!m_controller.hasSimulation())
    return;
  const auto &branch = m_controller.history().branch();
  // Explored so far: seeking inside it replays from a snapshot; beyond it runs new ground.
  QColor explored = pal.color(QPalette::Highlight);
  explored.setAlpha(90);
  p.setBrush(explored);
  p.save();
  p.setClipRect(QRectF(t.left() - 6, 0, t.width() + 12, height()));
  p.drawRoundedRect(QRectF(t.left(), t.top(), std::clamp(xOf(branch.explored), t.left(), t.right()) - t.left(), t.height()), 4, 4);
  if (branch.parent >= 0) { // where this branch left its parent
    p.setPen(QPen(pal.color(QPalette::Text), 1, Qt::DashLine));
    p.drawLine(QPointF(xOf(branch.forkedAt), t.top() - 4), QPointF(xOf(branch.forkedAt), t.bottom() + 4));
  }
  for (const auto &m : branch.markers) {
    if (m.at < viewStart() || m.at > viewEnd())
      continue;
    const double x = xOf(m.at);
    p.setPen(QPen(markerColour(m.kind, dark), 2));
    p.drawLine(QPointF(x, t.top() - 2), QPointF(x, t.bottom() + 2));
  }
  // The current time: a bold handle.
  const double now = xOf(m_controller.view().now());
  p.setPen(QPen(pal.color(QPalette::Text), 1));
  p.setBrush(pal.color(QPalette::Highlight));
  p.drawRoundedRect(QRectF(now - 3, t.top() - 5, 6, t.height() + 10), 2, 2);
  p.restore();
  if (m_rangeFrom >= 0) { // a Shift+drag range being chosen
    QColor range = pal.color(QPalette::Highlight);
    range.setAlpha(70);
    p.setPen(QPen(pal.color(QPalette::Highlight), 1));
    p.setBrush(range);
    p.drawRect(QRectF(std::min(m_rangeFrom, m_rangeTo), t.top() - 6, std::abs(m_rangeTo - m_rangeFrom), t.height() + 12));
  }
  // Round times under the track, following the zoom.
  p.setPen(pal.color(QPalette::Text));
  p.setFont(tickFont());
  const double labelTop = t.bottom() + 4;
  const double w = tickWidth(), h = QFontMetricsF(tickFont()).height();
  for (const auto &[at, text] : ticks()) {
    const double x = std::clamp(xOf(at) - w / 2, 0.0, width() - w);
    const Qt::Alignment align = x <= 0 ? Qt::AlignLeft : x >= width() - w ? Qt::AlignRight : Qt::AlignHCenter;
    p.drawText(QRectF(x, labelTop, w, h), static_cast<int>(align | Qt::AlignTop), text);
  }
  if (isZoomed()) { // say so, and how to get back
    p.setPen(pal.color(QPalette::PlaceholderText));
    p.drawText(QRectF(t.left(), 0, t.width(), t.top() - 1), static_cast<int>(Qt::AlignRight | Qt::AlignVCenter),
               tr("zoomed: double-click for the whole run"));
  }
}

void TimelineBar::seekTo(double x) {
  if (const model::TimelineMarker *m = markerAt(x))
    m_controller.seek(m->at);
  else
    m_controller.seek(timeAt(x));
}

void TimelineBar::mousePressEvent(QMouseEvent *event) {
  if (event->button() != Qt::LeftButton)
    return;
  if (event->modifiers() & Qt::ShiftModifier) {
    m_rangeFrom = m_rangeTo = event->position().x();
    update();
    return;
  }
  m_dragging = true;
  seekTo(event->position().x());
}

void TimelineBar::mouseMoveEvent(QMouseEvent *event) {
  if (m_rangeFrom >= 0) {
    m_rangeTo = std::clamp(event->position().x(), track().left(), track().right());
    update();
    return;
  }
  if (!m_dragging)
    return;
  // Coalesce: a fast drag produces many moves, but one seek per pass of the event loop.
  const bool scheduled = m_pendingX >= 0;
  m_pendingX = event->position().x();
  if (!scheduled)
    QTimer::singleShot(0, this, [this] {
      const double x = m_pendingX;
      m_pendingX = -1;
      m_controller.seek(timeAt(x));
    });
}

void TimelineBar::mouseReleaseEvent(QMouseEvent *event) {
  m_dragging = false;
  if (m_rangeFrom < 0)
    return;
  const double to = std::clamp(event->position().x(), track().left(), track().right());
  const double from = m_rangeFrom;
  m_rangeFrom = m_rangeTo = -1;
  if (std::abs(to - from) >= 4)
    zoomTo(timeAt(std::min(from, to)), timeAt(std::max(from, to)));
  update();
}

void TimelineBar::mouseDoubleClickEvent(QMouseEvent *event) {
  if (event->button() == Qt::LeftButton)
    resetZoom();
}

void TimelineBar::wheelEvent(QWheelEvent *event) {
  const int delta = event->angleDelta().y() != 0 ? event->angleDelta().y() : event->angleDelta().x();
  if (delta == 0)
    return;
  zoomAround(event->position().x(), std::pow(1.25, delta / 120.0));
  event->accept();
}

std::unique_ptr<QMenu> TimelineBar::markerMenu(double x) {
  const model::TimelineMarker *m = markerAt(x);
  if (!m)
    return nullptr;
  auto menu = std::make_unique<QMenu>(this);
  const model::SimTime at = m->at;
  QAction *before = menu->addAction(tr("Jump to Just Before"), this, [this, at] { m_controller.seek(std::max<model::SimTime>(0, at - 1)); });
  before->setToolTip(tr("The last engine event before it (a microsecond earlier): Step then runs its own events"));
  menu->addAction(tr("Jump to It"), this, [this, at] { m_controller.seek(at); });
  menu->setToolTipsVisible(true);
  return menu;
}

void TimelineBar::contextMenuEvent(QContextMenuEvent *event) {
  if (auto menu = markerMenu(event->pos().x()))
    menu->exec(event->globalPos());
}

bool TimelineBar::event(QEvent *event) {
  if (event->type() == QEvent::ToolTip) {
    auto *help = static_cast<QHelpEvent *>(event);
    if (const model::TimelineMarker *m = markerAt(help->pos().x()))
      QToolTip::showText(help->globalPos(), QStringLiteral("%1 — %2").arg(timeText(m->at), m->text), this);
    else
      QToolTip::showText(help->globalPos(), toolTip(), this);
    return true;
  }
  return QWidget::event(event);
}

} // namespace streamscope::ui
