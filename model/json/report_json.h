#pragma once
// The run report as JSON (the `streamscope-cli run --json` contract) and as readable text.
#include "engine/core/event.h"
#include "engine/sim/report.h"

#include <QJsonObject>
#include <QString>

namespace streamscope::model {

QJsonObject reportToJson(const engine::Report &report);
QString reportToText(const engine::Report &report);
/// One event as a line: time in ms, type, then its fields by name.
QString eventToText(const engine::Event &event);

} // namespace streamscope::model
