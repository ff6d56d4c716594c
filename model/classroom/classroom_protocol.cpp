// Encoding and strict decoding of the classroom frames (docs/classroom-protocol.md).
#include "classroom_protocol.h"
#include "protocol_fields.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

#include <array>

namespace streamscope::classroom {

Q_LOGGING_CATEGORY(lcClassroom, "streamscope.classroom")

using namespace fields;

namespace {

constexpr qsizetype kMaxCodeLength = 64;
constexpr qsizetype kMaxNameLength = 256; // the host sanitises names down to 32 characters
constexpr qsizetype kMaxTokenLength = 128;
constexpr qsizetype kMaxReasonLength = 1024;
constexpr qsizetype kMaxLessonIdLength = 256;
constexpr qsizetype kMaxHashLength = 128;
constexpr int kMaxIndex = 1'000'000;

const QString kType = QStringLiteral("type");
const QString kSeq = QStringLiteral("seq");

QByteArray compact(const QJsonObject &object) { return QJsonDocument(object).toJson(QJsonDocument::Compact); }

QJsonObject encodeSession(const SessionInfo &session) {
  QJsonObject object{{QStringLiteral("kind"), session.kind == SessionInfo::Kind::Lesson ? QStringLiteral("lesson") : QStringLiteral("scenario")}};
  if (session.kind == SessionInfo::Kind::Lesson)
    object.insert(QStringLiteral("lesson_id"), session.lessonId);
  else
    object.insert(QStringLiteral("scenario_text"), QString::fromUtf8(session.scenarioText));
  if (session.seed)
    object.insert(QStringLiteral("seed"), *session.seed);
  return object;
}

QJsonObject encodeLogEntry(const Command &command) { return {{kSeq, command.seq}, {QStringLiteral("command"), command.payload}}; }

/// The frame as a JSON object with a string "type", or nullopt and why not.
std::optional<QJsonObject> parseFrame(const QByteArray &frame, qsizetype limit, QString *error, QString *type) {
  if (frame.size() > limit) {
    *error = QStringLiteral("frame of %1 bytes is larger than the %2-byte limit").arg(frame.size()).arg(limit);
    return std::nullopt;
  }
  QJsonParseError parseError;
  const QJsonDocument document = QJsonDocument::fromJson(frame, &parseError);
  if (parseError.error != QJsonParseError::NoError) {
    *error = QStringLiteral("not JSON: %1 at offset %2").arg(parseError.errorString()).arg(parseError.offset);
    return std::nullopt;
  }
  if (!document.isObject()) {
    *error = QStringLiteral("not a JSON object");
    return std::nullopt;
  }
  const QJsonObject object = document.object();
  if (!readString(object, kType, 32, type, QStringLiteral("message"), error))
    return std::nullopt;
  return object;
}

std::optional<SessionInfo> decodeSession(const QJsonValue &value, QString *error) {
  const QString context = QStringLiteral("welcome session");
  if (!value.isObject()) {
    *error = QStringLiteral("welcome: field \"session\" must be an object");
    return std::nullopt;
  }
  const QJsonObject object = value.toObject();
  SessionInfo session;
  QString kind;
  if (!readString(object, QStringLiteral("kind"), 16, &kind, context, error))
    return std::nullopt;
  if (kind == QLatin1String("lesson")) {
    session.kind = SessionInfo::Kind::Lesson;
    if (!onlyKnown(object, {QStringLiteral("kind"), QStringLiteral("lesson_id"), QStringLiteral("seed")}, context, error) ||
        !readString(object, QStringLiteral("lesson_id"), kMaxLessonIdLength, &session.lessonId, context, error))
      return std::nullopt;
  } else if (kind == QLatin1String("scenario")) {
    QString text;
    if (!onlyKnown(object, {QStringLiteral("kind"), QStringLiteral("scenario_text"), QStringLiteral("seed")}, context, error) ||
        !readString(object, QStringLiteral("scenario_text"), kMaxHostFrameBytes, &text, context, error))
      return std::nullopt;
    session.scenarioText = text.toUtf8();
  } else {
    *error = QStringLiteral("welcome session: field \"kind\" must be \"lesson\" or \"scenario\", not \"%1\"").arg(kind.left(32));
    return std::nullopt;
  }
  qint64 seed = -1;
  if (!readInteger(object, QStringLiteral("seed"), 0, kMaxExactInteger, &seed, context, error, Presence::Optional))
    return std::nullopt;
  if (seed >= 0)
    session.seed = seed;
  return session;
}

/// {"seq": n, "command": {...}}, the body of a command message and of a welcome's log entry.
std::optional<Command> decodeCommandBody(const QJsonObject &object, const QString &context, QString *error) {
  Command command;
  if (!readInteger(object, kSeq, 1, kMaxExactInteger, &command.seq, context, error))
    return std::nullopt;
  const QJsonValue payload = object.value(QLatin1String("command"));
  if (!payload.isObject()) {
    *error = QStringLiteral("%1: field \"command\" must be an object").arg(context);
    return std::nullopt;
  }
  command.payload = payload.toObject();
  if (const QString problem = validateCommandPayload(command.payload); !problem.isEmpty()) {
    *error = QStringLiteral("%1: %2").arg(context, problem);
    return std::nullopt;
  }
  return command;
}

std::optional<Welcome> decodeWelcome(const QJsonObject &object, QString *error) {
  const QString context = QStringLiteral("welcome");
  Welcome welcome;
  if (!onlyKnown(object,
                 {kType, kSeq, QStringLiteral("version"), QStringLiteral("student"), QStringLiteral("name"), QStringLiteral("resume"),
                  QStringLiteral("session_start"), QStringLiteral("session"), QStringLiteral("log"), QStringLiteral("locked")},
                 context, error) ||
      !readInteger(object, kSeq, 0, kMaxExactInteger, &welcome.seq, context, error) ||
      !readInt(object, QStringLiteral("version"), 0, kMaxIndex, &welcome.version, context, error) ||
      !readString(object, QStringLiteral("student"), kMaxTokenLength, &welcome.student, context, error) ||
      !readString(object, QStringLiteral("name"), kMaxNameLength, &welcome.name, context, error) ||
      !readString(object, QStringLiteral("resume"), kMaxTokenLength, &welcome.resume, context, error) ||
      !readInteger(object, QStringLiteral("session_start"), 0, welcome.seq, &welcome.sessionStart, context, error) ||
      !readBool(object, QStringLiteral("locked"), &welcome.locked, context, error))
    return std::nullopt;
  const auto session = decodeSession(object.value(QLatin1String("session")), error);
  if (!session)
    return std::nullopt;
  welcome.session = *session;
  const QJsonValue log = object.value(QLatin1String("log"));
  if (!log.isArray()) {
    *error = QStringLiteral("welcome: field \"log\" must be an array");
    return std::nullopt;
  }
  const QJsonArray entries = log.toArray();
  for (qsizetype i = 0; i < entries.size(); ++i) {
    const QString entryContext = QStringLiteral("welcome log[%1]").arg(i);
    if (!entries.at(i).isObject()) {
      *error = entryContext + QStringLiteral(": must be an object");
      return std::nullopt;
    }
    const QJsonObject entry = entries.at(i).toObject();
    if (!onlyKnown(entry, {kSeq, QStringLiteral("command")}, entryContext, error))
      return std::nullopt;
    const auto command = decodeCommandBody(entry, entryContext, error);
    if (!command)
      return std::nullopt;
    const qint64 previous = welcome.log.isEmpty() ? welcome.sessionStart : welcome.log.last().seq;
    if ((welcome.log.isEmpty() ? command->seq <= previous : command->seq != previous + 1) || command->seq > welcome.seq) {
      *error = entryContext + QStringLiteral(": seq %1 out of order").arg(command->seq);
      return std::nullopt;
    }
    welcome.log.append(*command);
  }
  return welcome;
}

/// A message whose only field besides type and seq is a reason string.
bool decodeReason(const QJsonObject &object, const QString &context, QString *reason, QString *error) {
  qint64 seq = 0;
  return onlyKnown(object, {kType, kSeq, QStringLiteral("reason")}, context, error) &&
      readInteger(object, kSeq, 0, kMaxExactInteger, &seq, context, error) &&
      readString(object, QStringLiteral("reason"), kMaxReasonLength, reason, context, error);
}

} // namespace

QByteArray encode(const StudentMessage &message) {
  QJsonObject object;
  if (const auto *hello = std::get_if<Hello>(&message)) {
    object = {{kType, QStringLiteral("hello")},
              {QStringLiteral("version"), hello->version},
              {QStringLiteral("code"), hello->code},
              {QStringLiteral("name"), hello->name}};
    if (!hello->resume.isEmpty()) {
      object.insert(QStringLiteral("resume"), hello->resume);
      object.insert(QStringLiteral("seen"), hello->seen);
    }
  } else if (const auto *answer = std::get_if<Answer>(&message)) {
    object = {{kType, QStringLiteral("answer")},
              {QStringLiteral("step"), answer->step},
              {QStringLiteral("choice"), answer->choice},
              {QStringLiteral("answer_ms"), answer->answerMs}};
  } else if (const auto *tried = std::get_if<Tried>(&message)) {
    object = {{kType, QStringLiteral("tried")}, {QStringLiteral("step"), tried->step}};
  } else if (const auto *status = std::get_if<Status>(&message)) {
    object = {{kType, QStringLiteral("status")},
              {QStringLiteral("step"), status->step},
              {QStringLiteral("position_us"), status->positionUs},
              {QStringLiteral("event_hash"), status->eventHash},
              {QStringLiteral("following"), status->following}};
  }
  return compact(object);
}

QByteArray encode(const HostMessage &message, qint64 seq) {
  QJsonObject object;
  if (const auto *welcome = std::get_if<Welcome>(&message)) {
    QJsonArray log;
    for (const Command &command : welcome->log)
      log.append(encodeLogEntry(command));
    object = {{kType, QStringLiteral("welcome")},
              {kSeq, welcome->seq},
              {QStringLiteral("version"), welcome->version},
              {QStringLiteral("student"), welcome->student},
              {QStringLiteral("name"), welcome->name},
              {QStringLiteral("resume"), welcome->resume},
              {QStringLiteral("session_start"), welcome->sessionStart},
              {QStringLiteral("session"), encodeSession(welcome->session)},
              {QStringLiteral("log"), log},
              {QStringLiteral("locked"), welcome->locked}};
  } else if (const auto *command = std::get_if<Command>(&message)) {
    object = encodeLogEntry(*command);
    object.insert(kType, QStringLiteral("command"));
  } else if (const auto *refused = std::get_if<Refused>(&message)) {
    object = {{kType, QStringLiteral("refused")}, {kSeq, seq}, {QStringLiteral("reason"), refused->reason}};
  } else if (const auto *removed = std::get_if<Removed>(&message)) {
    object = {{kType, QStringLiteral("removed")}, {kSeq, seq}, {QStringLiteral("reason"), removed->reason}};
  } else {
    object = {{kType, QStringLiteral("end")}, {kSeq, seq}};
  }
  return compact(object);
}

std::optional<StudentMessage> decodeStudentMessage(const QByteArray &frame, QString *error) {
  QString type;
  const auto parsed = parseFrame(frame, kMaxStudentFrameBytes, error, &type);
  if (!parsed)
    return std::nullopt;
  const QJsonObject &object = *parsed;
  if (type == QLatin1String("hello")) {
    Hello hello;
    const QString context = QStringLiteral("hello");
    if (!onlyKnown(
            object,
            {kType, QStringLiteral("version"), QStringLiteral("code"), QStringLiteral("name"), QStringLiteral("resume"), QStringLiteral("seen")},
            context, error) ||
        !readInt(object, QStringLiteral("version"), 0, kMaxIndex, &hello.version, context, error) ||
        !readString(object, QStringLiteral("code"), kMaxCodeLength, &hello.code, context, error) ||
        !readString(object, QStringLiteral("name"), kMaxNameLength, &hello.name, context, error) ||
        !readString(object, QStringLiteral("resume"), kMaxTokenLength, &hello.resume, context, error, Presence::Optional) ||
        !readInteger(object, QStringLiteral("seen"), 0, kMaxExactInteger, &hello.seen, context, error, Presence::Optional))
      return std::nullopt;
    return hello;
  }
  if (type == QLatin1String("answer")) {
    Answer answer;
    const QString context = QStringLiteral("answer");
    if (!onlyKnown(object, {kType, QStringLiteral("step"), QStringLiteral("choice"), QStringLiteral("answer_ms")}, context, error) ||
        !readInt(object, QStringLiteral("step"), 0, kMaxIndex, &answer.step, context, error) ||
        !readInt(object, QStringLiteral("choice"), 0, kMaxIndex, &answer.choice, context, error) ||
        !readInteger(object, QStringLiteral("answer_ms"), 0, kMaxExactInteger, &answer.answerMs, context, error))
      return std::nullopt;
    return answer;
  }
  if (type == QLatin1String("tried")) {
    Tried tried;
    const QString context = QStringLiteral("tried");
    if (!onlyKnown(object, {kType, QStringLiteral("step")}, context, error) ||
        !readInt(object, QStringLiteral("step"), 0, kMaxIndex, &tried.step, context, error))
      return std::nullopt;
    return tried;
  }
  if (type == QLatin1String("status")) {
    Status status;
    const QString context = QStringLiteral("status");
    if (!onlyKnown(object, {kType, QStringLiteral("step"), QStringLiteral("position_us"), QStringLiteral("event_hash"), QStringLiteral("following")},
                   context, error) ||
        !readInt(object, QStringLiteral("step"), 0, kMaxIndex, &status.step, context, error) ||
        !readInteger(object, QStringLiteral("position_us"), 0, kMaxExactInteger, &status.positionUs, context, error) ||
        !readString(object, QStringLiteral("event_hash"), kMaxHashLength, &status.eventHash, context, error) ||
        !readBool(object, QStringLiteral("following"), &status.following, context, error))
      return std::nullopt;
    return status;
  }
  static const QStringList hostTypes{QStringLiteral("welcome"), QStringLiteral("refused"), QStringLiteral("command"), QStringLiteral("removed"),
                                     QStringLiteral("end")};
  if (hostTypes.contains(type))
    *error = QStringLiteral("message type \"%1\" may only come from the host").arg(type);
  else
    *error = QStringLiteral("unknown message type \"%1\"").arg(type);
  return std::nullopt;
}

std::optional<HostMessage> decodeHostMessage(const QByteArray &frame, QString *error) {
  QString type;
  const auto parsed = parseFrame(frame, kMaxHostFrameBytes, error, &type);
  if (!parsed)
    return std::nullopt;
  const QJsonObject &object = *parsed;
  if (type == QLatin1String("welcome"))
    return decodeWelcome(object, error);
  if (type == QLatin1String("command")) {
    if (!onlyKnown(object, {kType, kSeq, QStringLiteral("command")}, QStringLiteral("command"), error))
      return std::nullopt;
    return decodeCommandBody(object, QStringLiteral("command"), error);
  }
  if (type == QLatin1String("refused")) {
    Refused refused;
    if (!decodeReason(object, QStringLiteral("refused"), &refused.reason, error))
      return std::nullopt;
    return refused;
  }
  if (type == QLatin1String("removed")) {
    Removed removed;
    if (!decodeReason(object, QStringLiteral("removed"), &removed.reason, error))
      return std::nullopt;
    return removed;
  }
  if (type == QLatin1String("end")) {
    qint64 seq = 0;
    if (!onlyKnown(object, {kType, kSeq}, QStringLiteral("end"), error) ||
        !readInteger(object, kSeq, 0, kMaxExactInteger, &seq, QStringLiteral("end"), error))
      return std::nullopt;
    return End{};
  }
  static const QStringList studentTypes{QStringLiteral("hello"), QStringLiteral("answer"), QStringLiteral("tried"), QStringLiteral("status")};
  if (studentTypes.contains(type))
    *error = QStringLiteral("message type \"%1\" may only come from a student").arg(type);
  else
    *error = QStringLiteral("unknown message type \"%1\"").arg(type);
  return std::nullopt;
}

QString typeName(const StudentMessage &message) {
  static const std::array<QString, 4> names{QStringLiteral("hello"), QStringLiteral("answer"), QStringLiteral("tried"), QStringLiteral("status")};
  return names.at(message.index());
}

QString typeName(const HostMessage &message) {
  static const std::array<QString, 5> names{QStringLiteral("welcome"), QStringLiteral("refused"), QStringLiteral("command"),
                                            QStringLiteral("removed"), QStringLiteral("end")};
  return names.at(message.index());
}

QString versionMismatchReason(int hostVersion, int studentVersion) {
  return QStringLiteral("version mismatch: the teacher's app speaks classroom protocol version %1, this app speaks version %2; "
                        "install the same StreamScope release on both")
      .arg(hostVersion)
      .arg(studentVersion);
}

} // namespace streamscope::classroom
