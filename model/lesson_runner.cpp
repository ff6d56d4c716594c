#include "lesson_runner.h"

#include "scenario_loader.h"

namespace streamscope::model {
namespace {

std::optional<QString> load(SimulationController &controller, const QByteArray &json, const QString &file) {
  const ScenarioLoadResult loaded = loadScenarioText(json, file);
  if (!loaded.scenario)
    return loaded.error;
  controller.load(*loaded.scenario);
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
    }
  }
  return std::nullopt;
}

StepResult checkStep(const SimulationController &controller, const LessonStep &step) {
  StepResult r{step.title, true, {}};
  for (const Expectation &e : step.expectations) {
    const Expectation::Outcome o = e.evaluate(controller.world());
    r.passed = r.passed && o.holds;
    r.details << (o.holds ? QStringLiteral("ok    ") : QStringLiteral("FAIL  ")) + o.detail;
  }
  return r;
}

LessonResult runLessonHeadless(const Lesson &lesson) {
  LessonResult result{lesson.title, lesson.file, {}};
  SimulationController controller;
  if (const auto error = startLesson(controller, lesson)) {
    result.steps.push_back({QObject::tr("start"), false, {*error}});
    return result;
  }
  for (const LessonStep &step : lesson.steps) {
    StepResult r{step.title, true, {}};
    std::optional<QString> failed = performActions(controller, step.actions);
    if (!failed && step.tryIt) {
      failed = performActions(controller, step.tryIt->solution);
      if (!failed) {
        const auto done = step.tryIt->doneWhen.evaluate(controller.world());
        r.details << (done.holds ? QStringLiteral("ok    try-it done: ") : QStringLiteral("FAIL  try-it not done: ")) + done.detail;
        r.passed = done.holds;
      }
    }
    if (failed) {
      r.passed = false;
      r.details << QStringLiteral("FAIL  ") + *failed;
    }
    const StepResult checked = checkStep(controller, step);
    r.passed = r.passed && checked.passed;
    r.details += checked.details;
    result.steps.push_back(std::move(r));
  }
  return result;
}

} // namespace streamscope::model
