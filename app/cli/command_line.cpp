#include "command_line.h"

#include <QTextStream>

namespace streamscope::app {
namespace {

/// An unknown option as it was typed ("--frobnicate", "-x"), from the name the parser kept.
QString asTyped(const QStringList &args, const QString &name) {
  for (const QString &a : args) {
    if (a == QLatin1String("--"))
      break;
    for (const QString &dashes : {QStringLiteral("--"), QStringLiteral("-")})
      if (a == dashes + name || a.startsWith(dashes + name + QLatin1Char('=')))
        return dashes + name;
  }
  return QStringLiteral("--") + name;
}

} // namespace

QString wrapped(const QString &text, int indent, int width) {
  QString out, line;
  for (const QString &word : text.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
    if (!line.isEmpty() && indent + line.size() + 1 + word.size() > width) {
      out += QString(indent, QLatin1Char(' ')) + line + QLatin1Char('\n');
      line.clear();
    }
    line += (line.isEmpty() ? QString() : QStringLiteral(" ")) + word;
  }
  if (!line.isEmpty())
    out += QString(indent, QLatin1Char(' ')) + line + QLatin1Char('\n');
  return out;
}

CommandLine::CommandLine(const CliCommand &command)
    : m_command(command), m_help(QStringList{QStringLiteral("h"), QStringLiteral("help")}, QStringLiteral("Show this help and exit.")) {
  m_parser.setApplicationDescription(wrapped(QString::fromUtf8(command.summary), 0, 79).trimmed());
  // "-seed 5" means "--seed 5" (a run of single-letter options would only confuse here).
  m_parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
  m_parser.addOption(m_help);
}

std::optional<int> CommandLine::parse(const QStringList &args) {
  m_args = args;
  // QCommandLineParser expects the program name first; it only shows it in texts we replace.
  if (!m_parser.parse(QStringList{QStringLiteral("streamscope-cli")} + args)) {
    const QStringList unknown = m_parser.unknownOptionNames();
    if (unknown.size() == 1)
      return refuse(QStringLiteral("unknown option '%1'").arg(asTyped(args, unknown.front())));
    if (unknown.size() > 1) {
      QStringList typed;
      for (const QString &name : unknown)
        typed << QLatin1Char('\'') + asTyped(args, name) + QLatin1Char('\'');
      return refuse(QStringLiteral("unknown options ") + typed.join(QStringLiteral(", ")));
    }
    // "Missing value after '--seed'." and the like: the option is named already.
    QString error = m_parser.errorText();
    if (error.endsWith(QLatin1Char('.')))
      error.chop(1);
    if (!error.isEmpty())
      error[0] = error[0].toLower();
    return refuse(error);
  }
  if (m_parser.isSet(m_help)) {
    if (!parseOnly()) {
      QTextStream out(stdout);
      out << helpText();
    }
    return 0;
  }
  return std::nullopt;
}

int CommandLine::refuse(const QString &what) const {
  QTextStream err(stderr);
  err << "streamscope-cli " << m_command.name << ": " << what << '\n' << usageLine() << '\n';
  return 2;
}

std::optional<long long> CommandLine::wholeNumber(const QCommandLineOption &option, long long min, long long max) const {
  bool ok = false;
  const QString text = m_parser.value(option);
  const long long n = text.toLongLong(&ok);
  if (ok && n >= min && n <= max)
    return n;
  refuse(QStringLiteral("--%1 needs a whole number from %2 to %3, not '%4'").arg(option.names().back()).arg(min).arg(max).arg(text));
  return std::nullopt;
}

std::optional<unsigned long long> CommandLine::seed(const QCommandLineOption &option, unsigned long long max) const {
  bool ok = false;
  const QString text = m_parser.value(option);
  const unsigned long long n = text.toULongLong(&ok);
  if (ok && n <= max)
    return n;
  refuse(QStringLiteral("--%1 needs a whole number from 0 to %2, not '%3'").arg(option.names().back()).arg(max).arg(text));
  return std::nullopt;
}

QString CommandLine::usageLine() const {
  return QStringLiteral("usage: streamscope-cli %1 %2").arg(QString::fromUtf8(m_command.name), QString::fromUtf8(m_command.synopsis));
}

QString CommandLine::helpText() const {
  // Qt's text opens with "Usage: PROGRAM [options] ...": replaced by the subcommand's own
  // usage line; the summary, options and arguments below it are Qt's layout.
  QString text = m_parser.helpText();
  text.remove(0, text.indexOf(QLatin1Char('\n')) + 1);
  return usageLine() + QStringLiteral("\n\n") + text;
}

} // namespace streamscope::app
