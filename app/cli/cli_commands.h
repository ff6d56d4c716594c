#pragma once
// The subcommands of streamscope-cli. Each returns the process exit code; output goes to
// stdout, errors to stderr (2 for usage errors, 1 for bad input). Each subcommand parses its
// own arguments with a CommandLine (command_line.h) and answers --help with its usage.
// Main thread only (they print through stdio).
#include <QStringList>

#include <span>

namespace streamscope::app {

/// One subcommand: its name, its one usage text and what runs it.
struct CliCommand {
  const char *name;
  const char *synopsis; ///< what follows the name on the usage line
  const char *summary; ///< what it does, in the overall help and in its own
  int (*run)(const QStringList &args);
};

extern const CliCommand kPartitionCommand;
/// Kinesis: the hash key ranges of a new stream, and the shard of each partition key.
extern const CliCommand kShardsCommand;
extern const CliCommand kShardCommand;
extern const CliCommand kRunCommand;
/// Runs lessons headless (try-it steps by their solution); exit 1 if any expectation fails.
extern const CliCommand kLessonCommand;
/// Times the engine workloads K1, K2, KT, N1 and S1 (docs/benchmarks.md).
extern const CliCommand kBenchCommand;
/// Random scenarios and faults with every invariant checked; exit 1 if any breaks.
extern const CliCommand kSoakCommand;
/// Live mode: a real cluster (or librdkafka's mock cluster), the durability probe, the mirror.
extern const CliCommand kLiveCommand;
/// A classroom session: the teacher's side (host) or a student's (join).
extern const CliCommand kClassroomCommand;

/// Every subcommand, in the order the overall help lists them.
std::span<const CliCommand *const> cliCommands();

/// The whole command line after the program name: dispatches to a subcommand and returns
/// the exit code (2 for usage errors).
int runCli(QStringList args);

/// When on, every subcommand returns 0 as soon as its arguments (and the files they name)
/// are accepted, before doing the work, and --help prints nothing: lets the argument
/// parsing be fuzzed. Nothing exits the process in either mode.
void setParseOnly(bool on);
bool parseOnly();

/// Prints the overall usage: every subcommand's usage line and summary (to stdout for
/// --help, to stderr after an error).
void printUsage(bool toStderr);

} // namespace streamscope::app
