#include "cli_commands.h"

#include <QTextStream>

namespace streamscope::app {
namespace {

bool g_parseOnly = false;

const CliCommand *const kCommands[] = {&kPartitionCommand, &kShardsCommand, &kShardCommand, &kRunCommand,      &kLessonCommand,
                                       &kBenchCommand,     &kSoakCommand,   &kLiveCommand,  &kClassroomCommand};

const CliCommand *findCommand(const QString &name) {
  for (const CliCommand *command : kCommands)
    if (name == QLatin1String(command->name))
      return command;
  return nullptr;
}

} // namespace

void setParseOnly(bool on) { g_parseOnly = on; }
bool parseOnly() { return g_parseOnly; }

std::span<const CliCommand *const> cliCommands() { return kCommands; }

int runCli(QStringList args) {
  if (args.isEmpty()) {
    printUsage(true);
    return 2;
  }
  const QString command = args.takeFirst();
  if (command == QLatin1String("--help") || command == QLatin1String("-h") || command == QLatin1String("help")) {
    // "help COMMAND" is "COMMAND --help".
    if (command == QLatin1String("help") && !args.isEmpty())
      if (const CliCommand *c = findCommand(args.front()))
        return c->run({QStringLiteral("--help")});
    if (!parseOnly())
      printUsage(false);
    return 0;
  }
  if (const CliCommand *c = findCommand(command))
    return c->run(args);
  QTextStream err(stderr);
  err << "streamscope-cli: unknown command '" << command << "'\n";
  printUsage(true);
  return 2;
}

} // namespace streamscope::app
