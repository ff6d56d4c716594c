#include "join_code.h"

#include <QRandomGenerator>

namespace streamscope::classroom {

QString generateJoinCode() {
  constexpr int alphabetSize = sizeof(kJoinCodeAlphabet) - 1;
  QString code;
  for (int i = 0; i < kJoinCodeLength; ++i)
    code += QLatin1Char(kJoinCodeAlphabet[QRandomGenerator::system()->bounded(alphabetSize)]);
  return code;
}

QString normalizeJoinCode(const QString &typed) {
  QString code;
  for (const QChar c : typed)
    if (!c.isSpace() && c != QLatin1Char('-'))
      code += c.toUpper();
  return code;
}

bool joinCodesMatch(const QString &expected, const QString &given) {
  const QString typed = normalizeJoinCode(given);
  // Every character of `expected` is compared whatever the lengths, and the difference is
  // accumulated without branching.
  unsigned difference = static_cast<unsigned>(typed.size() != expected.size());
  for (qsizetype i = 0; i < expected.size(); ++i) {
    const char16_t theirs = i < typed.size() ? typed.at(i).unicode() : char16_t(0);
    difference |= static_cast<unsigned>(expected.at(i).unicode() ^ theirs);
  }
  return difference == 0 && !expected.isEmpty();
}

} // namespace streamscope::classroom
