// Loads one of the project's example scenarios; a test cannot go on without it.
#pragma once

#include "model/json/scenario_loader.h"

#include <QFile>
#include <QtGlobal>

namespace streamscope::test {

inline engine::Scenario exampleScenario(const char *name) {
  const auto r = model::loadScenarioFile(QStringLiteral(SCENARIO_DIR "/") + QString::fromLatin1(name));
  if (!r.scenario)
    qFatal("%s", qPrintable(r.error));
  return *r.scenario;
}

/// The text of one of the example scenarios.
inline QByteArray exampleScenarioText(const char *name) {
  QFile f(QStringLiteral(SCENARIO_DIR "/") + QString::fromLatin1(name));
  if (!f.open(QIODevice::ReadOnly))
    qFatal("cannot read %s", name);
  return f.readAll();
}

} // namespace streamscope::test
