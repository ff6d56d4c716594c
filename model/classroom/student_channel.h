#pragma once
// One student's connection on the host: the socket, a queue of frames not yet handed to it
// (so a slow student never holds up the others), and the frame size limit for what it sends.
// Contract: lives on the host's thread; owns its socket.
#include <QByteArray>
#include <QObject>
#include <QQueue>
#include <QString>

class QWebSocket;

namespace streamscope::classroom {

class StudentChannel : public QObject {
  Q_OBJECT
public:
  /// Frames are counted in UTF-16 bytes. Frames wait in the queue while the socket holds this much unsent data.
  static constexpr qint64 kSocketHighWater = 256 * 1024;
  /// A student this far behind is disconnected; it resumes and catches up from the log.
  static constexpr qint64 kMaxQueuedBytes = 32 * 1024 * 1024;

  /// How long a closing connection may take to deliver its last frames.
  static constexpr int kCloseGraceMs = 3000;

  /// Takes ownership of `socket`.
  StudentChannel(QWebSocket *socket, QObject *parent);
  ~StudentChannel() override;

  void send(const QString &frame);
  /// Sends what is queued and then `frame`, and closes the connection once they are written.
  void sendAndClose(const QString &frame);
  /// Closes at once; queued frames are dropped.
  void abort();

  QString peer() const;
  qint64 queuedBytes() const { return m_queuedBytes; }
  bool isOpen() const;

signals:
  void frameReceived(const QByteArray &frame);
  void closed();

private:
  void flush();
  void onClosed();

  QWebSocket *m_socket;
  QQueue<QString> m_queue;
  qint64 m_queuedBytes = 0;
  bool m_closeWhenFlushed = false;
  bool m_closed = false;
};

} // namespace streamscope::classroom
