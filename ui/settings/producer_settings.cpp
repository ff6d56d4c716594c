#include "producer_settings.h"

#include "model/settings/config_checks.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>

namespace streamscope::ui {

using model::Fault;

ProducerSettings::ProducerSettings(model::SimulationController &controller, ApplyFault applyFault, QWidget *parent)
    : QGroupBox(tr("Producer"), parent), m_controller(controller), m_apply(std::move(applyFault)) {
  QGroupBox *box = this;
  auto *form = new QFormLayout(box);
  m_producer = new QComboBox(box);
  form->addRow(tr("Producer"), m_producer);
  m_acks = new QComboBox(box);
  for (const model::Acks acks : {model::Acks::All, model::Acks::Leader, model::Acks::None})
    m_acks->addItem(QString::fromStdString(model::acksSetting(acks)), static_cast<int>(acks));
  m_acks->setToolTip(tr("Kafka only: how many replicas must have a batch before the producer hears success"));
  form->addRow(tr("Acks"), m_acks);
  m_rate = new QDoubleSpinBox(box);
  m_rate->setRange(0, 1000000);
  m_rate->setDecimals(1);
  m_rate->setSuffix(tr(" rec/s"));
  form->addRow(tr("Rate"), m_rate);
  m_keys = settingsSpin(0, 1000000, tr("Distinct keys key-0..; 1 makes one hot key; 0 sends null keys (Kafka only)"), box);
  form->addRow(tr("Distinct keys"), m_keys);
  m_producerError = settingsErrorLabel(box);
  form->addRow(m_producerError);
  auto *apply = new QPushButton(tr("Apply to producer"), box);
  form->addRow(apply);
  connect(m_producer, &QComboBox::currentIndexChanged, this, &ProducerSettings::loadProducer);
  connect(m_keys, &QSpinBox::valueChanged, this, &ProducerSettings::validate);
  connect(apply, &QPushButton::clicked, this, &ProducerSettings::applyProducer);
}

void ProducerSettings::reload(const model::WorldSettings &settings) {
  QStringList producers;
  for (const model::ProducerSettings &p : settings.producers)
    producers << p.name;
  refillCombo(m_producer, producers);
  setVisible(!producers.isEmpty());
  loadProducer();
}

void ProducerSettings::loadProducer() {
  if (!m_controller.hasSimulation() || m_producer->currentIndex() < 0)
    return;
  const model::WorldSettings settings = model::readWorldSettings(m_controller);
  const model::ProducerSettings *p = settings.producer(m_producer->currentText());
  const bool kafka = p && p->kafka;
  m_rate->setValue(p ? std::max(0.0, p->rate) : 0.0);
  m_acks->setCurrentIndex(m_acks->findData(static_cast<int>(kafka ? p->acks : model::Acks::All)));
  m_acks->setEnabled(kafka);
  m_keys->setValue(p ? p->keys : 0);
  validate();
}

void ProducerSettings::validate() {
  if (!m_controller.hasSimulation())
    return;
  const model::WorldSettings settings = model::readWorldSettings(m_controller);
  const model::ProducerSettings *p = settings.producer(m_producer->currentText());
  QString producerError;
  if (p && p->kinesis && m_keys->value() == 0)
    producerError = tr("Kinesis records need a partition key: use at least 1 key.");
  showSettingsError(m_producerError, producerError);
}

void ProducerSettings::applyProducer() {
  if (!m_controller.hasSimulation())
    return;
  const model::WorldSettings settings = model::readWorldSettings(m_controller);
  const model::ProducerSettings *p = settings.producer(m_producer->currentText());
  if (!p)
    return;
  // Read every field first, then send them as one group.
  const int wantedAcks = m_acks->currentData().toInt();
  const double wantedRate = m_rate->value();
  const int wantedKeys = m_keys->value();
  const model::UserActionGroup group(m_controller);
  const std::string producer = p->name.toStdString();
  if (p->kafka && static_cast<int>(p->acks) != wantedAcks && !send(Fault{0, model::SetAcks{producer, static_cast<model::Acks>(wantedAcks)}}))
    return;
  if (wantedRate != p->rate && !send(Fault{0, model::SetRate{producer, wantedRate}}))
    return;
  if (wantedKeys != p->keys)
    send(Fault{0, model::SetKeys{producer, wantedKeys}});
}

} // namespace streamscope::ui
