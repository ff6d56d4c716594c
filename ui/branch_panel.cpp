#include "branch_panel.h"

#include <QLabel>
#include <QProgressBar>
#include <QVBoxLayout>

#include <algorithm>

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

MemoryBar::MemoryBar(model::SimulationController &controller, QWidget *parent) : QWidget(parent), m_controller(controller) {
  auto *layout = new QVBoxLayout(this);
  layout->setContentsMargins(4, 2, 4, 2);
  m_bar = new QProgressBar(this);
  m_bar->setObjectName(QStringLiteral("memoryBar"));
  m_bar->setRange(0, 1000);
  m_bar->setFocusPolicy(Qt::TabFocus); // reachable from the keyboard, so its tooltip and accessible text are too
  m_parts = new QLabel(this);
  m_parts->setObjectName(QStringLiteral("memoryParts"));
  m_parts->setWordWrap(true);
  layout->addWidget(m_bar);
  layout->addWidget(m_parts);
  const QString tip = tr("Memory the run holds: the simulated world, the snapshots time travel keeps (shared parts counted once) and the metric "
                         "series, against the memory budget (Settings dock). Playing pauses before the run would go over it. The process figure "
                         "is everything the application has in memory, as the system counts it.");
  setToolTip(tip);
  m_bar->setToolTip(tip);
  connect(&controller, &model::SimulationController::frameReady, this, [this] {
    if (m_controller.frames() % 15 == 0 || !m_controller.isPlaying())
      refresh();
  });
  connect(&controller, &model::SimulationController::scenarioLoaded, this, &MemoryBar::refresh);
  connect(&controller, &model::SimulationController::branchesChanged, this, &MemoryBar::refresh);
  refresh();
}

QString MemoryBar::text() const { return m_bar->format() + QLatin1Char('\n') + m_parts->text(); }

void MemoryBar::refresh() {
  const model::MemoryUse use = m_controller.memoryUse();
  const double share = use.budget > 0 ? static_cast<double>(use.held()) / static_cast<double>(use.budget) : 0;
  m_bar->setValue(static_cast<int>(std::min(1.0, share) * 1000));
  m_bar->setFormat(tr("%1 of %2 budget (%3%)").arg(model::memoryText(use.held()), model::memoryText(use.budget)).arg(share * 100, 0, 'f', 0));
  m_parts->setText(tr("World %1 · snapshots %2 · metrics %3 · process %4")
                       .arg(model::memoryText(use.world), model::memoryText(use.snapshots), model::memoryText(use.metrics),
                            use.process > 0 ? model::memoryText(use.process) : tr("unknown")));
  m_bar->setAccessibleName(tr("Memory held: %1").arg(m_bar->format()));
}

QWidget *makeBranchDockContent(model::SimulationController &controller, QWidget *parent) {
  auto *content = new QWidget(parent);
  auto *layout = new QVBoxLayout(content);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->setSpacing(2);
  layout->addWidget(new BranchPanel(controller, content), 1);
  layout->addWidget(new MemoryBar(controller, content));
  return content;
}

} // namespace streamscope::ui
