#pragma once
// The run report as JSON (the `streamscope-cli run --json` contract) and as readable text.
#include "engine/sim/report.h"

#include <QJsonObject>
#include <QString>

namespace streamscope::model {

QJsonObject reportToJson(const engine::Report &report);
QString reportToText(const engine::Report &report);

} // namespace streamscope::model
