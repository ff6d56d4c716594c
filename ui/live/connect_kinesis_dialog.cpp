#include "connect_kinesis_dialog.h"

#include "model/live/kinesis/aws_credentials.h"
#include "model/live/kinesis/kinesis_endpoint.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSettings>
#include <QSpinBox>

namespace streamscope::ui {
namespace {
const QString kGroup = QStringLiteral("live/kinesis/");
}

ConnectKinesisDialog::ConnectKinesisDialog(QWidget *parent) : QDialog(parent) {
  setWindowTitle(tr("Connect to Kinesis"));
  QSettings settings;
  m_endpoint =
      new QLineEdit(settings.value(kGroup + QStringLiteral("endpoint"), QStringLiteral("https://kinesis.us-east-1.amazonaws.com")).toString(), this);
  m_endpoint->setToolTip(tr("AWS's regional endpoint, or a local emulator such as LocalStack (http://localhost:4566) or kinesalite"));
  m_stream = new QLineEdit(settings.value(kGroup + QStringLiteral("stream")).toString(), this);
  m_stream->setPlaceholderText(QStringLiteral("orders"));
  m_region = new QLineEdit(settings.value(kGroup + QStringLiteral("region")).toString(), this);
  m_region->setPlaceholderText(tr("from the endpoint, AWS_REGION or the profile"));
  m_create = new QCheckBox(tr("Create the stream if it does not exist, with"), this);
  m_create->setChecked(settings.value(kGroup + QStringLiteral("create"), false).toBool());
  m_create->setToolTip(tr("A provisioned stream, for a classroom emulator or a sandbox account (AWS bills shard hours)"));
  m_shards = new QSpinBox(this);
  m_shards->setRange(1, 64);
  m_shards->setValue(settings.value(kGroup + QStringLiteral("shards"), 2).toInt());
  m_shards->setSuffix(tr(" shards"));
  m_accessKey = new QLineEdit(this);
  m_accessKey->setPlaceholderText(tr("optional: else the AWS environment or credentials file"));
  m_secretKey = new QLineEdit(this);
  m_secretKey->setEchoMode(QLineEdit::Password);
  m_secretKey->setPlaceholderText(tr("used for this connection only, never saved"));
  for (auto [edit, name] :
       {std::pair{m_endpoint, "endpoint"}, {m_stream, "stream"}, {m_region, "region"}, {m_accessKey, "accessKey"}, {m_secretKey, "secretKey"}})
    edit->setObjectName(QLatin1String(name));
  m_credentials = new QLabel(this);
  m_credentials->setWordWrap(true);
  m_problem = new QLabel(this);
  m_problem->setWordWrap(true);
  auto *form = new QFormLayout;
  form->addRow(tr("&Endpoint URL:"), m_endpoint);
  form->addRow(tr("&Stream:"), m_stream);
  form->addRow(tr("&Region:"), m_region);
  form->addRow(m_create, m_shards);
  form->addRow(tr("&Access key ID:"), m_accessKey);
  form->addRow(tr("Secret &key:"), m_secretKey);
  form->addRow(tr("Credentials:"), m_credentials);
  form->addRow(m_problem);
  auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
  m_connect = buttons->button(QDialogButtonBox::Ok);
  m_connect->setText(tr("&Connect"));
  connect(buttons, &QDialogButtonBox::accepted, this, [this] {
    QSettings s; // never the keys
    s.setValue(kGroup + QStringLiteral("endpoint"), m_endpoint->text().trimmed());
    s.setValue(kGroup + QStringLiteral("stream"), m_stream->text().trimmed());
    s.setValue(kGroup + QStringLiteral("region"), m_region->text().trimmed());
    s.setValue(kGroup + QStringLiteral("create"), m_create->isChecked());
    s.setValue(kGroup + QStringLiteral("shards"), m_shards->value());
    accept();
  });
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  form->addRow(buttons);
  setLayout(form);
  for (QLineEdit *e : {m_endpoint, m_stream, m_region, m_accessKey, m_secretKey})
    connect(e, &QLineEdit::textChanged, this, &ConnectKinesisDialog::validate);
  connect(m_create, &QCheckBox::toggled, this, &ConnectKinesisDialog::validate);
  validate();
  resize(560, sizeHint().height());
}

std::optional<live::kinesis::ClientOptions> ConnectKinesisDialog::build(QString *problem) const {
  using namespace live::kinesis;
  const auto endpoint = parseEndpoint(m_endpoint->text().trimmed(), problem);
  if (!endpoint)
    return std::nullopt;
  static const QRegularExpression streamName(QStringLiteral("^[a-zA-Z0-9_.-]{1,128}$"));
  if (!streamName.match(stream()).hasMatch()) {
    *problem = tr("The stream's name needs 1 to 128 letters, digits, '_', '.' or '-'.");
    return std::nullopt;
  }
  const QString region = resolveRegion(m_region->text().trimmed(), *endpoint, problem);
  if (region.isEmpty())
    return std::nullopt;
  ClientOptions options{*endpoint, region, {}};
  const QString typedKey = m_accessKey->text().trimmed();
  if (!typedKey.isEmpty() || !m_secretKey->text().isEmpty()) {
    if (typedKey.isEmpty() || m_secretKey->text().isEmpty()) {
      *problem = tr("Type both the access key ID and the secret key, or neither.");
      return std::nullopt;
    }
    options.credentials = {typedKey, m_secretKey->text(), {}, tr("typed in this dialog")};
    return options;
  }
  const auto found = findAwsCredentials(problem);
  if (!found)
    return std::nullopt;
  options.credentials = *found;
  return options;
}

live::kinesis::ClientOptions ConnectKinesisDialog::options() const {
  QString unused;
  return build(&unused).value_or(live::kinesis::ClientOptions{});
}

QString ConnectKinesisDialog::stream() const { return m_stream->text().trimmed(); }

int ConnectKinesisDialog::createShards() const { return m_create->isChecked() ? m_shards->value() : 0; }

void ConnectKinesisDialog::validate() {
  m_shards->setEnabled(m_create->isChecked());
  QString problem;
  const auto options = build(&problem);
  m_credentials->setText(options ? tr("from %1").arg(options->credentials.source) : tr("none found yet"));
  m_problem->setText(problem);
  m_connect->setEnabled(options.has_value());
}

} // namespace streamscope::ui
