#include "protocol_fields.h"

#include <QJsonArray>

#include <cmath>

namespace streamscope::classroom::fields {

namespace {

QString fieldError(const QString &context, const QString &key, const QString &problem) {
  return QStringLiteral("%1: field \"%2\" %3").arg(context, key, problem);
}

/// Whether the field is there; writes the error for a missing required one.
bool present(const QJsonObject &object, const QString &key, const QString &context, QString *error, Presence presence, bool *ok) {
  if (object.contains(key)) {
    *ok = true;
    return true;
  }
  *ok = presence == Presence::Optional;
  if (!*ok)
    *error = QStringLiteral("%1: missing field \"%2\"").arg(context, key);
  return false;
}

} // namespace

bool onlyKnown(const QJsonObject &object, const QStringList &known, const QString &context, QString *error) {
  for (auto it = object.begin(); it != object.end(); ++it)
    if (!known.contains(it.key())) {
      *error = QStringLiteral("%1: unknown field \"%2\"").arg(context, it.key().left(64));
      return false;
    }
  return true;
}

bool readInteger(const QJsonObject &object, const QString &key, qint64 min, qint64 max, qint64 *out, const QString &context, QString *error,
                 Presence presence) {
  bool ok = false;
  if (!present(object, key, context, error, presence, &ok))
    return ok;
  const QJsonValue value = object.value(key);
  const double number = value.toDouble();
  if (!value.isDouble() || !std::isfinite(number) || std::trunc(number) != number || std::fabs(number) > double(kMaxExactInteger)) {
    *error = fieldError(context, key, QStringLiteral("must be an integer"));
    return false;
  }
  const auto integer = static_cast<qint64>(number);
  if (integer < min || integer > max) {
    *error = fieldError(context, key, QStringLiteral("must be between %1 and %2, not %3").arg(min).arg(max).arg(integer));
    return false;
  }
  *out = integer;
  return true;
}

bool readInt(const QJsonObject &object, const QString &key, int min, int max, int *out, const QString &context, QString *error, Presence presence) {
  qint64 value = *out;
  if (!readInteger(object, key, min, max, &value, context, error, presence))
    return false;
  *out = static_cast<int>(value);
  return true;
}

bool readPositiveNumber(const QJsonObject &object, const QString &key, double *out, const QString &context, QString *error, Presence presence) {
  bool ok = false;
  if (!present(object, key, context, error, presence, &ok))
    return ok;
  const QJsonValue value = object.value(key);
  const double number = value.toDouble();
  if (!value.isDouble() || !std::isfinite(number) || number <= 0) {
    *error = fieldError(context, key, QStringLiteral("must be a number greater than 0"));
    return false;
  }
  *out = number;
  return true;
}

bool readString(const QJsonObject &object, const QString &key, qsizetype maxLength, QString *out, const QString &context, QString *error,
                Presence presence) {
  bool ok = false;
  if (!present(object, key, context, error, presence, &ok))
    return ok;
  const QJsonValue value = object.value(key);
  if (!value.isString()) {
    *error = fieldError(context, key, QStringLiteral("must be a string"));
    return false;
  }
  const QString text = value.toString();
  if (text.size() > maxLength) {
    *error = fieldError(context, key, QStringLiteral("is longer than %1 characters").arg(maxLength));
    return false;
  }
  *out = text;
  return true;
}

bool readBool(const QJsonObject &object, const QString &key, bool *out, const QString &context, QString *error, Presence presence) {
  bool ok = false;
  if (!present(object, key, context, error, presence, &ok))
    return ok;
  const QJsonValue value = object.value(key);
  if (!value.isBool()) {
    *error = fieldError(context, key, QStringLiteral("must be true or false"));
    return false;
  }
  *out = value.toBool();
  return true;
}

bool readObjectArray(const QJsonObject &object, const QString &key, const QString &context, QString *error, Presence presence) {
  bool ok = false;
  if (!present(object, key, context, error, presence, &ok))
    return ok;
  const QJsonValue value = object.value(key);
  if (!value.isArray() || value.toArray().isEmpty()) {
    *error = fieldError(context, key, QStringLiteral("must be a non-empty array of objects"));
    return false;
  }
  const QJsonArray items = value.toArray();
  for (qsizetype i = 0; i < items.size(); ++i)
    if (!items.at(i).isObject()) {
      *error = fieldError(context, key, QStringLiteral("must hold only objects (item %1 is not)").arg(i));
      return false;
    }
  return true;
}

} // namespace streamscope::classroom::fields
