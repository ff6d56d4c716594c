#pragma once
// The settings dock: direct manipulation of the running systems. Brokers, a topic's
// partitions, replication factor, min ISR, unclean election and flush policy, a producer's
// acks, rate and keys, consumer counts and a stream's shard count. Every change becomes a
// fault-like action sent through the controller (so it is recorded and saved with the
// scenario); values the real system would reject are flagged inline before they are sent.
#include "model/simulation_controller.h"

#include <QWidget>

#include <functional>

class QCheckBox;
class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QDoubleSpinBox;

namespace streamscope::ui {

class SettingsPanel : public QWidget {
  Q_OBJECT
public:
  using Apply = std::function<void(const engine::Fault &)>;
  SettingsPanel(model::SimulationController &controller, Apply apply, QWidget *parent = nullptr);

public slots:
  /// Re-reads every value from the world (after a load or an applied change).
  void reload();

private:
  QWidget *buildKafka();
  QWidget *buildProducer();
  QWidget *buildConsumers();
  QWidget *buildKinesis();
  void loadTopic();
  void loadProducer();
  void applyTopic();
  void applyProducer();
  void applyConsumers();
  void applyShards();
  void validate();
  void send(engine::Fault fault);
  /// Index in KafkaState::topics of the topic picked, or -1.
  int selectedTopic() const;

  model::SimulationController &m_controller;
  Apply m_apply;
  QWidget *m_kafkaBox = nullptr, *m_producerBox = nullptr, *m_consumerBox = nullptr, *m_kinesisBox = nullptr;
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
  QComboBox *m_producer = nullptr, *m_acks = nullptr;
  QDoubleSpinBox *m_rate = nullptr;
  QSpinBox *m_keys = nullptr;
  QLabel *m_producerError = nullptr;
  QComboBox *m_consumer = nullptr;
  QSpinBox *m_members = nullptr;
  QComboBox *m_stream = nullptr;
  QSpinBox *m_shards = nullptr;
  QLabel *m_shardError = nullptr;
};

} // namespace streamscope::ui
