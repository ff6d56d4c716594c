// The schema of a teacher's command: the fields every command has and each kind's own.
// Fields outside the schema are allowed and passed through, so the app can add detail.
#include "classroom_protocol.h"
#include "protocol_fields.h"

#include <algorithm>
#include <array>

namespace streamscope::classroom {

using namespace fields;

namespace {

enum class FieldType { Integer, PositiveNumber, String, Text, Bool, Object };

struct FieldRule {
  const char *name;
  FieldType type;
  Presence presence;
};

struct KindRule {
  const char *kind;
  std::array<FieldRule, 3> fields; // unused slots have a null name
};

constexpr FieldRule none{nullptr, FieldType::Integer, Presence::Optional};

// The engine's commands are the simulation controller's journal (model/controller_journal.h),
// each with its own "after" place and "after_hash", read by model/json/controller_command_json;
// the rest are the classroom's. docs/classroom-protocol.md lists the same kinds and fields.
constexpr std::array<KindRule, 16> kindRules{{
    {"load", {{{"scenario", FieldType::Text, Presence::Required}, {"speed", FieldType::PositiveNumber, Presence::Required}, none}}},
    {"run_to", {{{"target", FieldType::Object, Presence::Required}, none, none}}},
    {"seek", {{{"target", FieldType::Object, Presence::Required}, none, none}}},
    {"step_event", {none, none, none}},
    {"step_back", {none, none, none}},
    {"switch_branch", {{{"target", FieldType::Object, Presence::Required}, none, none}}},
    {"fork_branch", {{{"name", FieldType::String, Presence::Required}, none, none}}},
    {"user_action", {{{"fault", FieldType::Object, Presence::Required}, {"join_group", FieldType::Bool, Presence::Required}, none}}},
    {"reset", {none, none, none}},
    {"play", {none, none, none}},
    {"pause", {none, none, none}},
    {"speed", {{{"speed", FieldType::PositiveNumber, Presence::Required}, none, none}}},
    {"lesson_step", {{{"step", FieldType::Integer, Presence::Required}, none, none}}},
    {"reveal",
     {{{"step", FieldType::Integer, Presence::Required},
       {"explanation", FieldType::String, Presence::Optional},
       {"answers", FieldType::Object, Presence::Optional}}}},
    {"lock", {none, none, none}},
    {"release", {none, none, none}},
}};

constexpr qsizetype kMaxExplanationLength = 64 * 1024;
constexpr qsizetype kMaxScenarioLength = 2 * 1024 * 1024;

bool checkField(const QJsonObject &payload, const FieldRule &rule, QString *error) {
  const QString context = QStringLiteral("command \"%1\"").arg(payload.value(QLatin1String("kind")).toString());
  const QString key = QLatin1String(rule.name);
  switch (rule.type) {
  case FieldType::Integer: {
    qint64 value = 0;
    return readInteger(payload, key, 0, kMaxExactInteger, &value, context, error, rule.presence);
  }
  case FieldType::PositiveNumber: {
    double value = 0;
    return readPositiveNumber(payload, key, &value, context, error, rule.presence);
  }
  case FieldType::String: {
    QString value;
    return readString(payload, key, kMaxExplanationLength, &value, context, error, rule.presence);
  }
  case FieldType::Text: {
    QString value;
    return readString(payload, key, kMaxScenarioLength, &value, context, error, rule.presence);
  }
  case FieldType::Bool: {
    bool value = false;
    return readBool(payload, key, &value, context, error, rule.presence);
  }
  case FieldType::Object: {
    const QJsonValue value = payload.value(key);
    if (value.isUndefined() && rule.presence == Presence::Optional)
      return true;
    if (value.isObject())
      return true;
    *error = QStringLiteral("%1: field \"%2\" must be an object").arg(context, key);
    return false;
  }
  }
  return false;
}

} // namespace

const QStringList &commandKinds() {
  static const QStringList kinds = [] {
    QStringList names;
    for (const KindRule &rule : kindRules)
      names << QLatin1String(rule.kind);
    return names;
  }();
  return kinds;
}

QString validateCommandPayload(const QJsonObject &payload) {
  QString error;
  QString kind;
  if (!readString(payload, QStringLiteral("kind"), 32, &kind, QStringLiteral("command"), &error))
    return error;
  const auto rule = std::find_if(kindRules.begin(), kindRules.end(), [&](const KindRule &r) { return kind == QLatin1String(r.kind); });
  if (rule == kindRules.end())
    return QStringLiteral("command: unknown kind \"%1\"").arg(kind);
  qint64 stamp = 0;
  const QString context = QStringLiteral("command \"%1\"").arg(kind);
  if (!readInteger(payload, QStringLiteral("at_us"), 0, kMaxExactInteger, &stamp, context, &error) ||
      !readInteger(payload, QStringLiteral("processed"), 0, kMaxExactInteger, &stamp, context, &error))
    return error;
  for (const FieldRule &field : rule->fields)
    if (field.name && !checkField(payload, field, &error))
      return error;
  return {};
}

QJsonObject commandPayload(const QString &kind, qint64 atUs, qint64 processed, const QJsonObject &fields) {
  QJsonObject payload = fields;
  payload.insert(QStringLiteral("kind"), kind);
  payload.insert(QStringLiteral("at_us"), atUs);
  payload.insert(QStringLiteral("processed"), processed);
  return payload;
}

QString Command::kind() const { return payload.value(QLatin1String("kind")).toString(); }
qint64 Command::atUs() const { return payload.value(QLatin1String("at_us")).toInteger(); }
qint64 Command::processed() const { return payload.value(QLatin1String("processed")).toInteger(); }

} // namespace streamscope::classroom
