// `live_kinesis_cli ARGS...` runs `streamscope-cli live kinesis ARGS...` (runLiveKinesis) so
// the tests check the command's output and exit codes as a process, the way users see them.
#include "live_kinesis_command.h"

#include <QCoreApplication>

int main(int argc, char **argv) {
  QCoreApplication app(argc, argv);
  return streamscope::app::runLiveKinesis(QCoreApplication::arguments().mid(1));
}
