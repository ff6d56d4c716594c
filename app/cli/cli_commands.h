#pragma once
// The subcommands of streamscope-cli. Each returns the process exit code; output goes to
// stdout, errors to stderr.
#include <QStringList>

namespace streamscope::app {

int runPartitionCommand(const QStringList &args);
int runScenarioCommand(const QStringList &args);
/// Kinesis: the hash key ranges of a new stream, and the shard of each partition key.
int runShardsCommand(const QStringList &args);
int runShardCommand(const QStringList &args);
/// Runs lessons headless (try-it steps by their solution); exit 1 if any expectation fails.
int runLessonCommand(const QStringList &args);
/// Times the engine workloads K1, K2, N1 and S1 (docs/benchmarks.md).
int runBenchCommand(const QStringList &args);
/// Random scenarios and faults with every invariant checked; exit 1 if any breaks.
int runSoakCommand(const QStringList &args);
/// Prints the usage text (to stdout for --help, to stderr after an error).
void printUsage(bool toStderr);

} // namespace streamscope::app
