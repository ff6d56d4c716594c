#pragma once
// The short code a teacher reads out so students can join: six characters from an alphabet
// without look-alikes (no 0/O, 1/I/L), compared in constant time so the host's answer time
// says nothing about how much of a guess was right.
// Contract: pure functions (generateJoinCode draws from the system's secure generator); any thread.
#include <QString>

namespace streamscope::classroom {

inline constexpr int kJoinCodeLength = 6;
/// 31 characters: 8 digits and 23 capital letters.
inline constexpr char kJoinCodeAlphabet[] = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

QString generateJoinCode();

/// What a student typed, as a code: capitals, without spaces and dashes.
QString normalizeJoinCode(const QString &typed);

/// Whether `given` (normalised) equals `expected`, in time that depends only on `expected`.
bool joinCodesMatch(const QString &expected, const QString &given);

} // namespace streamscope::classroom
