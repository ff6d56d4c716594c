#pragma once
// The settings dock's Kafka box: add or remove a broker, create or delete a topic, and a
// topic's partitions, replication factor, min ISR, unclean election and flush policy. One
// "Apply to topic" is one user action group. Values Kafka would refuse are flagged inline
// (with the engine's own rules) before anything is sent. GUI thread.
#include "model/settings/world_settings.h"
#include "settings_widgets.h"

#include <QGroupBox>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace streamscope::ui {

class KafkaSettings : public QGroupBox {
  Q_OBJECT
public:
  KafkaSettings(model::SimulationController &controller, ApplyFault apply, QWidget *parent = nullptr);

  /// Shows `settings` (after a load or an applied change); hidden without a Kafka cluster.
  void reload(const model::WorldSettings &settings);

private:
  void loadTopic();
  void validate();
  void applyTopic();
  bool send(const engine::Fault &fault) { return m_apply(fault); }
  /// Index in the world's topic list of the topic picked, or -1.
  int selectedTopic() const;

  model::SimulationController &m_controller;
  ApplyFault m_apply;
  QLabel *m_brokers = nullptr;
  QComboBox *m_topic = nullptr;
  QComboBox *m_removeBrokerId = nullptr;
  QLineEdit *m_newTopic = nullptr;
  QSpinBox *m_newTopicPartitions = nullptr;
  QSpinBox *m_partitions = nullptr, *m_rf = nullptr, *m_minIsr = nullptr;
  QCheckBox *m_unclean = nullptr, *m_flushMessagesOn = nullptr, *m_flushMsOn = nullptr;
  QSpinBox *m_flushMessages = nullptr, *m_flushMs = nullptr;
  QLabel *m_topicError = nullptr;
  QPushButton *m_applyTopic = nullptr;
};

} // namespace streamscope::ui
