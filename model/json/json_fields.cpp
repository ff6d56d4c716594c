#include "json_fields.h"

#include <cmath>

namespace streamscope::model {

QString jsonTypeName(const QJsonValue &v) {
  switch (v.type()) {
  case QJsonValue::Null: return QStringLiteral("null");
  case QJsonValue::Bool: return QObject::tr("a boolean");
  case QJsonValue::Double: return QObject::tr("a number");
  case QJsonValue::String: return QObject::tr("a string");
  case QJsonValue::Array: return QObject::tr("an array");
  case QJsonValue::Object: return QObject::tr("an object");
  case QJsonValue::Undefined: break;
  }
  return QStringLiteral("nothing");
}

JsonFields::JsonFields(const QJsonObject &object, QString pointer, QString what)
    : m_object(object), m_pointer(std::move(pointer)), m_what(std::move(what)) {}

void JsonFields::fail(const QString &key, const QString &message) const {
  throw JsonFieldError{key.isEmpty() ? m_pointer : pointerOf(key), message, false};
}

QJsonValue JsonFields::take(const QString &key, bool required) {
  m_read.insert(key);
  const QJsonValue v = m_object.value(key);
  if (v.isUndefined() && required)
    throw JsonFieldError{m_pointer, QObject::tr("%1 needs \"%2\"").arg(m_what, key), false};
  return v;
}

QJsonValue JsonFields::raw(const QString &key) { return take(key, false); }

QString JsonFields::string(const QString &key, std::optional<QString> fallback) {
  const QJsonValue v = take(key, !fallback);
  if (v.isUndefined())
    return *fallback;
  if (!v.isString())
    fail(key, QObject::tr("\"%1\" must be a string, not %2").arg(key, jsonTypeName(v)));
  return v.toString();
}

QString JsonFields::choice(const QString &key, const QStringList &choices, std::optional<QString> fallback) {
  const QString s = string(key, fallback);
  if (!choices.contains(s))
    fail(
        key,
        QObject::tr("\"%1\" must be one of %2, not \"%3\"").arg(key, QLatin1Char('"') + choices.join(QLatin1String("\", \"")) + QLatin1Char('"'), s));
  return s;
}

bool JsonFields::boolean(const QString &key, std::optional<bool> fallback) {
  const QJsonValue v = take(key, !fallback);
  if (v.isUndefined())
    return *fallback;
  if (!v.isBool())
    fail(key, QObject::tr("\"%1\" must be true or false, not %2").arg(key, jsonTypeName(v)));
  return v.toBool();
}

std::int64_t JsonFields::integer(const QString &key, std::int64_t min, std::int64_t max, std::optional<std::int64_t> fallback) {
  const QJsonValue v = take(key, !fallback);
  if (v.isUndefined())
    return *fallback;
  const double d = v.toDouble();
  if (!v.isDouble() || std::floor(d) != d)
    fail(key, QObject::tr("\"%1\" must be a whole number, not %2").arg(key, v.isDouble() ? QString::number(d) : jsonTypeName(v)));
  if (d < static_cast<double>(min) || d > static_cast<double>(max))
    fail(key, QObject::tr("\"%1\" must be between %2 and %3, not %4").arg(key).arg(min).arg(max).arg(QString::number(d, 'g', 17)));
  return static_cast<std::int64_t>(d);
}

double JsonFields::number(const QString &key, double min, double max, std::optional<double> fallback) {
  const QJsonValue v = take(key, !fallback);
  if (v.isUndefined())
    return *fallback;
  if (!v.isDouble())
    fail(key, QObject::tr("\"%1\" must be a number, not %2").arg(key, jsonTypeName(v)));
  const double d = v.toDouble();
  if (!std::isfinite(d) || d < min || d > max)
    fail(key, QObject::tr("\"%1\" must be between %2 and %3, not %4").arg(key).arg(min).arg(max).arg(d));
  return d;
}

QJsonObject JsonFields::object(const QString &key) {
  const QJsonValue v = take(key, true);
  if (!v.isObject())
    fail(key, QObject::tr("\"%1\" must be an object, not %2").arg(key, jsonTypeName(v)));
  return v.toObject();
}

QJsonArray JsonFields::array(const QString &key, bool required) {
  const QJsonValue v = take(key, required);
  if (v.isUndefined())
    return {};
  if (!v.isArray())
    fail(key, QObject::tr("\"%1\" must be an array, not %2").arg(key, jsonTypeName(v)));
  return v.toArray();
}

void JsonFields::finish() const {
  for (auto it = m_object.constBegin(); it != m_object.constEnd(); ++it) {
    if (!m_read.contains(it.key())) {
      QStringList known(m_read.begin(), m_read.end());
      known.sort();
      throw JsonFieldError{pointerOf(it.key()),
                           QObject::tr("unknown key \"%1\" in %2 (known keys: %3)").arg(it.key(), m_what, known.join(QLatin1String(", "))), true};
    }
  }
}

} // namespace streamscope::model
