#pragma once
// Typed, validated access to the members of one JSON object, for the file loaders. Every
// problem throws JsonFieldError naming the JSON pointer of the offending key or value, which
// the loader turns into `file:line:column: message`. finish() rejects members nobody read,
// so a misspelt key is an error instead of a silently ignored setting.
// Contract: a JsonFields reads one JSON object on the caller's thread; it is not shared.
#include <QJsonArray>
#include <QJsonObject>
#include <QSet>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <optional>
#include <stdexcept>

namespace streamscope::model {

struct JsonFieldError {
  QString pointer;
  QString message;
  bool atKey = false; ///< point at the key rather than its value
  qsizetype charInString = -1; ///< >= 0: point at this character of the string value
};

class JsonFields {
public:
  JsonFields(const QJsonObject &object, QString pointer, QString what);

  bool has(const QString &key) const { return m_object.contains(key); }
  QString pointerOf(const QString &key) const { return m_pointer + QLatin1Char('/') + key; }
  const QString &pointer() const { return m_pointer; }

  QString string(const QString &key, std::optional<QString> fallback = std::nullopt);
  /// One of `choices`; the error lists them.
  QString choice(const QString &key, const QStringList &choices, std::optional<QString> fallback = std::nullopt);
  bool boolean(const QString &key, std::optional<bool> fallback = std::nullopt);
  /// A whole number in [min, max].
  std::int64_t integer(const QString &key, std::int64_t min, std::int64_t max, std::optional<std::int64_t> fallback = std::nullopt);
  double number(const QString &key, double min, double max, std::optional<double> fallback = std::nullopt);
  QJsonObject object(const QString &key);
  QJsonArray array(const QString &key, bool required = true);
  QJsonValue raw(const QString &key);

  /// Throws for the first member that was never read.
  void finish() const;

  [[noreturn]] void fail(const QString &key, const QString &message) const;

private:
  QJsonValue take(const QString &key, bool required);

  QJsonObject m_object;
  QString m_pointer;
  QString m_what;
  QSet<QString> m_read;
};

/// The JSON type name of a value, for messages ("a string", "an array", ...).
QString jsonTypeName(const QJsonValue &v);

} // namespace streamscope::model
