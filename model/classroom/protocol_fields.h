#pragma once
// Strict readers for the fields of one classroom message: each checks presence, JSON type and
// range, and on failure writes "<message>: <what is wrong with the field>" to `error`.
// Contract: pure functions of their arguments; any thread.
#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace streamscope::classroom::fields {

/// Integers travel as JSON numbers, exact up to 2^53.
inline constexpr qint64 kMaxExactInteger = (qint64(1) << 53) - 1;

enum class Presence { Required, Optional };

/// The object has no key outside `known`.
bool onlyKnown(const QJsonObject &object, const QStringList &known, const QString &context, QString *error);

/// An integral number in [min, max]. An absent optional field leaves `out` unchanged.
bool readInteger(const QJsonObject &object, const QString &key, qint64 min, qint64 max, qint64 *out, const QString &context, QString *error,
                 Presence presence = Presence::Required);
bool readInt(const QJsonObject &object, const QString &key, int min, int max, int *out, const QString &context, QString *error,
             Presence presence = Presence::Required);

/// A finite number greater than 0.
bool readPositiveNumber(const QJsonObject &object, const QString &key, double *out, const QString &context, QString *error,
                        Presence presence = Presence::Required);

/// A string of at most `maxLength` UTF-16 units.
bool readString(const QJsonObject &object, const QString &key, qsizetype maxLength, QString *out, const QString &context, QString *error,
                Presence presence = Presence::Required);

bool readBool(const QJsonObject &object, const QString &key, bool *out, const QString &context, QString *error,
              Presence presence = Presence::Required);

/// A non-empty array whose every element is an object.
bool readObjectArray(const QJsonObject &object, const QString &key, const QString &context, QString *error, Presence presence = Presence::Required);

} // namespace streamscope::classroom::fields
