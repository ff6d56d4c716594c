#pragma once
// Time travel. Every way the simulation moves goes through RunHistory: running forward (which
// also replays the current branch's user actions at the exact place they were made), seeking,
// stepping back, and acting in the past (which forks a branch and keeps the old future).
//
// Going back restores the nearest periodic snapshot and runs forward again; the engine is
// deterministic, so the result is the state that was there. A snapshot copies the World's
// small parts and shares the unchanged chunks of its big tables with the snapshot before it
// (engine::WorldSnapshot); snapshots are shared between a branch and the branches forked from
// it. Their total size is kept under a budget (1 GiB by default) by thinning every branch's
// snapshots, which only makes seeks replay further, as long as thinning frees memory: past
// that, what is over is the world's own tables, which the app's memory budget deals with.
// Contract: one RunHistory per controller (or CLI run); used on that owner's thread only, never concurrently.
#include "engine/sim/simulation.h"
#include "metrics_recorder.h"

#include <QObject>
#include <QString>
#include <QStringList>

#include <cstddef>
#include <memory>
#include <unordered_set>
#include <vector>

namespace streamscope::model {

/// A user's fault or change, with the place in the run where it was made.
///
/// Actions made together (one apply in the settings dock: new partitions, RF and min ISR) form
/// a group: consecutive actions of a branch with the same `group`, which is the index of the
/// group's first action in the branch. A group is made at one place (same time, same
/// `processed`); stepping back undoes it whole and stepping forward redoes it whole.
struct UserAction {
  engine::Fault fault; ///< fault.at is the simulated time
  std::uint64_t processed = 0; ///< engine actions processed when it was made
  std::size_t group = 0; ///< index in the branch's actions of its group's first action
};

struct Snapshot {
  engine::SimTime at = 0;
  std::uint64_t processed = 0;
  std::size_t actionsApplied = 0; ///< how many of the branch's user actions it includes
  std::shared_ptr<const engine::WorldSnapshot> world;
  std::size_t bytes = 0; ///< estimated memory it added (its small parts and the chunks it did not share)
};

enum class MarkerKind { Fault, UserAction, LeaderElection, Throttling, Rebalance, AcknowledgedLoss };

struct TimelineMarker {
  engine::SimTime at = 0;
  MarkerKind kind = MarkerKind::Fault;
  QString text;
};

struct Branch {
  int parent = -1; ///< index of the branch it forked from, -1 for the first
  engine::SimTime forkedAt = 0;
  QString name;
  std::vector<UserAction> actions;
  std::vector<Snapshot> snapshots; ///< increasing time
  std::vector<TimelineMarker> markers;
  engine::SimTime explored = 0; ///< furthest time computed on this branch
  std::uint64_t exploredHash = 0; ///< the event hash there (recordings check replays with it)
  std::uint64_t exploredProcessed = 0; ///< engine actions processed there
  MetricsRecorder metrics; ///< sampled as the branch is explored
};

/// What the last stepForward or stepBack went over: the engine's events of that one step (for
/// stepBack, those of the step it undid), or the user actions it redid or undid.
struct StepRecord {
  std::vector<engine::Event> events;
  QStringList actions; ///< describeFault of each user action
  bool undone = false; ///< stepBack
};

class RunHistory {
public:
  explicit RunHistory(std::size_t snapshotBudgetBytes = std::size_t{1} << 30);

  /// Starts over with `sim` (freshly built, at time 0) as the only branch's start.
  void reset(engine::Simulation &sim);

  /// After the history (or the simulation) moved to a new owner: collect its events again.
  void reattach(engine::Simulation &sim) { sim.setEventSink(&m_events); }

  /// Runs to `t`, replaying the branch's actions due by then, taking snapshots and markers.
  void runForward(engine::Simulation &sim, engine::SimTime t);
  /// Runs forward a simulated second at a time up to the last whole second before `t`,
  /// calling `onSecond` after each; returns false as soon as it does (long work that shows
  /// progress and can be stopped). The caller goes the rest of the way to `t`.
  bool runForwardBySeconds(engine::Simulation &sim, engine::SimTime t, const std::function<bool()> &onSecond);
  /// Runs to exactly `processed` engine actions at time `t` (a place reached by stepping may
  /// lie between two actions due at the same microsecond).
  void runForwardTo(engine::Simulation &sim, std::uint64_t processed, engine::SimTime t);
  /// One engine action forward (or the branch's next user action, if it comes first).
  bool stepForward(engine::Simulation &sim);
  /// Applies a user action now. Returns the real system's refusal, or nullopt (a refused
  /// action is not recorded). When the branch has a future beyond this point, a new branch
  /// is forked first; the old one stays. With `joinGroup`, the action joins the group of the
  /// branch's last action if that one was made at this very place (else it starts a group).
  std::optional<std::string> act(engine::Simulation &sim, engine::Fault fault, bool joinGroup = false);
  /// Starts a new branch named `name` here (the current one keeps its future) and moves onto it.
  void fork(engine::Simulation &sim, QString name);
  /// Rebuilds the state at time `t` of the current branch.
  void seek(engine::Simulation &sim, engine::SimTime t);
  /// Back to just before the last thing that happened (an engine action or a user action).
  bool stepBack(engine::Simulation &sim);
  /// What the last stepForward or stepBack went over.
  const StepRecord &lastStep() const { return m_lastStep; }
  /// Moves to another branch at the same time (or its end of exploration, if earlier).
  void switchBranch(engine::Simulation &sim, int branch);

  /// For reopening a recording: replaces the branches by these (names, parents, fork times
  /// and actions only), none explored yet; each starts from the run's first snapshot.
  void loadBranches(std::vector<Branch> branches);

  /// Frees the snapshots before `t`: the current branch keeps its last snapshot at or before
  /// `t`, every other branch keeps at least its newest. Returns where the current branch's
  /// history now starts (see earliest()).
  engine::SimTime dropHistoryBefore(engine::SimTime t);
  /// The earliest time the current branch can go back to: its first snapshot.
  engine::SimTime earliest() const { return branch().snapshots.front().at; }

  const std::vector<Branch> &branches() const { return m_branches; }
  void renameBranch(int branch, QString name) { m_branches[static_cast<std::size_t>(branch)].name = std::move(name); }
  int current() const { return m_current; }
  const Branch &branch() const { return m_branches[static_cast<std::size_t>(m_current)]; }
  std::size_t actionsApplied() const { return m_applied; }
  /// Memory held by distinct snapshots across all branches (chunks they share counted once,
  /// those they share with the live World included).
  std::size_t snapshotBytes() const { return m_snapshotBytes; }
  /// What the snapshots hold beyond `live`: snapshotBytes() less the copy-on-write chunks
  /// (record ledgers, replica log columns) `live` shares with them, so that the world's
  /// estimate plus this counts each chunk once. The snapshot budget limits this.
  std::size_t snapshotBytesBeyond(const engine::World &live) const;
  std::size_t snapshotCount() const;
  engine::SimTime snapshotInterval() const { return m_interval; }

private:
  /// The fork itself; snapshots taken after `processed` engine actions are not the fork's.
  void fork(engine::Simulation &sim, QString name, std::uint64_t processed);
  Branch &branchMut() { return m_branches[static_cast<std::size_t>(m_current)]; }
  /// Replays from the best snapshot to `processed` engine actions and `applied` user actions.
  void rebuild(engine::Simulation &sim, std::uint64_t processed, std::size_t applied);
  /// Applies the branch's next user action (REQUIRES: there is one).
  void applyNext(engine::Simulation &sim);
  void takeSnapshot(engine::Simulation &sim);
  /// After moving: extend the explored range, sample metrics and snapshot when due.
  void noteExplored(engine::Simulation &sim);
  void collectMarkers(engine::SimTime from);
  void enforceBudget(const engine::World &live);
  /// Counts the memory of every distinct snapshot and chunk again (after snapshots were dropped).
  void recountSnapshotBytes();

  std::vector<Branch> m_branches;
  int m_current = 0;
  std::size_t m_applied = 0; ///< user actions of the current branch in the current state
  std::vector<engine::Event> m_events; ///< the engine's events since the last collection
  StepRecord m_lastStep;
  std::size_t m_budget;
  std::size_t m_snapshotBytes = 0;
  std::unordered_set<const void *> m_chunks; ///< every chunk the snapshots hold
  engine::SimTime m_interval = engine::kSecond;
  engine::SimTime m_lastThrottleMarker = -engine::kSecond * 3600;
};

/// Rough size of a World in memory, for the snapshot budget; without the copy-on-write chunks
/// it may share with copies (record ledgers, replica log columns) when `withSharedChunks` is false.
std::size_t estimateWorldBytes(const engine::World &world, bool withSharedChunks = true);
/// A short description of a fault for markers and branch names.
QString describeFault(const engine::Fault &fault);
/// One line per group of the branch's user actions ("2.500 s: a · b · c"), for lists that
/// show what the user did as they did it.
QStringList describeActionGroups(const Branch &branch);

} // namespace streamscope::model
