#include "cli_commands.h"
#include "command_line.h"

#include "model/lessons/claims.h"
#include "model/lessons/course.h"
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

/// The lessons of `files` that load; each that does not has its error on `err` and sets `failed`.
std::vector<model::Lesson> loadEach(const QStringList &files, QTextStream &err, bool &failed) {
  std::vector<model::Lesson> lessons;
  for (const QString &file : files) {
    const model::LessonLoadResult loaded = model::loadLessonFile(file);
    if (loaded.lesson)
      lessons.push_back(*loaded.lesson);
    else {
      err << loaded.error << '\n';
      failed = true;
    }
  }
  return lessons;
}

/// --claims: one line per claim, "ID<TAB>LESSON:STEP,...<TAB>N expectations"; exit 1 if any
/// claim has no step with an expectation, or a lesson does not load.
int printClaims(const QStringList &files) {
  QTextStream out(stdout), err(stderr);
  bool loadFailed = false;
  const std::vector<model::Lesson> lessons = loadEach(files, err, loadFailed);
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

/// --concepts: per lesson, "ID<TAB>introduces: a, b<TAB>uses: c, d"; then each concept
/// problem on stderr; exit 1 if there is one (a concept used before it is introduced...), or a
/// lesson does not load.
int printConcepts(const QString &dir, const QStringList &files) {
  QTextStream out(stdout), err(stderr);
  bool loadFailed = false;
  const std::vector<model::Lesson> lessons = loadEach(files, err, loadFailed);
  std::vector<model::Concept> known;
  QString error;
  if (QFileInfo::exists(model::conceptsFileOf(dir))) {
    known = model::loadConcepts(model::conceptsFileOf(dir), &error);
    if (known.empty()) {
      err << "streamscope-cli lesson --concepts: " << error << '\n';
      return 1;
    }
  }
  if (parseOnly())
    return loadFailed ? 1 : 0;
  const auto list = [](const QStringList &ids) { return ids.isEmpty() ? QStringLiteral("-") : ids.join(QStringLiteral(", ")); };
  for (const model::Lesson &l : lessons)
    out << l.id << "\tintroduces: " << list(l.concepts.introduces) << "\tuses: " << list(l.concepts.uses) << '\n';
  out.flush();
  const QStringList problems = model::conceptProblems(lessons, known);
  for (const QString &p : problems)
    err << "streamscope-cli lesson --concepts: " << p << '\n';
  return problems.isEmpty() && !loadFailed ? 0 : 1;
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
  const QCommandLineOption conceptsOption(QStringLiteral("concepts"),
                                          QStringLiteral("Do not play: print the concepts each lesson of DIR introduces and "
                                                         "uses (course/concepts.json lists them); exit 1 if a lesson uses one "
                                                         "before a lesson introduces it."));
  cli.addOption(verboseOption);
  cli.addOption(allOption);
  cli.addOption(textOption);
  cli.addOption(claimsOption);
  cli.addOption(conceptsOption);
  cli.addPositional(QStringLiteral("FILE"), QStringLiteral("Lesson files to play (without --all)."), QStringLiteral("FILE..."));
  cli.addPositional(QStringLiteral("DIR"), QStringLiteral("With --all or --claims: the folder of lessons."), QStringLiteral("[DIR]"));
  if (const auto exit = cli.parse(args))
    return *exit;
  const bool verbose = cli.isSet(verboseOption);
  const bool showText = cli.isSet(textOption);
  QStringList files;
  const int modes = (cli.isSet(allOption) ? 1 : 0) + (cli.isSet(claimsOption) ? 1 : 0) + (cli.isSet(conceptsOption) ? 1 : 0);
  if (modes > 0) {
    if (modes > 1)
      return cli.refuse(QStringLiteral("--all, --claims and --concepts do not go together"));
    const QString mode = cli.isSet(allOption) ? QStringLiteral("--all")
        : cli.isSet(claimsOption)             ? QStringLiteral("--claims")
                                              : QStringLiteral("--concepts");
    if (cli.positional().size() > 1)
      return cli.refuse(QStringLiteral("%1 takes at most one directory").arg(mode));
    const QString dir = cli.positional().size() == 1 ? cli.positional().front() : model::lessonDirectory();
    for (const QString &name : QDir(dir).entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name))
      files << QDir(dir).filePath(name);
    if (files.isEmpty()) {
      err << "streamscope-cli lesson: no lessons (*.json) in " << dir << '\n';
      return 1;
    }
    if (cli.isSet(claimsOption))
      return printClaims(files);
    if (cli.isSet(conceptsOption))
      return printConcepts(dir, files);
  } else {
    files = cli.positional();
  }
  if (files.isEmpty())
    return cli.refuse(QStringLiteral("a lesson FILE, --all, --claims or --concepts is required"));
  int failed = 0;
  for (const QString &file : files) {
    const model::LessonLoadResult loaded = model::loadLessonFile(file);
    if (!loaded.lesson) {
      err << loaded.error << '\n';
      ++failed;
      continue;
    }
    // Warnings do not fail the run: the lesson plays; the author should still fix them.
    for (const QString &w : loaded.lesson->warnings)
      err << "warning: " << QFileInfo(file).fileName() << ": " << w << '\n';
    if (parseOnly())
      continue;
    // One line per step; a failing step names what failed; --verbose adds every expectation,
    // --show-text the narration as the player shows it once the step has run.
    const model::LessonResult result = model::runLessonHeadless(*loaded.lesson);
    const auto print = [&](const QString &what, const model::StepResult &step, const std::optional<model::Prediction> &prediction) {
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
        if (prediction) { // asked between the setup and the reveal
          const model::Prediction &p = *prediction;
          QStringList choices;
          for (int c = 0; c < p.choices.size(); ++c)
            choices << (c == p.answer ? QStringLiteral("[%1] (right)").arg(p.choices[c]) : QStringLiteral("[%1]").arg(p.choices[c]));
          printText(out, p.question + QLatin1Char(' ') + choices.join(QLatin1Char(' ')), QStringLiteral("Predict: "));
        }
        if (!step.rendered.reveal.isEmpty())
          printText(out, step.rendered.reveal, QStringLiteral("Revealed: "));
        if (!step.rendered.explanation.isEmpty())
          printText(out, step.rendered.explanation, QStringLiteral("Explanation: "));
        if (!step.rendered.teacherNotes.isEmpty())
          printText(out, step.rendered.teacherNotes, QStringLiteral("Teacher notes: "));
      }
    };
    for (std::size_t i = 0; i < result.steps.size(); ++i)
      print(QStringLiteral("step %1").arg(i + 1), result.steps[i],
            i < loaded.lesson->steps.size() ? loaded.lesson->steps[i].prediction : std::optional<model::Prediction>());
    if (result.challenge)
      print(QStringLiteral("challenge"), *result.challenge, std::nullopt);
    if (showText)
      for (const QStringList &row : result.comparison)
        out << "        | " << row.join(QStringLiteral(" | ")) << " |\n";
    failed += result.passed() ? 0 : 1;
  }
  out << files.size() - failed << " of " << files.size() << " lessons passed\n";
  return failed == 0 ? 0 : 1;
}

} // namespace

const CliCommand kLessonCommand{"lesson", "[--verbose] [--show-text] FILE... | --all [DIR] | --claims [DIR] | --concepts [DIR]",
                                "Play lessons headless (try-it steps by their scripted solution) and check every "
                                "expectation; one line per step; exit 1 if any fails. --claims: where each claim is shown. "
                                "--concepts: what each lesson introduces and uses; exit 1 if one is used before it is taught.",
                                runLessonCommand};

} // namespace streamscope::app
