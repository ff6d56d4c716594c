#pragma once
// Inspector words for reading Kinesis under its limits: which polling applications share a
// shard's read budget, which consumers have their own enhanced fan-out pipe, read throttles
// apart from write throttles, subscriptions and a refused consumer registration.
#include "item_explainer.h"

namespace streamscope::model {

/// Facts about the shard's readers, and why its reads were throttled ("" if they were not).
QString addShardReadFacts(const engine::World &w, int slot, Explanation &e);
/// Facts about the application's reading (throttles, lag, subscriptions); its why-text.
QString addApplicationReadFacts(const engine::World &w, int app, Explanation &e);

} // namespace streamscope::model
