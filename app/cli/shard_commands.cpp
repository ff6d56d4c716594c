#include "cli_commands.h"
#include "command_line.h"

#include "engine/world/kinesis/hash_keys.h"

#include <QTextStream>

#include <algorithm>
#include <cstdio>
#include <iostream>
#include <string>

namespace streamscope::app {
namespace {

constexpr long long kMaxShards = 100000;

void flushIfLarge(std::string &out, bool force = false) {
  if (force || out.size() > 65536) {
    std::fwrite(out.data(), 1, out.size(), stdout);
    out.clear();
  }
}

/// The one option both commands take, --shards N; nullopt after --help or a refusal (`exit`).
std::optional<long long> shardCount(const CliCommand &command, const QStringList &args, int &exit) {
  CommandLine cli(command);
  const QCommandLineOption shardsOption(QStringLiteral("shards"), QStringLiteral("Number of shards of the new stream (1 to %1).").arg(kMaxShards),
                                        QStringLiteral("N"));
  cli.addOption(shardsOption);
  if (const auto done = cli.parse(args)) {
    exit = *done;
    return std::nullopt;
  }
  exit = 2;
  if (!cli.positional().isEmpty()) {
    cli.refuse(QStringLiteral("unexpected argument '%1'").arg(cli.positional().front()));
    return std::nullopt;
  }
  if (!cli.isSet(shardsOption)) {
    cli.refuse(QStringLiteral("--shards N is required"));
    return std::nullopt;
  }
  return cli.wholeNumber(shardsOption, 1, kMaxShards);
}

int runShardsCommand(const QStringList &args) {
  int exit = 0;
  const std::optional<long long> shards = shardCount(kShardsCommand, args, exit);
  if (!shards)
    return exit;
  if (parseOnly())
    return 0;
  std::string out;
  const auto ranges = engine::kinesis::initialHashKeyRanges(static_cast<int>(*shards));
  for (std::size_t i = 0; i < ranges.size(); ++i) {
    out += engine::kinesis::shardId(static_cast<int>(i)) + '\t' + engine::toDecimal(ranges[i].start) + '\t' + engine::toDecimal(ranges[i].end) + '\n';
    flushIfLarge(out);
  }
  flushIfLarge(out, true);
  return 0;
}

int runShardCommand(const QStringList &args) {
  int exit = 0;
  const std::optional<long long> shards = shardCount(kShardCommand, args, exit);
  if (!shards)
    return exit;
  if (parseOnly())
    return 0;
  const auto ranges = engine::kinesis::initialHashKeyRanges(static_cast<int>(*shards));
  std::ios::sync_with_stdio(false);
  std::string line, out;
  long lineNumber = 0;
  int status = 0;
  while (std::getline(std::cin, line)) {
    ++lineNumber;
    if (const auto error = engine::kinesis::partitionKeyError(line)) {
      flushIfLarge(out, true);
      std::fprintf(stderr, "streamscope-cli shard: line %ld: %s\n", lineNumber, error->c_str());
      status = 1;
      continue;
    }
    const engine::Uint128 hash = engine::kinesis::hashKeyOf(line);
    const auto it = std::partition_point(ranges.begin(), ranges.end(), [&](const engine::kinesis::HashKeyRange &r) { return r.end < hash; });
    out += line + '\t' + engine::kinesis::shardId(static_cast<int>(it - ranges.begin())) + '\t' + engine::toDecimal(hash) + '\n';
    flushIfLarge(out);
  }
  flushIfLarge(out, true);
  return status;
}

} // namespace

const CliCommand kShardsCommand{"shards", "--shards N",
                                "Print the shards of a new Kinesis stream of N shards as "
                                "SHARD_ID<TAB>STARTING_HASH_KEY<TAB>ENDING_HASH_KEY (decimal), as Kinesis creates them.",
                                runShardsCommand};
const CliCommand kShardCommand{"shard", "--shards N < partition-keys.txt",
                               "Read one partition key per line on stdin and print KEY<TAB>SHARD_ID<TAB>HASH_KEY (MD5, "
                               "decimal) for a new stream of N shards; keys Kinesis refuses are reported on stderr (exit 1).",
                               runShardCommand};

} // namespace streamscope::app
