#include "cli_commands.h"
#include "cli_options.h"

#include "engine/kafka/murmur2.h"

#include <QTextStream>

#include <cstdio>
#include <iostream>
#include <string>

namespace streamscope::app {

int runPartitionCommand(const QStringList &args) {
  const std::optional<long long> partitions =
      requiredCount(args, QStringLiteral("--partitions"), QStringLiteral("partition"), 2147483647,
                    QStringLiteral("streamscope-cli partition --partitions N < keys.txt"));
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

} // namespace streamscope::app
