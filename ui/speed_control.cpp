#include "speed_control.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QSignalBlocker>
#include <QSlider>

#include <algorithm>
#include <cmath>

namespace streamscope::ui {
namespace {
constexpr int kStepsPerDecade = 100;
constexpr double kMinLog = -2, kMaxLog = 3; // 0.01x .. 1000x
} // namespace

QString speedText(double s) {
  return s >= 10 ? QStringLiteral("%1×").arg(s, 0, 'f', 0)
      : s >= 1   ? QStringLiteral("%1×").arg(s, 0, 'f', 1)
                 : QStringLiteral("%1×").arg(s, 0, 'g', 2);
}

SpeedControl::SpeedControl(QWidget *parent) : QWidget(parent) {
  auto *layout = new QHBoxLayout(this);
  layout->setContentsMargins(4, 0, 4, 0);
  m_slider = new QSlider(Qt::Horizontal, this);
  m_slider->setRange(static_cast<int>(kMinLog * kStepsPerDecade), static_cast<int>(kMaxLog * kStepsPerDecade));
  m_slider->setMinimumWidth(140);
  m_slider->setMaximumWidth(220);
  m_slider->setToolTip(tr("Simulated time per second of wall-clock time, 0.01× to 1000× (+ and − keys)"));
  m_slider->setAccessibleName(tr("Simulation speed"));
  m_label = new QLabel(this);
  m_label->setMinimumWidth(m_label->fontMetrics().horizontalAdvance(QStringLiteral("1000.0×")));
  layout->addWidget(new QLabel(tr("Speed"), this));
  layout->addWidget(m_slider);
  layout->addWidget(m_label);
  connect(m_slider, &QSlider::valueChanged, this, [this](int v) { setSpeed(std::pow(10.0, v / double(kStepsPerDecade))); });
  setSpeed(1.0);
}

void SpeedControl::setSpeed(double speed) {
  speed = std::clamp(speed, 0.01, 1000.0);
  {
    const QSignalBlocker block(m_slider);
    m_slider->setValue(static_cast<int>(std::lround(std::log10(speed) * kStepsPerDecade)));
  }
  m_label->setText(speedText(speed));
  if (speed == m_speed)
    return;
  m_speed = speed;
  emit speedChanged(speed);
}

} // namespace streamscope::ui
