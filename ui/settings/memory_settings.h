#pragma once
// The settings dock's Memory box: the budget a run keeps (world, snapshots and metrics), in
// MiB, saved across sessions; a quarter of the machine's memory until the user sets one.
// Changing it takes effect at once (playing pauses when the run is already over it). GUI thread.
#include "model/simulation_controller.h"

#include <QGroupBox>

class QSpinBox;

namespace streamscope::ui {

class MemorySettings : public QGroupBox {
  Q_OBJECT
public:
  explicit MemorySettings(model::SimulationController &controller, QWidget *parent = nullptr);

private:
  void apply(int mib);

  model::SimulationController &m_controller;
  QSpinBox *m_budget = nullptr;
};

} // namespace streamscope::ui
