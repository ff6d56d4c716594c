#pragma once
// The configuration rules the settings dock checks before it sends a change, re-exported from
// the engine's single statement of them (engine/world/config_rules.h) so that ui/ asks the
// same rules the engine applies without including engine/. Pure functions; any thread.
#include "engine/world/config_rules.h"

namespace streamscope::model {

using Acks = engine::Acks;
using engine::acksSetting;
using engine::idempotenceAllowed;
using engine::minIsrUnreachable;
using engine::replicationFactorFits;

} // namespace streamscope::model
