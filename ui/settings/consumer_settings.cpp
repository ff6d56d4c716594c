#include "consumer_settings.h"

#include <QComboBox>
#include <QFormLayout>
#include <QPushButton>
#include <QSpinBox>

namespace streamscope::ui {

using model::Fault;

ConsumerSettings::ConsumerSettings(model::SimulationController &controller, ApplyFault applyFault, QWidget *parent)
    : QGroupBox(tr("Consumers"), parent), m_controller(controller), m_apply(std::move(applyFault)) {
  QGroupBox *box = this;
  auto *form = new QFormLayout(box);
  m_consumer = new QComboBox(box);
  form->addRow(tr("Group or application"), m_consumer);
  m_members = settingsSpin(0, 64, tr("Live consumers (Kafka members or KCL workers); joins and graceful leaves cause a rebalance"), box);
  form->addRow(tr("Live consumers"), m_members);
  auto *apply = new QPushButton(tr("Apply to consumers"), box);
  m_members->setObjectName(QStringLiteral("liveConsumers"));
  apply->setObjectName(QStringLiteral("applyConsumers"));
  form->addRow(apply);
  connect(m_consumer, &QComboBox::currentIndexChanged, this, [this] {
    if (m_controller.hasSimulation())
      m_members->setValue(liveNow(m_consumer->currentText()));
  });
  connect(apply, &QPushButton::clicked, this, &ConsumerSettings::applyConsumers);
}

void ConsumerSettings::reload(const model::WorldSettings &settings) {
  QStringList consumers;
  for (const model::ConsumerSettings &c : settings.consumers)
    consumers << c.name;
  refillCombo(m_consumer, consumers);
  setVisible(!consumers.isEmpty());
  if (!consumers.isEmpty())
    m_members->setValue(settings.liveConsumers(m_consumer->currentText()));
}

int ConsumerSettings::liveNow(const QString &name) const { return model::readWorldSettings(m_controller).liveConsumers(name); }

void ConsumerSettings::applyConsumers() {
  if (!m_controller.hasSimulation())
    return;
  const QString name = m_consumer->currentText();
  const int target = m_members->value();
  const model::UserActionGroup group(m_controller);
  const std::string consumer = name.toStdString();
  for (int live = liveNow(name); live != target;) {
    const Fault step = live < target ? Fault{0, model::AddConsumer{consumer}} : Fault{0, model::RemoveConsumer{consumer, -1}};
    if (!m_apply(step))
      break; // refused: the message is already shown
    const int now = liveNow(name);
    if (now == live)
      break; // accepted but nothing moved: stop rather than loop
    live = now;
  }
}

} // namespace streamscope::ui
