#pragma once
// Engine events in words, for the caption Step and Back show ("follower fetch arrived at
// broker 2, HW 154 → 155"). Read from the event stream (engine/core/event.h).
// Contract: pure functions of their arguments; any thread.
#include "engine/core/event.h"
#include "engine/world/world.h"
#include "model/history/run_history.h"

#include <QString>

#include <cstdint>
#include <vector>

namespace streamscope::model {

/// Every replica's high watermark (per partition, per replica slot): taken before a step, it
/// lets the words say how far a high watermark moved.
using Watermarks = std::vector<std::vector<std::int64_t>>;
Watermarks watermarks(const engine::World &world);

/// One event in words ("produce request from producer checkout arrived at broker 0 (orders-1)").
QString describeEvent(const engine::Event &event, const engine::World &world);

/// The events of one engine step: the first in full, then what it caused, briefly ("HW 154 →
/// 155"), with high watermarks as they were in `before`. Empty when there are no events.
QString describeEvents(const std::vector<engine::Event> &events, const engine::World &world, const Watermarks &before);

/// The caption of a Step ("Step: …", what it ran) or a Back ("Back: undid …", what it undid).
QString stepWords(const StepRecord &step, const engine::World &world, const Watermarks &before);

} // namespace streamscope::model
