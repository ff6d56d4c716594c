#include "stream_settings.h"

#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>

namespace streamscope::ui {

StreamSettings::StreamSettings(model::SimulationController &controller, ApplyFault applyFault, QWidget *parent)
    : QGroupBox(tr("Kinesis stream"), parent), m_controller(controller), m_apply(std::move(applyFault)) {
  QGroupBox *box = this;
  auto *form = new QFormLayout(box);
  m_stream = new QComboBox(box);
  form->addRow(tr("Stream"), m_stream);
  m_shards = settingsSpin(
      1, 1024, tr("Open shards: one UpdateShardCount call (at most double, at least half); the stream is UPDATING until it completes"), box);
  form->addRow(tr("Open shards"), m_shards);
  m_shardError = settingsErrorLabel(box);
  form->addRow(m_shardError);
  auto *apply = new QPushButton(tr("Reshard"), box);
  m_shards->setObjectName(QStringLiteral("openShards"));
  apply->setObjectName(QStringLiteral("reshard"));
  form->addRow(apply);
  connect(m_stream, &QComboBox::currentIndexChanged, this, [this] {
    if (m_controller.hasSimulation() && m_stream->currentIndex() >= 0)
      m_shards->setValue(openShardsNow(m_stream->currentIndex()));
  });
  connect(apply, &QPushButton::clicked, this, &StreamSettings::applyShards);
}

void StreamSettings::reload(const model::WorldSettings &settings) {
  QStringList streams;
  for (const model::StreamSettings &s : settings.streams)
    streams << s.name;
  refillCombo(m_stream, streams);
  setVisible(settings.hasKinesis);
  if (!streams.isEmpty())
    m_shards->setValue(settings.streams[static_cast<std::size_t>(std::max(0, m_stream->currentIndex()))].openShards);
}

int StreamSettings::openShardsNow(int stream) const {
  return model::readWorldSettings(m_controller).streams[static_cast<std::size_t>(stream)].openShards;
}

void StreamSettings::applyShards() {
  const int stream = m_stream->currentIndex();
  if (stream < 0 || !m_controller.hasSimulation())
    return;
  const int target = m_shards->value();
  showSettingsError(m_shardError, QString());
  if (openShardsNow(stream) != target)
    m_apply(model::shardCountUpdate(m_controller, stream, target)); // a refusal is shown by m_apply
}

} // namespace streamscope::ui
