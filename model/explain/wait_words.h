#pragma once
// Stalled clients in words: the canvas caption next to a waiting client, the status bar's
// longest stall, and the inspector's account of what a client waits for, since when, until
// when, and which setting decides it.
// Contract: pure functions of a view or world they are given; GUI thread.
#include "item_explainer.h"
#include "model/view/wait_view.h"
#include "model/view/world_view.h"

#include <QString>

namespace streamscope::model {

/// "23.4 s", or "450 ms" under a second.
QString waitDurationText(SimTime t);
/// The setting with its value: "request.timeout.ms = 3000 (3 s)".
QString waitSettingText(const WaitView &wait);
/// What it waits for: "waits for broker 0".
QString waitTargetText(const WaitView &wait);
/// When the wait ends and what happens then: "gives up in 23.4 s" ("due now" at the deadline).
QString waitEndText(const WaitView &wait, SimTime now);
/// The canvas caption: "waits for broker 0 · gives up in 23.4 s".
QString waitCaption(const WaitView &wait, SimTime now);
/// The status bar's line for the longest stall now, or an empty string when no client stalls:
/// "Longest stall: producer api waiting 2.3 s for broker 0 (request.timeout.ms 3 s)".
QString longestStallText(const WorldView &view);
/// Puts the wait of `item` (if it stalls) first in `e`: facts and one sentence on why.
void addWaitExplanation(Explanation &e, const engine::World &world, const WorldItem &item);

} // namespace streamscope::model
