#include "cli_commands.h"
#include "command_line.h"

#include "model/lessons/lesson_runner.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QTextStream>

namespace streamscope::app {
namespace {

int runLessonCommand(const QStringList &args) {
  QTextStream out(stdout), err(stderr);
  CommandLine cli(kLessonCommand);
  const QCommandLineOption verboseOption(QStringLiteral("verbose"), QStringLiteral("Print every expectation with the value the engine had."));
  const QCommandLineOption allOption(QStringLiteral("all"),
                                     QStringLiteral("Play every lesson (*.json) of DIR, or of ./lessons, the installed lessons or the "
                                                    "source tree's."));
  cli.addOption(verboseOption);
  cli.addOption(allOption);
  cli.addPositional(QStringLiteral("FILE"), QStringLiteral("Lesson files to play (without --all)."), QStringLiteral("FILE..."));
  cli.addPositional(QStringLiteral("DIR"), QStringLiteral("With --all: the folder of lessons."), QStringLiteral("[DIR]"));
  if (const auto exit = cli.parse(args))
    return *exit;
  const bool verbose = cli.isSet(verboseOption);
  QStringList files;
  if (cli.isSet(allOption)) {
    if (cli.positional().size() > 1)
      return cli.refuse(QStringLiteral("--all takes at most one directory"));
    const QString dir = cli.positional().size() == 1 ? cli.positional().front() : model::lessonDirectory();
    for (const QString &name : QDir(dir).entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name))
      files << QDir(dir).filePath(name);
    if (files.isEmpty()) {
      err << "streamscope-cli lesson: no lessons (*.json) in " << dir << '\n';
      return 1;
    }
  } else {
    files = cli.positional();
  }
  if (files.isEmpty())
    return cli.refuse(QStringLiteral("a lesson FILE or --all is required"));
  int failed = 0;
  for (const QString &file : files) {
    const model::LessonLoadResult loaded = model::loadLessonFile(file);
    if (!loaded.lesson) {
      err << loaded.error << '\n';
      ++failed;
      continue;
    }
    if (parseOnly())
      continue;
    // One line per step; a failing step names what failed; --verbose adds every expectation.
    const model::LessonResult result = model::runLessonHeadless(*loaded.lesson);
    for (std::size_t i = 0; i < result.steps.size(); ++i) {
      const model::StepResult &step = result.steps[i];
      out << (step.passed ? "ok    " : "FAIL  ") << QFileInfo(file).fileName() << " step " << (i + 1) << ": " << step.title;
      if (!step.passed)
        for (const QString &line : step.details)
          if (line.startsWith(QLatin1String("FAIL")))
            out << "  [" << line.mid(6) << ']';
      out << '\n';
      if (verbose)
        for (const QString &line : step.details)
          out << "        " << line << '\n';
    }
    failed += result.passed() ? 0 : 1;
  }
  out << files.size() - failed << " of " << files.size() << " lessons passed\n";
  return failed == 0 ? 0 : 1;
}

} // namespace

const CliCommand kLessonCommand{"lesson", "[--verbose] FILE... | --all [DIR]",
                                "Play lessons headless (try-it steps by their scripted solution) and check every "
                                "expectation; one line per step; exit 1 if any fails.",
                                runLessonCommand};

} // namespace streamscope::app
