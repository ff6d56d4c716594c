#include "challenge.h"

#include <QObject>

namespace streamscope::model {

ChallengeGrade gradeChallenge(const engine::World &world, const Challenge &challenge) {
  ChallengeGrade g;
  for (const Expectation &e : challenge.doneWhen) {
    const Expectation::Outcome o = e.evaluate(world);
    g.holding += o.holds ? 1 : 0;
    g.details << (o.holds ? QStringLiteral("ok    ") : QStringLiteral("FAIL  ")) + o.detail;
  }
  g.met = g.holding == static_cast<int>(challenge.doneWhen.size());
  return g;
}

StepResult runChallengeHeadless(SimulationController &controller, const Challenge &challenge) {
  StepResult r{QObject::tr("Challenge"), true, {}, {}, {}};
  r.rendered.text = challenge.goal; // what --show-text prints for it
  if (const auto failed = performActions(controller, challenge.setup)) {
    r.passed = false;
    r.details << QStringLiteral("FAIL  setup: ") + *failed;
    return r;
  }
  if (gradeChallenge(controller.world(), challenge).met) {
    r.passed = false;
    r.details << QStringLiteral("FAIL  the goal is already met before anything is done");
  } else {
    r.details << QStringLiteral("ok    the goal is not met at the start");
  }
  if (const auto failed = performActions(controller, challenge.solution)) {
    r.passed = false;
    r.details << QStringLiteral("FAIL  solution: ") + *failed;
  }
  const ChallengeGrade g = gradeChallenge(controller.world(), challenge);
  r.passed = r.passed && g.met;
  r.details += g.details;
  return r;
}

} // namespace streamscope::model
