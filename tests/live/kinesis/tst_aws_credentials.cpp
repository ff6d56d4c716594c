// Credentials and region as the AWS tools find them, where to connect, and that no secret
// ever appears in what is printed.
#include "model/live/kinesis/aws_credentials.h"
#include "model/live/kinesis/kinesis_endpoint.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace streamscope::live::kinesis;

namespace {

void clearAwsEnvironment(const QString &dir) {
  for (const char *name : {"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE", "AWS_REGION", "AWS_DEFAULT_REGION"})
    qunsetenv(name);
  qputenv("AWS_SHARED_CREDENTIALS_FILE", (dir + QStringLiteral("/credentials")).toUtf8());
  qputenv("AWS_CONFIG_FILE", (dir + QStringLiteral("/config")).toUtf8());
}

void write(const QString &path, const QByteArray &text) {
  QFile f(path);
  QVERIFY(f.open(QIODevice::WriteOnly));
  f.write(text);
}

} // namespace

class TestAwsCredentials : public QObject {
  Q_OBJECT
private slots:
  void init() { clearAwsEnvironment(m_dir.path()); }
  void environmentFirst();
  void halfSetEnvironmentIsRefused();
  void credentialsFileProfile();
  void configFileProfile();
  void profileWithoutSecret();
  void noneFound();
  void region();
  void endpoints();

private:
  QTemporaryDir m_dir;
};

void TestAwsCredentials::environmentFirst() {
  write(m_dir.filePath(QStringLiteral("credentials")), "[default]\naws_access_key_id = FILEKEY\naws_secret_access_key = filesecret\n");
  qputenv("AWS_ACCESS_KEY_ID", "ENVKEY");
  qputenv("AWS_SECRET_ACCESS_KEY", "envsecret");
  qputenv("AWS_SESSION_TOKEN", "envtoken");
  QString error;
  const auto c = findAwsCredentials(&error);
  QVERIFY2(c, qPrintable(error));
  QCOMPARE(c->accessKeyId, QStringLiteral("ENVKEY"));
  QCOMPARE(c->sessionToken, QStringLiteral("envtoken"));
  QCOMPARE(c->source, QStringLiteral("the environment"));
}

void TestAwsCredentials::halfSetEnvironmentIsRefused() {
  qputenv("AWS_SECRET_ACCESS_KEY", "envsecret");
  QString error;
  QVERIFY(!findAwsCredentials(&error));
  QCOMPARE(error, QStringLiteral("the environment sets AWS_SECRET_ACCESS_KEY but not AWS_ACCESS_KEY_ID: set both, or neither to use a profile"));
}

void TestAwsCredentials::credentialsFileProfile() {
  const QString path = m_dir.filePath(QStringLiteral("credentials"));
  write(path,
        "# comment\n[default]\naws_access_key_id=DEFAULTKEY\naws_secret_access_key=defaultsecret\n\n"
        "[teaching]\nAWS_ACCESS_KEY_ID = TEACHKEY\naws_secret_access_key = a/b+c=d,e\naws_session_token = tok\n");
  qputenv("AWS_PROFILE", "teaching");
  QString error;
  const auto c = findAwsCredentials(&error);
  QVERIFY2(c, qPrintable(error));
  QCOMPARE(c->accessKeyId, QStringLiteral("TEACHKEY"));
  QCOMPARE(c->secretAccessKey, QStringLiteral("a/b+c=d,e")); // '=' and ',' are part of the value
  QCOMPARE(c->sessionToken, QStringLiteral("tok"));
  QCOMPARE(c->source, QStringLiteral("profile 'teaching' in %1").arg(path));
}

void TestAwsCredentials::configFileProfile() {
  write(m_dir.filePath(QStringLiteral("config")),
        "[profile lab]\nregion = eu-west-1\naws_access_key_id = LABKEY\naws_secret_access_key = labsecret\n");
  qputenv("AWS_PROFILE", "lab");
  QString error;
  const auto c = findAwsCredentials(&error);
  QVERIFY2(c, qPrintable(error));
  QCOMPARE(c->accessKeyId, QStringLiteral("LABKEY"));
  QCOMPARE(configuredAwsRegion(), QStringLiteral("eu-west-1"));
}

void TestAwsCredentials::profileWithoutSecret() {
  const QString path = m_dir.filePath(QStringLiteral("credentials"));
  write(path, "[default]\naws_access_key_id = ONLYKEY\n");
  QString error;
  QVERIFY(!findAwsCredentials(&error));
  QCOMPARE(error, QStringLiteral("profile 'default' in %1 has aws_access_key_id but no aws_secret_access_key").arg(path));
}

void TestAwsCredentials::noneFound() {
  QFile::remove(m_dir.filePath(QStringLiteral("credentials")));
  QFile::remove(m_dir.filePath(QStringLiteral("config")));
  qputenv("AWS_PROFILE", "missing");
  QString error;
  QVERIFY(!findAwsCredentials(&error));
  QCOMPARE(error,
           QStringLiteral("no AWS credentials found: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or give profile 'missing' "
                          "aws_access_key_id and aws_secret_access_key in %1 (AWS_PROFILE chooses the profile)")
               .arg(m_dir.filePath(QStringLiteral("credentials"))));
}

void TestAwsCredentials::region() {
  QString error;
  const QUrl local(QStringLiteral("http://127.0.0.1:4567"));
  QCOMPARE(resolveRegion({}, local, &error), QStringLiteral("us-east-1"));
  qputenv("AWS_DEFAULT_REGION", "ap-south-1");
  QCOMPARE(resolveRegion({}, local, &error), QStringLiteral("ap-south-1"));
  qputenv("AWS_REGION", "sa-east-1");
  QCOMPARE(resolveRegion({}, local, &error), QStringLiteral("sa-east-1"));
  QCOMPARE(resolveRegion({}, QUrl(QStringLiteral("https://kinesis.eu-central-1.amazonaws.com")), &error), QStringLiteral("eu-central-1"));
  QCOMPARE(resolveRegion(QStringLiteral("us-west-2"), local, &error), QStringLiteral("us-west-2"));
  clearAwsEnvironment(m_dir.path());
  QFile::remove(m_dir.filePath(QStringLiteral("config")));
  QCOMPARE(resolveRegion({}, QUrl(QStringLiteral("https://vpce-1.kinesis.amazonaws.com")), &error), QString());
  QCOMPARE(error, QStringLiteral("no region for https://vpce-1.kinesis.amazonaws.com: give --region, or set AWS_REGION"));
}

void TestAwsCredentials::endpoints() {
  QString error;
  QVERIFY(parseEndpoint(QStringLiteral("https://kinesis.us-east-1.amazonaws.com"), &error));
  QVERIFY(parseEndpoint(QStringLiteral("http://localhost:4566"), &error));
  for (const QString &bad : {QStringLiteral("127.0.0.1:4567"), QStringLiteral("ftp://host"), QStringLiteral("http://"), QString()}) {
    QVERIFY(!parseEndpoint(bad, &error));
    QVERIFY2(error.contains(QStringLiteral("not '%1'").arg(bad)), qPrintable(error));
  }
  QCOMPARE(regionOfEndpoint(QUrl(QStringLiteral("https://kinesis-fips.us-gov-west-1.amazonaws.com"))), QStringLiteral("us-gov-west-1"));
  QCOMPARE(regionOfEndpoint(QUrl(QStringLiteral("https://kinesis.cn-north-1.amazonaws.com.cn"))), QStringLiteral("cn-north-1"));
  QCOMPARE(regionOfEndpoint(QUrl(QStringLiteral("http://localhost:4566"))), QString());
}

QTEST_APPLESS_MAIN(TestAwsCredentials)
#include "tst_aws_credentials.moc"
