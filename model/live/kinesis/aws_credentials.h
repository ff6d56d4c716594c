#pragma once
// AWS credentials and region as the AWS command line finds them: the environment
// (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN, AWS_REGION or
// AWS_DEFAULT_REGION), else the profile (AWS_PROFILE, or "default") of the shared credentials
// file (AWS_SHARED_CREDENTIALS_FILE or ~/.aws/credentials) and of the config file
// (AWS_CONFIG_FILE or ~/.aws/config).
//
// The secret key and session token stay in memory: nothing here writes them anywhere, and
// source() and every error message name where credentials came from, never their values.
// Contract: pure reads of the environment and two files; any thread.
#include <QString>

#include <optional>

namespace streamscope::live::kinesis {

struct AwsCredentials {
  QString accessKeyId;
  QString secretAccessKey;
  QString sessionToken; ///< empty unless temporary credentials
  QString source; ///< "the environment" or "profile 'x' in FILE": safe to print
};

/// The credentials to sign with, or nullopt and `error` saying what was looked at and why
/// nothing usable was found (a half-set environment, a missing profile, a missing key).
std::optional<AwsCredentials> findAwsCredentials(QString *error);

/// The region named by the environment or the profile's config, or an empty string.
QString configuredAwsRegion();

/// The keys of one [section] of an AWS INI file (credentials or config), lower-cased names,
/// trimmed values; nullopt if the section is not there. `text` is the file's contents.
std::optional<QList<std::pair<QString, QString>>> iniSection(const QString &text, const QString &section);

} // namespace streamscope::live::kinesis
