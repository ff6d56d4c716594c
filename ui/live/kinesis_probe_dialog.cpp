#include "kinesis_probe_dialog.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>

namespace streamscope::ui {
namespace {
const QString kGroup = QStringLiteral("live/kinesis/probe/");
}

KinesisProbeDialog::KinesisProbeDialog(QWidget *parent) : QDialog(parent) {
  setWindowTitle(tr("Kinesis Durability Probe"));
  QSettings settings;
  const auto spin = [this, &settings](const QString &key, int low, int high, int fallback, const QString &suffix) {
    auto *box = new QSpinBox(this);
    box->setRange(low, high);
    box->setValue(settings.value(kGroup + key, fallback).toInt());
    box->setSuffix(suffix);
    box->setGroupSeparatorShown(true);
    return box;
  };
  m_records = spin(QStringLiteral("records"), 1, 1000000, 2000, tr(" records"));
  m_rate = spin(QStringLiteral("rate"), 1, 100000, 500, tr(" records/s"));
  m_rate->setToolTip(tr("A provisioned shard takes 1,000 records a second: above that, the probe sees write throttles"));
  m_keys = spin(QStringLiteral("keys"), 1, 100000, 16, tr(" partition keys"));
  m_keys->setToolTip(tr("Keys used in turn; each key's MD5 picks its shard, so few keys may leave shards idle"));
  auto *note = new QLabel(tr("The probe puts numbered records with PutRecords, reads every shard back from its first acknowledged "
                             "record, and counts what was acknowledged but never read back."),
                          this);
  note->setWordWrap(true);
  auto *form = new QFormLayout(this);
  form->addRow(note);
  form->addRow(tr("&Records:"), m_records);
  form->addRow(tr("R&ate:"), m_rate);
  form->addRow(tr("&Keys:"), m_keys);
  auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
  buttons->button(QDialogButtonBox::Ok)->setText(tr("&Run Probe"));
  connect(buttons, &QDialogButtonBox::accepted, this, [this] {
    QSettings s;
    s.setValue(kGroup + QStringLiteral("records"), m_records->value());
    s.setValue(kGroup + QStringLiteral("rate"), m_rate->value());
    s.setValue(kGroup + QStringLiteral("keys"), m_keys->value());
    accept();
  });
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  form->addRow(buttons);
}

live::kinesis::ProbeOptions KinesisProbeDialog::options() const {
  live::kinesis::ProbeOptions o;
  o.records = m_records->value();
  o.rate = m_rate->value();
  o.keys = m_keys->value();
  return o;
}

} // namespace streamscope::ui
