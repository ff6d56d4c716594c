#include "self_signed_cert.h"

#include <QDir>
#include <QFile>
#include <QStandardPaths>

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <memory>

namespace streamscope::classroom {

namespace {

constexpr long kValiditySeconds = 10L * 365 * 24 * 3600;
const QString kCertFile = QStringLiteral("classroom-cert.pem");
const QString kKeyFile = QStringLiteral("classroom-key.pem");

template <typename T, void (*Free)(T *)> struct Deleter {
  void operator()(T *p) const { Free(p); }
};
using PKey = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY, EVP_PKEY_free>>;
using Cert = std::unique_ptr<X509, Deleter<X509, X509_free>>;
using Bio = std::unique_ptr<BIO, Deleter<BIO, BIO_free_all>>;
using BigNum = std::unique_ptr<BIGNUM, Deleter<BIGNUM, BN_free>>;

QString opensslError(const char *step) {
  const unsigned long code = ERR_get_error();
  char text[256] = {};
  ERR_error_string_n(code, text, sizeof text);
  ERR_clear_error();
  return QStringLiteral("%1 failed: %2").arg(QLatin1String(step), QLatin1String(text));
}

QByteArray drain(BIO *bio) {
  char *data = nullptr;
  const long size = BIO_get_mem_data(bio, &data);
  return QByteArray(data, static_cast<qsizetype>(size));
}

/// The certificate and key of `key` as PEM, or empty arrays on failure (with `error`).
bool makePem(QByteArray *certPem, QByteArray *keyPem, QString *error) {
  const PKey key(EVP_EC_gen("P-256"));
  if (!key)
    return *error = opensslError("EVP_EC_gen"), false;
  const Cert cert(X509_new());
  const BigNum serial(BN_new());
  if (!cert || !serial || !BN_rand(serial.get(), 127, BN_RAND_TOP_ANY, BN_RAND_BOTTOM_ANY) ||
      !BN_to_ASN1_INTEGER(serial.get(), X509_get_serialNumber(cert.get())) || !X509_set_version(cert.get(), 2) ||
      !X509_gmtime_adj(X509_getm_notBefore(cert.get()), -3600) || !X509_gmtime_adj(X509_getm_notAfter(cert.get()), kValiditySeconds) ||
      !X509_set_pubkey(cert.get(), key.get()))
    return *error = opensslError("building the certificate"), false;
  X509_NAME *name = X509_get_subject_name(cert.get());
  if (!X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char *>("StreamScope classroom"), -1, -1, 0) ||
      !X509_set_issuer_name(cert.get(), name) || X509_sign(cert.get(), key.get(), EVP_sha256()) <= 0)
    return *error = opensslError("signing the certificate"), false;
  const Bio certBio(BIO_new(BIO_s_mem()));
  const Bio keyBio(BIO_new(BIO_s_mem()));
  if (!certBio || !keyBio || !PEM_write_bio_X509(certBio.get(), cert.get()) ||
      !PEM_write_bio_PrivateKey(keyBio.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr))
    return *error = opensslError("writing PEM"), false;
  *certPem = drain(certBio.get());
  *keyPem = drain(keyBio.get());
  return true;
}

std::optional<TlsIdentity> fromPem(const QByteArray &certPem, const QByteArray &keyPem) {
  TlsIdentity identity{QSslCertificate(certPem, QSsl::Pem), QSslKey(keyPem, QSsl::Ec, QSsl::Pem, QSsl::PrivateKey)};
  if (identity.certificate.isNull() || identity.privateKey.isNull() || identity.certificate.publicKey().toPem().isEmpty())
    return std::nullopt;
  return identity;
}

/// Writes `data` to `path` through a temporary file created with `permissions`, then renames it.
bool writePrivately(const QString &path, const QByteArray &data, QFileDevice::Permissions permissions, QString *error) {
  const QString temporary = path + QStringLiteral(".new");
  QFile::remove(temporary);
  QFile file(temporary);
  if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly, permissions) || file.write(data) != data.size() || !file.flush()) {
    *error = QStringLiteral("cannot write %1: %2").arg(temporary, file.errorString());
    return false;
  }
  file.close();
  QFile::remove(path);
  if (!QFile::rename(temporary, path)) {
    *error = QStringLiteral("cannot rename %1 to %2").arg(temporary, path);
    return false;
  }
  return true;
}

QByteArray readAll(const QString &path) {
  QFile file(path);
  return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

QString TlsIdentity::fingerprint() const { return certificateFingerprint(certificate); }

QString defaultTlsDirectory() {
  return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)).filePath(QStringLiteral("classroom"));
}

std::optional<TlsIdentity> createTlsIdentity(QString *error) {
  QByteArray certPem, keyPem;
  if (!makePem(&certPem, &keyPem, error))
    return std::nullopt;
  auto identity = fromPem(certPem, keyPem);
  if (!identity)
    *error = QStringLiteral("Qt cannot read the certificate OpenSSL made");
  return identity;
}

std::optional<TlsIdentity> loadOrCreateTlsIdentity(const QString &directory, QString *error) {
  const QDir dir(directory);
  const QString certPath = dir.filePath(kCertFile);
  const QString keyPath = dir.filePath(kKeyFile);
  constexpr auto ownerOnly = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
  if (auto stored = fromPem(readAll(certPath), readAll(keyPath))) {
    // A key copied around may have lost its permissions; it is only ever the owner's.
    constexpr auto others = QFileDevice::ReadGroup | QFileDevice::WriteGroup | QFileDevice::ExeGroup | QFileDevice::ReadOther |
        QFileDevice::WriteOther | QFileDevice::ExeOther;
    if (QFile::permissions(keyPath) & others)
      QFile::setPermissions(keyPath, ownerOnly);
    return stored;
  }
  if (!QDir().mkpath(directory)) {
    *error = QStringLiteral("cannot create %1").arg(directory);
    return std::nullopt;
  }
  QFile::setPermissions(directory, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
  QByteArray certPem, keyPem;
  if (!makePem(&certPem, &keyPem, error) || !writePrivately(keyPath, keyPem, ownerOnly, error) ||
      !writePrivately(certPath, certPem, ownerOnly | QFileDevice::ReadGroup | QFileDevice::ReadOther, error))
    return std::nullopt;
  auto identity = fromPem(certPem, keyPem);
  if (!identity)
    *error = QStringLiteral("Qt cannot read the certificate OpenSSL made");
  return identity;
}

QString certificateFingerprint(const QSslCertificate &certificate) {
  return QString::fromLatin1(certificate.digest(QCryptographicHash::Sha256).toHex(':').toUpper());
}

QByteArray parseFingerprint(const QString &typed) {
  QByteArray hex;
  for (const QChar c : typed) {
    if (c == QLatin1Char(':') || c.isSpace())
      continue;
    const char16_t u = c.toLower().unicode();
    if (!((u >= u'0' && u <= u'9') || (u >= u'a' && u <= u'f')))
      return {};
    hex += static_cast<char>(c.toLatin1());
  }
  const QByteArray bytes = QByteArray::fromHex(hex);
  return hex.size() == 64 && bytes.size() == 32 ? bytes : QByteArray();
}

} // namespace streamscope::classroom
