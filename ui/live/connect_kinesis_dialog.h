#pragma once
// File › Connect to Kinesis…: the endpoint URL (AWS, LocalStack, kinesalite), the stream, the
// region to sign for, and where the credentials come from. Keys come from the AWS
// environment or the shared credentials file; keys typed here serve this connection only
// and are never saved. The other fields are remembered.
#include "model/live/kinesis/kinesis_client.h"

#include <QDialog>

#include <optional>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace streamscope::ui {

class ConnectKinesisDialog : public QDialog {
  Q_OBJECT
public:
  explicit ConnectKinesisDialog(QWidget *parent = nullptr);
  /// Endpoint, region and credentials; valid once the dialog was accepted.
  live::kinesis::ClientOptions options() const;
  QString stream() const;
  /// 0: do not create; otherwise the shard count of a stream created if it does not exist.
  int createShards() const;

private:
  void validate();
  /// The options if every field is usable, else nullopt with `problem`.
  std::optional<live::kinesis::ClientOptions> build(QString *problem) const;

  QLineEdit *m_endpoint, *m_stream, *m_region, *m_accessKey, *m_secretKey;
  QCheckBox *m_create;
  QSpinBox *m_shards;
  QLabel *m_credentials, *m_problem;
  QPushButton *m_connect = nullptr;
};

} // namespace streamscope::ui
