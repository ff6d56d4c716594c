#pragma once
// Reads scenario files (JSON) into engine::Scenario. Every value is checked; a bad file is
// refused with `file:line:column: message`, and nothing is ever silently defaulted: a key
// that is absent takes the real system's default, a key that is wrong is an error.
// Contract: functions of their arguments (and the file they read); any thread.
#include "engine/world/scenario.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace streamscope::model {

struct ScenarioLoadResult {
  std::optional<engine::Scenario> scenario;
  QString error; ///< `file:line:column: message` when scenario is empty
  QByteArray text; ///< the JSON it was read from (saving a run appends to it)
  double playbackSpeed = 1.0; ///< `playback_speed`: the app starts playing at this speed
};

/// Reads and validates the file at `path`.
ScenarioLoadResult loadScenarioFile(const QString &path);
/// Validates JSON text; `fileName` is only used in messages.
ScenarioLoadResult loadScenarioText(const QByteArray &text, const QString &fileName);

} // namespace streamscope::model
