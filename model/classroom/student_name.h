#pragma once
// A student's display name as the class sees it: what a student typed, made safe to show
// (no control or invisible formatting characters, no runs of spaces, bounded length) and
// told apart from the names already in the session.
// Contract: pure functions of their arguments; any thread.
#include <QString>
#include <QStringList>

namespace streamscope::classroom {

/// Names are at most this many characters (Unicode code points).
inline constexpr int kMaxStudentNameLength = 32;

/// Trimmed, without control, format, private-use or unassigned characters, every run of
/// white space one space, cut to kMaxStudentNameLength without splitting a character. An
/// input with nothing left becomes "Student".
QString sanitizeStudentName(const QString &typed);

/// `name` if no name in `taken` equals it (ignoring case), else `name (2)`, `name (3)`, ...,
/// shortening `name` so the result stays within kMaxStudentNameLength.
QString uniqueStudentName(const QString &name, const QStringList &taken);

} // namespace streamscope::classroom
