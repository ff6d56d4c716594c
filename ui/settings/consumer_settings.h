#pragma once
// The settings dock's consumer box: how many consumers a Kafka group (or KCL workers a
// Kinesis application) has. Reaching the count takes one join or leave at a time, each
// seeing the group as the last left it; all of them are one user action group. GUI thread.
#include "model/settings/world_settings.h"
#include "settings_widgets.h"

#include <QGroupBox>

class QComboBox;
class QSpinBox;

namespace streamscope::ui {

class ConsumerSettings : public QGroupBox {
  Q_OBJECT
public:
  ConsumerSettings(model::SimulationController &controller, ApplyFault apply, QWidget *parent = nullptr);

  /// Shows `settings`; hidden when the scenario has no consumer.
  void reload(const model::WorldSettings &settings);

private:
  void applyConsumers();
  int liveNow(const QString &name) const;

  model::SimulationController &m_controller;
  ApplyFault m_apply;
  QComboBox *m_consumer = nullptr;
  QSpinBox *m_members = nullptr;
};

} // namespace streamscope::ui
