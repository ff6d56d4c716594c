#pragma once
// Running lessons: a step's actions performed through the simulation controller (so the
// player and the headless check do the same thing), its expectations checked, and a whole
// lesson run headless with try-it steps done by their scripted solution.
// Contract: drives one SimulationController on the GUI thread (or the CLI's main thread).
#include "lesson.h"
#include "model/simulation_controller.h"

#include <optional>

namespace streamscope::model {

/// Loads the scenario a lesson starts from into the controller.
std::optional<QString> startLesson(SimulationController &controller, const Lesson &lesson);
/// Performs actions in order; returns why one could not be (a refused fault, a run_until
/// whose condition did not hold in time).
std::optional<QString> performActions(SimulationController &controller, const std::vector<LessonAction> &actions);

/// A step's Markdown with its {{SUBJECT}}s replaced by the engine's values at one moment.
struct RenderedStep {
  QString text;
  QString reveal; ///< shown once the step has run (and its prediction was answered)
  QString teacherNotes;
  QString explanation; ///< of the prediction, if any
  QStringList whyNot; ///< of the prediction's choices, if given
  QStringList missing; ///< "{{SUBJECT}}: why" for each subject that had no value (shown as —)
};
/// Whether a try-it's goal is reached in `world`: every condition holds. The outcome is the
/// first condition that does not hold, or the last one when all do.
Expectation::Outcome tryItDone(const TryIt &tryIt, const engine::World &world);
/// The step's narration rendered against `world` (the step's moment: its actions and try-it done).
RenderedStep renderStep(const engine::World &world, const LessonStep &step);
/// The closing comparison table rendered against `world` (the world the last step left).
std::vector<QStringList> renderComparison(const engine::World &world, const Lesson &lesson);

struct StepResult {
  QString title;
  bool passed = true;
  QStringList details; ///< one line per expectation (and any failure)
  RenderedStep rendered; ///< the narration at the moment the expectations were checked
  /// One sentence per expectation, the engine's values in words; a failed one is marked ✗.
  QStringList shown;
};

struct LessonResult {
  QString title;
  QString file;
  std::vector<StepResult> steps;
  std::vector<QStringList> comparison; ///< rendered once the last step has run
  std::optional<StepResult> challenge; ///< the closing challenge's check, if the lesson has one
  bool passed() const {
    for (const StepResult &s : steps)
      if (!s.passed)
        return false;
    return !steps.empty() && (!challenge || challenge->passed);
  }
};

/// After a step's actions and try-it: its scrub's values or its fork's futures, each on a
/// branch (lesson_futures.h); the controller is left on the last. Returns the lines to report.
StepResult runStepFutures(SimulationController &controller, const LessonStep &step);
/// Checks a step's expectations against the world now and renders its narration; a subject
/// of the narration without a value is a failure too (the text would show —).
StepResult checkStep(const SimulationController &controller, const LessonStep &step);
/// The canvas items a step's highlights name, in the world as it is now (names that do not
/// exist yet, such as a partition still to be created, resolve to nothing).
std::vector<WorldItem> resolveHighlights(const engine::World &world, const std::vector<LessonHighlight> &highlights);
/// Where lessons are: ./lessons, the installed copy, or the source tree.
QString lessonDirectory();
/// The lesson file of lessonDirectory() whose name (without .json) is `id`, or else the one
/// whose name starts with it ("09"); nullopt with `error` if none or several do.
std::optional<QString> lessonFileById(const QString &id, QString *error);

/// Plays the whole lesson headless: each step's actions, then its try-it solution, then its
/// scrub or fork, then its expectations (and the try-it's completion condition); then the
/// challenge's solution.
LessonResult runLessonHeadless(const Lesson &lesson);
/// The same on `controller` (its journal, if any, sees every command of the run).
LessonResult runLessonHeadless(const Lesson &lesson, SimulationController &controller);
/// One step played headless as above: actions, try-it solution, futures, expectations.
StepResult runStepHeadless(SimulationController &controller, const LessonStep &step);

} // namespace streamscope::model
