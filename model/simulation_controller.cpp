#include "simulation_controller.h"

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

void SimulationController::load(const engine::Scenario &scenario) {
  pause();
  m_scenario = scenario;
  m_sim = std::make_unique<engine::Simulation>(scenario);
  m_carryMicros = 0;
  m_userActions.clear();
  emit scenarioLoaded();
  emit frameReady();
}

void SimulationController::play() {
  if (!m_sim || m_timer.isActive() || m_sim->finished())
    return;
  m_wall.start();
  m_timer.start();
  emit playingChanged(true);
}

void SimulationController::pause() {
  if (!m_timer.isActive())
    return;
  m_timer.stop();
  emit playingChanged(false);
}

void SimulationController::togglePlay() { isPlaying() ? pause() : play(); }

void SimulationController::stepEvent() {
  if (!m_sim)
    return;
  pause();
  m_sim->step();
  ++m_frames;
  emit frameReady();
}

void SimulationController::reset() {
  if (!m_sim)
    return;
  const bool wasPlaying = isPlaying();
  load(m_scenario);
  if (wasPlaying)
    play();
}

std::optional<QString> SimulationController::applyUserAction(engine::Fault action) {
  if (!m_sim)
    return tr("No scenario is loaded.");
  action.at = m_sim->now();
  if (auto refused = m_sim->applyFault(action))
    return QString::fromStdString(*refused);
  m_userActions.push_back(action);
  ++m_frames;
  emit frameReady();
  emit userActionApplied();
  return std::nullopt;
}

void SimulationController::runTo(engine::SimTime t) {
  if (!m_sim)
    return;
  pause();
  m_sim->runUntil(std::min(m_sim->duration(), std::max(t, m_sim->now())));
  ++m_frames;
  emit frameReady();
}

void SimulationController::setSpeed(double speed) { m_speed = std::clamp(speed, 0.01, 1000.0); }

void SimulationController::tick() {
  const double elapsedMicros = static_cast<double>(m_wall.nsecsElapsed()) / 1000.0;
  m_wall.restart();
  // Never try to catch up more than a few frames after a stall (a dragged window, a debugger).
  const double advance = std::min(elapsedMicros, 4.0 * kFrameIntervalMs * 1000) * m_speed + m_carryMicros;
  const auto whole = static_cast<engine::SimTime>(advance);
  m_carryMicros = advance - static_cast<double>(whole);
  m_sim->runUntil(std::min(m_sim->duration(), m_sim->now() + whole));
  ++m_frames;
  emit frameReady();
  if (m_sim->finished())
    pause();
}

} // namespace streamscope::model
