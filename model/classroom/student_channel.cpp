#include "student_channel.h"

#include "classroom_protocol.h"

#include <QTimer>
#include <QWebSocket>

namespace streamscope::classroom {

StudentChannel::StudentChannel(QWebSocket *socket, QObject *parent) : QObject(parent), m_socket(socket) {
  m_socket->setParent(this);
  // A frame or message beyond the limit makes the socket close itself (close code 1009).
  m_socket->setMaxAllowedIncomingFrameSize(kMaxStudentFrameBytes);
  m_socket->setMaxAllowedIncomingMessageSize(kMaxStudentFrameBytes);
  connect(m_socket, &QWebSocket::textMessageReceived, this, [this](const QString &text) {
    if (!m_closed)
      emit frameReceived(text.toUtf8());
  });
  connect(m_socket, &QWebSocket::binaryMessageReceived, this, [this](const QByteArray &data) {
    qCWarning(lcClassroom).noquote() << "dropped a binary frame of" << data.size() << "bytes from" << peer();
  });
  connect(m_socket, &QWebSocket::bytesWritten, this, &StudentChannel::flush);
  connect(m_socket, &QWebSocket::disconnected, this, &StudentChannel::onClosed);
}

StudentChannel::~StudentChannel() {
  // Destroying the socket must not call back into a half-destroyed channel.
  m_socket->disconnect(this);
}

void StudentChannel::send(const QString &frame) {
  if (m_closed || m_closeWhenFlushed)
    return;
  const qint64 bytes = frame.size() * qint64(sizeof(QChar));
  if (m_queuedBytes + bytes > kMaxQueuedBytes) {
    qCWarning(lcClassroom).noquote() << peer() << "is" << m_queuedBytes << "bytes behind; disconnecting it so it resumes from the log";
    abort();
    return;
  }
  m_queue.enqueue(frame);
  m_queuedBytes += bytes;
  flush();
}

void StudentChannel::sendAndClose(const QString &frame) {
  send(frame);
  m_closeWhenFlushed = true;
  flush();
  // A peer that never answers the closing handshake is cut off.
  QTimer::singleShot(kCloseGraceMs, this, &StudentChannel::abort);
}

void StudentChannel::abort() {
  if (m_closed)
    return;
  m_queue.clear();
  m_queuedBytes = 0;
  m_socket->abort();
  onClosed();
}

QString StudentChannel::peer() const { return QStringLiteral("%1:%2").arg(m_socket->peerAddress().toString()).arg(m_socket->peerPort()); }

bool StudentChannel::isOpen() const { return !m_closed; }

void StudentChannel::flush() {
  while (!m_closed && !m_queue.isEmpty() && m_socket->bytesToWrite() < kSocketHighWater) {
    const QString frame = m_queue.dequeue();
    m_queuedBytes -= frame.size() * qint64(sizeof(QChar));
    m_socket->sendTextMessage(frame);
  }
  if (!m_closed && m_closeWhenFlushed && m_queue.isEmpty())
    m_socket->close(); // a clean close handshake: the frames before it are delivered
}

void StudentChannel::onClosed() {
  if (m_closed)
    return;
  m_closed = true;
  emit closed();
}

} // namespace streamscope::classroom
