#pragma once
// A lesson as data: a scenario to start from and a sequence of steps. A step narrates
// (Markdown), drives the engine (actions), points at things (highlights), and claims what the
// engine then shows (expectations, checked by the player and by `streamscope-cli lesson`).
// A step may first ask the learner to predict, or ask them to do something (try it).
// Contract: a plain copyable value; any thread may use its own copy, lessons are read-only once loaded.
#include "engine/world/scenario.h"
#include "expectation.h"
#include "model/explain/world_item.h"
#include "series_expectation.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace streamscope::model {

/// One thing a step does to the engine.
struct LessonAction {
  enum class Kind { RunFor, RunUntilTime, RunUntil, Fault, Load, Reshard };
  Kind kind = Kind::RunFor;
  engine::SimTime time = 0; ///< RunFor: duration; RunUntilTime: instant; RunUntil: limit (from now)
  std::optional<Expectation> until; ///< RunUntil: stop as soon as it holds
  engine::Fault fault; ///< Fault (its time is "now")
  QByteArray scenarioJson; ///< Load: the scenario's text
  QString scenarioFile;
  QString stream; ///< Reshard: the stream brought to `openShards` open shards, split or merge at a time
  int openShards = 0;
};

/// Something on the canvas the step points at, by name (resolved against the running world).
struct LessonHighlight {
  WorldItem::Kind kind = WorldItem::Kind::None;
  QString name; ///< partition ("orders-0"), group, application or producer name
  int index = -1; ///< broker id, shard number, zone; a transfer kind for messages; a producer's side (0 Kafka, 1 Kinesis, -1 both)
  std::int64_t from = 0, to = 0; ///< a cell range: offsets [from, to) of a replica
};

struct Prediction {
  QString question;
  QStringList choices;
  int answer = 0;
  QString explanation; ///< shown once the step has run; may embed {{SUBJECT}}s
  /// Per choice, why it is wrong (empty: nothing more to say); empty list if the lesson gives
  /// none. Shown with the explanation when the learner picked that choice; may embed {{SUBJECT}}s.
  QStringList whyNot;
};

struct TryIt {
  QString task;
  QString hint;
  std::vector<Expectation> doneWhen; ///< the goal: all of them hold (lesson_runner.h: tryItDone)
  std::vector<LessonAction> solution; ///< what "show me" (and the headless run) does
};

/// One named future of a step's fork: a branch made at the step's decision point.
struct LessonFuture {
  QString name; ///< the branch's name, shown on its button ("acks=1")
  std::vector<LessonAction> actions; ///< what happens on it, from the decision point
  std::vector<Expectation> expectations; ///< checked on its branch once its actions have run
};

/// A step's setting exposed as a slider: the step re-run from its decision point once per value,
/// each on its own branch, and the outcome measures plotted against the setting (scrub.h).
struct Scrub {
  QString setting; ///< its name on the slider ("flush.ms")
  QStringList labels; ///< one per value, in slider order ("1000", "all")
  std::vector<LessonFuture> runs; ///< one per value: its actions with the value put in
  QStringList measures; ///< expectation subjects measured at the end of each run
  std::vector<SeriesExpectation> expect; ///< claims about the series (series_expectation.h)
};

/// One record pinned for the canvas to follow: the producer's Nth record (from 0).
struct RecordPin {
  QString producer;
  int record = 0;
};

struct LessonStep {
  QString title;
  QString text; ///< Markdown; may embed {{SUBJECT}}s (narration.h); the setup, shown first
  /// Markdown revealed once the step has run (and its prediction, if any, was answered): the
  /// explanation the setup must not give away before the learner predicts. May be empty.
  QString reveal;
  QString teacherNotes; ///< Markdown, shown in the presenter view; may embed {{SUBJECT}}s
  std::vector<LessonAction> actions;
  std::vector<LessonHighlight> highlights;
  std::vector<Expectation> expectations;
  std::optional<Prediction> prediction;
  std::optional<TryIt> tryIt;
  QStringList claims; ///< ids of docs/claims.md this step shows ("C11")
  std::optional<Scrub> scrub; ///< a setting swept after the actions and try-it
  std::vector<LessonFuture> fork; ///< named futures forked after the actions and try-it
  std::optional<RecordPin> follow; ///< a record the canvas follows, the rest dimmed
  std::vector<LessonHighlight> show; ///< only these are drawn (empty: everything)
};

/// The lesson's closing challenge in the sandbox: a goal, graded by expectations, reached by
/// any route; the solution shows one.
struct Challenge {
  QString goal; ///< Markdown
  QString hint;
  std::vector<LessonAction> setup; ///< run before the goal is shown (may load a scenario)
  std::vector<Expectation> doneWhen; ///< all of them: the goal is reached
  std::vector<LessonAction> solution;
};

/// The ideas a lesson teaches and relies on, by id of lessons/concepts.json.
struct LessonConcepts {
  QStringList introduces;
  QStringList uses;
};

struct Lesson {
  QString file;
  QString id; ///< the file name without extension
  QString title;
  QString summary;
  QByteArray scenarioJson;
  QString scenarioFile;
  std::vector<LessonStep> steps;
  /// The closing Kafka-versus-Kinesis table: rows of (aspect, Kafka, Kinesis). Its cells may
  /// embed {{SUBJECT}}s, rendered with the world as the last step left it.
  std::vector<QStringList> comparison;
  LessonConcepts concepts;
  /// What an author should fix though the lesson runs (lesson_checks.h): a prediction whose
  /// answer gives itself away, a step without teacher notes. "file: step N: message".
  QStringList warnings;
  std::optional<Challenge> challenge; ///< shown after the last step, before the comparison
};

struct LessonLoadResult {
  std::optional<Lesson> lesson;
  QString error; ///< file:line:column: message
};

/// Reads and validates a lesson file; scenario paths are relative to it. Every action's
/// fault, every expectation, every {{SUBJECT}} of the narration and every claim id is checked
/// here, so a lesson that loads can run.
LessonLoadResult loadLessonFile(const QString &path);
LessonLoadResult loadLessonText(const QByteArray &text, const QString &fileName);

} // namespace streamscope::model
