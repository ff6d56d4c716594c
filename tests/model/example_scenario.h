// Loads one of the project's example scenarios; a test cannot go on without it.
#pragma once

#include "model/json/scenario_loader.h"

#include <QtGlobal>

namespace streamscope::test {

inline engine::Scenario exampleScenario(const char *name) {
  const auto r = model::loadScenarioFile(QStringLiteral(SCENARIO_DIR "/") + QString::fromLatin1(name));
  if (!r.scenario)
    qFatal("%s", qPrintable(r.error));
  return *r.scenario;
}

} // namespace streamscope::test
