#include "kinesis_endpoint.h"

#include "aws_credentials.h"

#include <QObject>
#include <QRegularExpression>

namespace streamscope::live::kinesis {

std::optional<QUrl> parseEndpoint(const QString &text, QString *error) {
  const QUrl url(text, QUrl::StrictMode);
  const QString scheme = url.scheme().toLower();
  if (!url.isValid() || (scheme != QLatin1String("http") && scheme != QLatin1String("https")) || url.host().isEmpty()) {
    *error = QObject::tr("the endpoint must be an http:// or https:// URL with a host (https://kinesis.us-east-1.amazonaws.com, "
                         "http://127.0.0.1:4567), not '%1'")
                 .arg(text);
    return std::nullopt;
  }
  return url;
}

QString regionOfEndpoint(const QUrl &endpoint) {
  static const QRegularExpression aws(QStringLiteral("^kinesis(?:-fips)?\\.([a-z0-9-]+)\\.amazonaws\\.com(?:\\.cn)?$"));
  return aws.match(endpoint.host().toLower()).captured(1);
}

QString resolveRegion(const QString &given, const QUrl &endpoint, QString *error) {
  if (!given.isEmpty())
    return given;
  if (const QString region = regionOfEndpoint(endpoint); !region.isEmpty())
    return region;
  if (const QString region = configuredAwsRegion(); !region.isEmpty())
    return region;
  if (endpoint.host().endsWith(QLatin1String(".amazonaws.com"), Qt::CaseInsensitive)) {
    *error = QObject::tr("no region for %1: give --region, or set AWS_REGION").arg(endpoint.toString());
    return {};
  }
  return QStringLiteral("us-east-1");
}

} // namespace streamscope::live::kinesis
