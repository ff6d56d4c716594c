#include "engine/check/checked_run.h"

#include "engine/check/invariant_checker.h"

#include "engine/sim/simulation.h"

namespace streamscope::engine::check {

CheckedRun checkRun(const GeneratedRun &run) {
  CheckedRun result;
  Simulation sim(run.scenario);
  std::vector<Event> events;
  sim.setEventSink(&events);
  InvariantChecker checker;
  World halfway;
  bool haveHalfway = false;
  while (sim.step()) {
    checker.afterStep(sim.world(), events);
    events.clear();
    if (!haveHalfway && sim.now() >= run.scenario.duration / 2) {
      halfway = sim.snapshot();
      haveHalfway = true;
    }
  }
  sim.runToEnd();
  checker.afterStep(sim.world(), events);
  result.report = makeReport(sim.world());
  checker.atEnd(sim.world(), result.report, run.settle);
  result.violations = checker.violations();
  if (run.promisesNoLoss && result.report.acknowledgedLost > 0)
    result.violations.push_back(std::to_string(result.report.acknowledgedLost) + " acknowledged records lost, in a configuration that promises none");
  for (const PipelineReport &p : result.report.pipelines)
    if (run.promisesExactlyOnce && p.exactlyOnce && p.duplicatesProcessed > 0)
      result.violations.push_back("exactly-once pipeline " + p.name + " shows " + std::to_string(p.duplicatesProcessed) +
                                  " inputs' outputs twice to a read_committed reader");
  if (run.promisesNoStoredDuplicates && result.report.duplicatesStored > 0)
    result.violations.push_back(std::to_string(result.report.duplicatesStored) + " records stored twice by an idempotent producer");

  Simulation again(run.scenario);
  again.runToEnd();
  if (again.world().events.hashHex() != result.report.eventHash)
    result.violations.push_back("replayed from its seed, the run gave event hash " + again.world().events.hashHex() + " instead of " +
                                result.report.eventHash);
  if (haveHalfway) {
    Simulation resumed(run.scenario);
    resumed.restore(halfway);
    resumed.runToEnd();
    if (resumed.world().events.hashHex() != result.report.eventHash)
      result.violations.push_back("resumed from its halfway snapshot, the run gave event hash " + resumed.world().events.hashHex() + " instead of " +
                                  result.report.eventHash);
  }
  return result;
}

} // namespace streamscope::engine::check
