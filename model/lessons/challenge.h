#pragma once
// A lesson's closing challenge: a goal stated as expectations over the engine's values, so any
// route that reaches it counts. Graded live by the player on every frame; checked headless by
// running its solution (which must reach the goal, from a start where the goal is not met).
// Contract: grading reads a World it is given; the headless check drives one controller on its owner's thread.
#include "lesson.h"
#include "lesson_runner.h"
#include "model/simulation_controller.h"

namespace streamscope::model {

struct ChallengeGrade {
  bool met = false; ///< every expectation holds
  QStringList details; ///< one line per expectation: "ok    ..." or "FAIL  ..."
  int holding = 0; ///< how many hold
};

ChallengeGrade gradeChallenge(const engine::World &world, const Challenge &challenge);

/// The challenge's setup, a check that the goal is not met yet, its solution, and the grade.
StepResult runChallengeHeadless(SimulationController &controller, const Challenge &challenge);

} // namespace streamscope::model
