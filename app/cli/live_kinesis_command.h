#pragma once
// `streamscope-cli live kinesis ENDPOINT --stream S [--region R] [--json]
// [--probe --records N [--rate R] [--keys K]]`: a real Kinesis stream's shards and, with
// --probe, the durability probe (docs/live-mode.md). Exit 0 done, 2 usage, 3 cannot
// connect or authenticate (the message names the endpoint and the cause), 4 the probe found
// acknowledged records missing. Main thread (prints through stdio).
#include "cli_commands.h"

namespace streamscope::app {

/// Its usage text, for `live kinesis --help` and refusals.
extern const CliCommand kLiveKinesisCommand;

/// `args` are the words after "live kinesis"; returns the exit code.
int runLiveKinesis(const QStringList &args);

} // namespace streamscope::app
