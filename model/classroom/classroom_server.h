#pragma once
// The teacher's side of a classroom session: a WebSocket server (optionally TLS) on a chosen
// interface and port that admits students presenting the join code, keeps the session (what
// the class works on and every command so far) and sends each command to every student.
// Students only ever send hello, answer, tried and status; anything else is dropped.
//
// Use: listen(options); setSession(...); broadcast(commandPayload("play", atUs, processed));
// react to messageFrom (answers, tried steps, statuses) and studentJoined/Left/Rejoined.
// Contract: a QObject on the thread that runs its event loop; signals are emitted there.
#include "classroom_protocol.h"
#include "self_signed_cert.h"

#include <QElapsedTimer>
#include <QHash>
#include <QHostAddress>
#include <QObject>
#include <QSet>

#include <optional>

class QWebSocketServer;

namespace streamscope::classroom {

class StudentChannel;

class ClassroomServer : public QObject {
  Q_OBJECT
public:
  struct Options {
    /// The interface to listen on (QHostAddress::Any for every one).
    QHostAddress address = QHostAddress::LocalHost;
    /// 0 picks a free port; port() says which.
    quint16 port = 0;
    /// The join code students must present (see join_code.h).
    QString code;
    /// With an identity the session is wss:// (TLS); students pin its fingerprint.
    std::optional<TlsIdentity> tls;
    /// A connection that sends no hello within this time is refused.
    int helloTimeoutMs = 5000;
    int maxStudents = 200;
    /// Messages a student may send per second; more are dropped (a status stream is a few).
    int maxMessagesPerSecond = 50;
  };

  struct StudentInfo {
    QString id;
    QString name;
    bool connected = false;
    /// Whether the student's app follows the teacher (from its last status).
    bool following = true;
    /// The student's last status, if it sent one.
    std::optional<Status> status;
  };

  explicit ClassroomServer(QObject *parent = nullptr);
  ~ClassroomServer() override;

  /// Starts listening; false with errorString() if the address or port cannot be used.
  bool listen(const Options &options);
  QString errorString() const { return m_error; }
  bool isListening() const;
  quint16 port() const;
  /// Stops listening and drops every connection without a message (see end()).
  void close();

  /// Starts a new session: the log is cleared and every connected student gets a new welcome.
  /// False (and nothing changes) if the session does not fit in a welcome frame.
  bool setSession(const SessionInfo &session, QString *error = nullptr);
  const SessionInfo &session() const { return m_session; }

  /// Validates the command payload (validateCommandPayload), gives it the next seq, appends it to
  /// the log and sends it to every connected student. Returns the seq, or 0 (and a log line) if
  /// the payload is invalid. "lock" and "release" also set locked().
  qint64 broadcast(const QJsonObject &payload);
  /// Sends one message to one connected student, unrecorded (a welcome resynchronises the student
  /// with the whole log: see resync). Commands belong in the log: use broadcast.
  bool sendTo(const QString &id, const HostMessage &message);
  /// Sends the student a fresh welcome with the session's whole log.
  bool resync(const QString &id);
  /// Tells the student why, disconnects it and forgets it; its resume token is refused from now on.
  void remove(const QString &id, const QString &reason);
  /// Tells every student the session is over and closes their connections.
  void end();

  QList<StudentInfo> students() const;
  std::optional<StudentInfo> student(const QString &id) const;
  const QList<Command> &log() const { return m_log; }
  qint64 lastSeq() const { return m_lastSeq; }
  bool locked() const { return m_locked; }

signals:
  void studentJoined(const QString &id);
  void studentRejoined(const QString &id);
  /// The student's connection closed (it may rejoin with its resume token) or it was removed.
  void studentLeft(const QString &id);
  /// A status changed the student's following flag.
  void studentUpdated(const QString &id);
  /// An answer, tried or status from a joined student (hellos are handled here).
  void messageFrom(const QString &id, const streamscope::classroom::StudentMessage &message);

private:
  struct Student {
    StudentInfo info;
    QString resume;
    StudentChannel *channel = nullptr;
    QElapsedTimer window; // the current one-second window of the message budget
    int messagesInWindow = 0;
  };

  void acceptConnections();
  void onFrame(StudentChannel *channel, const QByteArray &frame);
  void onHello(StudentChannel *channel, const Hello &hello);
  void onClosed(StudentChannel *channel);
  void refuse(StudentChannel *channel, const QString &reason);
  void sendWelcome(Student &student, qint64 seen);
  QString studentOf(StudentChannel *channel) const { return m_studentOfChannel.value(channel); }

  QWebSocketServer *m_server = nullptr;
  Options m_options;
  QString m_error;
  SessionInfo m_session;
  qint64 m_sessionStart = 0;
  QList<Command> m_log;
  qint64 m_lastSeq = 0;
  bool m_locked = false;
  int m_nextStudent = 1;
  QHash<QString, Student> m_students; // by id
  QList<QString> m_order; // ids in joining order
  QHash<StudentChannel *, QString> m_studentOfChannel;
  QSet<StudentChannel *> m_pending; // connected, no hello yet
  QSet<QString> m_revokedTokens;
};

} // namespace streamscope::classroom
