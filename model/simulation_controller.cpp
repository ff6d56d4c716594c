#include "simulation_controller.h"

#include "model/explain/event_words.h"
#include "model/history/recording_store.h"
#include "model/json/scenario_loader.h"

#include <algorithm>

namespace streamscope::model {

namespace {
constexpr int kFrameIntervalMs = 16; // ~60 frames per second
}

SimulationController::SimulationController(QObject *parent) : QObject(parent) {
  m_timer.setInterval(kFrameIntervalMs);
  m_timer.setTimerType(Qt::PreciseTimer);
  connect(&m_timer, &QTimer::timeout, this, &SimulationController::tick);
}

void SimulationController::load(const engine::Scenario &scenario, double playbackSpeed, const QByteArray &json) {
  pause();
  m_scenarioJson = json;
  m_scenario = scenario;
  m_playbackSpeed = playbackSpeed;
  m_sim = std::make_unique<engine::Simulation>(scenario);
  ++m_loads;
  m_carryMicros = 0;
  m_history.reset(*m_sim);
  m_groupApplied = false;
  m_budgetRaise = 0;
  m_growthPerMicro = 0;
  ControllerCommand c{ControllerCommand::Kind::Load}; // before the signals: what they make the controller do comes after it
  c.scenarioJson = json;
  c.speed = playbackSpeed;
  journal(std::move(c));
  emit scenarioLoaded();
  emit branchesChanged();
  emit frameReady();
}

RunPlace SimulationController::place() const { return {m_history.current(), m_sim->now(), m_sim->world().processed}; }

void SimulationController::journal(ControllerCommand c) {
  if (!m_journal || m_journalMuted > 0)
    return;
  if (m_sim) {
    c.after = place();
    c.afterHash = eventHash();
  }
  m_journal(c);
}

void SimulationController::runToPlace(const RunPlace &target) {
  if (!m_sim)
    return;
  pause();
  m_history.runForwardTo(*m_sim, target.processed, target.at);
  ++m_frames;
  emit frameReady();
  journal({ControllerCommand::Kind::RunTo, {}, 1.0, place()});
}

std::optional<QString> SimulationController::applyFollowedAction(engine::Fault action, bool joinGroup) {
  if (!m_sim)
    return tr("No scenario is loaded.");
  const std::size_t branches = m_history.branches().size();
  if (auto refused = m_history.act(*m_sim, action, joinGroup))
    return QString::fromStdString(*refused);
  ++m_edits;
  announceUserActions(branches);
  ControllerCommand c{ControllerCommand::Kind::UserAction};
  c.fault = std::move(action);
  c.joinGroup = joinGroup;
  journal(std::move(c));
  return std::nullopt;
}

std::optional<QString> SimulationController::loadRecording(const Recording &recording, const std::function<bool(double)> &progress) {
  const ScenarioLoadResult loaded = loadScenarioText(recording.scenarioJson, tr("the recording's scenario"));
  if (!loaded.scenario)
    return loaded.error;
  // Build aside, swap in only when the whole replay matched.
  auto sim = std::make_unique<engine::Simulation>(*loaded.scenario);
  RunHistory history;
  if (auto error = replayRecording(recording, *sim, history, progress))
    return error;
  pause();
  m_scenario = *loaded.scenario;
  m_playbackSpeed = loaded.playbackSpeed;
  m_sim = std::move(sim);
  ++m_loads;
  m_history = std::move(history);
  m_sim->setEventSink(nullptr);
  m_history.reattach(*m_sim);
  m_carryMicros = 0;
  emit scenarioLoaded();
  emit branchesChanged();
  emit jumped();
  emit frameReady();
  return std::nullopt;
}

const WorldView &SimulationController::view() const {
  const engine::World &w = m_sim->world();
  // Every change to the world goes through a frame, a step (processed) or a load; time and
  // processed count are checked too, so a stale view is never returned.
  if (!m_view.built() || &m_view.source() != &w || m_viewLoad != m_loads || m_viewFrame != m_frames || m_viewEdits != m_edits ||
      m_viewProcessed != w.processed || m_viewNow != w.now) {
    m_view.rebuild(w);
    m_viewLoad = m_loads;
    m_viewEdits = m_edits;
    m_viewFrame = m_frames;
    m_viewProcessed = w.processed;
    m_viewNow = w.now;
  }
  return m_view;
}

void SimulationController::play() {
  if (!m_sim || m_timer.isActive() || m_sim->finished())
    return;
  m_wall.start();
  m_timer.start();
  emit playingChanged(true);
  journal({ControllerCommand::Kind::Play});
}

void SimulationController::pause() {
  if (!m_timer.isActive())
    return;
  m_timer.stop();
  emit playingChanged(false);
  journal({ControllerCommand::Kind::Pause});
}

void SimulationController::togglePlay() { isPlaying() ? pause() : play(); }

void SimulationController::stepEvent() {
  if (!m_sim)
    return;
  pause();
  const Watermarks before = watermarks(m_sim->world());
  m_history.stepForward(*m_sim);
  m_stepWords = stepWords(m_history.lastStep(), m_sim->world(), before);
  ++m_frames;
  emit frameReady();
  journal({ControllerCommand::Kind::StepEvent});
}

void SimulationController::reset() {
  if (!m_sim)
    return;
  const bool wasPlaying = isPlaying();
  ++m_journalMuted; // a follower resets too: the load and the pause are part of it
  load(m_scenario, m_playbackSpeed, m_scenarioJson);
  --m_journalMuted;
  journal({ControllerCommand::Kind::Reset});
  if (wasPlaying)
    play();
}

std::optional<QString> SimulationController::applyUserAction(engine::Fault action) {
  if (!m_sim)
    return tr("No scenario is loaded.");
  const std::size_t branches = m_history.branches().size();
  const bool joinGroup = m_groupDepth > 0 && m_groupApplied;
  if (auto refused = m_history.act(*m_sim, action, joinGroup))
    return QString::fromStdString(*refused);
  ++m_edits; // the world changed in place (inside a group, with no frame yet)
  ControllerCommand c{ControllerCommand::Kind::UserAction};
  c.fault = action;
  c.joinGroup = joinGroup;
  journal(std::move(c));
  if (m_groupDepth > 0) {
    m_groupApplied = true; // announced when the group ends
    return std::nullopt;
  }
  announceUserActions(branches);
  return std::nullopt;
}

std::optional<QString> SimulationController::applyUserActions(const std::vector<engine::Fault> &actions) {
  const UserActionGroup group(*this);
  for (const engine::Fault &action : actions)
    if (auto refused = applyUserAction(action))
      return refused;
  return std::nullopt;
}

void SimulationController::beginUserActionGroup() {
  if (m_groupDepth++ == 0) {
    m_groupApplied = false;
    m_groupBranches = m_history.branches().size();
  }
}

void SimulationController::endUserActionGroup() {
  if (m_groupDepth == 0 || --m_groupDepth > 0)
    return;
  if (m_groupApplied && m_sim)
    announceUserActions(m_groupBranches);
  m_groupApplied = false;
}

void SimulationController::announceUserActions(std::size_t branchesBefore) {
  ++m_frames;
  emit frameReady();
  emit userActionApplied();
  if (m_history.branches().size() != branchesBefore)
    emit branchesChanged();
}

void SimulationController::runTo(engine::SimTime t) {
  if (!m_sim)
    return;
  pause();
  m_history.runForward(*m_sim, std::max(t, m_sim->now()));
  ++m_frames;
  emit frameReady();
  journal({ControllerCommand::Kind::RunTo, {}, 1.0, place()});
}

bool SimulationController::runUntilCondition(const std::function<bool(const engine::World &)> &holds, engine::SimTime limit) {
  if (!m_sim)
    return false;
  pause();
  bool held = holds(m_sim->world());
  while (!held && m_sim->now() <= limit && m_history.stepForward(*m_sim))
    held = holds(m_sim->world());
  ++m_frames;
  emit frameReady();
  journal({ControllerCommand::Kind::RunTo, {}, 1.0, place()});
  return held;
}

void SimulationController::seek(engine::SimTime t) {
  if (!m_sim)
    return;
  pause();
  if (t < m_history.earliest()) {
    emit refused(tr("The history before %1 s was dropped to save memory: the run can go back to %1 s at the earliest.")
                     .arg(engine::toMs(m_history.earliest()) / 1000, 0, 'f', 3));
    return;
  }
  const engine::SimTime explored = m_history.branch().explored;
  t = std::clamp<engine::SimTime>(t, 0, m_sim->duration());
  if (m_longWork && t > explored + kLongSeek) {
    m_history.seek(*m_sim, explored);
    const engine::SimTime from = m_sim->now();
    const auto share = [&] { return static_cast<double>(m_sim->now() - from) / static_cast<double>(t - from); };
    if (!m_history.runForwardBySeconds(*m_sim, t, [&] { return m_longWork(share()); }))
      t = m_sim->now(); // stopped: stay where the computing got to
    m_longWork(1.0);
  }
  m_history.seek(*m_sim, t);
  ++m_frames;
  emit jumped();
  emit frameReady();
  ControllerCommand c{ControllerCommand::Kind::Seek};
  c.target.at = t;
  journal(std::move(c));
}

void SimulationController::stepBack() {
  if (!m_sim)
    return;
  pause();
  if (!m_history.stepBack(*m_sim))
    return;
  m_stepWords = stepWords(m_history.lastStep(), m_sim->world(), watermarks(m_sim->world()));
  ++m_frames;
  emit jumped();
  emit frameReady();
  journal({ControllerCommand::Kind::StepBack});
}

void SimulationController::switchBranch(int branch) {
  if (!m_sim || branch == m_history.current())
    return;
  pause();
  m_history.switchBranch(*m_sim, branch);
  ++m_frames;
  emit branchesChanged();
  emit jumped();
  emit frameReady();
  ControllerCommand c{ControllerCommand::Kind::SwitchBranch};
  c.target.branch = branch;
  journal(std::move(c));
}

void SimulationController::forkBranch(const QString &name) {
  if (!m_sim)
    return;
  pause();
  m_history.fork(*m_sim, name);
  ++m_frames;
  emit branchesChanged();
  emit frameReady();
  ControllerCommand c{ControllerCommand::Kind::ForkBranch};
  c.name = name;
  journal(std::move(c));
}

std::vector<engine::Fault> SimulationController::userActions() const {
  std::vector<engine::Fault> faults;
  for (const UserAction &a : m_history.branch().actions)
    faults.push_back(a.fault);
  return faults;
}

void SimulationController::setSpeed(double speed) {
  m_speed = std::clamp(speed, 0.01, 1000.0);
  ControllerCommand c{ControllerCommand::Kind::Speed};
  c.speed = m_speed;
  journal(std::move(c));
}

MemoryUse SimulationController::heldMemory() const {
  MemoryUse use;
  use.budget = memoryBudget();
  if (!m_sim)
    return use;
  use.world = estimateWorldBytes(m_sim->world());
  use.snapshots = m_history.snapshotBytesBeyond(m_sim->world()); // the chunks the world shares are counted with it
  for (const Branch &b : m_history.branches())
    use.metrics += b.metrics.bytes();
  return use;
}

MemoryUse SimulationController::memoryUse() const {
  MemoryUse use = heldMemory();
  use.process = processResidentBytes();
  return use;
}

engine::SimTime SimulationController::dropHistoryBefore(engine::SimTime t) {
  if (!m_sim)
    return 0;
  const engine::SimTime from = m_history.dropHistoryBefore(std::min(t, m_sim->now()));
  ++m_frames;
  emit branchesChanged();
  emit frameReady();
  return from;
}

std::optional<QString> SimulationController::scaleRates(double factor) {
  if (!m_sim)
    return tr("No scenario is loaded.");
  m_growthPerMicro = 0;
  return applyUserActions(scaledRates(*this, factor));
}

void SimulationController::tick() {
  const double elapsedMicros = static_cast<double>(m_wall.nsecsElapsed()) / 1000.0;
  m_wall.restart();
  // Never try to catch up more than a few frames after a stall (a dragged window, a debugger).
  const double advance = std::min(elapsedMicros, 4.0 * kFrameIntervalMs * 1000) * m_speed + m_carryMicros;
  const auto whole = static_cast<engine::SimTime>(advance);
  // The run grows about as fast per simulated second as it did in the frames before: ask
  // before a frame that would cross the budget rather than after.
  const std::size_t before = heldMemory().held();
  if (static_cast<double>(before) + m_growthPerMicro * static_cast<double>(whole) > static_cast<double>(memoryBudget())) {
    pause();
    emit memoryBudgetReached();
    return;
  }
  m_carryMicros = advance - static_cast<double>(whole);
  const engine::SimTime from = m_sim->now();
  m_history.runForward(*m_sim, std::min(m_sim->duration(), m_sim->now() + whole));
  const std::size_t after = heldMemory().held();
  if (m_sim->now() > from) { // a slowly decaying peak: a frame that took a snapshot grows more than one that did not
    const double rate = static_cast<double>(after > before ? after - before : 0) / static_cast<double>(m_sim->now() - from);
    m_growthPerMicro = std::max(rate, m_growthPerMicro * 0.9);
  }
  ++m_frames;
  emit frameReady();
  journal({ControllerCommand::Kind::RunTo, {}, 1.0, place()});
  if (m_sim->finished())
    pause();
}

} // namespace streamscope::model
