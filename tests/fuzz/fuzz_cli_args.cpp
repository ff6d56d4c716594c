// Fuzz target: the command line of streamscope-cli, one argument per input line. Parsing
// only (no subcommand does its work): every argument list is accepted or refused with a
// usage message, never a crash.
#include "fuzz_support.h"

#include "cli_commands.h"

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv) {
  streamscope::app::setParseOnly(true);
  return streamscope::fuzz::initialize(argc, argv);
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
  const QString text = QString::fromUtf8(streamscope::fuzz::bytes(data, size));
  QStringList args = text.split(QLatin1Char('\n'));
  if (args.size() > 32)
    return 0;
  const int code = streamscope::app::runCli(args);
  if (code < 0 || code > 2)
    streamscope::fuzz::fail(QStringLiteral("exit code %1").arg(code));
  return 0;
}
