#pragma once
// The main window: a toolbar (play/pause, step, reset, speed, open scenario), the cluster's
// brokers, partitions and consumer groups as live tables, and a status bar with the clock and
// the run's counters. It never touches the engine: it asks the controller.
#include "model/simulation_controller.h"

#include <QMainWindow>

class QAction;
class QLabel;
class QComboBox;

namespace streamscope::ui {

class MainWindow : public QMainWindow {
  Q_OBJECT
public:
  explicit MainWindow(model::SimulationController &controller, QWidget *parent = nullptr);

  /// Loads a scenario file; on error shows the message and keeps the current session.
  bool openScenario(const QString &path);

private:
  void buildActions();
  void updateStatus();
  void chooseScenario();

  model::SimulationController &m_controller;
  QAction *m_play = nullptr;
  QLabel *m_clock = nullptr;
  QLabel *m_counters = nullptr;
  QLabel *m_title = nullptr;
  QComboBox *m_speed = nullptr;
};

} // namespace streamscope::ui
