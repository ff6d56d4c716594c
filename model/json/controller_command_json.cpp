#include "controller_command_json.h"

#include "fault_json.h"

#include <QJsonValue>

#include <algorithm>
#include <cmath>

namespace streamscope::model {
namespace {

using Kind = ControllerCommand::Kind;

QJsonObject placeToJson(const RunPlace &p) {
  return {{QStringLiteral("branch"), p.branch},
          {QStringLiteral("at_us"), static_cast<double>(p.at)},
          {QStringLiteral("processed"), static_cast<double>(p.processed)}};
}

/// A whole number in [0, 2^53) (what a JSON double holds exactly).
std::optional<std::int64_t> wholeNumber(const QJsonValue &v) {
  if (!v.isDouble())
    return std::nullopt;
  const double d = v.toDouble();
  if (!(d >= 0 && d < 9007199254740992.0) || std::floor(d) != d)
    return std::nullopt;
  return static_cast<std::int64_t>(d);
}

std::optional<RunPlace> placeFromJson(const QJsonValue &v, const QString &field, QString *error) {
  const QJsonObject o = v.toObject();
  const auto branch = wholeNumber(o.value(QStringLiteral("branch")));
  const auto at = wholeNumber(o.value(QStringLiteral("at_us")));
  const auto processed = wholeNumber(o.value(QStringLiteral("processed")));
  if (!v.isObject() || !branch || !at || !processed || *branch > 1000000) {
    *error = QObject::tr("\"%1\" needs {\"branch\", \"at_us\", \"processed\"} as whole numbers").arg(field);
    return std::nullopt;
  }
  return RunPlace{static_cast<int>(*branch), *at, static_cast<std::uint64_t>(*processed)};
}

bool applicationGroup(const engine::Fault &f, const engine::Scenario &scenario) {
  const std::string *group = engine::faultGroup(f);
  return group && std::ranges::any_of(scenario.applications, [&](const engine::KinesisAppConfig &a) { return a.application == *group; });
}

} // namespace

QJsonObject commandToJson(const ControllerCommand &c, const engine::Scenario &scenario) {
  QJsonObject o{{QStringLiteral("kind"), commandKindName(c.kind)},
                {QStringLiteral("after"), placeToJson(c.after)},
                {QStringLiteral("after_hash"), QStringLiteral("%1").arg(c.afterHash, 16, 16, QLatin1Char('0'))}};
  switch (c.kind) {
  case Kind::Load:
    o.insert(QStringLiteral("scenario"), QString::fromUtf8(c.scenarioJson));
    o.insert(QStringLiteral("speed"), c.speed);
    break;
  case Kind::Speed: o.insert(QStringLiteral("speed"), c.speed); break;
  case Kind::RunTo:
  case Kind::Seek:
  case Kind::SwitchBranch: o.insert(QStringLiteral("target"), placeToJson(c.target)); break;
  case Kind::ForkBranch: o.insert(QStringLiteral("name"), c.name); break;
  case Kind::UserAction:
    o.insert(QStringLiteral("fault"), faultToJson(c.fault, applicationGroup(c.fault, scenario)));
    o.insert(QStringLiteral("join_group"), c.joinGroup);
    break;
  default: break;
  }
  return o;
}

std::optional<ControllerCommand> commandFromJson(const QJsonObject &o, const QByteArray &scenarioJson, QString *error) {
  const auto kind = commandKindFromName(o.value(QStringLiteral("kind")).toString());
  if (!kind) {
    *error = QObject::tr("unknown command kind \"%1\"").arg(o.value(QStringLiteral("kind")).toString());
    return std::nullopt;
  }
  ControllerCommand c{*kind};
  const auto after = placeFromJson(o.value(QStringLiteral("after")), QStringLiteral("after"), error);
  if (!after)
    return std::nullopt;
  c.after = *after;
  bool hexOk = false;
  const QString hash = o.value(QStringLiteral("after_hash")).toString();
  c.afterHash = hash.toULongLong(&hexOk, 16);
  if (hash.size() != 16 || !hexOk) {
    *error = QObject::tr("\"after_hash\" needs 16 hexadecimal digits");
    return std::nullopt;
  }
  const auto speed = [&]() -> bool {
    const QJsonValue v = o.value(QStringLiteral("speed"));
    c.speed = v.toDouble();
    if (v.isDouble() && c.speed >= 0.01 && c.speed <= 1000)
      return true;
    *error = QObject::tr("\"speed\" needs a number from 0.01 to 1000");
    return false;
  };
  switch (c.kind) {
  case Kind::Load:
    if (!o.value(QStringLiteral("scenario")).isString()) {
      *error = QObject::tr("a load needs \"scenario\" text");
      return std::nullopt;
    }
    c.scenarioJson = o.value(QStringLiteral("scenario")).toString().toUtf8();
    if (!speed())
      return std::nullopt;
    break;
  case Kind::Speed:
    if (!speed())
      return std::nullopt;
    break;
  case Kind::RunTo:
  case Kind::Seek:
  case Kind::SwitchBranch: {
    const auto target = placeFromJson(o.value(QStringLiteral("target")), QStringLiteral("target"), error);
    if (!target)
      return std::nullopt;
    c.target = *target;
    break;
  }
  case Kind::ForkBranch:
    c.name = o.value(QStringLiteral("name")).toString();
    if (!o.value(QStringLiteral("name")).isString() || c.name.size() > 200) {
      *error = QObject::tr("a fork needs a \"name\" of at most 200 characters");
      return std::nullopt;
    }
    break;
  case Kind::UserAction: {
    if (!o.value(QStringLiteral("fault")).isObject() || !o.value(QStringLiteral("join_group")).isBool()) {
      *error = QObject::tr("a user action needs a \"fault\" object and \"join_group\" true or false");
      return std::nullopt;
    }
    QString why;
    const auto fault = faultFromJson(scenarioJson, o.value(QStringLiteral("fault")).toObject(), &why);
    if (!fault) {
      *error = QObject::tr("the user action's fault: %1").arg(why);
      return std::nullopt;
    }
    c.fault = *fault;
    c.joinGroup = o.value(QStringLiteral("join_group")).toBool();
    break;
  }
  default: break;
  }
  return c;
}

} // namespace streamscope::model
