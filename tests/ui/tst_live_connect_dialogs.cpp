// The connect dialogs remember what they may and never a secret: the Kafka SASL password and
// the Kinesis keys typed in them stay out of QSettings; a bad endpoint or a half-typed key
// pair keeps Connect disabled with the reason.
#include "ui/live/connect_kafka_dialog.h"
#include "ui/live/connect_kinesis_dialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QtTest>

using namespace streamscope;

namespace {

void type(QDialog &d, const char *name, const QString &text) {
  auto *edit = d.findChild<QLineEdit *>(QLatin1String(name));
  QVERIFY2(edit, name);
  edit->setText(text);
}

QPushButton *connectButton(QDialog &d) { return d.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok); }

/// Every value QSettings holds, as one text, and the file's bytes.
QString everythingStored() {
  QSettings s;
  s.sync();
  QString all;
  for (const QString &key : s.allKeys())
    all += key + QLatin1Char('=') + s.value(key).toString() + QLatin1Char('\n');
  QFile file(s.fileName());
  if (file.open(QIODevice::ReadOnly))
    all += QString::fromUtf8(file.readAll());
  return all;
}

} // namespace

class TstLiveConnectDialogs : public QObject {
  Q_OBJECT
private slots:
  void initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QSettings().clear();
    qputenv("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent/credentials");
    qputenv("AWS_CONFIG_FILE", "/nonexistent/config");
    for (const char *v : {"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE", "AWS_REGION", "AWS_DEFAULT_REGION"})
      qunsetenv(v);
  }

  void kafkaPasswordIsNeverStored() {
    ui::ConnectKafkaDialog d;
    d.findChild<QComboBox *>()->setCurrentText(QStringLiteral("sasl_plaintext"));
    type(d, "bootstrap", QStringLiteral("broker-1:9092"));
    type(d, "username", QStringLiteral("teacher"));
    QVERIFY(!connectButton(d)->isEnabled()); // SASL without a password
    type(d, "password", QStringLiteral("kafka-secret-4711"));
    QVERIFY(connectButton(d)->isEnabled());
    connectButton(d)->click();
    QCOMPARE(d.result(), int(QDialog::Accepted));
    QCOMPARE(d.connection().saslPassword, QStringLiteral("kafka-secret-4711"));
    const QString stored = everythingStored();
    QVERIFY(stored.contains(QStringLiteral("broker-1:9092")));
    QVERIFY(stored.contains(QStringLiteral("teacher")));
    QVERIFY(!stored.contains(QStringLiteral("kafka-secret-4711")));
  }

  void kinesisKeysAreNeverStored() {
    ui::ConnectKinesisDialog d;
    type(d, "endpoint", QStringLiteral("http://127.0.0.1:4567"));
    type(d, "stream", QStringLiteral("orders"));
    QVERIFY(!connectButton(d)->isEnabled()); // no credentials anywhere
    type(d, "accessKey", QStringLiteral("AKIDTYPEDINDIALOG"));
    QVERIFY(!connectButton(d)->isEnabled()); // half a key pair
    type(d, "secretKey", QStringLiteral("kinesis-secret-0815"));
    QVERIFY(connectButton(d)->isEnabled());
    connectButton(d)->click();
    QCOMPARE(d.result(), int(QDialog::Accepted));
    QCOMPARE(d.options().credentials.secretAccessKey, QStringLiteral("kinesis-secret-0815"));
    QCOMPARE(d.options().region, QStringLiteral("us-east-1")); // an endpoint outside AWS
    QCOMPARE(d.stream(), QStringLiteral("orders"));
    const QString stored = everythingStored();
    QVERIFY(stored.contains(QStringLiteral("http://127.0.0.1:4567")));
    QVERIFY(!stored.contains(QStringLiteral("AKIDTYPEDINDIALOG")));
    QVERIFY(!stored.contains(QStringLiteral("kinesis-secret-0815")));
  }

  void kinesisRefusesBadFieldsWithTheReason() {
    ui::ConnectKinesisDialog d;
    type(d, "accessKey", QStringLiteral("AKID"));
    type(d, "secretKey", QStringLiteral("s"));
    type(d, "stream", QStringLiteral("orders"));
    type(d, "endpoint", QStringLiteral("ftp://example.com"));
    QVERIFY(!connectButton(d)->isEnabled());
    const auto shown = [&d] {
      QString all;
      for (QLabel *l : d.findChildren<QLabel *>())
        all += l->text() + QLatin1Char('\n');
      return all;
    };
    QVERIFY2(shown().contains(QStringLiteral("http")), qPrintable(shown()));
    type(d, "endpoint", QStringLiteral("http://127.0.0.1:4567"));
    type(d, "stream", QStringLiteral("no spaces allowed"));
    QVERIFY(!connectButton(d)->isEnabled());
    QVERIFY2(shown().contains(QStringLiteral("1 to 128")), qPrintable(shown()));
  }
};

QTEST_MAIN(TstLiveConnectDialogs)
#include "tst_live_connect_dialogs.moc"
