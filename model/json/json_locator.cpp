#include "json_locator.h"

namespace streamscope::model {

JsonLocator::JsonLocator(const QByteArray &text) : m_text(text) {
  skipSpace();
  if (m_pos < m_text.size())
    parseValue(QString());
}

void JsonLocator::skipSpace() {
  while (m_pos < m_text.size() && (m_text[m_pos] == ' ' || m_text[m_pos] == '\n' || m_text[m_pos] == '\r' || m_text[m_pos] == '\t'))
    ++m_pos;
}

void JsonLocator::parseString() {
  ++m_pos; // opening quote
  while (m_pos < m_text.size() && m_text[m_pos] != '"') {
    if (m_text[m_pos] == '\\')
      ++m_pos;
    ++m_pos;
  }
  ++m_pos; // closing quote
}

void JsonLocator::parseValue(const QString &pointer) {
  m_values.insert(pointer, m_pos);
  if (m_pos >= m_text.size())
    return;
  const char c = m_text[m_pos];
  if (c == '{') {
    ++m_pos;
    skipSpace();
    while (m_pos < m_text.size() && m_text[m_pos] != '}') {
      const qsizetype keyStart = m_pos;
      parseString();
      QString key = QString::fromUtf8(m_text.mid(keyStart + 1, m_pos - keyStart - 2));
      key.replace(QLatin1String("~"), QLatin1String("~0")).replace(QLatin1String("/"), QLatin1String("~1"));
      const QString child = pointer + QLatin1Char('/') + key;
      if (m_keys.contains(child) && m_duplicate.isEmpty())
        m_duplicate = child;
      m_keys.insert(child, keyStart);
      skipSpace();
      ++m_pos; // ':'
      skipSpace();
      parseValue(child);
      skipSpace();
      if (m_pos < m_text.size() && m_text[m_pos] == ',') {
        ++m_pos;
        skipSpace();
      }
    }
    ++m_pos;
  } else if (c == '[') {
    ++m_pos;
    skipSpace();
    int index = 0;
    while (m_pos < m_text.size() && m_text[m_pos] != ']') {
      parseValue(pointer + QLatin1Char('/') + QString::number(index++));
      skipSpace();
      if (m_pos < m_text.size() && m_text[m_pos] == ',') {
        ++m_pos;
        skipSpace();
      }
    }
    ++m_pos;
  } else if (c == '"') {
    parseString();
  } else {
    while (m_pos < m_text.size() && m_text[m_pos] != ',' && m_text[m_pos] != '}' && m_text[m_pos] != ']' && m_text[m_pos] != ' ' &&
           m_text[m_pos] != '\n' && m_text[m_pos] != '\r' && m_text[m_pos] != '\t')
      ++m_pos;
  }
}

TextPosition textPositionAt(const QByteArray &text, qsizetype offset) {
  TextPosition p;
  for (qsizetype i = 0; i < offset && i < text.size(); ++i) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte == '\n') {
      ++p.line;
      p.column = 1;
    } else if ((byte & 0xC0) != 0x80) { // count characters, not UTF-8 continuation bytes
      ++p.column;
    }
  }
  return p;
}

TextPosition JsonLocator::valuePosition(const QString &pointer) const {
  QString p = pointer;
  for (;;) {
    if (const auto it = m_values.constFind(p); it != m_values.constEnd())
      return textPositionAt(m_text, *it);
    const qsizetype slash = p.lastIndexOf(QLatin1Char('/'));
    if (slash < 0)
      return TextPosition{};
    p.truncate(slash);
  }
}

TextPosition JsonLocator::stringCharPosition(const QString &pointer, qsizetype index) const {
  const auto it = m_values.constFind(pointer);
  if (it == m_values.constEnd() || *it >= m_text.size() || m_text[*it] != '"')
    return valuePosition(pointer);
  qsizetype pos = *it + 1; // after the opening quote
  for (qsizetype decoded = 0; decoded < index && pos < m_text.size() && m_text[pos] != '"'; ++decoded) {
    const auto byte = static_cast<unsigned char>(m_text[pos]);
    if (byte == '\\') {
      pos += m_text.at(pos + 1) == 'u' ? 6 : 2; // a backslash-u escape: one UTF-16 unit, as QString counts
    } else if (byte >= 0xF0) {
      pos += 4; // outside the BMP: two UTF-16 units in QString
      ++decoded;
    } else {
      pos += byte >= 0xE0 ? 3 : byte >= 0xC0 ? 2 : 1;
    }
  }
  return textPositionAt(m_text, pos);
}

TextPosition JsonLocator::keyPosition(const QString &pointer) const {
  if (const auto it = m_keys.constFind(pointer); it != m_keys.constEnd())
    return textPositionAt(m_text, *it);
  return valuePosition(pointer);
}

} // namespace streamscope::model
