#include "cli_commands.h"

#include "model/lessons/lesson_runner.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QTextStream>

namespace streamscope::app {
int runLessonCommand(const QStringList &arguments) {
  QTextStream out(stdout), err(stderr);
  const QString usage = QStringLiteral("usage: streamscope-cli lesson [--verbose] FILE... | --all [DIR]");
  QStringList args = arguments;
  const bool verbose = args.removeAll(QStringLiteral("--verbose")) > 0;
  QStringList files;
  if (!args.isEmpty() && args.first() == QLatin1String("--all")) {
    if (args.size() > 2) {
      err << "streamscope-cli lesson: --all takes at most one directory\n" << usage << '\n';
      return 2;
    }
    const QString dir = args.size() == 2 ? args[1] : model::lessonDirectory();
    for (const QString &name : QDir(dir).entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name))
      files << QDir(dir).filePath(name);
    if (files.isEmpty()) {
      err << "streamscope-cli lesson: no lessons (*.json) in " << dir << '\n';
      return 1;
    }
  } else {
    for (const QString &a : args)
      if (a.startsWith(QLatin1String("--"))) {
        err << "streamscope-cli lesson: unexpected argument '" << a << "'\n" << usage << '\n';
        return 2;
      }
    files = args;
  }
  if (files.isEmpty()) {
    err << "streamscope-cli lesson: a lesson FILE or --all is required\n" << usage << '\n';
    return 2;
  }
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

} // namespace streamscope::app
