#pragma once
// One subcommand's command line: a QCommandLineParser with -h/--help, the subcommand's one
// usage text (CliCommand), and refusals in one format: "streamscope-cli NAME: what is wrong"
// and the usage line on stderr, exit status 2.
//
// Never exits the process (QCommandLineParser::process() would): parse-only mode runs it
// thousands of times in one process under the fuzzer. REQUIRES: a QCoreApplication exists
// (the help text asks it for the program's arguments); the main thread.
#include "cli_commands.h"

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QStringList>

#include <optional>

namespace streamscope::app {

/// `text` broken at spaces into lines of at most `width` characters, each indented by `indent`.
QString wrapped(const QString &text, int indent, int width);

class CommandLine {
public:
  explicit CommandLine(const CliCommand &command);
  CommandLine(const CommandLine &) = delete;
  CommandLine &operator=(const CommandLine &) = delete;

  void addOption(const QCommandLineOption &option) { m_parser.addOption(option); }
  /// A positional argument as the help text lists it (counts are checked by the subcommand).
  void addPositional(const QString &name, const QString &description, const QString &syntax = {}) {
    m_parser.addPositionalArgument(name, description, syntax);
  }

  /// Parses the words after the subcommand's name. nullopt: go on and read the values.
  /// Otherwise the exit status to return at once: 0 after --help (the help is printed on
  /// stdout, except in parse-only mode), 2 after a refusal (printed on stderr).
  std::optional<int> parse(const QStringList &args);

  /// Prints "streamscope-cli NAME: what" and the usage line on stderr; returns 2.
  int refuse(const QString &what) const;

  /// The value of `option` (given or defaulted) as a whole number from `min` to `max`, or
  /// nullopt after a refusal that names the option and the value.
  std::optional<long long> wholeNumber(const QCommandLineOption &option, long long min, long long max) const;
  /// The same for seeds, which use the whole unsigned 64-bit range.
  std::optional<unsigned long long> seed(const QCommandLineOption &option, unsigned long long max) const;

  bool isSet(const QCommandLineOption &option) const { return m_parser.isSet(option); }
  QString value(const QCommandLineOption &option) const { return m_parser.value(option); }
  QStringList values(const QCommandLineOption &option) const { return m_parser.values(option); }
  QStringList positional() const { return m_parser.positionalArguments(); }

  /// "usage: streamscope-cli NAME SYNOPSIS".
  QString usageLine() const;
  /// The usage line, the summary, the options and the arguments.
  QString helpText() const;

private:
  const CliCommand &m_command;
  QCommandLineParser m_parser;
  QCommandLineOption m_help;
  QStringList m_args;
};

} // namespace streamscope::app
