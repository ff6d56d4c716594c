// streamscope-cli: the engine without widgets, for tests, benchmarks and scripting.
#include "cli_commands.h"

#include <QCoreApplication>

int main(int argc, char **argv) {
  QCoreApplication app(argc, argv);
  QCoreApplication::setApplicationName(QStringLiteral("streamscope-cli"));
  return streamscope::app::runCli(QCoreApplication::arguments().mid(1));
}
