#pragma once
// The classroom wire protocol (docs/classroom-protocol.md): JSON text frames between the
// teacher's app (the host) and the students' apps. Encoding is total; decoding is strict and
// names the first thing wrong, so the host and the client can drop a bad frame with a reason.
// Contract: pure functions of their arguments; any thread.
#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QLoggingCategory>
#include <QMetaType>
#include <QString>

#include <optional>
#include <variant>

namespace streamscope::classroom {

Q_DECLARE_LOGGING_CATEGORY(lcClassroom)

/// Both apps must speak the same version; a host refuses any other in the hello.
inline constexpr int kProtocolVersion = 1;
/// Host-to-student frames carry the scenario text in the welcome, hence the larger limit.
inline constexpr qsizetype kMaxHostFrameBytes = 4 * 1024 * 1024;
inline constexpr qsizetype kMaxStudentFrameBytes = 8 * 1024;

// ---- student -> host ----

/// The first frame of every connection. `resume` is the token of an earlier welcome (empty
/// on a first join); `seen` is the seq of the last command the student applied.
struct Hello {
  int version = kProtocolVersion;
  QString code;
  QString name;
  QString resume;
  qint64 seen = 0;
};

/// A prediction: the student picked `choice` (0-based) at lesson step `step` after `answerMs`.
struct Answer {
  int step = 0;
  int choice = 0;
  qint64 answerMs = 0;
};

/// The student did a try-it step.
struct Tried {
  int step = 0;
};

/// Where the student's app is, so the teacher can see who is behind or has left follow.
struct Status {
  int step = 0;
  qint64 positionUs = 0;
  QString eventHash;
  bool following = true;
};

using StudentMessage = std::variant<Hello, Answer, Tried, Status>;

// ---- host -> student ----

/// What the class works on: a lesson (by id) or a scenario (its JSON text), with an optional seed.
struct SessionInfo {
  enum class Kind { Lesson, Scenario };
  Kind kind = Kind::Scenario;
  QString lessonId;
  QByteArray scenarioText;
  std::optional<qint64> seed;
  bool operator==(const SessionInfo &) const = default;
};

/// One teacher action, stamped with the teacher's engine position. `payload` is the whole
/// "command" object (kind, at_us, processed and the kind's own fields), validated per kind but
/// kept generic so callers can add fields.
struct Command {
  qint64 seq = 0;
  QJsonObject payload;
  QString kind() const;
  qint64 atUs() const;
  qint64 processed() const;
  bool operator==(const Command &) const = default;
};

/// The host's answer to a hello. `seq` is the host's latest command seq; `session_start` is the
/// seq before the session's first command, so `log` holds commands after max(seen, start). A log
/// too large for one frame ends early and the rest follows as command messages.
struct Welcome {
  qint64 seq = 0;
  int version = kProtocolVersion;
  QString student;
  QString name;
  QString resume;
  qint64 sessionStart = 0;
  SessionInfo session;
  QList<Command> log;
  bool locked = false;
};

struct Refused {
  QString reason;
};

struct Removed {
  QString reason;
};

struct End {};

using HostMessage = std::variant<Welcome, Refused, Command, Removed, End>;

// ---- encoding and decoding ----

/// The command kinds, in the order of docs/classroom-protocol.md.
const QStringList &commandKinds();

/// A command payload checked against its kind's schema. Returns an empty string when valid,
/// else the first problem ("command field \"speed\" must be a number greater than 0").
QString validateCommandPayload(const QJsonObject &payload);

/// A command payload with the fields every command has.
QJsonObject commandPayload(const QString &kind, qint64 atUs, qint64 processed, const QJsonObject &fields = {});

QByteArray encode(const StudentMessage &message);
/// `seq` is written for non-command messages; a command and a welcome carry their own.
QByteArray encode(const HostMessage &message, qint64 seq = 0);

/// Strict decoding of one frame: nullopt and the first problem in `error` when the frame is too
/// large, not a JSON object, of an unknown type, of a type the other side may not send, or has a
/// missing, ill-typed, out-of-range or unknown field.
std::optional<StudentMessage> decodeStudentMessage(const QByteArray &frame, QString *error);
std::optional<HostMessage> decodeHostMessage(const QByteArray &frame, QString *error);

/// The frames that carry `welcome`: the welcome with as much of its log as fits in `limit`
/// bytes, then one command frame for each log entry left over. Empty if the welcome without
/// its log is already too large.
QList<QByteArray> welcomeFrames(const Welcome &welcome, qsizetype limit = kMaxHostFrameBytes);

/// The message's "type" spelling, for log lines.
QString typeName(const StudentMessage &message);
QString typeName(const HostMessage &message);

/// The refusal a host sends for a hello of another version, naming both.
QString versionMismatchReason(int hostVersion, int studentVersion);

} // namespace streamscope::classroom

Q_DECLARE_METATYPE(streamscope::classroom::StudentMessage)
Q_DECLARE_METATYPE(streamscope::classroom::HostMessage)
Q_DECLARE_METATYPE(streamscope::classroom::Welcome)
Q_DECLARE_METATYPE(streamscope::classroom::Command)
