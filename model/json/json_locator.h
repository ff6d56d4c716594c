#pragma once
// Where each value of a JSON document sits in its text. QJsonDocument parses but forgets
// positions; the loaders use this to point every semantic error (unknown key, value out of
// range) at `line:column`. Also finds duplicate keys, which QJsonDocument silently merges.
// REQUIRES: the text is valid JSON (parse it with QJsonDocument first).
// Contract: pure functions of their arguments; any thread.
#include <QByteArray>
#include <QHash>
#include <QString>

namespace streamscope::model {

struct TextPosition {
  int line = 1;
  int column = 1;
};

/// Line and column (1-based; columns count characters, not UTF-8 bytes) of a byte offset.
TextPosition textPositionAt(const QByteArray &text, qsizetype offset);

class JsonLocator {
public:
  explicit JsonLocator(const QByteArray &text);

  /// Position of the value at a JSON pointer such as "/kafka/topics/0/partitions"
  /// (the root is ""). Falls back to the nearest ancestor that is known.
  TextPosition valuePosition(const QString &pointer) const;
  /// Position of character `index` of the decoded string value at `pointer` (escapes such as
  /// \n count as the one character they stand for); the value's position if it is no string.
  TextPosition stringCharPosition(const QString &pointer, qsizetype index) const;
  /// Position of the key of an object member (for unknown-key errors).
  TextPosition keyPosition(const QString &pointer) const;
  /// The first duplicated key, as a pointer; empty if none.
  QString firstDuplicate() const { return m_duplicate; }

private:
  void skipSpace();
  void parseValue(const QString &pointer);
  void parseString();

  const QByteArray &m_text;
  qsizetype m_pos = 0;
  QHash<QString, qsizetype> m_values;
  QHash<QString, qsizetype> m_keys;
  QString m_duplicate;
};

} // namespace streamscope::model
