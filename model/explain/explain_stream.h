#pragma once
// The inspector's text for a Kinesis stream: its status (ACTIVE, or UPDATING with the
// operation under way and the time left), its capacity mode, its open and closed shards and,
// on-demand, the measured peak and the shards Kinesis keeps for it.
// Contract: pure reads of a World it is given (const); the GUI thread that owns its view.
#include "item_explainer.h"

namespace streamscope::model {

/// REQUIRES: 0 <= stream < world.kinesis.streams.size().
Explanation explainStream(const engine::World &world, int stream);

} // namespace streamscope::model
