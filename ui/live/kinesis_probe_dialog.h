#pragma once
// The Kinesis durability probe's settings: how many records, how fast, over how many
// partition keys. Remembered between runs.
#include "model/live/kinesis/kinesis_probe.h"

#include <QDialog>

class QSpinBox;

namespace streamscope::ui {

class KinesisProbeDialog : public QDialog {
  Q_OBJECT
public:
  explicit KinesisProbeDialog(QWidget *parent = nullptr);
  live::kinesis::ProbeOptions options() const;

private:
  QSpinBox *m_records, *m_rate, *m_keys;
};

} // namespace streamscope::ui
