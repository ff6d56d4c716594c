#pragma once
// The status bar's stall read-out: the client that has waited longest right now, what for and
// which setting decides how long ("Longest stall: producer api waiting 2.3 s for broker 0
// (request.timeout.ms 3 s)"). Refreshed every frame; empty while nothing stalls.
// Contract: a widget; GUI thread only. Reads the world through the controller's view.
#include "model/simulation_controller.h"

#include <QLabel>

namespace streamscope::ui {

class StallLabel : public QLabel {
  Q_OBJECT
public:
  explicit StallLabel(model::SimulationController &controller, QWidget *parent = nullptr);

public slots:
  void refresh();

private:
  model::SimulationController &m_controller;
};

} // namespace streamscope::ui
