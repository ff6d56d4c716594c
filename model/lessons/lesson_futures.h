#pragma once
// A step's futures: from its decision point, each named future (a fork) or each value of a
// scrubbed setting is run on a branch of its own, made with the run history's branches (so the
// learner can flip between them and time travel on each). The engine is deterministic, so
// every future starts from the same state and the outcomes differ only by what was changed.
// Contract: drives one SimulationController on its owner's thread (GUI or CLI main thread).
#include "lesson.h"
#include "model/simulation_controller.h"

#include <optional>
#include <vector>

namespace streamscope::model {

struct FutureResult {
  QString name;
  int branch = -1; ///< its branch in the controller's history
  bool passed = true; ///< its actions ran and its expectations held
  QStringList details; ///< one line per expectation (and any failure)
  QStringList shown; ///< the same in words, for the player's "What the engine shows"
  std::vector<std::optional<double>> measured; ///< per measure, at the end of its run
};

/// Runs each future on a new branch forked where the controller is now, in order; leaves the
/// controller on the last one. `measures` are subjects read at the end of each run.
std::vector<FutureResult> runFutures(SimulationController &controller, const std::vector<LessonFuture> &futures, const QStringList &measures = {});

struct ScrubResult {
  std::vector<FutureResult> runs; ///< one per value, in slider order
  /// series[m][v]: measure m at the end of value v's run (nullopt: no value there).
  std::vector<std::vector<std::optional<double>>> series;
  bool passed = true;
  QStringList details; ///< the series expectations, then each run's failures
  QStringList shown; ///< the same in words
};

/// Runs the scrub's values as futures and checks its series expectations.
ScrubResult runScrub(SimulationController &controller, const Scrub &scrub);

} // namespace streamscope::model
