#pragma once
// The settings dock's producer box: a producer's acks (Kafka only), rate and number of
// distinct keys. One "Apply to producer" is one user action group. GUI thread.
#include "model/settings/world_settings.h"
#include "settings_widgets.h"

#include <QGroupBox>

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QSpinBox;

namespace streamscope::ui {

class ProducerSettings : public QGroupBox {
  Q_OBJECT
public:
  ProducerSettings(model::SimulationController &controller, ApplyFault apply, QWidget *parent = nullptr);

  /// Shows `settings`; hidden when the scenario has no producer.
  void reload(const model::WorldSettings &settings);

private:
  void loadProducer();
  void validate();
  void applyProducer();
  bool send(const engine::Fault &fault) { return m_apply(fault); }

  model::SimulationController &m_controller;
  ApplyFault m_apply;
  QComboBox *m_producer = nullptr, *m_acks = nullptr;
  QDoubleSpinBox *m_rate = nullptr;
  QSpinBox *m_keys = nullptr;
  QLabel *m_producerError = nullptr;
};

} // namespace streamscope::ui
