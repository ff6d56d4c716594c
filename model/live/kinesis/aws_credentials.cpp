#include "aws_credentials.h"

#include <QDir>
#include <QFile>
#include <QObject>

namespace streamscope::live::kinesis {
namespace {

QString env(const char *name) { return qEnvironmentVariable(name).trimmed(); }

QString profileName() {
  const QString profile = env("AWS_PROFILE");
  return profile.isEmpty() ? QStringLiteral("default") : profile;
}

QString credentialsFile() {
  const QString path = env("AWS_SHARED_CREDENTIALS_FILE");
  return path.isEmpty() ? QDir::homePath() + QStringLiteral("/.aws/credentials") : path;
}

QString configFile() {
  const QString path = env("AWS_CONFIG_FILE");
  return path.isEmpty() ? QDir::homePath() + QStringLiteral("/.aws/config") : path;
}

QString readText(const QString &path) {
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly))
    return {};
  return QString::fromUtf8(file.readAll());
}

QString valueOf(const QList<std::pair<QString, QString>> &keys, const char *name) {
  for (const auto &[key, value] : keys)
    if (key == QLatin1String(name))
      return value;
  return {};
}

/// The profile's section: "[name]" in the credentials file; "[profile name]" (or "[default]")
/// in the config file.
std::optional<QList<std::pair<QString, QString>>> profileSection(const QString &path, bool config) {
  const QString profile = profileName();
  const QString text = readText(path);
  if (text.isEmpty())
    return std::nullopt;
  if (config && profile != QLatin1String("default"))
    return iniSection(text, QStringLiteral("profile ") + profile);
  return iniSection(text, profile);
}

} // namespace

std::optional<QList<std::pair<QString, QString>>> iniSection(const QString &text, const QString &section) {
  std::optional<QList<std::pair<QString, QString>>> keys;
  bool inside = false;
  for (QString line : text.split(QLatin1Char('\n'))) {
    line = line.trimmed();
    if (line.isEmpty() || line.startsWith(QLatin1Char('#')) || line.startsWith(QLatin1Char(';')))
      continue;
    if (line.startsWith(QLatin1Char('[')) && line.endsWith(QLatin1Char(']'))) {
      inside = line.mid(1, line.size() - 2).simplified() == section;
      if (inside && !keys)
        keys.emplace();
      continue;
    }
    const qsizetype equals = line.indexOf(QLatin1Char('='));
    if (inside && equals > 0)
      keys->append({line.left(equals).trimmed().toLower(), line.mid(equals + 1).trimmed()});
  }
  return keys;
}

std::optional<AwsCredentials> findAwsCredentials(QString *error) {
  const QString id = env("AWS_ACCESS_KEY_ID"), secret = env("AWS_SECRET_ACCESS_KEY");
  if (!id.isEmpty() && !secret.isEmpty())
    return AwsCredentials{id, secret, env("AWS_SESSION_TOKEN"), QObject::tr("the environment")};
  if (!id.isEmpty() || !secret.isEmpty()) {
    *error = QObject::tr("the environment sets %1 but not %2: set both, or neither to use a profile")
                 .arg(id.isEmpty() ? QStringLiteral("AWS_SECRET_ACCESS_KEY") : QStringLiteral("AWS_ACCESS_KEY_ID"),
                      id.isEmpty() ? QStringLiteral("AWS_ACCESS_KEY_ID") : QStringLiteral("AWS_SECRET_ACCESS_KEY"));
    return std::nullopt;
  }
  const QString profile = profileName();
  // The credentials file first, then the config file (which may also hold keys).
  for (const auto &[path, config] : {std::pair{credentialsFile(), false}, std::pair{configFile(), true}}) {
    const auto keys = profileSection(path, config);
    if (!keys)
      continue;
    const QString fileId = valueOf(*keys, "aws_access_key_id"), fileSecret = valueOf(*keys, "aws_secret_access_key");
    if (fileId.isEmpty() && fileSecret.isEmpty())
      continue;
    if (fileId.isEmpty() || fileSecret.isEmpty()) {
      *error = QObject::tr("profile '%1' in %2 has %3 but no %4")
                   .arg(profile, path, fileId.isEmpty() ? QStringLiteral("aws_secret_access_key") : QStringLiteral("aws_access_key_id"),
                        fileId.isEmpty() ? QStringLiteral("aws_access_key_id") : QStringLiteral("aws_secret_access_key"));
      return std::nullopt;
    }
    return AwsCredentials{fileId, fileSecret, valueOf(*keys, "aws_session_token"), QObject::tr("profile '%1' in %2").arg(profile, path)};
  }
  *error = QObject::tr("no AWS credentials found: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or give profile '%1' "
                       "aws_access_key_id and aws_secret_access_key in %2 (AWS_PROFILE chooses the profile)")
               .arg(profile, credentialsFile());
  return std::nullopt;
}

QString configuredAwsRegion() {
  for (const char *name : {"AWS_REGION", "AWS_DEFAULT_REGION"})
    if (const QString region = env(name); !region.isEmpty())
      return region;
  if (const auto keys = profileSection(configFile(), true))
    return valueOf(*keys, "region");
  return {};
}

} // namespace streamscope::live::kinesis
