#include "classroom_server.h"

#include "join_code.h"
#include "student_channel.h"
#include "student_name.h"

#include <QRandomGenerator>
#include <QSslConfiguration>
#include <QTimer>
#include <QWebSocket>
#include <QWebSocketServer>

namespace streamscope::classroom {

namespace {

/// More half-open connections than this (no hello yet) are turned away at once.
constexpr int kMaxPendingConnections = 64;

QString newResumeToken() {
  QByteArray bytes(24, Qt::Uninitialized);
  QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(bytes.data()), bytes.size() / 4);
  return QString::fromLatin1(bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

QString frameText(const QByteArray &frame) { return QString::fromUtf8(frame); }

} // namespace

ClassroomServer::ClassroomServer(QObject *parent) : QObject(parent) {}

ClassroomServer::~ClassroomServer() {
  blockSignals(true);
  close();
}

bool ClassroomServer::listen(const Options &options) {
  close();
  if (options.code.isEmpty()) {
    m_error = QStringLiteral("a classroom session needs a join code");
    return false;
  }
  m_options = options;
  m_options.code = normalizeJoinCode(options.code);
  const auto mode = options.tls ? QWebSocketServer::SecureMode : QWebSocketServer::NonSecureMode;
  m_server = new QWebSocketServer(QStringLiteral("StreamScope classroom"), mode, this);
  m_server->setHandshakeTimeout(options.helloTimeoutMs);
  if (options.tls) {
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setLocalCertificate(options.tls->certificate);
    tls.setPrivateKey(options.tls->privateKey);
    tls.setPeerVerifyMode(QSslSocket::VerifyNone); // students are admitted by the join code, not certificates
    m_server->setSslConfiguration(tls);
  }
  connect(m_server, &QWebSocketServer::newConnection, this, &ClassroomServer::acceptConnections);
  connect(m_server, &QWebSocketServer::acceptError, this,
          [this](QAbstractSocket::SocketError e) { qCWarning(lcClassroom) << "accepting a connection failed:" << e << m_server->errorString(); });
  if (!m_server->listen(options.address, options.port)) {
    m_error = QStringLiteral("cannot listen on %1 port %2: %3").arg(options.address.toString()).arg(options.port).arg(m_server->errorString());
    delete m_server;
    m_server = nullptr;
    return false;
  }
  return true;
}

bool ClassroomServer::isListening() const { return m_server && m_server->isListening(); }

quint16 ClassroomServer::port() const { return m_server ? m_server->serverPort() : 0; }

void ClassroomServer::close() {
  const auto channels = m_pending.values() + m_studentOfChannel.keys();
  for (StudentChannel *channel : channels)
    channel->abort();
  if (m_server) {
    m_server->close();
    m_server->deleteLater();
    m_server = nullptr;
  }
}

bool ClassroomServer::setSession(const SessionInfo &session, QString *error) {
  Welcome probe;
  probe.session = session;
  if (welcomeFrames(probe).isEmpty()) {
    if (error)
      *error = QStringLiteral("the session does not fit in a welcome of %1 bytes").arg(kMaxHostFrameBytes);
    return false;
  }
  m_session = session;
  m_sessionStart = m_lastSeq;
  m_log.clear();
  m_locked = false;
  for (Student &student : m_students)
    if (student.channel)
      sendWelcome(student, m_sessionStart);
  return true;
}

qint64 ClassroomServer::broadcast(const QJsonObject &payload) {
  if (const QString problem = validateCommandPayload(payload); !problem.isEmpty()) {
    qCWarning(lcClassroom).noquote() << "not broadcasting an invalid command:" << problem;
    return 0;
  }
  const Command command{m_lastSeq + 1, payload};
  const QByteArray frame = encode(HostMessage(command));
  if (frame.size() > kMaxHostFrameBytes) {
    qCWarning(lcClassroom).noquote() << "not broadcasting a command of" << frame.size() << "bytes";
    return 0;
  }
  m_lastSeq = command.seq;
  m_log.append(command);
  if (command.kind() == QLatin1String("lock"))
    m_locked = true;
  else if (command.kind() == QLatin1String("release"))
    m_locked = false;
  const QString text = frameText(frame);
  for (const QString &id : std::as_const(m_order))
    if (StudentChannel *channel = m_students.value(id).channel)
      channel->send(text);
  return command.seq;
}

bool ClassroomServer::sendTo(const QString &id, const HostMessage &message) {
  const auto it = m_students.find(id);
  if (it == m_students.end() || !it->channel)
    return false;
  if (std::holds_alternative<Welcome>(message)) {
    for (const QByteArray &frame : welcomeFrames(std::get<Welcome>(message)))
      it->channel->send(frameText(frame));
    return true;
  }
  it->channel->send(frameText(encode(message, m_lastSeq)));
  return true;
}

bool ClassroomServer::resync(const QString &id) {
  const auto it = m_students.find(id);
  if (it == m_students.end() || !it->channel)
    return false;
  sendWelcome(*it, m_sessionStart);
  return true;
}

void ClassroomServer::remove(const QString &id, const QString &reason) {
  const auto it = m_students.find(id);
  if (it == m_students.end())
    return;
  m_revokedTokens.insert(it->resume);
  if (StudentChannel *channel = it->channel) {
    m_studentOfChannel.remove(channel);
    channel->sendAndClose(frameText(encode(HostMessage(Removed{reason}), m_lastSeq)));
  }
  m_students.erase(it);
  m_order.removeAll(id);
  emit studentLeft(id);
}

void ClassroomServer::end() {
  const QString frame = frameText(encode(HostMessage(End{}), m_lastSeq));
  for (Student &student : m_students)
    if (student.channel)
      student.channel->sendAndClose(frame);
}

QList<ClassroomServer::StudentInfo> ClassroomServer::students() const {
  QList<StudentInfo> list;
  for (const QString &id : m_order)
    list.append(m_students.value(id).info);
  return list;
}

std::optional<ClassroomServer::StudentInfo> ClassroomServer::student(const QString &id) const {
  const auto it = m_students.find(id);
  if (it == m_students.end())
    return std::nullopt;
  return it->info;
}

void ClassroomServer::acceptConnections() {
  while (m_server && m_server->hasPendingConnections()) {
    QWebSocket *socket = m_server->nextPendingConnection();
    if (m_pending.size() >= kMaxPendingConnections) {
      qCWarning(lcClassroom).noquote() << "turned away" << socket->peerAddress().toString() << "- too many connections without a hello";
      socket->abort();
      socket->deleteLater();
      continue;
    }
    auto *channel = new StudentChannel(socket, this);
    m_pending.insert(channel);
    connect(channel, &StudentChannel::frameReceived, this, [this, channel](const QByteArray &frame) { onFrame(channel, frame); });
    connect(channel, &StudentChannel::closed, this, [this, channel] { onClosed(channel); });
    QTimer::singleShot(m_options.helloTimeoutMs, channel, [this, channel] {
      if (m_pending.contains(channel))
        refuse(channel, QStringLiteral("no hello within %1 ms").arg(m_options.helloTimeoutMs));
    });
  }
}

void ClassroomServer::onFrame(StudentChannel *channel, const QByteArray &frame) {
  QString error;
  const auto message = decodeStudentMessage(frame, &error);
  if (m_pending.contains(channel)) {
    if (message && std::holds_alternative<Hello>(*message))
      return onHello(channel, std::get<Hello>(*message));
    return refuse(channel,
                  message ? QStringLiteral("expected a hello, got %1").arg(typeName(*message)) : QStringLiteral("expected a hello: ") + error);
  }
  const QString id = studentOf(channel);
  if (id.isEmpty())
    return; // refused or removed, closing
  if (!message) {
    qCWarning(lcClassroom).noquote() << "dropped a message from student" << id << ":" << error;
    return;
  }
  if (std::holds_alternative<Hello>(*message)) {
    qCWarning(lcClassroom).noquote() << "dropped a second hello from student" << id;
    return;
  }
  Student &student = m_students[id];
  if (!student.window.isValid() || student.window.elapsed() >= 1000) {
    student.window.start();
    student.messagesInWindow = 0;
  }
  if (++student.messagesInWindow > m_options.maxMessagesPerSecond) {
    if (student.messagesInWindow == m_options.maxMessagesPerSecond + 1)
      qCWarning(lcClassroom).noquote() << "student" << id << "sends more than" << m_options.maxMessagesPerSecond
                                       << "messages a second; dropping the rest of this second's";
    return;
  }
  if (const auto *status = std::get_if<Status>(&*message)) {
    const bool changed = !student.info.status || student.info.following != status->following;
    student.info.following = status->following;
    student.info.status = *status;
    if (changed)
      emit studentUpdated(id);
  }
  emit messageFrom(id, *message);
}

void ClassroomServer::onHello(StudentChannel *channel, const Hello &hello) {
  if (hello.version != kProtocolVersion)
    return refuse(channel, versionMismatchReason(kProtocolVersion, hello.version));
  if (!joinCodesMatch(m_options.code, hello.code))
    return refuse(channel, QStringLiteral("wrong join code"));
  if (!hello.resume.isEmpty() && m_revokedTokens.contains(hello.resume))
    return refuse(channel, QStringLiteral("the teacher removed you from this session"));
  for (auto it = m_students.begin(); it != m_students.end(); ++it) {
    if (hello.resume.isEmpty() || it->resume != hello.resume)
      continue;
    // The same student on a new connection: the old one (if the host has not noticed it
    // dropping yet) is closed, and the student gets what it missed.
    if (StudentChannel *old = it->channel) {
      m_studentOfChannel.remove(old);
      old->abort();
    }
    m_pending.remove(channel);
    it->channel = channel;
    it->info.connected = true;
    m_studentOfChannel.insert(channel, it->info.id);
    sendWelcome(*it, std::max(hello.seen, m_sessionStart));
    emit studentRejoined(it->info.id);
    return;
  }
  if (m_students.size() >= m_options.maxStudents)
    return refuse(channel, QStringLiteral("the class is full (%1 students)").arg(m_options.maxStudents));
  QStringList names;
  for (const Student &other : std::as_const(m_students))
    names << other.info.name;
  Student student;
  student.info.id = QStringLiteral("s%1").arg(m_nextStudent++);
  student.info.name = uniqueStudentName(sanitizeStudentName(hello.name), names);
  student.info.connected = true;
  student.resume = newResumeToken();
  student.channel = channel;
  m_pending.remove(channel);
  m_studentOfChannel.insert(channel, student.info.id);
  m_order.append(student.info.id);
  const QString id = student.info.id;
  sendWelcome(m_students.insert(id, student).value(), m_sessionStart);
  emit studentJoined(id);
}

void ClassroomServer::onClosed(StudentChannel *channel) {
  m_pending.remove(channel);
  const QString id = m_studentOfChannel.take(channel);
  channel->deleteLater();
  if (id.isEmpty())
    return;
  const auto it = m_students.find(id);
  if (it == m_students.end())
    return;
  it->channel = nullptr;
  it->info.connected = false;
  emit studentLeft(id);
}

void ClassroomServer::refuse(StudentChannel *channel, const QString &reason) {
  qCWarning(lcClassroom).noquote() << "refused" << channel->peer() << ":" << reason;
  m_pending.remove(channel);
  channel->sendAndClose(frameText(encode(HostMessage(Refused{reason}), m_lastSeq)));
}

void ClassroomServer::sendWelcome(Student &student, qint64 seen) {
  Welcome welcome;
  welcome.seq = m_lastSeq;
  welcome.student = student.info.id;
  welcome.name = student.info.name;
  welcome.resume = student.resume;
  welcome.sessionStart = m_sessionStart;
  welcome.session = m_session;
  welcome.locked = m_locked;
  for (const Command &command : std::as_const(m_log))
    if (command.seq > seen)
      welcome.log.append(command);
  for (const QByteArray &frame : welcomeFrames(welcome))
    student.channel->send(frameText(frame));
}

} // namespace streamscope::classroom
