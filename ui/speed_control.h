#pragma once
// Simulation speed on a logarithmic slider from 0.01x to 1000x (five decades), with the
// value shown beside it. Keyboard: +/- (through the window's actions) double or halve it.
// Contract: a widget; GUI thread only.
#include <QWidget>

class QLabel;
class QSlider;

namespace streamscope::ui {

/// A speed as the control shows it: "0.5×", "2.0×", "100×".
QString speedText(double speed);

class SpeedControl : public QWidget {
  Q_OBJECT
public:
  explicit SpeedControl(QWidget *parent = nullptr);
  double speed() const { return m_speed; }

public slots:
  void setSpeed(double speed);
  void faster() { setSpeed(m_speed * 2); }
  void slower() { setSpeed(m_speed / 2); }

signals:
  void speedChanged(double speed);

private:
  QSlider *m_slider = nullptr;
  QLabel *m_label = nullptr;
  double m_speed = 1.0;
};

} // namespace streamscope::ui
