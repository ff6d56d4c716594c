#pragma once
// A student's side of a classroom session: joins the teacher's host with the join code and a
// display name, then reports every command the teacher sends, in order. A dropped connection
// is retried with growing pauses (0.25 s doubling to 4 s) and resumed as the same student; the
// host then sends the commands the student missed, which arrive as ordinary messages.
//
// Use: connectTo(options); on welcomed, load the session and replay its log; on message, apply
// each command (or stop on removed/end); send answers, tried steps and statuses with send().
// Contract: a QObject on the thread that runs its event loop; signals are emitted there.
#include "classroom_protocol.h"

#include <QElapsedTimer>
#include <QObject>
#include <QSslError>
#include <QTimer>

class QWebSocket;

namespace streamscope::classroom {

class ClassroomClient : public QObject {
  Q_OBJECT
public:
  struct Options {
    QString host;
    quint16 port = 0;
    QString code;
    QString name;
    /// The SHA-256 fingerprint the teacher shows (see self_signed_cert.h): when set the client
    /// connects with TLS and accepts only the certificate with this fingerprint.
    QString fingerprint;
    /// Pauses between reconnection attempts: the first, doubled up to the last.
    int firstRetryMs = 250;
    int lastRetryMs = 4000;
    /// A host that does not answer the hello in this time is treated as unreachable.
    int welcomeTimeoutMs = 10000;
    /// Pings the host this often; a connection silent for three periods counts as lost.
    int keepAliveMs = 5000;
  };

  explicit ClassroomClient(QObject *parent = nullptr);
  ~ClassroomClient() override;

  void connectTo(const Options &options);
  /// Leaves the session: closes the connection and stops reconnecting.
  void leave();
  /// Sends an answer, tried or status. While reconnecting they wait (the latest status only) and
  /// go out after the resume. False for a hello, or when not in a session.
  bool send(const StudentMessage &message);

  bool isJoined() const { return !m_studentId.isEmpty(); }
  bool isConnected() const { return m_welcomed; }
  QString studentId() const { return m_studentId; }
  /// The name as the host shows it (sanitised, made unique).
  QString name() const { return m_name; }
  /// The seq of the last command reported.
  qint64 lastSeq() const { return m_lastSeq; }
  /// Drops the connection as a network failure would (for tests and diagnostics).
  void dropConnection();

signals:
  /// Joined, or the teacher started a new session: load `welcome.session`, then apply its log.
  void welcomed(const streamscope::classroom::Welcome &welcome);
  /// The host refused to admit the student (or could not be reached, or its certificate did not
  /// match the fingerprint). The client has stopped.
  void refused(const QString &reason);
  /// A command (in seq order, without gaps), or removed or end (after which the client stops).
  void message(const streamscope::classroom::HostMessage &message);
  /// The connection dropped; the client is reconnecting.
  void connectionLost();
  /// The client is back as the same student; missed commands follow as messages.
  void reconnected();

private:
  void open();
  void onConnected();
  void onDisconnected(QWebSocket *socket);
  void keepAlive();
  void onText(const QString &text);
  void onWelcome(const Welcome &welcome);
  void onSslErrors(const QList<QSslError> &errors);
  void apply(const Command &command);
  void stop(const QString &refusal);
  void flushPending();

  Options m_options;
  QWebSocket *m_socket = nullptr;
  QTimer m_retry;
  QTimer m_welcomeTimeout;
  QTimer m_keepAlive;
  QElapsedTimer m_sinceHeard;
  QByteArray m_pin;
  bool m_active = false;
  bool m_welcomed = false;
  bool m_lost = false;
  bool m_pinChecked = false;
  QString m_pinProblem;
  int m_nextRetryMs = 0;
  QString m_studentId;
  QString m_name;
  QString m_resume;
  qint64 m_sessionStart = -1;
  qint64 m_lastSeq = 0;
  QList<StudentMessage> m_pending;
};

} // namespace streamscope::classroom
