#pragma once
// The branches dock: every line of history this run has, with where it forked and what the
// user did on it. Activating one continues there, at the same time.
// Contract: a widget; GUI thread only. It reads the world through the controller's view when it paints or refreshes.
#include "model/simulation_controller.h"

#include <QListWidget>

namespace streamscope::ui {

class BranchPanel : public QListWidget {
  Q_OBJECT
public:
  explicit BranchPanel(model::SimulationController &controller, QWidget *parent = nullptr);

public slots:
  void reload();

private:
  model::SimulationController &m_controller;
};

} // namespace streamscope::ui
