#pragma once
// The durability probe's settings: topic (created with partitions, RF and min ISR if asked),
// records, rate, acks, idempotence and keys.
#include "model/live/kafka/kafka_probe.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QLineEdit;
class QSpinBox;

namespace streamscope::ui {

class ProbeDialog : public QDialog {
  Q_OBJECT
public:
  explicit ProbeDialog(QWidget *parent = nullptr);
  live::KafkaProbeSettings settings() const;

private:
  QLineEdit *m_topic;
  QSpinBox *m_records, *m_rate, *m_keys, *m_partitions, *m_replication, *m_minIsr;
  QComboBox *m_acks;
  QCheckBox *m_idempotence, *m_create;
};

} // namespace streamscope::ui
