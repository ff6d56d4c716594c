#include "session_dialogs.h"

#include "model/classroom/join_code.h"
#include "model/classroom/student_name.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QNetworkInterface>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>

namespace streamscope::ui {
namespace {
const QString kGroup = QStringLiteral("classroom/");
}

std::optional<std::pair<QString, quint16>> parseHostPort(const QString &text, QString *error) {
  const QString t = text.trimmed();
  const qsizetype colon = t.lastIndexOf(QLatin1Char(':'));
  bool ok = false;
  const int port = colon > 0 ? t.mid(colon + 1).toInt(&ok) : 0;
  if (!ok || port < 1 || port > 65535) {
    *error = QObject::tr("The address needs a host and a port, as the teacher's screen shows it (192.168.1.20:47300).");
    return std::nullopt;
  }
  return std::pair{t.left(colon), static_cast<quint16>(port)};
}

HostSessionDialog::HostSessionDialog(const QString &what, QWidget *parent)
    : QDialog(parent), m_interface(new QComboBox(this)), m_port(new QSpinBox(this)), m_tls(new QCheckBox(tr("Encrypt with TLS"), this)),
      m_code(classroom::generateJoinCode()) {
  setWindowTitle(tr("Host a Classroom Session"));
  QSettings settings;
  m_interface->addItem(tr("Every network interface"), QStringLiteral("0.0.0.0"));
  for (const QHostAddress &a : QNetworkInterface::allAddresses())
    if (a.protocol() == QAbstractSocket::IPv4Protocol)
      m_interface->addItem(a.isLoopback() ? tr("%1 (this computer only)").arg(a.toString()) : a.toString(), a.toString());
  m_interface->setCurrentIndex(std::max(0, m_interface->findData(settings.value(kGroup + QStringLiteral("interface")))));
  m_interface->setToolTip(tr("Students reach the session at this address: the classroom's network, not the internet"));
  m_port->setRange(1024, 65535);
  m_port->setValue(settings.value(kGroup + QStringLiteral("port"), 47300).toInt());
  m_tls->setChecked(settings.value(kGroup + QStringLiteral("tls"), false).toBool());
  m_tls->setToolTip(tr("A certificate made on this computer the first time; students type its fingerprint to trust it"));
  auto *form = new QFormLayout(this);
  auto *intro =
      new QLabel(tr("The class follows %1 from its start: every student's app shows what yours does. The join code is %2.").arg(what, m_code), this);
  intro->setWordWrap(true);
  form->addRow(intro);
  form->addRow(tr("&Interface:"), m_interface);
  form->addRow(tr("&Port:"), m_port);
  form->addRow(m_tls);
  auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
  buttons->button(QDialogButtonBox::Ok)->setText(tr("&Host"));
  connect(buttons, &QDialogButtonBox::accepted, this, [this] {
    QSettings s;
    s.setValue(kGroup + QStringLiteral("interface"), m_interface->currentData());
    s.setValue(kGroup + QStringLiteral("port"), m_port->value());
    s.setValue(kGroup + QStringLiteral("tls"), m_tls->isChecked());
    accept();
  });
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  form->addRow(buttons);
}

classroom::ClassroomServer::Options HostSessionDialog::options() const {
  classroom::ClassroomServer::Options o;
  o.address = QHostAddress(m_interface->currentData().toString());
  o.port = static_cast<quint16>(m_port->value());
  o.code = m_code;
  return o;
}

bool HostSessionDialog::tls() const { return m_tls->isChecked(); }

JoinSessionDialog::JoinSessionDialog(QWidget *parent)
    : QDialog(parent), m_address(new QLineEdit(this)), m_code(new QLineEdit(this)), m_name(new QLineEdit(this)), m_fingerprint(new QLineEdit(this)),
      m_problem(new QLabel(this)) {
  setWindowTitle(tr("Join a Classroom Session"));
  QSettings settings;
  m_address->setText(settings.value(kGroup + QStringLiteral("address")).toString());
  m_address->setPlaceholderText(QStringLiteral("192.168.1.20:47300"));
  m_name->setText(settings.value(kGroup + QStringLiteral("name")).toString());
  m_name->setMaxLength(classroom::kMaxStudentNameLength);
  m_code->setPlaceholderText(tr("six characters, from the teacher's screen"));
  m_fingerprint->setPlaceholderText(tr("only for an encrypted session"));
  m_address->setObjectName(QStringLiteral("address"));
  m_code->setObjectName(QStringLiteral("code"));
  m_name->setObjectName(QStringLiteral("name"));
  m_problem->setWordWrap(true);
  auto *form = new QFormLayout(this);
  form->addRow(tr("&Address:"), m_address);
  form->addRow(tr("&Code:"), m_code);
  form->addRow(tr("Your &name:"), m_name);
  form->addRow(tr("&Fingerprint:"), m_fingerprint);
  form->addRow(m_problem);
  auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
  m_join = buttons->button(QDialogButtonBox::Ok);
  m_join->setText(tr("&Join"));
  connect(buttons, &QDialogButtonBox::accepted, this, [this] {
    QSettings s; // never the code
    s.setValue(kGroup + QStringLiteral("address"), m_address->text().trimmed());
    s.setValue(kGroup + QStringLiteral("name"), m_name->text().trimmed());
    accept();
  });
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  form->addRow(buttons);
  for (QLineEdit *e : {m_address, m_code, m_name})
    connect(e, &QLineEdit::textChanged, this, &JoinSessionDialog::validate);
  validate();
}

void JoinSessionDialog::validate() {
  QString problem;
  if (!parseHostPort(m_address->text(), &problem))
    ;
  else if (classroom::normalizeJoinCode(m_code->text()).size() != classroom::kJoinCodeLength)
    problem = tr("The code has %1 characters.").arg(classroom::kJoinCodeLength);
  else if (classroom::sanitizeStudentName(m_name->text()).isEmpty())
    problem = tr("Type the name the class will see.");
  m_problem->setText(problem);
  m_join->setEnabled(problem.isEmpty());
}

classroom::ClassroomClient::Options JoinSessionDialog::options() const {
  classroom::ClassroomClient::Options o;
  QString unused;
  if (const auto where = parseHostPort(m_address->text(), &unused)) {
    o.host = where->first;
    o.port = where->second;
  }
  o.code = m_code->text();
  o.name = m_name->text();
  o.fingerprint = m_fingerprint->text().trimmed();
  return o;
}

} // namespace streamscope::ui
