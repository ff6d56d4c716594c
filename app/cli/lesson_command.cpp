#include "cli_commands.h"
#include "command_line.h"

#include "model/lessons/claims.h"
#include "model/lessons/lesson_runner.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QTextStream>

namespace streamscope::app {
namespace {

/// `markdown` on stdout, each line indented and quoted, so it stands apart from the step lines.
void printText(QTextStream &out, const QString &markdown, const QString &prefix = QString()) {
  const QStringList lines = (prefix + markdown).split(QLatin1Char('\n'));
  for (const QString &line : lines)
    out << "        > " << line << '\n';
}

/// --claims: one line per claim, "ID<TAB>LESSON:STEP,...<TAB>N expectations"; exit 1 if any
/// claim has no step with an expectation, or a lesson does not load.
int printClaims(const QStringList &files) {
  QTextStream out(stdout), err(stderr);
  std::vector<model::Lesson> lessons;
  bool loadFailed = false;
  for (const QString &file : files) {
    const model::LessonLoadResult loaded = model::loadLessonFile(file);
    if (loaded.lesson) {
      lessons.push_back(*loaded.lesson);
    } else {
      err << loaded.error << '\n';
      loadFailed = true;
    }
  }
  if (parseOnly())
    return loadFailed ? 1 : 0;
  QStringList missing;
  for (const model::ClaimCoverage &c : model::claimCoverage(lessons)) {
    out << c.id << '\t' << (c.steps.isEmpty() ? QStringLiteral("-") : c.steps.join(QLatin1Char(','))) << '\t' << c.expectations << " expectations\n";
    if (!c.shown())
      missing << c.id;
  }
  out.flush();
  if (!missing.isEmpty())
    err << "streamscope-cli lesson --claims: " << missing.size() << " of " << model::claims().size()
        << " claims have no step with an expectation: " << missing.join(QStringLiteral(", ")) << '\n';
  return missing.isEmpty() && !loadFailed ? 0 : 1;
}

int runLessonCommand(const QStringList &args) {
  QTextStream out(stdout), err(stderr);
  CommandLine cli(kLessonCommand);
  const QCommandLineOption verboseOption(QStringLiteral("verbose"), QStringLiteral("Print every expectation with the value the engine had."));
  const QCommandLineOption allOption(QStringLiteral("all"),
                                     QStringLiteral("Play every lesson (*.json) of DIR, or of ./lessons, the installed lessons or the "
                                                    "source tree's."));
  const QCommandLineOption textOption(QStringLiteral("show-text"),
                                      QStringLiteral("Print each step's narration, its {{SUBJECT}}s replaced by the engine's values at the "
                                                     "step's moment, and the closing comparison."));
  const QCommandLineOption claimsOption(QStringLiteral("claims"),
                                        QStringLiteral("Do not play: print, for each claim of docs/claims.md, the "
                                                       "steps of the lessons of DIR that show it and how many "
                                                       "expectations they check; exit 1 if a claim has none."));
  cli.addOption(verboseOption);
  cli.addOption(allOption);
  cli.addOption(textOption);
  cli.addOption(claimsOption);
  cli.addPositional(QStringLiteral("FILE"), QStringLiteral("Lesson files to play (without --all)."), QStringLiteral("FILE..."));
  cli.addPositional(QStringLiteral("DIR"), QStringLiteral("With --all or --claims: the folder of lessons."), QStringLiteral("[DIR]"));
  if (const auto exit = cli.parse(args))
    return *exit;
  const bool verbose = cli.isSet(verboseOption);
  const bool showText = cli.isSet(textOption);
  QStringList files;
  if (cli.isSet(allOption) || cli.isSet(claimsOption)) {
    if (cli.isSet(allOption) && cli.isSet(claimsOption))
      return cli.refuse(QStringLiteral("--all and --claims do not go together"));
    if (cli.positional().size() > 1)
      return cli.refuse(
          QStringLiteral("%1 takes at most one directory").arg(cli.isSet(allOption) ? QStringLiteral("--all") : QStringLiteral("--claims")));
    const QString dir = cli.positional().size() == 1 ? cli.positional().front() : model::lessonDirectory();
    for (const QString &name : QDir(dir).entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name))
      files << QDir(dir).filePath(name);
    if (files.isEmpty()) {
      err << "streamscope-cli lesson: no lessons (*.json) in " << dir << '\n';
      return 1;
    }
    if (cli.isSet(claimsOption))
      return printClaims(files);
  } else {
    files = cli.positional();
  }
  if (files.isEmpty())
    return cli.refuse(QStringLiteral("a lesson FILE, --all or --claims is required"));
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
    // One line per step; a failing step names what failed; --verbose adds every expectation,
    // --show-text the narration as the player shows it once the step has run.
    const model::LessonResult result = model::runLessonHeadless(*loaded.lesson);
    const auto print = [&](const QString &what, const model::StepResult &step) {
      out << (step.passed ? "ok    " : "FAIL  ") << QFileInfo(file).fileName() << ' ' << what << ": " << step.title;
      if (!step.passed)
        for (const QString &line : step.details)
          if (line.startsWith(QLatin1String("FAIL")))
            out << "  [" << line.mid(6) << ']';
      out << '\n';
      if (verbose)
        for (const QString &line : step.details)
          out << "        " << line << '\n';
      if (showText) {
        printText(out, step.rendered.text);
        if (!step.rendered.explanation.isEmpty())
          printText(out, step.rendered.explanation, QStringLiteral("Explanation: "));
        if (!step.rendered.teacherNotes.isEmpty())
          printText(out, step.rendered.teacherNotes, QStringLiteral("Teacher notes: "));
      }
    };
    for (std::size_t i = 0; i < result.steps.size(); ++i)
      print(QStringLiteral("step %1").arg(i + 1), result.steps[i]);
    if (result.challenge)
      print(QStringLiteral("challenge"), *result.challenge);
    if (showText)
      for (const QStringList &row : result.comparison)
        out << "        | " << row.join(QStringLiteral(" | ")) << " |\n";
    failed += result.passed() ? 0 : 1;
  }
  out << files.size() - failed << " of " << files.size() << " lessons passed\n";
  return failed == 0 ? 0 : 1;
}

} // namespace

const CliCommand kLessonCommand{"lesson", "[--verbose] [--show-text] FILE... | --all [DIR] | --claims [DIR]",
                                "Play lessons headless (try-it steps by their scripted solution) and check every "
                                "expectation; one line per step; exit 1 if any fails. --claims: where each claim is shown.",
                                runLessonCommand};

} // namespace streamscope::app
