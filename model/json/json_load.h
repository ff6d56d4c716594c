#pragma once
// The common path of every JSON file loader: parse, refuse duplicate keys, hand the root
// object to a reader that throws JsonFieldError, and turn any problem into
// `file:line:column: message`.
// Contract: pure functions of their arguments; any thread.
#include "json_fields.h"
#include "json_locator.h"

#include <QByteArray>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QObject>
#include <QString>

#include <optional>

namespace streamscope::model {

inline QString located(const QString &file, TextPosition p, const QString &message) {
  return QStringLiteral("%1:%2:%3: %4").arg(file).arg(p.line).arg(p.column).arg(message);
}

/// Scenario and lesson files are small; anything bigger is not one of them.
inline constexpr qint64 kMaxJsonFileBytes = 16 * 1024 * 1024;

/// The whole text of a regular file of at most kMaxJsonFileBytes, or nullopt with `error`
/// ("PATH: cannot open: ...", "PATH: not a regular file", "PATH: too large ..."). Refusing
/// devices and pipes keeps a path such as /dev/zero from reading forever.
inline std::optional<QByteArray> readJsonFile(const QString &path, QString &error) {
  const QFileInfo info(path);
  if (info.exists() && !info.isFile()) {
    error = QObject::tr("%1: not a regular file").arg(path);
    return std::nullopt;
  }
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly)) {
    error = QObject::tr("%1: cannot open: %2").arg(path, file.errorString());
    return std::nullopt;
  }
  if (file.size() > kMaxJsonFileBytes) {
    error = QObject::tr("%1: too large (%2 bytes; at most %3)").arg(path).arg(file.size()).arg(kMaxJsonFileBytes);
    return std::nullopt;
  }
  return file.readAll();
}

/// Runs `read(rootObject)` on the text; returns its value, or nullopt with `error` set.
/// `what` names the file's kind in the "must be a JSON object" message ("a scenario").
template <typename Read>
auto loadJsonObject(const QByteArray &text, const QString &fileName, const QString &what, Read read, QString &error)
    -> std::optional<decltype(read(QJsonObject{}))> {
  QJsonParseError parseError;
  const QJsonDocument doc = QJsonDocument::fromJson(text, &parseError);
  if (parseError.error != QJsonParseError::NoError) {
    // QJsonParseError gives a byte offset; turn it into line and column.
    error = located(fileName, textPositionAt(text, parseError.offset), QObject::tr("invalid JSON: %1").arg(parseError.errorString()));
    return std::nullopt;
  }
  const JsonLocator locator(text);
  if (!locator.firstDuplicate().isEmpty()) {
    const QString dup = locator.firstDuplicate();
    error = located(fileName, locator.keyPosition(dup), QObject::tr("duplicate key \"%1\"").arg(dup.mid(dup.lastIndexOf(QLatin1Char('/')) + 1)));
    return std::nullopt;
  }
  if (!doc.isObject()) {
    error = located(fileName, TextPosition{}, QObject::tr("%1 must be a JSON object").arg(what));
    return std::nullopt;
  }
  try {
    return read(doc.object());
  } catch (const JsonFieldError &e) {
    const TextPosition at = e.atKey ? locator.keyPosition(e.pointer)
        : e.charInString >= 0       ? locator.stringCharPosition(e.pointer, e.charInString)
                                    : locator.valuePosition(e.pointer);
    error = located(fileName, at, e.message);
  }
  return std::nullopt;
}

} // namespace streamscope::model
