#include "timeline_bar.h"

#include <QHelpEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QTimer>
#include <QToolTip>

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

} // namespace

TimelineBar::TimelineBar(model::SimulationController &controller, QWidget *parent) : QWidget(parent), m_controller(controller) {
  setMinimumHeight(40);
  setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
  setMouseTracking(true);
  setToolTip(tr("The whole run: click or drag to go to any moment (left arrow steps back); click a marker to jump to it"));
  connect(&controller, &model::SimulationController::frameReady, this, qOverload<>(&QWidget::update));
}

QRectF TimelineBar::track() const { return QRectF(12, 8, width() - 24, 12); }

double TimelineBar::xOf(model::SimTime t) const {
  if (!m_controller.hasSimulation())
    return track().left();
  const double d = static_cast<double>(std::max<model::SimTime>(1, m_controller.view().duration()));
  return track().left() + track().width() * static_cast<double>(t) / d;
}

model::SimTime TimelineBar::timeAt(double x) const {
  if (!m_controller.hasSimulation())
    return 0;
  const double share = std::clamp((x - track().left()) / track().width(), 0.0, 1.0);
  return static_cast<model::SimTime>(std::llround(share * static_cast<double>(m_controller.view().duration())));
}

const model::TimelineMarker *TimelineBar::markerAt(double x) const {
  if (!m_controller.hasSimulation())
    return nullptr;
  const model::TimelineMarker *best = nullptr;
  double bestDistance = 5;
  for (const auto &m : m_controller.history().branch().markers) {
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
  p.drawRoundedRect(QRectF(t.left(), t.top(), xOf(branch.explored) - t.left(), t.height()), 4, 4);
  if (branch.parent >= 0) { // where this branch left its parent
    p.setPen(QPen(pal.color(QPalette::Text), 1, Qt::DashLine));
    p.drawLine(QPointF(xOf(branch.forkedAt), t.top() - 4), QPointF(xOf(branch.forkedAt), t.bottom() + 4));
  }
  for (const auto &m : branch.markers) {
    const double x = xOf(m.at);
    p.setPen(QPen(markerColour(m.kind, dark), 2));
    p.drawLine(QPointF(x, t.top() - 2), QPointF(x, t.bottom() + 2));
  }
  // The current time: a bold handle.
  const double now = xOf(m_controller.view().now());
  p.setPen(QPen(pal.color(QPalette::Text), 1));
  p.setBrush(pal.color(QPalette::Highlight));
  p.drawRoundedRect(QRectF(now - 3, t.top() - 5, 6, t.height() + 10), 2, 2);
  // Time labels at the ends and a few round points between.
  p.setPen(pal.color(QPalette::Text));
  QFont f = font();
  f.setPointSizeF(f.pointSizeF() * 0.85);
  p.setFont(f);
  const double labelTop = t.bottom() + 4;
  const model::SimTime duration = m_controller.view().duration();
  const int ticks = std::max(1, static_cast<int>(t.width() / 120));
  for (int i = 0; i <= ticks; ++i) {
    const model::SimTime at = duration * i / ticks;
    const Qt::Alignment align = i == 0 ? Qt::AlignLeft : i == ticks ? Qt::AlignRight : Qt::AlignHCenter;
    const double x = xOf(at);
    const QRectF box = i == 0 ? QRectF(x, labelTop, 100, 16) : i == ticks ? QRectF(x - 100, labelTop, 100, 16) : QRectF(x - 50, labelTop, 100, 16);
    p.drawText(box, static_cast<int>(align | Qt::AlignTop), timeText(at));
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
  m_dragging = true;
  seekTo(event->position().x());
}

void TimelineBar::mouseMoveEvent(QMouseEvent *event) {
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

void TimelineBar::mouseReleaseEvent(QMouseEvent *) { m_dragging = false; }

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
