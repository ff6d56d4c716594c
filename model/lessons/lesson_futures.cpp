#include "lesson_futures.h"
#include "lesson_runner.h"
#include <QObject>

namespace streamscope::model {

std::vector<FutureResult> runFutures(SimulationController &controller, const std::vector<LessonFuture> &futures, const QStringList &measures) {
  std::vector<FutureResult> results;
  if (!controller.hasSimulation())
    return results;
  const int origin = controller.history().current();
  const engine::SimTime decision = controller.world().now;
  for (const LessonFuture &future : futures) {
    FutureResult r;
    r.name = future.name;
    // Every future starts from the decision point as the origin branch has it.
    if (controller.history().current() != origin)
      controller.switchBranch(origin);
    controller.seek(decision);
    controller.forkBranch(future.name);
    r.branch = controller.history().current();
    if (const auto failed = performActions(controller, future.actions)) {
      r.passed = false;
      r.details << QStringLiteral("FAIL  %1: %2").arg(future.name, *failed);
      r.shown << QObject::tr("✗ %1: %2").arg(future.name, *failed);
    }
    for (const Expectation &e : future.expectations) {
      const Expectation::Outcome o = e.evaluate(controller.world());
      r.passed = r.passed && o.holds;
      r.details << (o.holds ? QStringLiteral("ok    %1: ") : QStringLiteral("FAIL  %1: ")).arg(future.name) + o.detail;
      r.shown << (o.holds ? QObject::tr("With %1: %2").arg(future.name, o.words)
                          : QObject::tr("✗ with %1, not as the lesson says (%2): %3").arg(future.name, e.text(), o.words));
    }
    for (const QString &subject : measures) {
      QString why;
      r.measured.push_back(Expectation::subjectValue(subject, controller.world(), &why));
    }
    // A scrub's or fork's actions may themselves have acted in the past of their branch;
    // the future is the branch the controller ended on.
    r.branch = controller.history().current();
    results.push_back(std::move(r));
  }
  return results;
}

ScrubResult runScrub(SimulationController &controller, const Scrub &scrub) {
  ScrubResult result;
  const std::size_t values = scrub.runs.size();
  // "at" expectations are checked on their own run's world, so they become that run's expectations.
  std::vector<LessonFuture> runs = scrub.runs;
  for (const SeriesExpectation &e : scrub.expect)
    if (e.kind() == SeriesExpectation::Kind::At)
      runs[static_cast<std::size_t>(e.at())].expectations.push_back(*e.atExpectation());
  result.runs = runFutures(controller, runs, scrub.measures);
  result.series.assign(static_cast<std::size_t>(scrub.measures.size()), std::vector<std::optional<double>>(values));
  for (std::size_t v = 0; v < result.runs.size(); ++v)
    for (std::size_t m = 0; m < result.runs[v].measured.size(); ++m)
      result.series[m][v] = result.runs[v].measured[m];
  // The series itself, for the report: "      acks 0, 1, all: acknowledged_lost 2768, 68, 0".
  for (qsizetype m = 0; m < scrub.measures.size(); ++m) {
    QStringList values;
    for (const auto &v : result.series[static_cast<std::size_t>(m)])
      values << (v ? QString::number(*v, 'g', 6) : QStringLiteral("—"));
    result.details << QStringLiteral("      %1 %2: %3 %4")
                          .arg(scrub.setting, scrub.labels.join(QStringLiteral(", ")), scrub.measures[m], values.join(QStringLiteral(", ")));
    result.shown << QObject::tr("%1 for %2 = %3: %4")
                        .arg(scrub.measures[m], scrub.setting, scrub.labels.join(QStringLiteral(", ")), values.join(QStringLiteral(", ")));
  }
  for (const SeriesExpectation &e : scrub.expect) {
    if (e.kind() == SeriesExpectation::Kind::At)
      continue;
    const SeriesExpectation::Outcome o = e.evaluateTrend(result.series[static_cast<std::size_t>(e.measure())]);
    result.passed = result.passed && o.holds;
    result.details << (o.holds ? QStringLiteral("ok    scrub ") : QStringLiteral("FAIL  scrub ")) + o.detail;
    result.shown << (o.holds ? QObject::tr("As the lesson says: %1").arg(o.detail) : QObject::tr("✗ not as the lesson says: %1").arg(o.detail));
  }
  for (const FutureResult &r : result.runs) {
    result.passed = result.passed && r.passed;
    result.details += r.details;
    result.shown += r.shown;
  }
  return result;
}

} // namespace streamscope::model
