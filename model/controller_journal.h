#pragma once
// What the simulation controller did to the engine, one command at a time, with the place
// it left the run at. The engine is deterministic, so a second controller that loads the same
// scenario and does the same commands at the same places holds the same world: this is how a
// classroom's students follow the teacher without ever receiving the world itself.
// Contract: plain values; any thread.
#include "engine/world/scenario.h"

#include <QByteArray>
#include <QString>

#include <cstdint>
#include <functional>
#include <optional>

namespace streamscope::model {

/// A place in a run: the branch, the simulated time and how many engine actions were
/// processed (several happen at one microsecond, so time alone is not a place).
struct RunPlace {
  int branch = 0;
  engine::SimTime at = 0;
  std::uint64_t processed = 0;
  bool operator==(const RunPlace &) const = default;
};

struct ControllerCommand {
  enum class Kind {
    Load, ///< scenarioJson, speed (the scenario's playback speed)
    RunTo, ///< to `target` (play, run, run-until all end up at a place)
    Seek, ///< to time `target.at` of the current branch
    StepEvent,
    StepBack,
    SwitchBranch, ///< to `target.branch`
    ForkBranch, ///< named `name`
    UserAction, ///< `fault`, joining the previous action's group if `joinGroup`
    Reset,
    Play,
    Pause,
    Speed, ///< `speed`
  };
  Kind kind = Kind::RunTo;
  QByteArray scenarioJson;
  double speed = 1.0;
  RunPlace target;
  QString name;
  engine::Fault fault;
  bool joinGroup = false;
  /// Where the command left the run, and the event hash there: a follower that did the same
  /// must be at the same place with the same hash.
  RunPlace after;
  std::uint64_t afterHash = 0;
};

/// Called by the controller after each command took effect (a refused user action is not
/// a command: it changed nothing).
using ControllerJournal = std::function<void(const ControllerCommand &)>;

/// The kind's name in messages ("run_to", "user_action"); kindFromName is its inverse.
QString commandKindName(ControllerCommand::Kind kind);
std::optional<ControllerCommand::Kind> commandKindFromName(const QString &name);
/// Whether the command moves or edits the run (Play, Pause and Speed only say how it is watched).
bool changesTheRun(ControllerCommand::Kind kind);

} // namespace streamscope::model
