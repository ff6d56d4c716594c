#pragma once
// A lesson's closing challenge in the player: the goal, graded live on every frame (each of
// its expectations ticked as it holds, whatever route the learner takes), a Hint and a
// Show me that performs the solution. Shown after the last step, above the comparison table.
// Contract: a widget; GUI thread only.
#include "model/lessons/challenge.h"
#include "model/simulation_controller.h"

#include <QWidget>

#include <optional>

class QLabel;
class QPushButton;

namespace streamscope::ui {

class ChallengeBox : public QWidget {
  Q_OBJECT
public:
  explicit ChallengeBox(model::SimulationController &controller, QWidget *parent = nullptr);

  /// Starts `challenge` (its setup runs now) or, with nullopt, hides the box.
  /// Returns why the setup could not run.
  std::optional<QString> start(const std::optional<model::Challenge> &challenge);
  bool met() const { return m_met; }
  QPushButton *showMeButton() const { return m_showMe; }
  QPushButton *hintButton() const { return m_hint; }
  QLabel *status() const { return m_status; }

public slots:
  void showMe();

signals:
  void goalReached();

private:
  void grade();

  model::SimulationController &m_controller;
  std::optional<model::Challenge> m_challenge;
  bool m_met = false;
  QLabel *m_goal = nullptr, *m_status = nullptr, *m_hintText = nullptr;
  QPushButton *m_hint = nullptr, *m_showMe = nullptr;
};

} // namespace streamscope::ui
