#include "cli_commands.h"

#include "engine/kafka/murmur2.h"

#include <QTextStream>

#include <cstdio>
#include <iostream>
#include <string>

namespace streamscope::app {

int runPartitionCommand(const QStringList &args) {
  QTextStream err(stderr);
  long long partitions = 0;
  bool haveCount = false;
  for (int i = 0; i < args.size(); ++i) {
    if (args[i] == QLatin1String("--partitions") && i + 1 < args.size()) {
      bool ok = false;
      partitions = args[++i].toLongLong(&ok);
      if (!ok || partitions < 1 || partitions > 2147483647) {
        err << "streamscope-cli partition: --partitions must be a whole number from 1 to 2147483647, not '"
            << args[i] << "'\n";
        return 2;
      }
      haveCount = true;
    } else {
      err << "streamscope-cli partition: unexpected argument '" << args[i] << "'\n"
          << "usage: streamscope-cli partition --partitions N < keys.txt\n";
      return 2;
    }
  }
  if (!haveCount) {
    err << "streamscope-cli partition: --partitions N is required\n"
        << "usage: streamscope-cli partition --partitions N < keys.txt\n";
    return 2;
  }
  // Keys are raw bytes: the line without its newline, hashed exactly as serialized.
  std::ios::sync_with_stdio(false);
  std::string line;
  std::string out;
  while (std::getline(std::cin, line)) {
    out.append(line);
    out.push_back('\t');
    out.append(std::to_string(engine::kafka::partitionForKey(line, static_cast<int>(partitions))));
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
