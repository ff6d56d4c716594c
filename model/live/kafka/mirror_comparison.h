#pragma once
// The probe's real numbers beside the mirrored simulation's: the mirror scenario is run to
// its end in the engine and both reports are set side by side, row by row.
#include "kafka_probe.h"

#include <QJsonObject>
#include <QString>

#include <vector>

namespace streamscope::live {

struct ComparisonRow {
  QString measure; ///< "produced", "acknowledged", ... as run --json names them
  double real = 0; ///< the probe on the real cluster
  double simulated = 0; ///< the mirror in the simulator
};

struct MirrorComparison {
  std::vector<ComparisonRow> rows;
  QString error; ///< the scenario did not load; rows empty
};

/// Runs `scenario` (a mirror) to its end and compares it with `probe`. Blocking (seconds).
MirrorComparison compareWithMirror(const ProbeReport &probe, const QJsonObject &scenario);

} // namespace streamscope::live
