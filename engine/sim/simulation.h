#pragma once
// Runs a scenario: builds the World from it, then processes actions in (time, sequence)
// order. Not thread-safe; one thread owns a Simulation. Snapshots are copies of the World;
// restore() puts one back, after which running forward repeats the original run exactly.
#include "engine/world/world.h"

#include <optional>
#include <string>
#include <vector>

namespace streamscope::engine {

class WorldSnapshot;

class Simulation {
public:
  /// REQUIRES: the scenario was validated (see model/scenario_loader).
  explicit Simulation(const Scenario &scenario);
  Simulation(const Simulation &) = delete;
  Simulation &operator=(const Simulation &) = delete;

  /// Processes every action due at or before `t`, then sets the clock to `t`.
  void runUntil(SimTime t);
  /// Runs to the scenario's duration.
  void runToEnd() { runUntil(m_world.scenario.duration); }
  /// Processes the next pending action (if due before the end); false if there is none.
  bool step();
  /// Processes actions until `processed` have been processed in total, then moves the clock
  /// to `t` if no action is due before it. Replays a user action at exactly the place in the
  /// run where it was made, even between two actions due at the same microsecond.
  void advanceTo(std::uint64_t processed, SimTime t);
  /// Applies a fault now, as a user action (the caller records it for replay). Returns why
  /// the real system would refuse it (e.g. splitting a closed shard), or nullopt.
  std::optional<std::string> applyFault(const Fault &fault);

  SimTime now() const { return m_world.now; }
  std::uint64_t processed() const { return m_world.processed; }
  SimTime duration() const { return m_world.scenario.duration; }
  bool finished() const { return m_world.now >= m_world.scenario.duration; }
  const World &world() const { return m_world; }

  /// Every event from now on is also appended to `sink` (nullptr: hash only). Not owned.
  void setEventSink(std::vector<Event> *sink);
  World snapshot() const;
  void restore(const World &snapshot);
  /// A snapshot sharing the unchanged chunks of the big tables with `previous` (may be null).
  WorldSnapshot snapshotSharing(const WorldSnapshot *previous);
  void restore(const WorldSnapshot &snapshot);

private:
  void dispatch(const Action &action);

  World m_world;
  std::vector<Event> *m_sink = nullptr;
};

} // namespace streamscope::engine
