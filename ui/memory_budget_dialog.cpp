#include "memory_budget_dialog.h"

#include "settings/settings_widgets.h"

#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QGridLayout>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include <algorithm>

namespace streamscope::ui {

namespace {
double seconds(engine::SimTime t) { return engine::toMs(t) / 1000; }
} // namespace

MemoryBudgetDialog::MemoryBudgetDialog(model::SimulationController &controller, QWidget *parent) : QDialog(parent), m_controller(controller) {
  setWindowTitle(tr("Memory budget reached"));
  setObjectName(QStringLiteral("memoryBudgetDialog"));
  const model::MemoryUse use = controller.memoryUse();
  auto *layout = new QVBoxLayout(this);
  m_message = new QLabel(tr("<p><b>Paused: the run is about to go over its memory budget.</b></p>"
                            "<p>It holds %1 of %2 (world %3, snapshots %4, metrics %5); the process has %6 in memory. "
                            "Going on unchecked could make the machine swap. Choose how to continue:</p>")
                             .arg(model::memoryText(use.held()), model::memoryText(use.budget), model::memoryText(use.world),
                                  model::memoryText(use.snapshots), model::memoryText(use.metrics), model::memoryText(use.process)),
                         this);
  m_message->setWordWrap(true);
  layout->addWidget(m_message);

  auto *grid = new QGridLayout;
  const double now = controller.hasSimulation() ? seconds(controller.simulation().now()) : 0;
  const double earliest = controller.hasSimulation() ? seconds(controller.history().earliest()) : 0;
  m_dropBefore = new QDoubleSpinBox(this);
  m_dropBefore->setObjectName(QStringLiteral("dropBefore"));
  m_dropBefore->setRange(earliest, now);
  m_dropBefore->setDecimals(1);
  m_dropBefore->setSuffix(tr(" s"));
  m_dropBefore->setValue(earliest + (now - earliest) * 0.75);
  auto *drop = new QPushButton(tr("&Drop history before"), this);
  drop->setObjectName(QStringLiteral("dropHistory"));
  drop->setToolTip(tr("Frees the time-travel snapshots before this time. Seeking or stepping back before it is refused afterwards; "
                      "the run itself is unchanged."));
  m_dropBefore->setToolTip(drop->toolTip());
  grid->addWidget(drop, 0, 0);
  grid->addWidget(m_dropBefore, 0, 1);

  m_ratePercent = new QSpinBox(this);
  m_ratePercent->setObjectName(QStringLiteral("ratePercent"));
  m_ratePercent->setRange(1, 99);
  m_ratePercent->setValue(50);
  m_ratePercent->setSuffix(tr(" % of now"));
  auto *lower = new QPushButton(tr("&Lower the rate to"), this);
  lower->setObjectName(QStringLiteral("lowerRate"));
  lower->setToolTip(tr("Every producer sends at this share of its rate from now on: a change of yours, recorded on the branch and replayed "
                       "like any other. Fewer records per second make the run grow more slowly."));
  m_ratePercent->setToolTip(lower->toolTip());
  grid->addWidget(lower, 1, 0);
  grid->addWidget(m_ratePercent, 1, 1);

  m_moreMiB = new QSpinBox(this);
  m_moreMiB->setObjectName(QStringLiteral("moreMiB"));
  m_moreMiB->setRange(16, 1 << 20);
  m_moreMiB->setSingleStep(256);
  m_moreMiB->setValue(std::max(16, static_cast<int>(use.budget / 2 >> 20)));
  m_moreMiB->setSuffix(tr(" MiB more"));
  auto *goOn = new QPushButton(tr("&Go on with"), this);
  goOn->setObjectName(QStringLiteral("goOn"));
  goOn->setToolTip(tr("Raises the budget by this much for this run only (the setting in the Settings dock stays as it is)."));
  m_moreMiB->setToolTip(goOn->toolTip());
  grid->addWidget(goOn, 2, 0);
  grid->addWidget(m_moreMiB, 2, 1);
  layout->addLayout(grid);

  m_error = settingsErrorLabel(this);
  layout->addWidget(m_error);

  auto *buttons = new QDialogButtonBox(this);
  auto *stay = buttons->addButton(tr("Stay &paused"), QDialogButtonBox::RejectRole);
  stay->setObjectName(QStringLiteral("stayPaused"));
  stay->setToolTip(tr("Close this and leave the run paused (Esc)"));
  layout->addWidget(buttons);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  connect(drop, &QPushButton::clicked, this, &MemoryBudgetDialog::dropHistory);
  connect(lower, &QPushButton::clicked, this, &MemoryBudgetDialog::lowerRate);
  connect(goOn, &QPushButton::clicked, this, &MemoryBudgetDialog::goOn);
  setTabOrder(drop, m_dropBefore);
  setTabOrder(m_dropBefore, lower);
  setTabOrder(lower, m_ratePercent);
  setTabOrder(m_ratePercent, goOn);
  setTabOrder(goOn, m_moreMiB);
  setTabOrder(m_moreMiB, stay);
  drop->setFocus();
}

void MemoryBudgetDialog::dropHistory() {
  const double before = m_dropBefore->value();
  m_controller.dropHistoryBefore(static_cast<engine::SimTime>(before * 1000) * engine::kMillisecond);
  resume(Choice::DropHistory);
}

void MemoryBudgetDialog::lowerRate() {
  if (auto refused = m_controller.scaleRates(m_ratePercent->value() / 100.0)) {
    showSettingsError(m_error, *refused);
    return;
  }
  resume(Choice::LowerRate);
}

void MemoryBudgetDialog::goOn() {
  m_controller.raiseMemoryBudget(static_cast<std::size_t>(m_moreMiB->value()) << 20);
  resume(Choice::GoOn);
}

void MemoryBudgetDialog::resume(Choice choice) {
  m_choice = choice;
  accept();
  m_controller.play();
}

} // namespace streamscope::ui
