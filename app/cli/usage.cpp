#include "cli_commands.h"
#include "command_line.h"

#include <QTextStream>

namespace streamscope::app {
void printUsage(bool toStderr) {
  QTextStream out(toStderr ? stderr : stdout);
  out << "usage: streamscope-cli COMMAND [OPTIONS]\n"
         "\n"
         "commands:\n";
  for (const CliCommand *command : cliCommands())
    out << "  " << command->name << ' ' << command->synopsis << '\n' << wrapped(QString::fromUtf8(command->summary), 6, 90);
  out << "  --help\n"
         "      show this text; 'streamscope-cli COMMAND --help' (or 'help COMMAND') shows a\n"
         "      command's options\n"
         "\n"
         "Errors go to stderr with a non-zero exit status (2 for usage, 1 for bad input).\n";
}

} // namespace streamscope::app
