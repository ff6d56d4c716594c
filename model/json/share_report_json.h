#pragma once
// The "share_groups" array of `streamscope-cli run --json` and its lines in the text report.
// Contract: pure functions of their arguments; any thread.
#include "engine/sim/share_report.h"

#include <QJsonArray>
#include <QString>

namespace streamscope::model {

QJsonArray shareGroupsToJson(const std::vector<engine::ShareGroupReport> &groups);
/// A table of the share groups for the text report ("" when there are none).
QString shareGroupsText(const std::vector<engine::ShareGroupReport> &groups);

} // namespace streamscope::model
