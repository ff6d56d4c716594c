#pragma once
// The settings dock: direct manipulation of the running systems, one box per concern
// (ui/settings/): the Kafka cluster and its topics, a producer, consumer counts, a stream's
// shard count. Every change becomes a fault-like action sent through the controller (so it
// is recorded and saved with the scenario), and one Apply is one user action group; values
// the real system would reject are flagged inline before they are sent. GUI thread.
#include "model/settings/world_settings.h"
#include "model/simulation_controller.h"
#include "settings/settings_widgets.h"

#include <QWidget>

namespace streamscope::ui {

class KafkaSettings;
class ProducerSettings;
class ConsumerSettings;
class StreamSettings;

class SettingsPanel : public QWidget {
  Q_OBJECT
public:
  /// `apply` sends one change and says whether it took effect (and shows a refusal).
  using Apply = ApplyFault;
  SettingsPanel(model::SimulationController &controller, Apply apply, QWidget *parent = nullptr);

public slots:
  /// Re-reads every value from the world (after a load or an applied change).
  void reload();
  /// Once per frame: when the world's settings differ from the ones shown (a replayed change,
  /// a broker powered off, a consumer gone), shows the new values. Cheap when nothing changed
  /// (one comparison); never while the user is editing a field of the dock.
  void refresh();

private:
  model::WorldSettings m_shown; ///< what the fields were last loaded from
  bool m_hasShown = false;
  model::SimulationController &m_controller;
  KafkaSettings *m_kafka = nullptr;
  ProducerSettings *m_producer = nullptr;
  ConsumerSettings *m_consumers = nullptr;
  StreamSettings *m_stream = nullptr;
};

} // namespace streamscope::ui
