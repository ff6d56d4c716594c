// Encrypted sessions: the teacher's self-signed identity is made once and kept privately, and a
// student connects only to the certificate whose fingerprint it was given.
#include "classroom_fixture.h"

#include "model/classroom/self_signed_cert.h"

#include <QFile>
#include <QTemporaryDir>

#include <filesystem>

using namespace streamscope::classroom;
using namespace streamscope::classroom::testing;

namespace {

/// The file's mode is exactly 0600.
bool ownerOnly(const QString &path) {
  namespace fs = std::filesystem;
  return (fs::status(path.toStdString()).permissions() & fs::perms::all) == (fs::perms::owner_read | fs::perms::owner_write);
}

} // namespace

class TestClassroomTls : public QObject {
  Q_OBJECT
private slots:
  void identityIsMadeOnceAndKeptPrivately() {
    QTemporaryDir dir;
    QString error;
    const QString folder = dir.filePath(QStringLiteral("classroom"));
    const auto made = loadOrCreateTlsIdentity(folder, &error);
    QVERIFY2(made, qPrintable(error));
    const QString keyPath = folder + QStringLiteral("/classroom-key.pem");
    QVERIFY(QFile::exists(keyPath));
    QVERIFY(ownerOnly(keyPath));
    QVERIFY(made->certificate.isSelfSigned());
    QVERIFY(made->certificate.expiryDate() > QDateTime::currentDateTime().addYears(5));
    QCOMPARE(made->certificate.subjectInfo(QSslCertificate::CommonName), QStringList{QStringLiteral("StreamScope classroom")});
    QCOMPARE(made->fingerprint().size(), 32 * 3 - 1);
    // Loaded, not remade: the fingerprint students were given stays valid.
    QFile::setPermissions(keyPath, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadOther);
    const auto loaded = loadOrCreateTlsIdentity(folder, &error);
    QVERIFY2(loaded, qPrintable(error));
    QCOMPARE(loaded->fingerprint(), made->fingerprint());
    QVERIFY(ownerOnly(keyPath));
  }

  void fingerprintsParse() {
    QString error;
    const auto identity = createTlsIdentity(&error);
    QVERIFY2(identity, qPrintable(error));
    const QByteArray digest = identity->certificate.digest(QCryptographicHash::Sha256);
    QCOMPARE(parseFingerprint(identity->fingerprint()), digest);
    QCOMPARE(parseFingerprint(identity->fingerprint().toLower().replace(QLatin1Char(':'), QLatin1Char(' '))), digest);
    QVERIFY(parseFingerprint(QStringLiteral("AB:CD")).isEmpty());
    QVERIFY(parseFingerprint(identity->fingerprint().replace(0, 1, QLatin1Char('G'))).isEmpty());
  }

  void pinnedSessionWorks() {
    QString error;
    const auto identity = createTlsIdentity(&error);
    QVERIFY2(identity, qPrintable(error));
    ClassroomServer host;
    auto options = hostOptions();
    options.tls = identity;
    QVERIFY2(host.listen(options), qPrintable(host.errorString()));
    QVERIFY(host.setSession(scenarioSession()));
    Student student;
    student.join(host.port(), QStringLiteral("Tess"), kCode, identity->fingerprint());
    QTRY_VERIFY_WITH_TIMEOUT(student.client->isConnected(), 10000);
    QVERIFY(student.refusals.isEmpty());
    host.broadcast(play());
    QTRY_COMPARE(student.seqs, QList<qint64>{1});
    // Resuming goes through the same check.
    student.client->dropConnection();
    host.broadcast(play(5));
    QTRY_COMPARE_WITH_TIMEOUT(student.seqs, (QList<qint64>{1, 2}), 10000);
    QCOMPARE(student.reconnects, 1);
  }

  void wrongFingerprintIsRefused() {
    QString error;
    const auto identity = createTlsIdentity(&error);
    const auto impostor = createTlsIdentity(&error);
    QVERIFY(identity && impostor);
    ClassroomServer host;
    auto options = hostOptions();
    options.tls = impostor;
    QVERIFY(host.listen(options));
    Student student;
    student.join(host.port(), QStringLiteral("Tess"), kCode, identity->fingerprint());
    QTRY_COMPARE_WITH_TIMEOUT(student.refusals.size(), 1, 10000);
    QVERIFY2(student.refusals.first().contains(impostor->fingerprint()) && student.refusals.first().contains(identity->fingerprint()),
             qPrintable(student.refusals.first()));
    QTest::qWait(300);
    QVERIFY(host.students().isEmpty());
  }

  void plainClientCannotJoinAnEncryptedSession() {
    QString error;
    const auto identity = createTlsIdentity(&error);
    QVERIFY(identity);
    ClassroomServer host;
    auto options = hostOptions();
    options.tls = identity;
    QVERIFY(host.listen(options));
    Student student;
    student.join(host.port(), QStringLiteral("Pat"));
    QTRY_COMPARE_WITH_TIMEOUT(student.refusals.size(), 1, 10000);
    QVERIFY(host.students().isEmpty());
  }
};

QTEST_MAIN(TestClassroomTls)
#include "tst_classroom_tls.moc"
