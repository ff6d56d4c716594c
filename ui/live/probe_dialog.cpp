#include "probe_dialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLineEdit>
#include <QSpinBox>

namespace streamscope::ui {
namespace {
QSpinBox *spin(QWidget *parent, int min, int max, int value, const QString &tip) {
  auto *s = new QSpinBox(parent);
  s->setRange(min, max);
  s->setValue(value);
  s->setToolTip(tip);
  return s;
}
} // namespace

ProbeDialog::ProbeDialog(QWidget *parent) : QDialog(parent) {
  setWindowTitle(tr("Durability Probe"));
  const live::KafkaProbeSettings d;
  m_topic = new QLineEdit(d.topic, this);
  m_records = spin(this, 1, 10000000, d.records, tr("Numbered records to produce and read back"));
  m_rate = spin(this, 1, 1000000, static_cast<int>(d.rate), tr("Records per second"));
  m_keys = spin(this, 1, 1000000, d.keys, tr("Distinct keys key-0, key-1, ..."));
  m_acks = new QComboBox(this);
  m_acks->addItems({QStringLiteral("all"), QStringLiteral("1"), QStringLiteral("0")});
  m_idempotence = new QCheckBox(tr("Idempotent producer (acks=all only)"), this);
  m_idempotence->setChecked(true);
  m_create = new QCheckBox(tr("Create the topic first"), this);
  m_partitions = spin(this, 1, 10000, 3, tr("Partitions of the new topic"));
  m_replication = spin(this, 1, 64, 3, tr("Replication factor of the new topic"));
  m_minIsr = spin(this, 1, 64, 2, tr("min.insync.replicas of the new topic"));
  auto *form = new QFormLayout(this);
  form->addRow(tr("&Topic:"), m_topic);
  form->addRow(tr("&Records:"), m_records);
  form->addRow(tr("R&ate (records/s):"), m_rate);
  form->addRow(tr("&Keys:"), m_keys);
  form->addRow(tr("A&cks:"), m_acks);
  form->addRow(m_idempotence);
  form->addRow(m_create);
  form->addRow(tr("Partitions:"), m_partitions);
  form->addRow(tr("Replication factor:"), m_replication);
  form->addRow(tr("Min ISR:"), m_minIsr);
  auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
  connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  form->addRow(buttons);
  const auto refresh = [this] {
    const bool all = m_acks->currentText() == QLatin1String("all");
    m_idempotence->setEnabled(all);
    if (!all)
      m_idempotence->setChecked(false);
    for (QSpinBox *s : {m_partitions, m_replication, m_minIsr})
      s->setEnabled(m_create->isChecked());
    m_minIsr->setMaximum(m_replication->value());
  };
  connect(m_acks, &QComboBox::currentTextChanged, this, refresh);
  connect(m_create, &QCheckBox::toggled, this, refresh);
  connect(m_replication, &QSpinBox::valueChanged, this, refresh);
  refresh();
}

live::KafkaProbeSettings ProbeDialog::settings() const {
  live::KafkaProbeSettings s;
  s.topic = m_topic->text().trimmed();
  s.records = m_records->value();
  s.rate = m_rate->value();
  s.keys = m_keys->value();
  s.acks = m_acks->currentText();
  s.idempotence = m_idempotence->isChecked();
  s.createTopic = m_create->isChecked();
  s.partitions = m_partitions->value();
  s.replicationFactor = m_replication->value();
  s.minInsyncReplicas = m_minIsr->value();
  return s;
}

} // namespace streamscope::ui
