#include "branch_panel.h"

namespace streamscope::ui {

BranchPanel::BranchPanel(model::SimulationController &controller, QWidget *parent) : QListWidget(parent), m_controller(controller) {
  setToolTip(tr("Acting in the past starts a new branch; the old future is kept here. Double-click or press Enter to switch."));
  connect(&controller, &model::SimulationController::branchesChanged, this, &BranchPanel::reload);
  connect(&controller, &model::SimulationController::scenarioLoaded, this, &BranchPanel::reload);
  connect(this, &QListWidget::itemActivated, this, [this](QListWidgetItem *item) { m_controller.switchBranch(item->data(Qt::UserRole).toInt()); });
  reload();
}

void BranchPanel::reload() {
  clear();
  if (!m_controller.hasSimulation())
    return;
  const auto &branches = m_controller.history().branches();
  for (std::size_t i = 0; i < branches.size(); ++i) {
    const model::Branch &b = branches[i];
    // Indent by depth, so the list reads as a tree.
    int depth = 0;
    for (int p = b.parent; p >= 0; p = branches[static_cast<std::size_t>(p)].parent)
      ++depth;
    auto *item = new QListWidgetItem(QString(depth * 2, QLatin1Char(' ')) + b.name, this);
    item->setData(Qt::UserRole, static_cast<int>(i));
    const QStringList actions = model::describeActionGroups(b); // a settings Apply is one line, as it is one step back
    item->setToolTip(actions.isEmpty() ? tr("No actions of yours on this branch") : actions.join(QLatin1Char('\n')));
    if (static_cast<int>(i) == m_controller.history().current()) {
      QFont f = item->font();
      f.setBold(true);
      item->setFont(f);
      setCurrentItem(item);
    }
  }
}

} // namespace streamscope::ui
