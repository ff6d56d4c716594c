#pragma once
// Does to one controller what another's journal says it did (controller_journal.h), and
// checks after each command that the run is at the same place with the same event hash.
// A classroom student's app follows its teacher this way.
// Contract: GUI thread (or the CLI's main thread), like the controller it drives.
#include "simulation_controller.h"

#include <optional>

namespace streamscope::model {

class ControllerFollower {
public:
  explicit ControllerFollower(SimulationController &controller) : m_controller(controller) {}

  /// Applies `c`. Returns why it could not be followed: a scenario that does not load, a
  /// refused action, or a place or event hash that differs from the leader's after it.
  std::optional<QString> apply(const ControllerCommand &c);
  /// Whether the leader is playing (followers show it; they move only by the leader's places).
  bool leaderPlaying() const { return m_playing; }
  double leaderSpeed() const { return m_speed; }

private:
  std::optional<QString> move(const ControllerCommand &c);

  SimulationController &m_controller;
  bool m_playing = false;
  double m_speed = 1.0;
};

} // namespace streamscope::model
