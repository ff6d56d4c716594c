#include "memory_settings.h"

#include "settings_widgets.h"
#include "ui/settings_keys.h"

#include <QFormLayout>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>

#include <algorithm>

namespace streamscope::ui {

MemorySettings::MemorySettings(model::SimulationController &controller, QWidget *parent) : QGroupBox(tr("Memory"), parent), m_controller(controller) {
  auto *form = new QFormLayout(this);
  const int defaultMiB = static_cast<int>(model::defaultMemoryBudget() >> 20);
  const std::size_t physical = model::physicalMemoryBytes() >> 20;
  const int physicalMiB = physical > 0 ? static_cast<int>(std::min<std::size_t>(physical, 1 << 30)) : 1 << 20; // unknown: no real limit
  m_budget = settingsSpin(
      16, physicalMiB,
      tr("The most memory a run may hold (simulated world, time-travel snapshots and metrics). Playing pauses and asks before going over it. "
         "Default: a quarter of this machine's memory (%1 MiB).")
          .arg(defaultMiB),
      this);
  m_budget->setObjectName(QStringLiteral("memoryBudget"));
  m_budget->setSuffix(tr(" MiB"));
  m_budget->setSingleStep(256);
  form->addRow(tr("&Budget"), m_budget);
  auto *reset = new QPushButton(tr("Use the &default"), this);
  reset->setObjectName(QStringLiteral("memoryBudgetDefault"));
  reset->setToolTip(tr("A quarter of this machine's memory (%1 MiB)").arg(defaultMiB));
  form->addRow(reset);
  const int saved = QSettings().value(settings_keys::kMemoryBudgetMiB, defaultMiB).toInt();
  m_budget->setValue(saved);
  m_controller.setMemoryBudget(static_cast<std::size_t>(m_budget->value()) << 20);
  connect(m_budget, &QSpinBox::valueChanged, this, &MemorySettings::apply);
  connect(reset, &QPushButton::clicked, this, [this, defaultMiB] {
    m_budget->setValue(defaultMiB);
    QSettings().remove(settings_keys::kMemoryBudgetMiB);
  });
}

void MemorySettings::apply(int mib) {
  m_controller.setMemoryBudget(static_cast<std::size_t>(mib) << 20);
  QSettings().setValue(settings_keys::kMemoryBudgetMiB, mib);
}

} // namespace streamscope::ui
