#include "lesson_runner.h"
#include "challenge.h"
#include "lesson_futures.h"
#include "narration.h"

#include "engine/kinesis/reshard_plan.h"

#include "model/json/scenario_loader.h"

#include <QCoreApplication>
#include <QDir>

namespace streamscope::model {
namespace {

std::optional<QString> load(SimulationController &controller, const QByteArray &json, const QString &file) {
  const ScenarioLoadResult loaded = loadScenarioText(json, file);
  if (!loaded.scenario)
    return loaded.error;
  controller.load(*loaded.scenario, loaded.playbackSpeed, loaded.text);
  return std::nullopt;
}

/// One UpdateShardCount call: the stream is UPDATING, then has the target's open shards.
/// Already there: nothing to do.
std::optional<QString> reshard(SimulationController &controller, const LessonAction &a) {
  const int stream = controller.world().kinesis.streamIndex(a.stream.toStdString());
  if (stream < 0)
    return QObject::tr("no stream \"%1\"").arg(a.stream);
  if (engine::kinesis::openShardCount(controller.world(), stream) == a.openShards)
    return std::nullopt;
  if (const auto refused = controller.applyUserAction(engine::Fault{0, engine::UpdateShardCount{a.stream.toStdString(), a.openShards}}))
    return QObject::tr("resharding was refused: %1").arg(*refused);
  return std::nullopt;
}

} // namespace

std::optional<QString> startLesson(SimulationController &controller, const Lesson &lesson) {
  return load(controller, lesson.scenarioJson, lesson.scenarioFile);
}

std::optional<QString> performActions(SimulationController &controller, const std::vector<LessonAction> &actions) {
  for (const LessonAction &a : actions) {
    if (!controller.hasSimulation())
      return QObject::tr("no scenario is loaded");
    const engine::SimTime now = controller.world().now;
    switch (a.kind) {
    case LessonAction::Kind::RunFor: controller.runTo(now + a.time); break;
    case LessonAction::Kind::RunUntilTime: controller.runTo(a.time); break;
    case LessonAction::Kind::RunUntil: {
      // Event by event, so the run stops at the very moment the condition first holds.
      const engine::SimTime limit = std::min(now + a.time, controller.world().scenario.duration);
      if (!controller.runUntilCondition([&](const engine::World &w) { return a.until->evaluate(w).holds; }, limit))
        return QObject::tr("run_until \"%1\" did not happen within %2 ms").arg(a.until->text()).arg(engine::toMs(a.time));
      break;
    }
    case LessonAction::Kind::Fault:
      if (const auto refused = controller.applyUserAction(a.fault))
        return QObject::tr("the fault was refused: %1").arg(*refused);
      break;
    case LessonAction::Kind::Load:
      if (const auto error = load(controller, a.scenarioJson, a.scenarioFile))
        return error;
      break;
    case LessonAction::Kind::Reshard:
      if (const auto refused = reshard(controller, a))
        return refused;
      break;
    }
  }
  return std::nullopt;
}

Expectation::Outcome tryItDone(const TryIt &tryIt, const engine::World &world) {
  Expectation::Outcome outcome;
  for (const Expectation &e : tryIt.doneWhen) {
    outcome = e.evaluate(world);
    if (!outcome.holds)
      break;
  }
  return outcome;
}

RenderedStep renderStep(const engine::World &world, const LessonStep &step) {
  RenderedStep r;
  const auto render = [&](const QString &markdown) {
    RenderedNarration n = renderNarration(markdown, world);
    r.missing += n.missing;
    return n.text;
  };
  r.text = render(step.text);
  r.reveal = render(step.reveal);
  r.teacherNotes = render(step.teacherNotes);
  if (step.prediction) {
    r.explanation = render(step.prediction->explanation);
    for (const QString &whyNot : step.prediction->whyNot)
      r.whyNot << render(whyNot);
  }
  return r;
}

std::vector<QStringList> renderComparison(const engine::World &world, const Lesson &lesson) {
  std::vector<QStringList> rows;
  for (const QStringList &row : lesson.comparison) {
    QStringList cells;
    for (const QString &cell : row)
      cells << renderNarration(cell, world).text;
    rows.push_back(cells);
  }
  return rows;
}

StepResult runStepFutures(SimulationController &controller, const LessonStep &step) {
  StepResult r{step.title, true, {}, {}, {}};
  if (step.scrub) {
    const ScrubResult scrub = runScrub(controller, *step.scrub);
    r.passed = scrub.passed;
    r.details = scrub.details;
  } else if (!step.fork.empty()) {
    for (const FutureResult &f : runFutures(controller, step.fork)) {
      r.passed = r.passed && f.passed;
      r.details += f.details;
    }
  }
  return r;
}

StepResult checkStep(const SimulationController &controller, const LessonStep &step) {
  StepResult r{step.title, true, {}, renderStep(controller.world(), step), {}};
  for (const Expectation &e : step.expectations) {
    const Expectation::Outcome o = e.evaluate(controller.world());
    r.passed = r.passed && o.holds;
    r.details << (o.holds ? QStringLiteral("ok    ") : QStringLiteral("FAIL  ")) + o.detail;
    r.shown << (o.holds ? o.words : QObject::tr("✗ not as the lesson says (%1): %2").arg(e.text(), o.words));
  }
  for (const QString &m : r.rendered.missing)
    r.details << QStringLiteral("FAIL  text ") + m;
  r.passed = r.passed && r.rendered.missing.isEmpty();
  return r;
}

std::vector<WorldItem> resolveHighlights(const engine::World &w, const std::vector<LessonHighlight> &highlights) {
  using Kind = WorldItem::Kind;
  std::vector<WorldItem> items;
  const auto named = [](const auto &list, const QString &name, auto nameOf) {
    for (std::size_t i = 0; i < list.size(); ++i)
      if (QString::fromStdString(nameOf(list[i])) == name)
        return static_cast<int>(i);
    return -1;
  };
  for (const LessonHighlight &h : highlights) {
    switch (h.kind) {
    case Kind::Broker:
      if (h.index < static_cast<int>(w.kafka.brokers.size()))
        items.push_back({Kind::Broker, h.index});
      break;
    case Kind::Replica:
      for (std::size_t p = 0; p < w.kafka.partitions.size(); ++p)
        if (!w.kafka.partitions[p].replicas.empty() && QString::fromStdString(w.kafka.partitionName(static_cast<int>(p))) == h.name)
          for (int b : w.kafka.partitions[p].replicas)
            if (h.index < 0 || b == h.index)
              items.push_back({Kind::Replica, static_cast<int>(p), b});
      break;
    case Kind::LogCell:
      for (std::size_t p = 0; p < w.kafka.partitions.size(); ++p)
        if (!w.kafka.partitions[p].replicas.empty() && QString::fromStdString(w.kafka.partitionName(static_cast<int>(p))) == h.name &&
            w.kafka.partitions[p].slotOf(h.index) >= 0)
          for (std::int64_t o = h.from; o < h.to; ++o)
            items.push_back({Kind::LogCell, static_cast<int>(p), h.index, o});
      break;
    case Kind::Message: items.push_back({Kind::Message, h.index, -1, -1}); break; // every message of that kind
    case Kind::Shard:
      for (const auto &st : w.kinesis.streams)
        for (int slot : st.shards)
          if (w.kinesis.shardAt(slot).index == h.index)
            items.push_back({Kind::Shard, slot});
      break;
    case Kind::Zone: items.push_back({Kind::Zone, h.index}); break;
    case Kind::Group:
      if (const int g = named(w.kafka.groups, h.name, [](const auto &x) { return x.config.group; }); g >= 0)
        items.push_back({Kind::Group, g});
      else if (const int s = w.kafka.shareGroupIndex(h.name.toStdString()); s >= 0) // "group" names a share group too
        items.push_back({Kind::ShareGroup, s});
      break;
    case Kind::Application:
      if (const int a = named(w.kinesis.apps, h.name, [](const auto &x) { return x.config.application; }); a >= 0)
        items.push_back({Kind::Application, a});
      break;
    case Kind::KafkaProducer:
      if (const int p = named(w.kafka.producers, h.name, [](const auto &x) { return x.config.name; }); p >= 0 && h.index != 1)
        items.push_back({Kind::KafkaProducer, p});
      if (const int p = named(w.kinesis.producers, h.name, [](const auto &x) { return x.config.name; }); p >= 0 && h.index != 0)
        items.push_back({Kind::KinesisProducer, p});
      break;
    default: break;
    }
  }
  return items;
}

QString lessonDirectory() {
  const QStringList candidates = {QDir::current().filePath(QStringLiteral("lessons")),
                                  QCoreApplication::applicationDirPath() + QStringLiteral("/../share/streamscope/lessons"),
                                  QStringLiteral(STREAMSCOPE_SOURCE_DIR "/lessons")};
  for (const QString &dir : candidates)
    if (!QDir(dir).entryList({QStringLiteral("*.json")}, QDir::Files).isEmpty())
      return dir;
  return candidates.front();
}

std::optional<QString> lessonFileById(const QString &id, QString *error) {
  const QDir dir(lessonDirectory());
  const QStringList files = dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name);
  QStringList matches;
  for (const QString &file : files) {
    const QString name = file.chopped(5);
    if (name == id)
      return dir.filePath(file);
    if (!id.isEmpty() && name.startsWith(id))
      matches << name;
  }
  if (matches.size() == 1)
    return dir.filePath(matches.front() + QStringLiteral(".json"));
  *error = matches.isEmpty() ? QObject::tr("no lesson \"%1\" in %2").arg(id, dir.path())
                             : QObject::tr("\"%1\" names several lessons: %2").arg(id, matches.join(QStringLiteral(", ")));
  return std::nullopt;
}

StepResult runStepHeadless(SimulationController &controller, const LessonStep &step) {
  StepResult r{step.title, true, {}, {}, {}};
  std::optional<QString> failed = performActions(controller, step.actions);
  if (!failed && step.tryIt) {
    failed = performActions(controller, step.tryIt->solution);
    if (!failed) {
      const auto done = tryItDone(*step.tryIt, controller.world());
      r.details << (done.holds ? QStringLiteral("ok    try-it done: ") : QStringLiteral("FAIL  try-it not done: ")) + done.detail;
      r.passed = done.holds;
    }
  }
  if (failed) {
    r.passed = false;
    r.details << QStringLiteral("FAIL  ") + *failed;
  } else if (step.scrub || !step.fork.empty()) {
    const StepResult futures = runStepFutures(controller, step);
    r.passed = r.passed && futures.passed;
    r.details += futures.details;
  }
  const StepResult checked = checkStep(controller, step);
  r.passed = r.passed && checked.passed;
  r.details += checked.details;
  r.rendered = checked.rendered;
  return r;
}

LessonResult runLessonHeadless(const Lesson &lesson) {
  SimulationController controller;
  return runLessonHeadless(lesson, controller);
}

LessonResult runLessonHeadless(const Lesson &lesson, SimulationController &controller) {
  LessonResult result{lesson.title, lesson.file, {}, {}, std::nullopt};
  if (const auto error = startLesson(controller, lesson)) {
    result.steps.push_back({QObject::tr("start"), false, {*error}, {}, {*error}});
    return result;
  }
  for (const LessonStep &step : lesson.steps)
    result.steps.push_back(runStepHeadless(controller, step));
  result.comparison = renderComparison(controller.world(), lesson);
  if (lesson.challenge)
    result.challenge = runChallengeHeadless(controller, *lesson.challenge);
  return result;
}

} // namespace streamscope::model
