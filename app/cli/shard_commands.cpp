#include "cli_commands.h"
#include "cli_options.h"

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

} // namespace

int runShardsCommand(const QStringList &args) {
  const std::optional<long long> shards = requiredCount(args, QStringLiteral("--shards"), QStringLiteral("shards"), kMaxShards,
                                                        QStringLiteral("streamscope-cli shards --shards N"));
  if (!shards)
    return 2;
  if (parseOnly())
    return 0;
  std::string out;
  const auto ranges = engine::kinesis::initialHashKeyRanges(static_cast<int>(*shards));
  for (std::size_t i = 0; i < ranges.size(); ++i) {
    out += engine::kinesis::shardId(static_cast<int>(i)) + '\t' + engine::toDecimal(ranges[i].start) + '\t' +
           engine::toDecimal(ranges[i].end) + '\n';
    flushIfLarge(out);
  }
  flushIfLarge(out, true);
  return 0;
}

int runShardCommand(const QStringList &args) {
  const std::optional<long long> shards = requiredCount(args, QStringLiteral("--shards"), QStringLiteral("shard"), kMaxShards,
                                                        QStringLiteral("streamscope-cli shard --shards N < partition-keys.txt"));
  if (!shards)
    return 2;
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
    const auto it = std::partition_point(ranges.begin(), ranges.end(),
                                         [&](const engine::kinesis::HashKeyRange &r) { return r.end < hash; });
    out += line + '\t' + engine::kinesis::shardId(static_cast<int>(it - ranges.begin())) + '\t' + engine::toDecimal(hash) + '\n';
    flushIfLarge(out);
  }
  flushIfLarge(out, true);
  return status;
}

} // namespace streamscope::app
