#pragma once
// The branches dock: every line of history this run has, with where it forked and what the
// user did on it. Activating one continues there, at the same time. Below the list, the
// memory the run holds (world, snapshots, metrics) against its budget, and the process's.
// Contract: widgets; GUI thread only. They read the world through the controller's view when they paint or refresh.
#include "model/simulation_controller.h"

#include <QListWidget>

class QLabel;
class QProgressBar;

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

/// The run's memory against its budget: a bar filled by world + snapshots + metrics, with the
/// parts and the process's resident memory in words. Refreshed a few times a second while
/// playing and at every frame while paused.
class MemoryBar : public QWidget {
  Q_OBJECT
public:
  explicit MemoryBar(model::SimulationController &controller, QWidget *parent = nullptr);

  /// What the bar shows ("World 12 MiB · snapshots 3.2 MiB · …").
  QString text() const;

public slots:
  void refresh();

private:
  model::SimulationController &m_controller;
  QProgressBar *m_bar = nullptr;
  QLabel *m_parts = nullptr;
};

/// The Branches dock's content: the branch list above the memory bar.
QWidget *makeBranchDockContent(model::SimulationController &controller, QWidget *parent);

} // namespace streamscope::ui
