#include "settings_widgets.h"

#include <QComboBox>
#include <QLabel>
#include <QSpinBox>

#include <algorithm>

namespace streamscope::ui {

QSpinBox *settingsSpin(int min, int max, const QString &tip, QWidget *parent) {
  auto *s = new QSpinBox(parent);
  s->setRange(min, max);
  s->setToolTip(tip);
  s->setAccelerated(true);
  return s;
}

QLabel *settingsErrorLabel(QWidget *parent) {
  auto *l = new QLabel(parent);
  l->setWordWrap(true);
  QPalette p = l->palette();
  p.setColor(QPalette::WindowText, QColor(200, 40, 40));
  l->setPalette(p);
  l->hide();
  return l;
}

void showSettingsError(QLabel *label, const QString &text) {
  label->setText(text);
  label->setVisible(!text.isEmpty());
}

void refillCombo(QComboBox *combo, const QStringList &names) {
  const QString current = combo->currentText();
  const QSignalBlocker block(combo);
  combo->clear();
  combo->addItems(names);
  combo->setCurrentIndex(std::max(0, static_cast<int>(names.indexOf(current))));
}

} // namespace streamscope::ui
