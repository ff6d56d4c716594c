#pragma once
// kinesalite (the Kinesis API in Node.js, installed by tests/live/kinesalite/install.sh)
// started for a test on 127.0.0.1 at a free port, and the AWS environment the tests sign
// with: fixed test keys, and no profile file of this machine read.
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QString>

class KinesaliteProcess {
public:
  ~KinesaliteProcess() {
    m_process.kill();
    m_process.waitForFinished(5000);
  }

  /// Starts it from `dir` (KINESALITE_DIR); an empty string when it runs, else why not.
  QString start(const QString &dir) {
    if (!QFileInfo::exists(dir + QStringLiteral("/node_modules/kinesalite/index.js")))
      return QStringLiteral("kinesalite is not installed: run tests/live/kinesalite/install.sh (CI runs it before the build)");
    const QString node = QStandardPaths::findExecutable(QStringLiteral("node"));
    if (node.isEmpty())
      return QStringLiteral("node is not installed: install the Debian package nodejs (.ci/packages lists it)");
    m_process.setWorkingDirectory(dir);
    m_process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    m_process.start(node, {dir + QStringLiteral("/serve.js"), QStringLiteral("0")});
    if (!m_process.waitForStarted(10000))
      return m_process.errorString();
    static const QRegularExpression listening(QStringLiteral("Listening at (http://127\\.0\\.0\\.1:\\d+)"));
    QByteArray output;
    while (!listening.match(QString::fromUtf8(output)).hasMatch()) {
      if (!m_process.waitForReadyRead(20000))
        return QStringLiteral("kinesalite did not say where it listens within 20 s");
      output += m_process.readAllStandardOutput();
    }
    m_url = listening.match(QString::fromUtf8(output)).captured(1);
    useTestCredentials();
    return {};
  }

  /// "http://127.0.0.1:PORT".
  const QString &url() const { return m_url; }

  /// kinesalite checks the Authorization header's form only: every test signs with these.
  static void useTestCredentials() {
    qputenv("AWS_ACCESS_KEY_ID", "AKIDLIVETEST");
    qputenv("AWS_SECRET_ACCESS_KEY", "live-test-secret-never-printed");
    qunsetenv("AWS_SESSION_TOKEN");
    qunsetenv("AWS_PROFILE");
    qunsetenv("AWS_REGION");
    qunsetenv("AWS_DEFAULT_REGION");
    qputenv("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent/credentials");
    qputenv("AWS_CONFIG_FILE", "/nonexistent/config");
  }

private:
  QProcess m_process;
  QString m_url;
};
