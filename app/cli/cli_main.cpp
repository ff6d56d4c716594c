// streamscope-cli: the engine without widgets, for tests, benchmarks and scripting.
#include "cli_commands.h"
#include "model/explain/english_plurals.h"

#include <QCoreApplication>

int main(int argc, char **argv) {
  QCoreApplication app(argc, argv);
  QCoreApplication::setApplicationName(QStringLiteral("streamscope-cli"));
  streamscope::model::installEnglishPlurals(app);
  return streamscope::app::runCli(QCoreApplication::arguments().mid(1));
}
