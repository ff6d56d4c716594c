#include "cli_commands.h"
#include "command_line.h"

#include "engine/kafka/murmur2.h"

#include <QTextStream>

#include <cstdio>
#include <iostream>
#include <string>

namespace streamscope::app {

namespace {

int runPartitionCommand(const QStringList &args) {
  CommandLine cli(kPartitionCommand);
  const QCommandLineOption partitionsOption(QStringLiteral("partitions"), QStringLiteral("Number of partitions of the topic (1 to 2147483647)."),
                                            QStringLiteral("N"));
  cli.addOption(partitionsOption);
  if (const auto exit = cli.parse(args))
    return *exit;
  if (!cli.positional().isEmpty())
    return cli.refuse(QStringLiteral("unexpected argument '%1'").arg(cli.positional().front()));
  if (!cli.isSet(partitionsOption))
    return cli.refuse(QStringLiteral("--partitions N is required"));
  const std::optional<long long> partitions = cli.wholeNumber(partitionsOption, 1, 2147483647);
  if (!partitions)
    return 2;
  if (parseOnly())
    return 0;
  // Keys are raw bytes: the line without its newline, hashed exactly as serialized.
  std::ios::sync_with_stdio(false);
  std::string line;
  std::string out;
  while (std::getline(std::cin, line)) {
    out.append(line);
    out.push_back('\t');
    out.append(std::to_string(engine::kafka::partitionForKey(line, static_cast<int>(*partitions))));
    out.push_back('\n');
    if (out.size() > 65536) {
      std::fwrite(out.data(), 1, out.size(), stdout);
      out.clear();
    }
  }
  std::fwrite(out.data(), 1, out.size(), stdout);
  return 0;
}

} // namespace

const CliCommand kPartitionCommand{"partition", "--partitions N < keys.txt",
                                   "Read one key per line on stdin (the raw line without its newline) and print "
                                   "KEY<TAB>PARTITION, as the Kafka Java client's default partitioner assigns keyed records.",
                                   runPartitionCommand};

} // namespace streamscope::app
