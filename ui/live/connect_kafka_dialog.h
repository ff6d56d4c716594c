#pragma once
// File › Connect to Kafka…: bootstrap servers or librdkafka's mock cluster, and the security
// options. The password is asked here each time (or read from the environment) and never
// stored; the other fields are remembered.
#include "model/live/kafka/kafka_connection.h"

#include <QDialog>

class QComboBox;
class QLineEdit;
class QSpinBox;
class QCheckBox;
class QLabel;
class QPushButton;

namespace streamscope::ui {

class ConnectKafkaDialog : public QDialog {
  Q_OBJECT
public:
  explicit ConnectKafkaDialog(QWidget *parent = nullptr);
  live::KafkaConnection connection() const;
  /// 0: a real cluster; otherwise the mock cluster's broker count.
  int mockBrokers() const;

private:
  void validate();
  QCheckBox *m_mock;
  QSpinBox *m_mockBrokers;
  QLineEdit *m_bootstrap, *m_username, *m_password, *m_ca, *m_cert, *m_key;
  QComboBox *m_protocol, *m_mechanism;
  QLabel *m_problem;
  QPushButton *m_connect = nullptr;
};

} // namespace streamscope::ui
