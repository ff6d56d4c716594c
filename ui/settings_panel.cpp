#include "settings_panel.h"

#include "model/settings/world_settings.h"
#include "settings/consumer_settings.h"
#include "settings/kafka_settings.h"
#include "settings/memory_settings.h"
#include "settings/producer_settings.h"
#include "settings/stream_settings.h"

#include <QApplication>
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
  layout->addWidget(new MemorySettings(controller, content)); // the app's, not the world's: never reloaded from it
  layout->addStretch(1);
  scroll->setWidget(content);
  outer->addWidget(scroll);
  connect(&controller, &model::SimulationController::scenarioLoaded, this, &SettingsPanel::reload);
  // Once per user action group: an Apply that sends several changes reloads once, after all.
  connect(&controller, &model::SimulationController::userActionApplied, this, &SettingsPanel::reload);
  // Changes saved in a scenario are replayed as the clock passes them, and faults change
  // what is alive: keep the dock in step with the canvas at every frame.
  connect(&controller, &model::SimulationController::frameReady, this, &SettingsPanel::refresh);
  reload();
}

void SettingsPanel::reload() {
  if (!m_controller.hasSimulation())
    return;
  model::WorldSettings settings = model::readWorldSettings(m_controller);
  m_kafka->reload(settings);
  m_producer->reload(settings);
  m_consumers->reload(settings);
  m_stream->reload(settings);
  m_shown = std::move(settings);
  m_hasShown = true;
}

void SettingsPanel::refresh() {
  if (!m_controller.hasSimulation())
    return;
  // A field with the keyboard focus is being edited: keep the user's value until it loses
  // the focus (the next frame after that brings the dock up to date).
  if (const QWidget *focus = QApplication::focusWidget(); focus && isAncestorOf(focus))
    return;
  if (m_hasShown && model::readWorldSettings(m_controller) == m_shown)
    return;
  reload();
}

} // namespace streamscope::ui
