#pragma once
// The faults a user can inject, as menu actions: on the thing itself (right-click a broker,
// replica, consumer, shard or zone) and for the whole world (power off every broker, drop
// a record in flight). Actions only describe the fault; `apply` sends it to the controller.
#include "engine/world/world.h"
#include "model/explain/world_item.h"

#include <QMenu>

#include <functional>

namespace streamscope::ui {

using ApplyFault = std::function<void(const engine::Fault &)>;

/// Adds the faults that make sense for `item`; returns how many were added.
int addItemFaults(QMenu &menu, const engine::World &world, const model::WorldItem &item, const ApplyFault &apply);
/// Adds faults that act on the whole cluster or stream.
void addWorldFaults(QMenu &menu, const engine::World &world, const ApplyFault &apply);

} // namespace streamscope::ui
