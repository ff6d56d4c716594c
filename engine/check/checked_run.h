#pragma once
// Runs a generated scenario step by step with the invariant checker watching, then proves
// it deterministic: replayed from its seed, and from a snapshot taken halfway, it must give
// the same event stream.
// Contract: each call builds and owns its runs; callable from any thread, one run per call.
#include "engine/check/random_scenario.h"

#include "engine/sim/report.h"

#include <string>
#include <vector>

namespace streamscope::engine::check {

struct CheckedRun {
  Report report;
  std::vector<std::string> violations; ///< empty when every invariant held
};

CheckedRun checkRun(const GeneratedRun &run);

} // namespace streamscope::engine::check
