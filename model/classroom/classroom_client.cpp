#include "classroom_client.h"

#include "self_signed_cert.h"

#include <QSslConfiguration>
#include <QUrl>
#include <QWebSocket>

namespace streamscope::classroom {

namespace {

/// Only these problems are expected of a self-signed certificate reached by address; with the
/// fingerprint matching, they are not problems.
bool expectedOfPinnedCertificate(const QSslError &error) {
  switch (error.error()) {
  case QSslError::SelfSignedCertificate:
  case QSslError::SelfSignedCertificateInChain:
  case QSslError::HostNameMismatch:
  case QSslError::CertificateUntrusted:
  case QSslError::UnableToGetLocalIssuerCertificate:
  case QSslError::UnableToVerifyFirstCertificate: return true;
  default: return false;
  }
}

} // namespace

ClassroomClient::ClassroomClient(QObject *parent) : QObject(parent) {
  m_retry.setSingleShot(true);
  m_welcomeTimeout.setSingleShot(true);
  connect(&m_retry, &QTimer::timeout, this, &ClassroomClient::open);
  connect(&m_welcomeTimeout, &QTimer::timeout, this, [this] {
    qCWarning(lcClassroom) << "no welcome from the host within" << m_options.welcomeTimeoutMs << "ms";
    dropConnection();
  });
  connect(&m_keepAlive, &QTimer::timeout, this, &ClassroomClient::keepAlive);
}

ClassroomClient::~ClassroomClient() {
  blockSignals(true);
  leave();
}

void ClassroomClient::connectTo(const Options &options) {
  leave();
  m_options = options;
  m_pin = options.fingerprint.isEmpty() ? QByteArray() : parseFingerprint(options.fingerprint);
  if (!options.fingerprint.isEmpty() && m_pin.isEmpty())
    return stop(QStringLiteral("\"%1\" is not a SHA-256 fingerprint").arg(options.fingerprint.left(120)));
  m_active = true;
  m_studentId.clear();
  m_resume.clear();
  m_sessionStart = -1;
  m_lastSeq = 0;
  m_nextRetryMs = options.firstRetryMs;
  open();
}

void ClassroomClient::leave() {
  m_active = false;
  m_welcomed = false;
  m_lost = false;
  m_retry.stop();
  m_welcomeTimeout.stop();
  m_keepAlive.stop();
  m_pending.clear();
  if (m_socket) {
    m_socket->disconnect(this);
    m_socket->close();
    m_socket->deleteLater();
    m_socket = nullptr;
  }
}

bool ClassroomClient::send(const StudentMessage &message) {
  if (std::holds_alternative<Hello>(message) || !m_active || !isJoined())
    return false;
  if (!m_welcomed) {
    // Only the latest status matters; answers and tried steps all do.
    if (std::holds_alternative<Status>(message))
      m_pending.removeIf([](const StudentMessage &m) { return std::holds_alternative<Status>(m); });
    m_pending.append(message);
    return true;
  }
  m_socket->sendTextMessage(QString::fromUtf8(encode(message)));
  return true;
}

void ClassroomClient::dropConnection() {
  QWebSocket *socket = m_socket;
  if (!socket)
    return;
  socket->abort();
  // A socket still connecting reports nothing when aborted.
  if (socket == m_socket)
    onDisconnected(socket);
}

void ClassroomClient::open() {
  if (!m_active)
    return;
  if (m_socket) {
    m_socket->disconnect(this);
    m_socket->abort();
    m_socket->deleteLater();
  }
  m_welcomed = false;
  m_pinChecked = false;
  m_pinProblem.clear();
  m_socket = new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this);
  m_socket->setMaxAllowedIncomingFrameSize(kMaxHostFrameBytes);
  m_socket->setMaxAllowedIncomingMessageSize(kMaxHostFrameBytes);
  QWebSocket *socket = m_socket;
  connect(socket, &QWebSocket::connected, this, &ClassroomClient::onConnected);
  connect(socket, &QWebSocket::disconnected, this, [this, socket] { onDisconnected(socket); });
  // A connection that never opens reports an error without a disconnect; let its state settle.
  connect(
      socket, QOverload<QAbstractSocket::SocketError>::of(&QWebSocket::error), this,
      [this, socket](QAbstractSocket::SocketError) {
        if (socket == m_socket && socket->state() == QAbstractSocket::UnconnectedState)
          onDisconnected(socket);
      },
      Qt::QueuedConnection);
  connect(socket, &QWebSocket::textMessageReceived, this, &ClassroomClient::onText);
  connect(socket, &QWebSocket::pong, this, [this] { m_sinceHeard.restart(); });
  connect(socket, &QWebSocket::sslErrors, this, &ClassroomClient::onSslErrors);
  QUrl url;
  url.setScheme(m_pin.isEmpty() ? QStringLiteral("ws") : QStringLiteral("wss"));
  url.setHost(m_options.host);
  url.setPort(m_options.port);
  url.setPath(QStringLiteral("/"));
  if (!m_pin.isEmpty()) {
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setCaCertificates({}); // trust no authority: every certificate goes through the pin check
    tls.setPeerVerifyMode(QSslSocket::VerifyPeer);
    socket->setSslConfiguration(tls);
  }
  m_welcomeTimeout.start(m_options.welcomeTimeoutMs);
  socket->open(url);
}

void ClassroomClient::onSslErrors(const QList<QSslError> &errors) {
  QSslCertificate presented;
  for (const QSslError &error : errors)
    if (!error.certificate().isNull()) {
      presented = error.certificate();
      break;
    }
  const bool expected = std::all_of(errors.begin(), errors.end(), expectedOfPinnedCertificate);
  if (!presented.isNull() && expected && presented.digest(QCryptographicHash::Sha256) == m_pin) {
    m_pinChecked = true;
    m_socket->ignoreSslErrors(errors);
    return;
  }
  m_pinProblem = presented.isNull() ? QStringLiteral("the host's TLS certificate could not be checked: %1").arg(errors.value(0).errorString())
                                    : QStringLiteral("the host's certificate fingerprint %1 is not the expected %2")
                                          .arg(certificateFingerprint(presented), QString::fromLatin1(m_pin.toHex(':').toUpper()));
}

void ClassroomClient::onConnected() {
  if (!m_pin.isEmpty() && !m_pinChecked)
    return stop(QStringLiteral("the host's certificate was not checked against the fingerprint"));
  Hello hello;
  hello.code = m_options.code;
  hello.name = m_options.name;
  hello.resume = m_resume;
  hello.seen = m_lastSeq;
  m_socket->sendTextMessage(QString::fromUtf8(encode(StudentMessage(hello))));
}

void ClassroomClient::onDisconnected(QWebSocket *socket) {
  if (socket != m_socket || !m_active)
    return;
  m_socket->disconnect(this);
  m_socket->deleteLater();
  m_socket = nullptr;
  m_welcomed = false;
  m_welcomeTimeout.stop();
  m_keepAlive.stop();
  if (!m_pinProblem.isEmpty())
    return stop(m_pinProblem);
  if (!isJoined())
    return stop(QStringLiteral("cannot reach the host at %1 port %2").arg(m_options.host).arg(m_options.port));
  if (!m_lost) {
    m_lost = true;
    emit connectionLost();
  }
  m_retry.start(m_nextRetryMs);
  m_nextRetryMs = std::min(m_nextRetryMs * 2, m_options.lastRetryMs);
}

void ClassroomClient::onText(const QString &text) {
  m_sinceHeard.restart();
  QString error;
  const auto decoded = decodeHostMessage(text.toUtf8(), &error);
  if (!decoded) {
    qCWarning(lcClassroom).noquote() << "dropped a message from the host:" << error;
    return;
  }
  if (const auto *welcome = std::get_if<Welcome>(&*decoded))
    return onWelcome(*welcome);
  if (const auto *refusal = std::get_if<Refused>(&*decoded))
    return stop(refusal->reason);
  if (!m_welcomed) {
    qCWarning(lcClassroom).noquote() << "dropped a" << typeName(*decoded) << "from the host before its welcome";
    return;
  }
  if (const auto *command = std::get_if<Command>(&*decoded))
    return apply(*command);
  // removed or end: the session is over for this student.
  const HostMessage last = *decoded;
  leave();
  emit message(last);
}

void ClassroomClient::onWelcome(const Welcome &welcome) {
  m_welcomeTimeout.stop();
  if (welcome.version != kProtocolVersion)
    return stop(versionMismatchReason(welcome.version, kProtocolVersion));
  const bool resumed = !m_welcomed && !m_resume.isEmpty() && welcome.student == m_studentId && welcome.sessionStart == m_sessionStart;
  m_welcomed = true;
  m_studentId = welcome.student;
  m_name = welcome.name;
  m_resume = welcome.resume;
  m_sessionStart = welcome.sessionStart;
  m_nextRetryMs = m_options.firstRetryMs;
  m_lost = false;
  m_sinceHeard.restart();
  m_keepAlive.start(m_options.keepAliveMs);
  if (resumed) {
    emit reconnected();
    for (const Command &command : welcome.log)
      if (command.seq > m_lastSeq)
        apply(command);
  } else {
    m_lastSeq = welcome.log.isEmpty() ? welcome.sessionStart : welcome.log.last().seq;
    emit welcomed(welcome);
  }
  flushPending();
}

void ClassroomClient::apply(const Command &command) {
  if (command.seq <= m_lastSeq)
    return; // already applied before a reconnection
  if (command.seq != m_lastSeq + 1) {
    // Something was lost: resuming makes the host send everything after m_lastSeq.
    qCWarning(lcClassroom) << "command" << command.seq << "arrived after" << m_lastSeq << "- resynchronising";
    dropConnection();
    return;
  }
  m_lastSeq = command.seq;
  emit message(command);
}

void ClassroomClient::stop(const QString &refusal) {
  leave();
  emit refused(refusal);
}

void ClassroomClient::flushPending() {
  const QList<StudentMessage> pending = std::exchange(m_pending, {});
  for (const StudentMessage &message : pending)
    send(message);
}

void ClassroomClient::keepAlive() {
  if (!m_socket || !m_welcomed)
    return;
  if (m_sinceHeard.elapsed() > 3 * m_options.keepAliveMs) {
    qCWarning(lcClassroom) << "the host has been silent for" << m_sinceHeard.elapsed() << "ms";
    dropConnection();
    return;
  }
  m_socket->ping();
}

} // namespace streamscope::classroom
