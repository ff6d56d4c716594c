#pragma once
// What the fuzz targets share: a Qt application object, the input as bytes, and the checks
// that turn a wrong answer (not only a crash) into a finding.
#include <QByteArray>
#include <QCoreApplication>
#include <QRegularExpression>
#include <QString>

#include <cstdint>
#include <cstdio>
#include <cstdlib>

namespace streamscope::fuzz {

inline int initialize(int *argc, char ***argv) {
  static QCoreApplication app(*argc, *argv);
  return 0;
}

inline QByteArray bytes(const std::uint8_t *data, std::size_t size) {
  return QByteArray(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));
}

[[noreturn]] inline void fail(const QString &why) {
  std::fprintf(stderr, "fuzz finding: %s\n", qPrintable(why));
  std::abort();
}

/// A refusal must say where: `file:line:column: message`.
inline void requireLocated(const QString &error, const QString &file) {
  static const QRegularExpression located(QStringLiteral("^(.+):\\d+:\\d+: .+"));
  const auto m = located.match(error);
  if (!m.hasMatch() || m.captured(1) != file)
    fail(QStringLiteral("a refusal without file:line:column: ") + error);
}

} // namespace streamscope::fuzz
