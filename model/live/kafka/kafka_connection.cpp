#include "kafka_connection.h"

#include <QObject>
#include <QRegularExpression>
#include <QStringList>

#include <librdkafka/rdkafka.h>

#include <array>
#include <cstdlib>

namespace streamscope::live {

std::optional<QString> bootstrapProblem(const QString &bootstrap) {
  if (bootstrap.trimmed().isEmpty())
    return QObject::tr("no bootstrap servers: give host:port, for example localhost:9092");
  static const QRegularExpression hostPort(QStringLiteral("^(\\[[0-9a-fA-F:]+\\]|[A-Za-z0-9._-]+):([0-9]{1,5})$"));
  for (const QString &part : bootstrap.split(QLatin1Char(','))) {
    const QRegularExpressionMatch m = hostPort.match(part.trimmed());
    if (!m.hasMatch())
      return QObject::tr("bootstrap server \"%1\" is not host:port").arg(part.trimmed());
    const int port = m.captured(2).toInt();
    if (port < 1 || port > 65535)
      return QObject::tr("bootstrap server \"%1\": port %2 is not between 1 and 65535").arg(part.trimmed()).arg(port);
  }
  return std::nullopt;
}

QString KafkaClientEvents::errors() const {
  std::lock_guard lock(m_mutex);
  return m_errors.join(QStringLiteral("; "));
}

void KafkaClientEvents::addError(const QString &e) {
  std::lock_guard lock(m_mutex);
  if (m_errors.size() < 2 && !m_errors.contains(e)) // the first causes say most; later ones repeat them
    m_errors << e;
}

QString KafkaClientResult::withCause(const QString &why) const {
  const QString cause = events ? events->errors() : QString();
  return cause.isEmpty() ? why : QObject::tr("%1 (%2)").arg(why, cause);
}

void KafkaClientDeleter::operator()(rd_kafka_s *rk) const { rd_kafka_destroy(rk); }

QString kafkaErrorText(int code) { return QString::fromUtf8(rd_kafka_err2str(static_cast<rd_kafka_resp_err_t>(code))); }

namespace {

/// The librdkafka properties of a connection, secrets from the environment.
std::optional<QString> connectionProperties(const KafkaConnection &c, KafkaProperties &out) {
  if (const auto problem = bootstrapProblem(c.bootstrap))
    return problem;
  static const QStringList protocols = {QStringLiteral("plaintext"), QStringLiteral("ssl"), QStringLiteral("sasl_plaintext"),
                                        QStringLiteral("sasl_ssl")};
  const QString protocol = c.securityProtocol.toLower();
  if (!protocols.contains(protocol))
    return QObject::tr("security protocol \"%1\" is not one of %2").arg(c.securityProtocol, protocols.join(QStringLiteral(", ")));
  out.emplace_back(QStringLiteral("bootstrap.servers"), c.bootstrap);
  out.emplace_back(QStringLiteral("security.protocol"), protocol);
  if (protocol.startsWith(QLatin1String("sasl"))) {
    static const QStringList mechanisms = {QStringLiteral("PLAIN"), QStringLiteral("SCRAM-SHA-256"), QStringLiteral("SCRAM-SHA-512")};
    const QString mechanism = c.saslMechanism.isEmpty() ? QStringLiteral("PLAIN") : c.saslMechanism.toUpper();
    if (!mechanisms.contains(mechanism))
      return QObject::tr("SASL mechanism \"%1\" is not one of %2").arg(c.saslMechanism, mechanisms.join(QStringLiteral(", ")));
    if (c.saslUsername.isEmpty())
      return QObject::tr("%1 needs a SASL user name").arg(protocol);
    const char *fromEnvironment = std::getenv(kSaslPasswordVariable);
    const QString password = !c.saslPassword.isEmpty() ? c.saslPassword : QString::fromUtf8(fromEnvironment ? fromEnvironment : "");
    if (password.isEmpty())
      return QObject::tr("%1 needs the SASL password in the environment variable %2").arg(protocol, QLatin1String(kSaslPasswordVariable));
    out.emplace_back(QStringLiteral("sasl.mechanism"), mechanism);
    out.emplace_back(QStringLiteral("sasl.username"), c.saslUsername);
    out.emplace_back(QStringLiteral("sasl.password"), password);
  }
  if (protocol == QLatin1String("ssl") || protocol == QLatin1String("sasl_ssl")) {
    if (!c.sslCaFile.isEmpty())
      out.emplace_back(QStringLiteral("ssl.ca.location"), c.sslCaFile);
    if (!c.sslCertFile.isEmpty())
      out.emplace_back(QStringLiteral("ssl.certificate.location"), c.sslCertFile);
    if (!c.sslKeyFile.isEmpty())
      out.emplace_back(QStringLiteral("ssl.key.location"), c.sslKeyFile);
    if (const char *keyPassword = std::getenv(kSslKeyPasswordVariable); keyPassword && *keyPassword)
      out.emplace_back(QStringLiteral("ssl.key.password"), QString::fromUtf8(keyPassword));
  } else if (!c.sslCaFile.isEmpty() || !c.sslCertFile.isEmpty() || !c.sslKeyFile.isEmpty()) {
    return QObject::tr("TLS files need security protocol ssl or sasl_ssl, not %1").arg(protocol);
  }
  return std::nullopt;
}

} // namespace

KafkaClientResult makeKafkaClient(const KafkaConnection &c, bool consumer, const KafkaProperties &extra,
                                  const std::function<void(rd_kafka_conf_s *)> &customize, void *user) {
  KafkaProperties properties;
  if (const auto problem = connectionProperties(c, properties))
    return {nullptr, nullptr, LiveError{2, *problem}};
  properties.emplace_back(QStringLiteral("log_level"), QStringLiteral("0")); // the error callback keeps the cause for the report
  properties.emplace_back(QStringLiteral("socket.timeout.ms"), QString::number(c.timeoutMs));
  properties.insert(properties.end(), extra.begin(), extra.end());
  std::array<char, 512> err{};
  rd_kafka_conf_t *conf = rd_kafka_conf_new();
  for (const auto &[key, value] : properties)
    if (rd_kafka_conf_set(conf, key.toUtf8().constData(), value.toUtf8().constData(), err.data(), err.size()) != RD_KAFKA_CONF_OK) {
      rd_kafka_conf_destroy(conf);
      return {nullptr, nullptr, LiveError{2, QObject::tr("Kafka client option %1: %2").arg(key, QString::fromUtf8(err.data()))}};
    }
  auto events = std::make_unique<KafkaClientEvents>();
  events->user = user;
  rd_kafka_conf_set_opaque(conf, events.get());
  rd_kafka_conf_set_error_cb(conf, [](rd_kafka_t *, int, const char *reason, void *opaque) {
    static_cast<KafkaClientEvents *>(opaque)->addError(QString::fromUtf8(reason));
  });
  if (customize)
    customize(conf);
  rd_kafka_t *rk = rd_kafka_new(consumer ? RD_KAFKA_CONSUMER : RD_KAFKA_PRODUCER, conf, err.data(), err.size());
  if (!rk) {
    rd_kafka_conf_destroy(conf);
    return {nullptr, nullptr, LiveError{3, QObject::tr("cannot create a Kafka client for %1: %2").arg(c.bootstrap, QString::fromUtf8(err.data()))}};
  }
  return {std::move(events), KafkaClient(rk), std::nullopt};
}

} // namespace streamscope::live
