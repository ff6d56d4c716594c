#include "sigv4.h"

#include <QCryptographicHash>
#include <QMessageAuthenticationCode>

#include <algorithm>
#include <map>

namespace streamscope::live::kinesis {
namespace {

constexpr char kAlgorithm[] = "AWS4-HMAC-SHA256";

QByteArray hmac(const QByteArray &key, const QByteArray &message) {
  return QMessageAuthenticationCode::hash(message, key, QCryptographicHash::Sha256);
}

QByteArray sha256Hex(const QByteArray &data) { return QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex(); }

/// RFC 3986 percent-encoding of everything but the unreserved characters, upper-case hex.
QByteArray uriEncode(const QByteArray &raw) { return raw.toPercentEncoding(); }

} // namespace

QByteArray amzDate(const QDateTime &time) { return time.toUTC().toString(QStringLiteral("yyyyMMdd'T'HHmmss'Z'")).toLatin1(); }

QByteArray signingKey(const QByteArray &secret, const QByteArray &date, const QByteArray &region, const QByteArray &service) {
  const QByteArray dateKey = hmac("AWS4" + secret, date);
  const QByteArray regionKey = hmac(dateKey, region);
  const QByteArray serviceKey = hmac(regionKey, service);
  return hmac(serviceKey, "aws4_request");
}

QByteArray canonicalPath(const QByteArray &path) {
  QList<QByteArray> segments;
  for (const QByteArray &segment : path.split('/')) {
    if (segment.isEmpty() || segment == ".")
      continue;
    if (segment == "..") {
      if (!segments.isEmpty())
        segments.removeLast();
      continue;
    }
    segments.append(uriEncode(segment));
  }
  QByteArray out = "/" + segments.join('/');
  // A trailing slash (or a last "." or ".." segment, which names a folder) stays.
  if (!segments.isEmpty() && (path.endsWith('/') || path.endsWith("/.") || path.endsWith("/..")))
    out += '/';
  return out;
}

QByteArray canonicalQuery(const QByteArray &query) {
  std::vector<std::pair<QByteArray, QByteArray>> params;
  for (const QByteArray &part : query.split('&')) {
    if (part.isEmpty())
      continue;
    const qsizetype equals = part.indexOf('=');
    const QByteArray name = equals < 0 ? part : part.left(equals);
    const QByteArray value = equals < 0 ? QByteArray() : part.mid(equals + 1);
    params.emplace_back(uriEncode(QByteArray::fromPercentEncoding(name)), uriEncode(QByteArray::fromPercentEncoding(value)));
  }
  std::sort(params.begin(), params.end());
  QByteArray out;
  for (const auto &[name, value] : params)
    out += (out.isEmpty() ? "" : "&") + name + '=' + value;
  return out;
}

SigV4Signature signV4(const SigV4Request &request, const AwsCredentials &credentials, const SigV4Scope &scope) {
  SigV4Signature result;
  const QByteArray date = amzDate(scope.time);
  result.headersToAdd.append({"X-Amz-Date", date});
  if (!credentials.sessionToken.isEmpty())
    result.headersToAdd.append({"X-Amz-Security-Token", credentials.sessionToken.toUtf8()});

  // Lower-case names, sorted; repeated headers joined by commas in the order given; values
  // trimmed with inner runs of white space collapsed to one space.
  std::map<QByteArray, QByteArray> canonical;
  auto add = [&](const QByteArray &name, const QByteArray &value) {
    QByteArray &joined = canonical[name.toLower().trimmed()];
    joined += (joined.isEmpty() ? "" : ",") + value.simplified();
  };
  for (const auto &[name, value] : request.headers)
    if (name.compare("x-amz-date", Qt::CaseInsensitive) != 0 && name.compare("x-amz-security-token", Qt::CaseInsensitive) != 0)
      add(name, value);
  for (const auto &[name, value] : result.headersToAdd)
    add(name, value);
  QByteArray headerBlock, signedHeaders;
  for (const auto &[name, value] : canonical) {
    headerBlock += name + ':' + value + '\n';
    signedHeaders += (signedHeaders.isEmpty() ? "" : ";") + name;
  }

  result.canonicalRequest = request.method.toUpper() + '\n' + canonicalPath(request.path) + '\n' + canonicalQuery(request.query) + '\n' +
      headerBlock + '\n' + signedHeaders + '\n' + sha256Hex(request.payload);
  const QByteArray credentialScope = date.left(8) + '/' + scope.region.toUtf8() + '/' + scope.service.toUtf8() + "/aws4_request";
  result.stringToSign = QByteArray(kAlgorithm) + '\n' + date + '\n' + credentialScope + '\n' + sha256Hex(result.canonicalRequest);
  const QByteArray key = signingKey(credentials.secretAccessKey.toUtf8(), date.left(8), scope.region.toUtf8(), scope.service.toUtf8());
  result.signature = hmac(key, result.stringToSign).toHex();
  result.headersToAdd.append({"Authorization",
                              QByteArray(kAlgorithm) + " Credential=" + credentials.accessKeyId.toUtf8() + '/' + credentialScope +
                                  ", SignedHeaders=" + signedHeaders + ", Signature=" + result.signature});
  return result;
}

} // namespace streamscope::live::kinesis
