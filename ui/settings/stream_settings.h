#pragma once
// The settings dock's Kinesis box: a stream's number of open shards. Reaching it takes one
// SplitShard or MergeShards at a time, planned by the engine's reshard plan from the shards
// as the last step left them; all the steps are one user action group. GUI thread.
#include "model/settings/world_settings.h"
#include "settings_widgets.h"

#include <QGroupBox>

class QComboBox;
class QLabel;
class QSpinBox;

namespace streamscope::ui {

class StreamSettings : public QGroupBox {
  Q_OBJECT
public:
  StreamSettings(model::SimulationController &controller, ApplyFault apply, QWidget *parent = nullptr);

  /// Shows `settings`; hidden without Kinesis.
  void reload(const model::WorldSettings &settings);

private:
  void applyShards();
  int openShardsNow(int stream) const;

  model::SimulationController &m_controller;
  ApplyFault m_apply;
  QComboBox *m_stream = nullptr;
  QSpinBox *m_shards = nullptr;
  QLabel *m_shardError = nullptr;
};

} // namespace streamscope::ui
