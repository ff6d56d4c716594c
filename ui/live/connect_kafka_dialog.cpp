#include "connect_kafka_dialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>

namespace streamscope::ui {
namespace {
const QString kGroup = QStringLiteral("live/kafka/");
}

ConnectKafkaDialog::ConnectKafkaDialog(QWidget *parent) : QDialog(parent) {
  setWindowTitle(tr("Connect to Kafka"));
  QSettings settings;
  auto *form = new QFormLayout;
  m_mock = new QCheckBox(tr("Start librdkafka's mock cluster (offline, on this computer)"), this);
  m_mock->setToolTip(tr("A real Kafka protocol server inside StreamScope, for classrooms without a cluster. Its brokers can be taken down."));
  m_mockBrokers = new QSpinBox(this);
  m_mockBrokers->setRange(1, 16);
  m_mockBrokers->setValue(settings.value(kGroup + QStringLiteral("mockBrokers"), 3).toInt());
  m_mockBrokers->setSuffix(tr(" brokers"));
  m_bootstrap = new QLineEdit(settings.value(kGroup + QStringLiteral("bootstrap")).toString(), this);
  m_bootstrap->setPlaceholderText(QStringLiteral("broker-1:9092,broker-2:9092"));
  m_protocol = new QComboBox(this);
  m_protocol->addItems({QStringLiteral("plaintext"), QStringLiteral("ssl"), QStringLiteral("sasl_plaintext"), QStringLiteral("sasl_ssl")});
  m_protocol->setCurrentText(settings.value(kGroup + QStringLiteral("protocol"), QStringLiteral("plaintext")).toString());
  m_mechanism = new QComboBox(this);
  m_mechanism->addItems({QStringLiteral("PLAIN"), QStringLiteral("SCRAM-SHA-256"), QStringLiteral("SCRAM-SHA-512")});
  m_mechanism->setCurrentText(settings.value(kGroup + QStringLiteral("mechanism"), QStringLiteral("PLAIN")).toString());
  m_username = new QLineEdit(settings.value(kGroup + QStringLiteral("username")).toString(), this);
  m_password = new QLineEdit(this);
  m_password->setEchoMode(QLineEdit::Password);
  m_password->setPlaceholderText(tr("asked each time, never saved (or set %1)").arg(QLatin1String(live::kSaslPasswordVariable)));
  m_ca = new QLineEdit(settings.value(kGroup + QStringLiteral("ca")).toString(), this);
  m_cert = new QLineEdit(settings.value(kGroup + QStringLiteral("cert")).toString(), this);
  m_key = new QLineEdit(settings.value(kGroup + QStringLiteral("key")).toString(), this);
  for (QLineEdit *e : {m_ca, m_cert, m_key})
    e->setPlaceholderText(tr("PEM file (TLS only)"));
  for (auto [edit, name] : {std::pair{m_bootstrap, "bootstrap"}, {m_username, "username"}, {m_password, "password"}})
    edit->setObjectName(QLatin1String(name));
  m_problem = new QLabel(this);
  m_problem->setWordWrap(true);
  form->addRow(m_mock);
  form->addRow(tr("Mock cluster:"), m_mockBrokers);
  form->addRow(tr("&Bootstrap servers:"), m_bootstrap);
  form->addRow(tr("Security &protocol:"), m_protocol);
  form->addRow(tr("SASL &mechanism:"), m_mechanism);
  form->addRow(tr("SASL &user:"), m_username);
  form->addRow(tr("SASL pass&word:"), m_password);
  form->addRow(tr("CA certificate:"), m_ca);
  form->addRow(tr("Client certificate:"), m_cert);
  form->addRow(tr("Client key:"), m_key);
  form->addRow(m_problem);
  auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
  m_connect = buttons->button(QDialogButtonBox::Ok);
  m_connect->setText(tr("&Connect"));
  connect(buttons, &QDialogButtonBox::accepted, this, [this] {
    QSettings s; // everything but the password
    s.setValue(kGroup + QStringLiteral("bootstrap"), m_bootstrap->text());
    s.setValue(kGroup + QStringLiteral("mockBrokers"), m_mockBrokers->value());
    s.setValue(kGroup + QStringLiteral("protocol"), m_protocol->currentText());
    s.setValue(kGroup + QStringLiteral("mechanism"), m_mechanism->currentText());
    s.setValue(kGroup + QStringLiteral("username"), m_username->text());
    s.setValue(kGroup + QStringLiteral("ca"), m_ca->text());
    s.setValue(kGroup + QStringLiteral("cert"), m_cert->text());
    s.setValue(kGroup + QStringLiteral("key"), m_key->text());
    accept();
  });
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  form->addRow(buttons);
  setLayout(form);
  for (QLineEdit *e : {m_bootstrap, m_username, m_password, m_ca, m_cert, m_key})
    connect(e, &QLineEdit::textChanged, this, &ConnectKafkaDialog::validate);
  connect(m_mock, &QCheckBox::toggled, this, &ConnectKafkaDialog::validate);
  connect(m_protocol, &QComboBox::currentTextChanged, this, &ConnectKafkaDialog::validate);
  validate();
}

live::KafkaConnection ConnectKafkaDialog::connection() const {
  live::KafkaConnection c;
  c.bootstrap = m_bootstrap->text().trimmed();
  c.securityProtocol = m_protocol->currentText();
  c.saslMechanism = m_mechanism->currentText();
  c.saslUsername = m_username->text();
  c.saslPassword = m_password->text();
  c.sslCaFile = m_ca->text();
  c.sslCertFile = m_cert->text();
  c.sslKeyFile = m_key->text();
  return c;
}

int ConnectKafkaDialog::mockBrokers() const { return m_mock->isChecked() ? m_mockBrokers->value() : 0; }

void ConnectKafkaDialog::validate() {
  const bool mock = m_mock->isChecked();
  m_mockBrokers->setEnabled(mock);
  const bool sasl = m_protocol->currentText().startsWith(QLatin1String("sasl"));
  const bool tls = m_protocol->currentText().endsWith(QLatin1String("ssl"));
  for (QWidget *w : std::initializer_list<QWidget *>{m_bootstrap, m_protocol})
    w->setEnabled(!mock);
  for (QWidget *w : std::initializer_list<QWidget *>{m_mechanism, m_username, m_password})
    w->setEnabled(!mock && sasl);
  for (QWidget *w : std::initializer_list<QWidget *>{m_ca, m_cert, m_key})
    w->setEnabled(!mock && tls);
  QString problem;
  if (!mock) {
    if (const auto p = live::bootstrapProblem(m_bootstrap->text()))
      problem = *p;
    else if (sasl && m_username->text().isEmpty())
      problem = tr("SASL needs a user name");
    else if (sasl && m_password->text().isEmpty() && qEnvironmentVariableIsEmpty(live::kSaslPasswordVariable))
      problem = tr("SASL needs a password (or %1 in the environment)").arg(QLatin1String(live::kSaslPasswordVariable));
  }
  m_problem->setText(problem);
  m_connect->setEnabled(problem.isEmpty());
}

} // namespace streamscope::ui
