#pragma once
// Classroom › Host Session… and Classroom › Join Session…: where to listen (the interface,
// the port, TLS) and where to join (address, code, name, the certificate's fingerprint).
// The join code is never remembered; the rest is.
#include "model/classroom/classroom_client.h"
#include "model/classroom/classroom_server.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace streamscope::ui {

class HostSessionDialog : public QDialog {
  Q_OBJECT
public:
  explicit HostSessionDialog(const QString &what, QWidget *parent = nullptr);
  classroom::ClassroomServer::Options options() const;
  bool tls() const;

private:
  QComboBox *m_interface;
  QSpinBox *m_port;
  QCheckBox *m_tls;
  QString m_code;
};

class JoinSessionDialog : public QDialog {
  Q_OBJECT
public:
  explicit JoinSessionDialog(QWidget *parent = nullptr);
  classroom::ClassroomClient::Options options() const;

private:
  void validate();
  QLineEdit *m_address, *m_code, *m_name, *m_fingerprint;
  QLabel *m_problem;
  QPushButton *m_join = nullptr;
};

/// "host:port" split; nullopt with `error` for anything else.
std::optional<std::pair<QString, quint16>> parseHostPort(const QString &text, QString *error);

} // namespace streamscope::ui
