#include "kafka_settings.h"

#include "model/settings/config_checks.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>

namespace streamscope::ui {

using model::Fault;

KafkaSettings::KafkaSettings(model::SimulationController &controller, ApplyFault applyFault, QWidget *parent)
    : QGroupBox(tr("Kafka cluster"), parent), m_controller(controller), m_apply(std::move(applyFault)) {
  QGroupBox *box = this;
  auto *form = new QFormLayout(box);
  auto *brokerRow = new QHBoxLayout;
  m_brokers = new QLabel(box);
  auto *addBroker = new QPushButton(tr("Add broker"), box);
  addBroker->setToolTip(tr("A new broker joins empty: it gets replicas only from new partitions or a reassignment"));
  connect(addBroker, &QPushButton::clicked, this, [this] { send(Fault{0, model::AddBroker{}}); });
  brokerRow->addWidget(m_brokers);
  brokerRow->addWidget(addBroker);
  form->addRow(tr("Brokers"), brokerRow);
  auto *removeRow = new QHBoxLayout;
  m_removeBrokerId = new QComboBox(box);
  auto *removeBroker = new QPushButton(tr("Remove"), box);
  removeBroker->setToolTip(tr("Unregister a broker; Kafka requires its replicas to be reassigned away first"));
  connect(removeBroker, &QPushButton::clicked, this, [this] {
    if (m_removeBrokerId->currentIndex() < 0)
      return;
    send(Fault{0, model::RemoveBroker{m_removeBrokerId->currentData().toInt()}});
  });
  removeRow->addWidget(m_removeBrokerId, 1);
  removeRow->addWidget(removeBroker);
  form->addRow(tr("Remove"), removeRow);

  auto *createRow = new QHBoxLayout;
  m_newTopic = new QLineEdit(box);
  m_newTopic->setPlaceholderText(tr("new topic name"));
  m_newTopicPartitions = settingsSpin(1, 1024, tr("Partitions of the new topic"), box);
  m_newTopicPartitions->setValue(3);
  auto *create = new QPushButton(tr("Create"), box);
  create->setToolTip(
      tr("Create a topic with these partitions, the replication factor and min ISR below (nothing writes to it until a producer does)"));
  connect(create, &QPushButton::clicked, this, [this] {
    if (m_newTopic->text().trimmed().isEmpty()) {
      showSettingsError(m_topicError, tr("Give the new topic a name."));
      return;
    }
    send(Fault{0, model::AddTopic{m_newTopic->text().trimmed().toStdString(), m_newTopicPartitions->value(), m_rf->value(), m_minIsr->value()}});
  });
  createRow->addWidget(m_newTopic, 1);
  createRow->addWidget(m_newTopicPartitions);
  createRow->addWidget(create);
  form->addRow(tr("New topic"), createRow);

  auto *topicRow = new QHBoxLayout;
  m_topic = new QComboBox(box);
  auto *deleteTopic = new QPushButton(tr("Delete"), box);
  deleteTopic->setToolTip(tr("Delete the topic and every replica of it (only when no producer or group uses it)"));
  connect(deleteTopic, &QPushButton::clicked, this, [this] {
    if (selectedTopic() < 0)
      return;
    send(Fault{0, model::DeleteTopic{m_topic->currentText().toStdString()}});
  });
  topicRow->addWidget(m_topic, 1);
  topicRow->addWidget(deleteTopic);
  form->addRow(tr("Topic"), topicRow);
  m_partitions = settingsSpin(1, 1024, tr("Partitions can only be added; keyed records then remap to other partitions"), box);
  form->addRow(tr("Partitions"), m_partitions);
  m_rf = settingsSpin(1, 64, tr("Replicas per partition (a reassignment: new replicas catch up before joining the ISR)"), box);
  form->addRow(tr("Replication factor"), m_rf);
  m_minIsr = settingsSpin(1, 64, tr("min.insync.replicas: acks=all writes fail when the ISR is smaller"), box);
  form->addRow(tr("Min in-sync replicas"), m_minIsr);
  m_unclean = new QCheckBox(tr("Unclean leader election"), box);
  m_unclean->setToolTip(tr("Let an out-of-sync replica lead when no in-sync one is alive: available again, but acknowledged records can be lost"));
  form->addRow(m_unclean);
  auto *fm = new QHBoxLayout;
  m_flushMessagesOn = new QCheckBox(tr("every"), box);
  m_flushMessages = settingsSpin(1, 1000000, tr("flush.messages: fsync after this many records"), box);
  fm->addWidget(m_flushMessagesOn);
  fm->addWidget(m_flushMessages);
  fm->addWidget(new QLabel(tr("records"), box));
  form->addRow(tr("Force fsync"), fm);
  auto *fms = new QHBoxLayout;
  m_flushMsOn = new QCheckBox(tr("every"), box);
  m_flushMs = settingsSpin(
      1, 3600000,
      tr("flush.ms: the broker's log flusher fsyncs the log once its last flush is this old (only when log.flush.scheduler.interval.ms is set)"),
      box);
  fms->addWidget(m_flushMsOn);
  fms->addWidget(m_flushMs);
  fms->addWidget(new QLabel(tr("ms"), box));
  form->addRow(tr("Force fsync"), fms);
  m_topicError = settingsErrorLabel(box);
  form->addRow(m_topicError);
  m_applyTopic = new QPushButton(tr("Apply to topic"), box);
  m_partitions->setObjectName(QStringLiteral("partitions"));
  m_rf->setObjectName(QStringLiteral("replicationFactor"));
  m_minIsr->setObjectName(QStringLiteral("minInsyncReplicas"));
  m_topicError->setObjectName(QStringLiteral("topicError"));
  m_applyTopic->setObjectName(QStringLiteral("applyTopic"));
  form->addRow(m_applyTopic);
  connect(m_topic, &QComboBox::currentIndexChanged, this, &KafkaSettings::loadTopic);
  connect(m_applyTopic, &QPushButton::clicked, this, &KafkaSettings::applyTopic);
  for (QSpinBox *s : {m_partitions, m_rf, m_minIsr})
    connect(s, &QSpinBox::valueChanged, this, &KafkaSettings::validate);
  connect(m_flushMessagesOn, &QCheckBox::toggled, m_flushMessages, &QWidget::setEnabled);
  connect(m_flushMsOn, &QCheckBox::toggled, m_flushMs, &QWidget::setEnabled);
}

void KafkaSettings::reload(const model::WorldSettings &settings) {
  setVisible(settings.hasKafka);
  m_brokers->setText(QString::number(settings.brokers.size()));
  {
    const QString current = m_topic->currentText();
    const QSignalBlocker block(m_topic);
    m_topic->clear();
    for (const model::TopicSettings &t : settings.topics) // deleted topics keep their index, unlisted
      m_topic->addItem(t.name, t.index);
    m_topic->setCurrentIndex(std::max(0, m_topic->findText(current)));
  }
  {
    const QSignalBlocker block(m_removeBrokerId);
    m_removeBrokerId->clear();
    for (int id : settings.brokers)
      m_removeBrokerId->addItem(tr("broker %1").arg(id), id);
  }
  loadTopic();
}

void KafkaSettings::loadTopic() {
  if (!m_controller.hasSimulation() || selectedTopic() < 0)
    return;
  const model::WorldSettings settings = model::readWorldSettings(m_controller);
  const model::TopicSettings *t = settings.topic(selectedTopic());
  if (!t)
    return;
  m_partitions->setValue(t->partitions);
  m_rf->setValue(t->replicationFactor);
  m_minIsr->setValue(t->minInsyncReplicas);
  m_unclean->setChecked(t->uncleanLeaderElection);
  m_flushMessagesOn->setChecked(t->flushMessages.has_value());
  m_flushMessages->setValue(static_cast<int>(t->flushMessages.value_or(10000)));
  m_flushMessages->setEnabled(t->flushMessages.has_value());
  m_flushMsOn->setChecked(t->flushInterval.has_value());
  m_flushMs->setValue(static_cast<int>(t->flushInterval.value_or(engine::kSecond) / engine::kMillisecond));
  m_flushMs->setEnabled(t->flushInterval.has_value());
  validate();
}

void KafkaSettings::validate() {
  if (!m_controller.hasSimulation())
    return;
  const model::WorldSettings settings = model::readWorldSettings(m_controller);
  QString topicError;
  bool onlyAWarning = false;
  if (const model::TopicSettings *t = settings.topic(selectedTopic())) {
    const int brokers = static_cast<int>(settings.brokers.size());
    if (m_partitions->value() < t->partitions)
      topicError = tr("Partitions can only be added (the topic has %1).").arg(t->partitions);
    else if (!model::replicationFactorFits(m_rf->value(), brokers))
      topicError = tr("Replication factor %1 is larger than the %2 brokers.").arg(m_rf->value()).arg(brokers);
    else if (model::minIsrUnreachable(m_minIsr->value(), m_rf->value())) {
      // Kafka accepts it: a warning, and the change may still be applied.
      topicError = tr("Min ISR %1 is above the replication factor: acks=all writes will always fail.").arg(m_minIsr->value());
      onlyAWarning = true;
    }
  }
  showSettingsError(m_topicError, topicError);
  m_applyTopic->setEnabled(topicError.isEmpty() || onlyAWarning);
}

int KafkaSettings::selectedTopic() const { return m_topic->currentIndex() < 0 ? -1 : m_topic->currentData().toInt(); }

void KafkaSettings::applyTopic() {
  if (selectedTopic() < 0)
    return;
  const model::WorldSettings settings = model::readWorldSettings(m_controller);
  const model::TopicSettings *current = settings.topic(selectedTopic());
  if (!current)
    return;
  const model::TopicSettings t = *current;
  // Read every field first, then send them as one group: one entry in the history, one
  // reload of the dock, and the first refusal ends it.
  const int partitions = m_partitions->value(), rf = m_rf->value(), minIsr = m_minIsr->value();
  const bool unclean = m_unclean->isChecked();
  const std::int64_t messages = m_flushMessagesOn->isChecked() ? m_flushMessages->value() : -1;
  const std::int64_t ms = m_flushMsOn->isChecked() ? std::int64_t{m_flushMs->value()} * engine::kMillisecond : -1;
  const model::UserActionGroup group(m_controller);
  const std::string topic = t.name.toStdString();
  if (partitions != t.partitions && !send(Fault{0, model::AddPartitions{topic, partitions}}))
    return;
  if (rf != t.replicationFactor && !send(Fault{0, model::SetReplicationFactor{topic, rf}}))
    return;
  const auto alter = [&](model::TopicSettingKind setting, std::int64_t value) { return send(Fault{0, model::AlterTopic{topic, setting, value}}); };
  if (minIsr != t.minInsyncReplicas && !alter(model::TopicSettingKind::MinInsyncReplicas, minIsr))
    return;
  if (unclean != t.uncleanLeaderElection && !alter(model::TopicSettingKind::UncleanLeaderElection, unclean ? 1 : 0))
    return;
  if (messages != t.flushMessages.value_or(-1) && !alter(model::TopicSettingKind::FlushMessages, messages))
    return;
  if (ms != t.flushInterval.value_or(-1))
    alter(model::TopicSettingKind::FlushMs, ms);
}

} // namespace streamscope::ui
