#pragma once
// AWS Signature Version 4 for requests signed in the Authorization header: the canonical
// request, the string to sign, the signing key (HMAC-SHA256 chain over date, region, service
// and "aws4_request") and the headers to add to the request.
// Contract: pure functions of their arguments; any thread.
#include "aws_credentials.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>

#include <utility>

namespace streamscope::live::kinesis {

using HttpHeaders = QList<std::pair<QByteArray, QByteArray>>;

struct SigV4Request {
  QByteArray method;
  QByteArray path = "/"; ///< as in the request line: raw bytes, not yet percent-encoded
  QByteArray query; ///< after the '?', as in the request line
  HttpHeaders headers; ///< every header here is signed (Host included); names as sent
  QByteArray payload;
};

struct SigV4Scope {
  QString region;
  QString service;
  QDateTime time; ///< the signing time (UTC)
};

struct SigV4Signature {
  QByteArray canonicalRequest;
  QByteArray stringToSign;
  QByteArray signature; ///< lower-case hex
  HttpHeaders headersToAdd; ///< X-Amz-Date, X-Amz-Security-Token (with a session token), Authorization
};

/// Signs `request`. X-Amz-Date and, with temporary credentials, X-Amz-Security-Token are
/// signed too and returned in headersToAdd with Authorization.
SigV4Signature signV4(const SigV4Request &request, const AwsCredentials &credentials, const SigV4Scope &scope);

/// "20150830T123600Z".
QByteArray amzDate(const QDateTime &time);
/// HMAC chain: "AWS4" + secret over the date (YYYYMMDD), region, service, "aws4_request".
QByteArray signingKey(const QByteArray &secret, const QByteArray &date, const QByteArray &region, const QByteArray &service);
/// The path with "." and ".." segments and repeated slashes removed, each segment
/// percent-encoded (every byte but A-Z a-z 0-9 - . _ ~).
QByteArray canonicalPath(const QByteArray &path);
/// Parameters decoded, re-encoded as above, sorted by name then value, joined with '&'.
QByteArray canonicalQuery(const QByteArray &query);

} // namespace streamscope::live::kinesis
