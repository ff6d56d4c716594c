#include "settings_panel.h"

#include "model/settings/world_settings.h"
#include "settings/consumer_settings.h"
#include "settings/kafka_settings.h"
#include "settings/producer_settings.h"
#include "settings/stream_settings.h"

#include <QScrollArea>
#include <QVBoxLayout>

namespace streamscope::ui {

SettingsPanel::SettingsPanel(model::SimulationController &controller, Apply apply, QWidget *parent) : QWidget(parent), m_controller(controller) {
  auto *outer = new QVBoxLayout(this);
  outer->setContentsMargins(0, 0, 0, 0);
  auto *scroll = new QScrollArea(this);
  scroll->setWidgetResizable(true);
  scroll->setFrameShape(QFrame::NoFrame);
  auto *content = new QWidget(scroll);
  auto *layout = new QVBoxLayout(content);
  m_kafka = new KafkaSettings(controller, apply, content);
  m_producer = new ProducerSettings(controller, apply, content);
  m_consumers = new ConsumerSettings(controller, apply, content);
  m_stream = new StreamSettings(controller, apply, content);
  for (QWidget *box : std::initializer_list<QWidget *>{m_kafka, m_producer, m_consumers, m_stream})
    layout->addWidget(box);
  layout->addStretch(1);
  scroll->setWidget(content);
  outer->addWidget(scroll);
  connect(&controller, &model::SimulationController::scenarioLoaded, this, &SettingsPanel::reload);
  // Once per user action group: an Apply that sends several changes reloads once, after all.
  connect(&controller, &model::SimulationController::userActionApplied, this, &SettingsPanel::reload);
  reload();
}

void SettingsPanel::reload() {
  if (!m_controller.hasSimulation())
    return;
  const model::WorldSettings settings = model::readWorldSettings(m_controller);
  m_kafka->reload(settings);
  m_producer->reload(settings);
  m_consumers->reload(settings);
  m_stream->reload(settings);
}

} // namespace streamscope::ui
