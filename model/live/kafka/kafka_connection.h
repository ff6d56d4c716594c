#pragma once
// How to reach a real Kafka cluster: bootstrap servers and the usual security options.
// Secrets come from the environment when a client is made, or from `saslPassword`, which the
// app asks for each time and nothing that stores settings (QSettings, recordings, logs) reads.
#include "model/live/live_error.h"

#include <QString>
#include <QStringList>

#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <utility>
#include <vector>

struct rd_kafka_s;
struct rd_kafka_conf_s;

namespace streamscope::live {

/// Environment variables that hold the secrets.
inline constexpr const char *kSaslPasswordVariable = "STREAMSCOPE_KAFKA_PASSWORD";
inline constexpr const char *kSslKeyPasswordVariable = "STREAMSCOPE_KAFKA_SSL_KEY_PASSWORD";

struct KafkaConnection {
  QString bootstrap; ///< host:port[,host:port...]
  QString securityProtocol = QStringLiteral("plaintext"); ///< plaintext, ssl, sasl_plaintext, sasl_ssl
  QString saslMechanism; ///< PLAIN, SCRAM-SHA-256, SCRAM-SHA-512 (sasl_* only)
  QString saslUsername;
  QString saslPassword; ///< asked each time, never stored; empty: STREAMSCOPE_KAFKA_PASSWORD
  QString sslCaFile, sslCertFile, sslKeyFile;
  int timeoutMs = 10000; ///< for each metadata, watermark or admin request
};

/// Why the bootstrap string is not host:port[,host:port...]; nullopt when it is.
std::optional<QString> bootstrapProblem(const QString &bootstrap);

/// Extra librdkafka properties for one client (group.id, acks, ...).
using KafkaProperties = std::vector<std::pair<QString, QString>>;

struct KafkaClientDeleter {
  void operator()(rd_kafka_s *rk) const;
};
using KafkaClient = std::unique_ptr<rd_kafka_s, KafkaClientDeleter>;

/// What a client's background threads report: its first few distinct errors (librdkafka's
/// error callback, e.g. "Connect to ipv4#127.0.0.1:9092 failed: Connection refused", then
/// "1/1 brokers are down"), and a pointer for the caller's own callbacks (the configuration
/// has one opaque; this is it).
struct KafkaClientEvents {
  void *user = nullptr;
  QString errors() const; ///< joined by "; "
  void addError(const QString &e);

private:
  mutable std::mutex m_mutex;
  QStringList m_errors;
};

/// A producer or consumer handle for `c` with `extra` properties; a LiveError (exit 2 for a
/// bad option, 3 when the client cannot be made) otherwise. Connection errors show up on
/// the first request, not here.
struct KafkaClientResult {
  std::unique_ptr<KafkaClientEvents> events; ///< declared first: destroyed after the client that reports to it
  KafkaClient client;
  std::optional<LiveError> error;
  /// `why` and the client's last error, for a message that names the cause.
  QString withCause(const QString &why) const;
};
/// `customize` may set callbacks on the configuration before the client is made; their
/// opaque is a KafkaClientEvents whose `user` is `user`.
KafkaClientResult makeKafkaClient(const KafkaConnection &c, bool consumer, const KafkaProperties &extra = {},
                                  const std::function<void(rd_kafka_conf_s *)> &customize = {}, void *user = nullptr);

/// librdkafka's text for an error code.
QString kafkaErrorText(int code);

} // namespace streamscope::live
