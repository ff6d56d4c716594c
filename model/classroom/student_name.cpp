#include "student_name.h"

#include <QTextBoundaryFinder>

namespace streamscope::classroom {

namespace {

bool hidden(char32_t c) {
  switch (QChar::category(c)) {
  case QChar::Other_Control:
  case QChar::Other_Format:
  case QChar::Other_Surrogate:
  case QChar::Other_PrivateUse:
  case QChar::Other_NotAssigned: return true;
  default: return false;
  }
}

/// The first `count` code points of `text`, cut back to a grapheme boundary so an accent is
/// never separated from its letter.
QString leftCodePoints(const QString &text, int count) {
  qsizetype end = 0;
  for (int seen = 0; end < text.size() && seen < count; ++seen)
    end += (text.at(end).isHighSurrogate() && end + 1 < text.size() && text.at(end + 1).isLowSurrogate()) ? 2 : 1;
  if (end >= text.size())
    return text;
  QTextBoundaryFinder graphemes(QTextBoundaryFinder::Grapheme, text);
  graphemes.setPosition(end);
  if (!graphemes.isAtBoundary())
    end = graphemes.toPreviousBoundary();
  return text.left(std::max<qsizetype>(end, 0)).trimmed();
}

int codePoints(const QString &text) { return static_cast<int>(text.toUcs4().size()); }

} // namespace

QString sanitizeStudentName(const QString &typed) {
  QString kept;
  bool pendingSpace = false;
  for (const char32_t c : typed.toUcs4()) {
    if (QChar::isSpace(c)) {
      pendingSpace = !kept.isEmpty();
      continue;
    }
    if (hidden(c))
      continue;
    if (pendingSpace)
      kept += QLatin1Char(' ');
    pendingSpace = false;
    kept += QString::fromUcs4(&c, 1);
  }
  kept = leftCodePoints(kept, kMaxStudentNameLength);
  return kept.isEmpty() ? QStringLiteral("Student") : kept;
}

QString uniqueStudentName(const QString &name, const QStringList &taken) {
  const auto isTaken = [&](const QString &candidate) { return taken.contains(candidate, Qt::CaseInsensitive); };
  if (!isTaken(name))
    return name;
  for (int n = 2;; ++n) {
    const QString suffix = QStringLiteral(" (%1)").arg(n);
    const QString candidate = leftCodePoints(name, kMaxStudentNameLength - codePoints(suffix)) + suffix;
    if (!isTaken(candidate))
      return candidate;
  }
}

} // namespace streamscope::classroom
