#include "classroom_commands.h"
#include "command_line.h"

namespace streamscope::app {
namespace {

int runClassroom(const QStringList &args) {
  if (!args.isEmpty() && args.front() == QLatin1String("host"))
    return runClassroomHost(args.mid(1));
  if (!args.isEmpty() && args.front() == QLatin1String("join"))
    return runClassroomJoin(args.mid(1));
  CommandLine cli(kClassroomCommand);
  if (const auto exit = cli.parse(args))
    return *exit;
  return cli.refuse(args.isEmpty() ? QStringLiteral("say which side: classroom host ... or classroom join ...")
                                   : QStringLiteral("unknown side '%1' (known: host, join)").arg(args.front()));
}

} // namespace

const CliCommand kClassroomHostCommand{
    "classroom host", "(--lesson ID | --scenario FILE) --port P [--bind ADDRESS] [--code C] [--until-answers N] [--answer-timeout S] [--json]",
    "Host a classroom session: play the lesson's steps as the teacher, wait at each prediction for N answers, print one line per "
    "step with the class's answers and the event hash; students' apps follow. Exit 3: cannot listen.",
    runClassroomHost};

const CliCommand kClassroomJoinCommand{
    "classroom join", "HOST:PORT --code C --name N [--answer K | --answer-correct] [--fingerprint F] [--json]",
    "Join a classroom session as a student: follow the teacher's run, answer each prediction, print one line per step with the "
    "event hash (equal to the teacher's), exit when the teacher ends the session. Exit 3: refused or unreachable.",
    runClassroomJoin};

const CliCommand kClassroomCommand{"classroom", "host ... | join ...",
                                   "A classroom session without windows: 'classroom host --help' and 'classroom join --help' list the options.",
                                   runClassroom};

} // namespace streamscope::app
