#pragma once
// The subcommands of streamscope-cli. Each returns the process exit code; output goes to
// stdout, errors to stderr.
#include <QStringList>

namespace streamscope::app {

/// The whole command line after the program name: dispatches to a subcommand and returns
/// the exit code (2 for usage errors).
int runCli(QStringList args);

/// When on, every subcommand returns 0 as soon as its arguments (and the files they name)
/// are accepted, before doing the work: lets the argument parsing be fuzzed.
void setParseOnly(bool on);
bool parseOnly();

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
