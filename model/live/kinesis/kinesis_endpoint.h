#pragma once
// Where to connect: an endpoint URL as typed (AWS's regional endpoint, LocalStack, kinesalite)
// and the region to sign for. Pure functions apart from reading the AWS environment and
// config file; any thread.
#include <QString>
#include <QUrl>

#include <optional>

namespace streamscope::live::kinesis {

/// An http:// or https:// URL with a host; nullopt and `error` for anything else.
std::optional<QUrl> parseEndpoint(const QString &text, QString *error);

/// The region an AWS endpoint names ("kinesis.eu-west-1.amazonaws.com" -> "eu-west-1"), or
/// an empty string for other hosts.
QString regionOfEndpoint(const QUrl &endpoint);

/// The region to sign for: `given` (--region) if set, else the endpoint's, else the AWS
/// environment's or config file's, else us-east-1 for endpoints outside AWS (local
/// emulators ignore it). Empty with `error` for an AWS endpoint whose region is unknown.
QString resolveRegion(const QString &given, const QUrl &endpoint, QString *error);

} // namespace streamscope::live::kinesis
