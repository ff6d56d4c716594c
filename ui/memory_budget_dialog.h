#pragma once
// Asked when playing paused because the run was about to go over its memory budget: how much
// it holds, and three ways on. Drop history frees the snapshots before a chosen time (going
// back before it is refused afterwards); lower the rate scales every producer's rate from now
// on (a user action, recorded and replayed like any other); go on raises the budget for this
// run. Each choice is carried out through the controller and playing resumes; Stay paused
// (Esc) does nothing. Every choice has a mnemonic and a tooltip. GUI thread.
#include "model/simulation_controller.h"

#include <QDialog>

class QDoubleSpinBox;
class QLabel;
class QPushButton;
class QSpinBox;

namespace streamscope::ui {

class MemoryBudgetDialog : public QDialog {
  Q_OBJECT
public:
  explicit MemoryBudgetDialog(model::SimulationController &controller, QWidget *parent = nullptr);

  enum class Choice { StayPaused, DropHistory, LowerRate, GoOn };
  Choice choice() const { return m_choice; }

private:
  void dropHistory();
  void lowerRate();
  void goOn();
  void resume(Choice choice);

  model::SimulationController &m_controller;
  Choice m_choice = Choice::StayPaused;
  QLabel *m_message = nullptr;
  QDoubleSpinBox *m_dropBefore = nullptr;
  QSpinBox *m_ratePercent = nullptr;
  QSpinBox *m_moreMiB = nullptr;
  QLabel *m_error = nullptr;
};

} // namespace streamscope::ui
