// The transport half of KinesisClient: signing, sending, waiting, and turning every way a call
// can fail into one precise sentence. The operations are in kinesis_operations.cpp.
#include "kinesis_client.h"

#include "kinesis_responses.h"
#include "sigv4.h"

#include <QEventLoop>
#include <QHostAddress>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QObject>
#include <QThread>
#include <QTimer>

namespace streamscope::live::kinesis {
namespace {

constexpr char kTargetPrefix[] = "Kinesis_20131202.";
constexpr char kContentType[] = "application/x-amz-json-1.1";

/// What a reply without an HTTP answer means, in words.
QString transportCause(const QNetworkReply &reply) {
  switch (reply.error()) {
  case QNetworkReply::ConnectionRefusedError: return QObject::tr("connection refused");
  case QNetworkReply::HostNotFoundError: return QObject::tr("host not found");
  case QNetworkReply::RemoteHostClosedError: return QObject::tr("the connection was closed before an answer");
  case QNetworkReply::SslHandshakeFailedError: return QObject::tr("TLS handshake failed (%1)").arg(reply.errorString());
  case QNetworkReply::NetworkSessionFailedError:
  case QNetworkReply::TemporaryNetworkFailureError: return QObject::tr("the network is down");
  default: return reply.errorString();
  }
}

/// The Host header exactly as sent (and signed): host, and the port when the URL names one.
QByteArray hostHeader(const QUrl &url) {
  QByteArray host = url.host(QUrl::FullyEncoded).toLatin1();
  if (QHostAddress(url.host()).protocol() == QAbstractSocket::IPv6Protocol)
    host = '[' + host + ']';
  if (url.port() != -1)
    host += ':' + QByteArray::number(url.port());
  return host;
}

} // namespace

FailureKind failureKindOf(const QString &awsType) {
  static const QStringList authentication{QStringLiteral("UnrecognizedClientException"),  QStringLiteral("InvalidSignatureException"),
                                          QStringLiteral("IncompleteSignatureException"), QStringLiteral("MissingAuthenticationTokenException"),
                                          QStringLiteral("AccessDeniedException"),        QStringLiteral("ExpiredTokenException"),
                                          QStringLiteral("InvalidClientTokenId"),         QStringLiteral("SignatureDoesNotMatch")};
  static const QStringList throttled{QStringLiteral("ProvisionedThroughputExceededException"), QStringLiteral("LimitExceededException"),
                                     QStringLiteral("ThrottlingException"), QStringLiteral("KMSThrottlingException")};
  if (authentication.contains(awsType))
    return FailureKind::Authentication;
  if (throttled.contains(awsType))
    return FailureKind::Throttled;
  if (awsType == QLatin1String("ResourceNotFoundException"))
    return FailureKind::NotFound;
  return FailureKind::Refused;
}

KinesisClient::KinesisClient(ClientOptions options) : m_options(std::move(options)), m_network(std::make_unique<QNetworkAccessManager>()) {}

KinesisClient::~KinesisClient() = default;

QString KinesisClient::endpointText() const {
  return m_options.endpoint.adjusted(QUrl::RemovePath | QUrl::RemoveQuery | QUrl::RemoveFragment | QUrl::RemoveUserInfo).toString();
}

bool KinesisClient::fail(FailureKind kind, const QString &awsType, const QString &message) {
  m_failure = {kind, awsType, message};
  return false;
}

bool KinesisClient::malformed(const QString &operation, const QString &why) {
  return fail(FailureKind::Malformed, {}, QObject::tr("%1 answered %2 with a malformed response: %3").arg(endpointText(), operation, why));
}

KinesisClient::Sent KinesisClient::sendOnce(const QString &operation, const QByteArray &body, QByteArray *answer) {
  QUrl url = m_options.endpoint.adjusted(QUrl::RemoveQuery | QUrl::RemoveFragment | QUrl::RemoveUserInfo);
  url.setPath(QStringLiteral("/"));
  SigV4Request toSign{"POST", "/", {}, {}, body};
  toSign.headers = {{"Host", hostHeader(url)}, {"Content-Type", kContentType}, {"X-Amz-Target", kTargetPrefix + operation.toLatin1()}};
  const SigV4Signature signature =
      signV4(toSign, m_options.credentials, {m_options.region, QStringLiteral("kinesis"), QDateTime::currentDateTimeUtc()});

  QNetworkRequest request(url);
  for (const auto &[name, value] : toSign.headers + signature.headersToAdd)
    request.setRawHeader(name, value);
  request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
  request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
  std::unique_ptr<QNetworkReply> reply(m_network->post(request, body));

  QEventLoop loop;
  QTimer timer;
  timer.setSingleShot(true);
  QObject::connect(reply.get(), &QNetworkReply::finished, &loop, &QEventLoop::quit);
  QObject::connect(&timer, &QTimer::timeout, &loop, &QEventLoop::quit);
  timer.start(m_options.timeoutMs);
  if (!reply->isFinished())
    loop.exec(QEventLoop::ExcludeUserInputEvents);
  if (!reply->isFinished()) {
    reply->abort();
    fail(FailureKind::Timeout, {},
         QObject::tr("%1 did not answer %2 within %3 s").arg(endpointText(), operation).arg(m_options.timeoutMs / 1000.0, 0, 'g', 3));
    return Sent::Failed;
  }

  const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
  if (status == 0) {
    fail(FailureKind::Transport, {}, QObject::tr("cannot connect to %1 (%2): %3").arg(endpointText(), operation, transportCause(*reply)));
    return Sent::Failed;
  }
  *answer = reply->readAll();
  if (status == 200)
    return Sent::Answered;

  const AwsErrorBody error = parseAwsError(status, *answer, reply->rawHeader("x-amzn-ErrorType"));
  const FailureKind kind = status >= 300 && status < 400 ? FailureKind::Refused : failureKindOf(error.type);
  const QString what = error.message.isEmpty() ? error.type : error.type + QStringLiteral(": ") + error.message;
  switch (kind) {
  case FailureKind::Authentication:
    fail(kind, error.type,
         QObject::tr("%1 refused the credentials from %2 (%3 answered HTTP %4, %5)")
             .arg(endpointText(), m_options.credentials.source, operation)
             .arg(status)
             .arg(what));
    break;
  case FailureKind::Throttled:
    fail(kind, error.type,
         QObject::tr("%1 kept throttling %2 after %3 retries (%4)").arg(endpointText(), operation).arg(m_options.throttleRetries).arg(what));
    return Sent::Throttled;
  default: fail(kind, error.type, QObject::tr("%1 refused %2 (HTTP %3): %4").arg(endpointText(), operation).arg(status).arg(what));
  }
  return Sent::Failed;
}

std::optional<QByteArray> KinesisClient::call(const QString &operation, const QJsonObject &request) {
  const QByteArray body = QJsonDocument(request).toJson(QJsonDocument::Compact);
  for (int attempt = 0;; ++attempt) {
    QByteArray answer;
    switch (sendOnce(operation, body, &answer)) {
    case Sent::Answered: return answer;
    case Sent::Failed: return std::nullopt;
    case Sent::Throttled:
      ++m_throttles[operation];
      if (attempt >= m_options.throttleRetries)
        return std::nullopt;
      QThread::msleep(std::min(2000UL, 50UL << attempt)); // exponential back-off
    }
  }
}

} // namespace streamscope::live::kinesis
