#pragma once
// `streamscope-cli classroom host|join`: a classroom session without windows, for tests,
// demonstrations and grading (docs/teachers-guide.md).
#include "cli_commands.h"

namespace streamscope::app {

extern const CliCommand kClassroomHostCommand;
extern const CliCommand kClassroomJoinCommand;
int runClassroomHost(const QStringList &args);
int runClassroomJoin(const QStringList &args);

} // namespace streamscope::app
