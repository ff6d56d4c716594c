#pragma once
// The teacher's TLS identity for an encrypted classroom session: a P-256 key and a
// self-signed certificate, made with OpenSSL on first use and kept in the app's data folder
// (the key readable by its owner only). Students do not check it against any authority: they
// pin its SHA-256 fingerprint, which the teacher shows beside the join code.
// Contract: blocking file I/O (milliseconds); any thread, one caller per folder at a time.
#include <QByteArray>
#include <QSslCertificate>
#include <QSslKey>
#include <QString>

#include <optional>

namespace streamscope::classroom {

struct TlsIdentity {
  QSslCertificate certificate;
  QSslKey privateKey;
  /// The certificate's SHA-256 fingerprint as 32 colon-separated hex pairs.
  QString fingerprint() const;
};

/// Where loadOrCreateTlsIdentity keeps the files by default: <AppDataLocation>/classroom.
QString defaultTlsDirectory();

/// A new key and certificate, in memory only.
std::optional<TlsIdentity> createTlsIdentity(QString *error);

/// The identity stored in `directory` (classroom-cert.pem, classroom-key.pem), made and stored
/// there first if missing or unreadable. The key file gets permissions 0600, the folder 0700.
std::optional<TlsIdentity> loadOrCreateTlsIdentity(const QString &directory, QString *error);

/// "AB:CD:..." for a certificate.
QString certificateFingerprint(const QSslCertificate &certificate);

/// The 32 bytes of a typed SHA-256 fingerprint (hex, with or without colons or spaces, any
/// case); empty if it is not one.
QByteArray parseFingerprint(const QString &typed);

} // namespace streamscope::classroom
