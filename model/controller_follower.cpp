#include "controller_follower.h"

#include "json/scenario_loader.h"

namespace streamscope::model {

using Kind = ControllerCommand::Kind;

std::optional<QString> ControllerFollower::move(const ControllerCommand &c) {
  SimulationController &s = m_controller;
  if (c.kind != Kind::Load && changesTheRun(c.kind) && !s.hasSimulation())
    return QObject::tr("no scenario is loaded to follow");
  switch (c.kind) {
  case Kind::Load: {
    const ScenarioLoadResult loaded = loadScenarioText(c.scenarioJson, QObject::tr("the followed scenario"));
    if (!loaded.scenario)
      return loaded.error;
    s.load(*loaded.scenario, c.speed, c.scenarioJson);
    return std::nullopt;
  }
  case Kind::RunTo: {
    const RunPlace here = s.place();
    if (here.branch != c.target.branch || here.at > c.target.at || here.processed > c.target.processed)
      return QObject::tr("cannot run back to %1 µs on branch %2 from %3 µs on branch %4")
          .arg(c.target.at)
          .arg(c.target.branch)
          .arg(here.at)
          .arg(here.branch);
    s.runToPlace(c.target);
    return std::nullopt;
  }
  case Kind::Seek: s.seek(c.target.at); return std::nullopt;
  case Kind::StepEvent: s.stepEvent(); return std::nullopt;
  case Kind::StepBack: s.stepBack(); return std::nullopt;
  case Kind::SwitchBranch:
    if (c.target.branch < 0 || c.target.branch >= static_cast<int>(s.history().branches().size()))
      return QObject::tr("there is no branch %1 to switch to").arg(c.target.branch);
    s.switchBranch(c.target.branch);
    return std::nullopt;
  case Kind::ForkBranch: s.forkBranch(c.name); return std::nullopt;
  case Kind::UserAction:
    if (const auto refused = s.applyFollowedAction(c.fault, c.joinGroup))
      return QObject::tr("the action was refused here: %1").arg(*refused);
    return std::nullopt;
  case Kind::Reset: s.reset(); return std::nullopt;
  case Kind::Play: m_playing = true; return std::nullopt;
  case Kind::Pause: m_playing = false; return std::nullopt;
  case Kind::Speed: m_speed = c.speed; return std::nullopt;
  }
  return std::nullopt;
}

std::optional<QString> ControllerFollower::apply(const ControllerCommand &c) {
  if (auto failed = move(c))
    return failed;
  if (!changesTheRun(c.kind) || !m_controller.hasSimulation())
    return std::nullopt;
  const RunPlace here = m_controller.place();
  if (here != c.after || m_controller.eventHash() != c.afterHash)
    return QObject::tr("out of step after %1: here branch %2 at %3 µs after %4 actions (hash %5), the leader branch %6 at %7 µs after %8 (hash %9)")
        .arg(commandKindName(c.kind))
        .arg(here.branch)
        .arg(here.at)
        .arg(here.processed)
        .arg(m_controller.eventHash(), 16, 16, QLatin1Char('0'))
        .arg(c.after.branch)
        .arg(c.after.at)
        .arg(c.after.processed)
        .arg(c.afterHash, 16, 16, QLatin1Char('0'));
  return std::nullopt;
}

} // namespace streamscope::model
