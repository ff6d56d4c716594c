#include "cli_commands.h"

#include <QTextStream>

namespace streamscope::app {
namespace {
bool g_parseOnly = false;
} // namespace

void setParseOnly(bool on) { g_parseOnly = on; }
bool parseOnly() { return g_parseOnly; }

int runCli(QStringList args) {
  if (args.isEmpty()) {
    printUsage(true);
    return 2;
  }
  const QString command = args.takeFirst();
  if (command == QLatin1String("--help") || command == QLatin1String("-h") || command == QLatin1String("help")) {
    if (!parseOnly())
      printUsage(false);
    return 0;
  }
  if (command == QLatin1String("partition"))
    return runPartitionCommand(args);
  if (command == QLatin1String("run"))
    return runScenarioCommand(args);
  if (command == QLatin1String("shards"))
    return runShardsCommand(args);
  if (command == QLatin1String("shard"))
    return runShardCommand(args);
  if (command == QLatin1String("lesson"))
    return runLessonCommand(args);
  if (command == QLatin1String("bench"))
    return runBenchCommand(args);
  if (command == QLatin1String("soak"))
    return runSoakCommand(args);
  QTextStream err(stderr);
  err << "streamscope-cli: unknown command '" << command << "'\n";
  printUsage(true);
  return 2;
}

} // namespace streamscope::app
