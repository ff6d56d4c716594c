#include "settings_panel.h"

#include "engine/core/uint128.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QVBoxLayout>

namespace streamscope::ui {
namespace {

using engine::Fault;

QSpinBox *spin(int min, int max, const QString &tip, QWidget *parent) {
  auto *s = new QSpinBox(parent);
  s->setRange(min, max);
  s->setToolTip(tip);
  s->setAccelerated(true);
  return s;
}

QLabel *errorLabel(QWidget *parent) {
  auto *l = new QLabel(parent);
  l->setWordWrap(true);
  QPalette p = l->palette();
  p.setColor(QPalette::WindowText, QColor(200, 40, 40));
  l->setPalette(p);
  l->hide();
  return l;
}

void showError(QLabel *label, const QString &text) {
  label->setText(text);
  label->setVisible(!text.isEmpty());
}

/// Live members of a group or workers of an application.
int liveConsumers(const engine::World &w, const QString &name) {
  int n = 0;
  for (const auto &g : w.kafka.groups)
    if (QString::fromStdString(g.config.group) == name)
      for (const auto &m : g.members)
        n += m.alive && m.inGroup ? 1 : 0;
  for (const auto &a : w.kinesis.apps)
    if (QString::fromStdString(a.config.application) == name)
      for (const auto &wk : a.workers)
        n += wk.alive && wk.inApp ? 1 : 0;
  return n;
}

int openShards(const engine::World &w, int stream) {
  int n = 0;
  for (int slot : w.kinesis.streams[static_cast<std::size_t>(stream)].shards)
    n += w.kinesis.shardAt(slot).open() ? 1 : 0;
  return n;
}

/// One step towards `target` open shards: split the widest open shard in the middle, or merge
/// the adjacent open pair covering the least key space (what UpdateShardCount does in steps).
std::optional<Fault> reshardStep(const engine::World &w, int stream, int target) {
  const auto &k = w.kinesis;
  const auto &st = k.streams[static_cast<std::size_t>(stream)];
  const int open = openShards(w, stream);
  if (target > open) {
    int widest = -1;
    for (int slot : st.shards) {
      const auto &s = k.shardAt(slot);
      if (s.open() && (widest < 0 || s.range.end - s.range.start > k.shardAt(widest).range.end - k.shardAt(widest).range.start))
        widest = slot;
    }
    const auto &s = k.shardAt(widest);
    return Fault{0, engine::SplitShard{st.config.name, s.index, engine::toDecimal(s.range.start + (s.range.end - s.range.start) / 2 + 1)}};
  }
  if (target < open) {
    engine::Uint128 best = engine::kUint128Max;
    std::optional<Fault> merge;
    for (int a : st.shards)
      for (int b : st.shards) {
        const auto &x = k.shardAt(a), &y = k.shardAt(b);
        if (x.open() && y.open() && x.range.end != engine::kUint128Max && y.range.start == x.range.end + 1 &&
            y.range.end - x.range.start <= best) {
          best = y.range.end - x.range.start;
          merge = Fault{0, engine::MergeShards{st.config.name, x.index, y.index}};
        }
      }
    if (merge)
      return merge;
  }
  return std::nullopt;
}

} // namespace

SettingsPanel::SettingsPanel(model::SimulationController &controller, Apply apply, QWidget *parent)
    : QWidget(parent), m_controller(controller), m_apply(std::move(apply)) {
  auto *outer = new QVBoxLayout(this);
  outer->setContentsMargins(0, 0, 0, 0);
  auto *scroll = new QScrollArea(this);
  scroll->setWidgetResizable(true);
  scroll->setFrameShape(QFrame::NoFrame);
  auto *content = new QWidget(scroll);
  auto *layout = new QVBoxLayout(content);
  m_kafkaBox = buildKafka();
  m_producerBox = buildProducer();
  m_consumerBox = buildConsumers();
  m_kinesisBox = buildKinesis();
  for (QWidget *box : {m_kafkaBox, m_producerBox, m_consumerBox, m_kinesisBox})
    layout->addWidget(box);
  layout->addStretch(1);
  scroll->setWidget(content);
  outer->addWidget(scroll);
  connect(&controller, &model::SimulationController::scenarioLoaded, this, &SettingsPanel::reload);
  connect(&controller, &model::SimulationController::userActionApplied, this, &SettingsPanel::reload);
  reload();
}

QWidget *SettingsPanel::buildKafka() {
  auto *box = new QGroupBox(tr("Kafka cluster"), this);
  auto *form = new QFormLayout(box);
  auto *brokerRow = new QHBoxLayout;
  m_brokers = new QLabel(box);
  auto *addBroker = new QPushButton(tr("Add broker"), box);
  addBroker->setToolTip(tr("A new broker joins empty: it gets replicas only from new partitions or a reassignment"));
  connect(addBroker, &QPushButton::clicked, this, [this] {
    send(Fault{0, engine::AddBroker{}});
  });
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
    send(Fault{0, engine::RemoveBroker{m_removeBrokerId->currentData().toInt()}});
  });
  removeRow->addWidget(m_removeBrokerId, 1);
  removeRow->addWidget(removeBroker);
  form->addRow(tr("Remove"), removeRow);

  auto *createRow = new QHBoxLayout;
  m_newTopic = new QLineEdit(box);
  m_newTopic->setPlaceholderText(tr("new topic name"));
  m_newTopicPartitions = spin(1, 1024, tr("Partitions of the new topic"), box);
  m_newTopicPartitions->setValue(3);
  auto *create = new QPushButton(tr("Create"), box);
  create->setToolTip(tr("Create a topic with these partitions, the replication factor and min ISR below (nothing writes to it until a producer does)"));
  connect(create, &QPushButton::clicked, this, [this] {
    if (m_newTopic->text().trimmed().isEmpty()) {
      showError(m_topicError, tr("Give the new topic a name."));
      return;
    }
    send(Fault{0, engine::AddTopic{m_newTopic->text().trimmed().toStdString(), m_newTopicPartitions->value(), m_rf->value(), m_minIsr->value()}});
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
    send(Fault{0, engine::DeleteTopic{m_topic->currentText().toStdString()}});
  });
  topicRow->addWidget(m_topic, 1);
  topicRow->addWidget(deleteTopic);
  form->addRow(tr("Topic"), topicRow);
  m_partitions = spin(1, 1024, tr("Partitions can only be added; keyed records then remap to other partitions"), box);
  form->addRow(tr("Partitions"), m_partitions);
  m_rf = spin(1, 64, tr("Replicas per partition (a reassignment: new replicas catch up before joining the ISR)"), box);
  form->addRow(tr("Replication factor"), m_rf);
  m_minIsr = spin(1, 64, tr("min.insync.replicas: acks=all writes fail when the ISR is smaller"), box);
  form->addRow(tr("Min in-sync replicas"), m_minIsr);
  m_unclean = new QCheckBox(tr("Unclean leader election"), box);
  m_unclean->setToolTip(tr("Let an out-of-sync replica lead when no in-sync one is alive: available again, but acknowledged records can be lost"));
  form->addRow(m_unclean);
  auto *fm = new QHBoxLayout;
  m_flushMessagesOn = new QCheckBox(tr("every"), box);
  m_flushMessages = spin(1, 1000000, tr("flush.messages: fsync after this many records"), box);
  fm->addWidget(m_flushMessagesOn);
  fm->addWidget(m_flushMessages);
  fm->addWidget(new QLabel(tr("records"), box));
  form->addRow(tr("Force fsync"), fm);
  auto *fms = new QHBoxLayout;
  m_flushMsOn = new QCheckBox(tr("every"), box);
  m_flushMs = spin(1, 3600000, tr("flush.ms: fsync when the oldest unflushed record is this old"), box);
  fms->addWidget(m_flushMsOn);
  fms->addWidget(m_flushMs);
  fms->addWidget(new QLabel(tr("ms"), box));
  form->addRow(tr("Force fsync"), fms);
  m_topicError = errorLabel(box);
  form->addRow(m_topicError);
  m_applyTopic = new QPushButton(tr("Apply to topic"), box);
  m_partitions->setObjectName(QStringLiteral("partitions"));
  m_rf->setObjectName(QStringLiteral("replicationFactor"));
  m_minIsr->setObjectName(QStringLiteral("minInsyncReplicas"));
  m_topicError->setObjectName(QStringLiteral("topicError"));
  m_applyTopic->setObjectName(QStringLiteral("applyTopic"));
  form->addRow(m_applyTopic);
  connect(m_topic, &QComboBox::currentIndexChanged, this, &SettingsPanel::loadTopic);
  connect(m_applyTopic, &QPushButton::clicked, this, &SettingsPanel::applyTopic);
  for (QSpinBox *s : {m_partitions, m_rf, m_minIsr})
    connect(s, &QSpinBox::valueChanged, this, &SettingsPanel::validate);
  connect(m_flushMessagesOn, &QCheckBox::toggled, m_flushMessages, &QWidget::setEnabled);
  connect(m_flushMsOn, &QCheckBox::toggled, m_flushMs, &QWidget::setEnabled);
  return box;
}

QWidget *SettingsPanel::buildProducer() {
  auto *box = new QGroupBox(tr("Producer"), this);
  auto *form = new QFormLayout(box);
  m_producer = new QComboBox(box);
  form->addRow(tr("Producer"), m_producer);
  m_acks = new QComboBox(box);
  m_acks->addItem(QStringLiteral("acks=all"), static_cast<int>(engine::Acks::All));
  m_acks->addItem(QStringLiteral("acks=1"), static_cast<int>(engine::Acks::Leader));
  m_acks->addItem(QStringLiteral("acks=0"), static_cast<int>(engine::Acks::None));
  m_acks->setToolTip(tr("Kafka only: how many replicas must have a batch before the producer hears success"));
  form->addRow(tr("Acks"), m_acks);
  m_rate = new QDoubleSpinBox(box);
  m_rate->setRange(0, 1000000);
  m_rate->setDecimals(1);
  m_rate->setSuffix(tr(" rec/s"));
  form->addRow(tr("Rate"), m_rate);
  m_keys = spin(0, 1000000, tr("Distinct keys key-0..; 1 makes one hot key; 0 sends null keys (Kafka only)"), box);
  form->addRow(tr("Distinct keys"), m_keys);
  m_producerError = errorLabel(box);
  form->addRow(m_producerError);
  auto *apply = new QPushButton(tr("Apply to producer"), box);
  form->addRow(apply);
  connect(m_producer, &QComboBox::currentIndexChanged, this, &SettingsPanel::loadProducer);
  connect(m_keys, &QSpinBox::valueChanged, this, &SettingsPanel::validate);
  connect(apply, &QPushButton::clicked, this, &SettingsPanel::applyProducer);
  return box;
}

QWidget *SettingsPanel::buildConsumers() {
  auto *box = new QGroupBox(tr("Consumers"), this);
  auto *form = new QFormLayout(box);
  m_consumer = new QComboBox(box);
  form->addRow(tr("Group or application"), m_consumer);
  m_members = spin(0, 64, tr("Live consumers (Kafka members or KCL workers); joins and graceful leaves cause a rebalance"), box);
  form->addRow(tr("Live consumers"), m_members);
  auto *apply = new QPushButton(tr("Apply to consumers"), box);
  m_members->setObjectName(QStringLiteral("liveConsumers"));
  apply->setObjectName(QStringLiteral("applyConsumers"));
  form->addRow(apply);
  connect(m_consumer, &QComboBox::currentIndexChanged, this, [this] {
    if (m_controller.hasSimulation())
      m_members->setValue(liveConsumers(m_controller.world(), m_consumer->currentText()));
  });
  connect(apply, &QPushButton::clicked, this, &SettingsPanel::applyConsumers);
  return box;
}

QWidget *SettingsPanel::buildKinesis() {
  auto *box = new QGroupBox(tr("Kinesis stream"), this);
  auto *form = new QFormLayout(box);
  m_stream = new QComboBox(box);
  form->addRow(tr("Stream"), m_stream);
  m_shards = spin(1, 1024, tr("Open shards: more splits the widest shard in the middle, fewer merges the narrowest adjacent pair"), box);
  form->addRow(tr("Open shards"), m_shards);
  m_shardError = errorLabel(box);
  form->addRow(m_shardError);
  auto *apply = new QPushButton(tr("Reshard"), box);
  m_shards->setObjectName(QStringLiteral("openShards"));
  apply->setObjectName(QStringLiteral("reshard"));
  form->addRow(apply);
  connect(m_stream, &QComboBox::currentIndexChanged, this, [this] {
    if (m_controller.hasSimulation() && m_stream->currentIndex() >= 0)
      m_shards->setValue(openShards(m_controller.world(), m_stream->currentIndex()));
  });
  connect(apply, &QPushButton::clicked, this, &SettingsPanel::applyShards);
  return box;
}

void SettingsPanel::reload() {
  if (!m_controller.hasSimulation())
    return;
  const engine::World &w = m_controller.world();
  m_kafkaBox->setVisible(w.scenario.kafka.has_value());
  m_kinesisBox->setVisible(w.scenario.kinesis.has_value());
  m_brokers->setText(QString::number(w.kafka.activeBrokers().size()));
  const auto refill = [](QComboBox *combo, const QStringList &names) {
    const QString current = combo->currentText();
    const QSignalBlocker block(combo);
    combo->clear();
    combo->addItems(names);
    combo->setCurrentIndex(std::max(0, static_cast<int>(names.indexOf(current))));
  };
  QStringList producers, consumers, streams;
  {
    const QString current = m_topic->currentText();
    const QSignalBlocker block(m_topic);
    m_topic->clear();
    for (std::size_t i = 0; i < w.kafka.topics.size(); ++i) // deleted topics keep their index, unlisted
      if (!w.kafka.topics[i].deleted)
        m_topic->addItem(QString::fromStdString(w.kafka.topics[i].config.name), static_cast<int>(i));
    m_topic->setCurrentIndex(std::max(0, m_topic->findText(current)));
  }
  {
    const QSignalBlocker block(m_removeBrokerId);
    m_removeBrokerId->clear();
    for (int id : w.kafka.activeBrokers())
      m_removeBrokerId->addItem(tr("broker %1").arg(id), id);
  }
  for (const auto &p : w.scenario.producers)
    producers << QString::fromStdString(p.name);
  for (const auto &g : w.kafka.groups)
    consumers << QString::fromStdString(g.config.group);
  for (const auto &a : w.kinesis.apps)
    consumers << QString::fromStdString(a.config.application);
  for (const auto &s : w.kinesis.streams)
    streams << QString::fromStdString(s.config.name);
  refill(m_producer, producers);
  refill(m_consumer, consumers);
  refill(m_stream, streams);
  m_producerBox->setVisible(!producers.isEmpty());
  m_consumerBox->setVisible(!consumers.isEmpty());
  loadTopic();
  loadProducer();
  if (!consumers.isEmpty())
    m_members->setValue(liveConsumers(w, m_consumer->currentText()));
  if (!streams.isEmpty())
    m_shards->setValue(openShards(w, m_stream->currentIndex()));
}

void SettingsPanel::loadTopic() {
  if (!m_controller.hasSimulation() || selectedTopic() < 0)
    return;
  const auto &t = m_controller.world().kafka.topics[static_cast<std::size_t>(selectedTopic())].config;
  m_partitions->setValue(t.partitions);
  m_rf->setValue(t.replicationFactor);
  m_minIsr->setValue(t.minInsyncReplicas);
  m_unclean->setChecked(t.uncleanLeaderElection);
  m_flushMessagesOn->setChecked(t.flushIntervalMessages.has_value());
  m_flushMessages->setValue(static_cast<int>(t.flushIntervalMessages.value_or(10000)));
  m_flushMessages->setEnabled(t.flushIntervalMessages.has_value());
  m_flushMsOn->setChecked(t.flushInterval.has_value());
  m_flushMs->setValue(static_cast<int>(t.flushInterval.value_or(engine::kSecond) / engine::kMillisecond));
  m_flushMs->setEnabled(t.flushInterval.has_value());
  validate();
}

void SettingsPanel::loadProducer() {
  if (!m_controller.hasSimulation() || m_producer->currentIndex() < 0)
    return;
  const engine::World &w = m_controller.world();
  const std::string name = m_producer->currentText().toStdString();
  double rate = 0;
  engine::Acks acks = engine::Acks::All;
  int keys = 0;
  bool kafka = false;
  for (const auto &p : w.kafka.producers)
    if (p.config.name == name) {
      rate = p.schedule.rate;
      acks = p.config.acks;
      keys = static_cast<int>(p.keyIds.size());
      kafka = true;
    }
  for (const auto &p : w.kinesis.producers)
    if (p.config.name == name) {
      rate = p.schedule.rate;
      keys = static_cast<int>(p.keyIds.size());
    }
  m_rate->setValue(rate);
  m_acks->setCurrentIndex(m_acks->findData(static_cast<int>(acks)));
  m_acks->setEnabled(kafka);
  m_keys->setValue(keys);
  validate();
}

void SettingsPanel::validate() {
  if (!m_controller.hasSimulation())
    return;
  const engine::World &w = m_controller.world();
  QString topicError;
  if (selectedTopic() >= 0) {
    const auto &t = w.kafka.topics[static_cast<std::size_t>(selectedTopic())].config;
    if (m_partitions->value() < t.partitions)
      topicError = tr("Partitions can only be added (the topic has %1).").arg(t.partitions);
    else if (m_rf->value() > static_cast<int>(w.kafka.activeBrokers().size()))
      topicError = tr("Replication factor %1 is larger than the %2 brokers.").arg(m_rf->value()).arg(w.kafka.activeBrokers().size());
    else if (m_minIsr->value() > m_rf->value())
      topicError = tr("Min ISR %1 is above the replication factor: acks=all writes will always fail.").arg(m_minIsr->value());
  }
  showError(m_topicError, topicError);
  m_applyTopic->setEnabled(topicError.isEmpty() || topicError.startsWith(tr("Min ISR")));
  QString producerError;
  const std::string name = m_producer->currentText().toStdString();
  for (const auto &p : w.kinesis.producers)
    if (p.config.name == name && m_keys->value() == 0)
      producerError = tr("Kinesis records need a partition key: use at least 1 key.");
  showError(m_producerError, producerError);
}

int SettingsPanel::selectedTopic() const { return m_topic->currentIndex() < 0 ? -1 : m_topic->currentData().toInt(); }

void SettingsPanel::send(engine::Fault fault) {
  m_apply(fault);
}

void SettingsPanel::applyTopic() {
  if (selectedTopic() < 0)
    return;
  const auto t = m_controller.world().kafka.topics[static_cast<std::size_t>(selectedTopic())].config;
  // Read every field first: each change reloads the panel from the world.
  const int partitions = m_partitions->value(), rf = m_rf->value(), minIsr = m_minIsr->value();
  const bool unclean = m_unclean->isChecked();
  const std::int64_t messages = m_flushMessagesOn->isChecked() ? m_flushMessages->value() : -1;
  const std::int64_t ms = m_flushMsOn->isChecked() ? std::int64_t{m_flushMs->value()} * engine::kMillisecond : -1;
  if (partitions != t.partitions)
    send(Fault{0, engine::AddPartitions{t.name, partitions}});
  if (rf != t.replicationFactor)
    send(Fault{0, engine::SetReplicationFactor{t.name, rf}});
  const auto alter = [&](engine::TopicSettingKind setting, std::int64_t value) { send(Fault{0, engine::AlterTopic{t.name, setting, value}}); };
  if (minIsr != t.minInsyncReplicas)
    alter(engine::TopicSettingKind::MinInsyncReplicas, minIsr);
  if (unclean != t.uncleanLeaderElection)
    alter(engine::TopicSettingKind::UncleanLeaderElection, unclean ? 1 : 0);
  if (messages != t.flushIntervalMessages.value_or(-1))
    alter(engine::TopicSettingKind::FlushMessages, messages);
  if (ms != t.flushInterval.value_or(-1))
    alter(engine::TopicSettingKind::FlushMs, ms);
  reload();
}

void SettingsPanel::applyProducer() {
  const engine::World &w = m_controller.world();
  const std::string name = m_producer->currentText().toStdString();
  // Read every field first: each change reloads the panel from the world.
  const int wantedAcks = m_acks->currentData().toInt();
  const double wantedRate = m_rate->value();
  const int wantedKeys = m_keys->value();
  for (const auto &p : w.kafka.producers)
    if (p.config.name == name && static_cast<int>(p.config.acks) != wantedAcks) {
      send(Fault{0, engine::SetAcks{name, static_cast<engine::Acks>(wantedAcks)}});
      break;
    }
  double rate = -1;
  std::size_t keys = 0;
  for (const auto &p : w.kafka.producers)
    if (p.config.name == name) {
      rate = p.schedule.rate;
      keys = p.keyIds.size();
    }
  for (const auto &p : w.kinesis.producers)
    if (p.config.name == name) {
      rate = p.schedule.rate;
      keys = p.keyIds.size();
    }
  if (wantedRate != rate)
    send(Fault{0, engine::SetRate{name, wantedRate}});
  if (static_cast<std::size_t>(wantedKeys) != keys)
    send(Fault{0, engine::SetKeys{name, wantedKeys}});
  reload();
}

void SettingsPanel::applyConsumers() {
  const QString name = m_consumer->currentText();
  const int target = m_members->value();
  const std::string group = name.toStdString();
  for (int live = liveConsumers(m_controller.world(), name); live != target;) {
    send(live < target ? Fault{0, engine::AddConsumer{group}} : Fault{0, engine::RemoveConsumer{group, -1}});
    const int now = liveConsumers(m_controller.world(), name);
    if (now == live)
      break; // refused: the message is already shown
    live = now;
  }
  reload();
}

void SettingsPanel::applyShards() {
  const int stream = m_stream->currentIndex();
  if (stream < 0)
    return;
  const int target = m_shards->value();
  showError(m_shardError, QString());
  while (openShards(m_controller.world(), stream) != target) {
    const int before = openShards(m_controller.world(), stream);
    const std::optional<Fault> step = reshardStep(m_controller.world(), stream, target);
    if (!step) {
      showError(m_shardError, tr("No adjacent open shards are left to merge."));
      break;
    }
    send(*step);
    if (openShards(m_controller.world(), stream) == before)
      break; // refused: the message is already shown
  }
  reload();
}

} // namespace streamscope::ui
