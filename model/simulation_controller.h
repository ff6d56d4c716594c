#pragma once
// Owns the running Simulation on the GUI thread. One QTimer at the display rate advances the
// engine by elapsed wall time x speed and emits one frameReady() per tick (never a signal per
// engine event); views read the world through view() when it fires.
#include "controller_journal.h"
#include "engine/sim/simulation.h"
#include "model/history/run_history.h"
#include "model/settings/memory_budget.h"
#include "model/view/world_view.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <QString>

#include <functional>

#include <memory>
#include <optional>
#include <vector>

namespace streamscope::model {

class SimulationController : public QObject {
  Q_OBJECT
public:
  explicit SimulationController(QObject *parent = nullptr);

  /// Replaces the running scenario (starts paused at time 0).
  /// `playbackSpeed` is the scenario file's `playback_speed` (see playbackSpeed()); `json`
  /// the text it was read from (what a journal passes on, see setJournal).
  void load(const engine::Scenario &scenario, double playbackSpeed = 1.0, const QByteArray &json = {});
  /// The text of the loaded scenario, as given to load (empty if none was given).
  const QByteArray &scenarioJson() const { return m_scenarioJson; }
  /// Tells `journal` every command from now on, after it took effect (none: stop).
  void setJournal(ControllerJournal journal) { m_journal = std::move(journal); }
  /// Where the run is now. REQUIRES: hasSimulation().
  RunPlace place() const;
  /// The event hash at place(). REQUIRES: hasSimulation().
  std::uint64_t eventHash() const { return m_sim->world().events.hash(); }
  /// Runs (paused) to exactly `target` on the current branch, which must not be past it:
  /// what a follower does with a journal's RunTo.
  void runToPlace(const RunPlace &target);
  /// Applies a journal's user action as it was made (joining the group before it or not).
  std::optional<QString> applyFollowedAction(engine::Fault action, bool joinGroup);
  /// Replaces the session by a recording's run: every branch replayed and checked, then the
  /// recorded position. On failure returns why and keeps the current session untouched.
  std::optional<QString> loadRecording(const struct Recording &recording, const std::function<bool(double)> &progress = {});
  bool hasSimulation() const { return m_sim != nullptr; }
  /// REQUIRES: hasSimulation().
  const engine::World &world() const { return m_sim->world(); }
  /// What the UI may read of the world, built at most once per frame (on the first read
  /// after the world moved); valid until the next frame. REQUIRES: hasSimulation().
  const WorldView &view() const;
  /// REQUIRES: hasSimulation().
  const engine::Simulation &simulation() const { return *m_sim; }
  const engine::Scenario &scenario() const { return m_scenario; }
  /// The speed the loaded scenario asks the app to start playing at.
  double playbackSpeed() const { return m_playbackSpeed; }

  bool isPlaying() const { return m_timer.isActive(); }
  double speed() const { return m_speed; }
  std::uint64_t frames() const { return m_frames; }
  /// Faults and changes the user made on the current branch, with the times they took effect.
  std::vector<engine::Fault> userActions() const;
  /// Branches, snapshots and timeline markers of this run.
  const RunHistory &history() const { return m_history; }

  /// Applies a fault now, as the user asked (recorded with the current time). Returns the
  /// reason the real system would refuse it, or nullopt when it took effect. Inside an open
  /// group (beginUserActionGroup) it joins the group and announces nothing yet.
  std::optional<QString> applyUserAction(engine::Fault action);
  /// Applies `actions` in order as ONE user action group: one entry in the run history (one
  /// step back undoes all of it), one frame and one userActionApplied. Stops at the first
  /// refusal and returns it; the actions before it stay applied and recorded, as a group,
  /// because each was valid where it was made (as a shell script of admin calls would be).
  std::optional<QString> applyUserActions(const std::vector<engine::Fault> &actions);
  /// Opens a group for edits whose later steps depend on the world after the earlier ones
  /// (consumer counts, resharding step by step): every applyUserAction until the matching
  /// endUserActionGroup joins one group. Groups nest; the outermost end announces the
  /// group once (if anything was applied). Prefer UserActionGroup, which cannot forget to end.
  void beginUserActionGroup();
  void endUserActionGroup();
  /// Runs the engine (paused) until simulated time `t` or the end of the run.
  void runTo(engine::SimTime t);
  /// Steps (paused) one engine action at a time until `holds` is true or the clock passes
  /// `limit`; one frame at the end. Returns whether it held.
  bool runUntilCondition(const std::function<bool(const engine::World &)> &holds, engine::SimTime limit);
  /// Goes (paused) to simulated time `t` of the current branch, backwards or forwards.
  /// Beyond the explored part by more than kLongSeek, the new ground is computed a simulated
  /// second at a time with the long-work reporter told the share done; if it returns false,
  /// the seek stops where it got.
  void seek(engine::SimTime t);
  /// Called with the share done (0 to 1) during long work; return false to stop it. It is
  /// called with 1.0 once the work is over.
  void setLongWorkReporter(std::function<bool(double)> reporter) { m_longWork = std::move(reporter); }
  /// What the last stepEvent ran, or stepBack undid, in words ("Step: follower fetch arrived at
  /// broker 2, HW 154 → 155"); empty before either.
  QString lastStepWords() const { return m_stepWords; }
  static constexpr engine::SimTime kLongSeek = 10 * engine::kSecond;

  /// What the run holds now, with the budget it keeps (and the process's resident memory).
  MemoryUse memoryUse() const;
  /// The memory the run may hold (world, snapshots and metrics): playing pauses, with
  /// memoryBudgetReached, when the next frame would cross it.
  void setMemoryBudget(std::size_t bytes) { m_memoryBudget = bytes; }
  /// The budget in force: the setting plus what "go on" added for this run.
  std::size_t memoryBudget() const { return m_memoryBudget + m_budgetRaise; }
  /// Go on: `bytes` more for this run (until another scenario is loaded or reset).
  void raiseMemoryBudget(std::size_t bytes) { m_budgetRaise += bytes; }
  /// Drop history: frees the snapshots before `t` (see RunHistory::dropHistoryBefore);
  /// seeking before the returned time is refused from then on.
  engine::SimTime dropHistoryBefore(engine::SimTime t);
  /// Lower the rate: every producer's rate times `factor`, from now on, as one user action
  /// group (journaled and replayed like any other change).
  std::optional<QString> scaleRates(double factor);

public slots:
  void play();
  void pause();
  void togglePlay();
  /// Processes the next engine action, wherever it is in time.
  void stepEvent();
  /// Back to just before the last thing that happened (time travel through snapshots).
  void stepBack();
  /// Continues on another branch of history, at the same time.
  void switchBranch(int branch);
  /// Starts a branch named `name` here, keeping the current branch's future, and continues on it.
  void forkBranch(const QString &name);
  void reset();
  /// Simulated seconds per wall second; clamped to [0.01, 1000].
  void setSpeed(double speed);

signals:
  void frameReady();
  void playingChanged(bool playing);
  void scenarioLoaded();
  /// A user action changed the world (the settings view re-reads its values).
  void userActionApplied();
  /// The branches changed (a fork, a switch).
  void branchesChanged();
  /// The world jumped rather than moved forward (seek, step back, branch switch): views
  /// that accumulate over time re-read everything.
  void jumped();
  /// Playing paused because the next frame would take the run over its memory budget.
  void memoryBudgetReached();
  /// A request the controller did not carry out, and why (a seek into dropped history).
  void refused(const QString &why);

private:
  void tick();
  /// memoryUse() without the process's resident memory (which costs a read of /proc).
  MemoryUse heldMemory() const;
  /// Tells the journal, if any, that `c` happened (with where it left the run).
  void journal(ControllerCommand c);
  /// The one frame and the signals of applied user actions.
  void announceUserActions(std::size_t branchesBefore);

  engine::Scenario m_scenario;
  std::unique_ptr<engine::Simulation> m_sim;
  QTimer m_timer;
  QElapsedTimer m_wall;
  double m_speed = 1.0;
  double m_playbackSpeed = 1.0;
  double m_carryMicros = 0; ///< sub-microsecond remainder between ticks
  std::function<bool(double)> m_longWork;
  std::uint64_t m_frames = 0;
  QByteArray m_scenarioJson;
  ControllerJournal m_journal;
  int m_journalMuted = 0; ///< inside reset: its load is part of the Reset command
  RunHistory m_history;
  QString m_stepWords;
  int m_groupDepth = 0; ///< open beginUserActionGroup calls
  bool m_groupApplied = false; ///< the open group has an applied action (later ones join it)
  std::size_t m_groupBranches = 0; ///< branch count when the group opened
  // The view is a cache: rebuilt when any of these differs from the world's state now.
  mutable WorldView m_view;
  mutable std::uint64_t m_viewFrame = 0, m_viewProcessed = 0, m_viewLoad = 0;
  mutable engine::SimTime m_viewNow = -1;
  std::uint64_t m_loads = 0; ///< bumped when a new simulation replaces the old one
  mutable std::uint64_t m_viewEdits = 0;
  std::uint64_t m_edits = 0; ///< bumped by every applied user action (a group applies several before its frame)
  std::size_t m_memoryBudget = defaultMemoryBudget();
  std::size_t m_budgetRaise = 0; ///< "go on": added for this run
  double m_growthPerMicro = 0; ///< how fast the memory held grows, in bytes per simulated microsecond (recent frames)
};

/// Scoped user action group: everything applied through the controller while it lives is
/// one entry in the history, announced once when it ends. GUI thread.
class UserActionGroup {
public:
  explicit UserActionGroup(SimulationController &controller) : m_controller(controller) { m_controller.beginUserActionGroup(); }
  ~UserActionGroup() { m_controller.endUserActionGroup(); }
  UserActionGroup(const UserActionGroup &) = delete;
  UserActionGroup &operator=(const UserActionGroup &) = delete;

private:
  SimulationController &m_controller;
};

} // namespace streamscope::model
