#pragma once
// Parsing of the count options shared by the key-mapping subcommands (--partitions, --shards).
#include <QStringList>
#include <QTextStream>

#include <optional>

namespace streamscope::app {

/// Reads the one required option `option N` (1 <= N <= max) and nothing else. Prints a precise
/// message and the usage line to stderr and returns nullopt on any problem.
inline std::optional<long long> requiredCount(const QStringList &args, const QString &option, const QString &command,
                                              long long max, const QString &usage) {
  QTextStream err(stderr);
  std::optional<long long> value;
  for (int i = 0; i < args.size(); ++i) {
    if (args[i] == option && i + 1 < args.size() && !value) {
      bool ok = false;
      const long long n = args[++i].toLongLong(&ok);
      if (!ok || n < 1 || n > max) {
        err << "streamscope-cli " << command << ": " << option << " must be a whole number from 1 to " << max << ", not '"
            << args[i] << "'\n";
        return std::nullopt;
      }
      value = n;
    } else {
      err << "streamscope-cli " << command << ": unexpected argument '" << args[i] << "'\nusage: " << usage << "\n";
      return std::nullopt;
    }
  }
  if (!value)
    err << "streamscope-cli " << command << ": " << option << " N is required\nusage: " << usage << "\n";
  return value;
}

} // namespace streamscope::app
