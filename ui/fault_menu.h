#pragma once
// The faults a user can inject, as menu actions: on the thing itself (right-click a broker,
// replica, consumer, shard or zone) and for the whole world (power off every broker, drop
// a record in flight). Actions only describe the fault; `apply` sends it to the controller.
// GUI thread; reads the frame's view of the world while the menu is built.
#include "model/explain/world_item.h"
#include "model/view/world_view.h"

#include <QMenu>

#include <functional>

namespace streamscope::ui {

using ApplyFault = std::function<void(const model::Fault &)>;

/// Adds the faults that make sense for `item`; returns how many were added.
int addItemFaults(QMenu &menu, const model::WorldView &view, const model::WorldItem &item, const ApplyFault &apply);
/// The window's own actions for the two whole-system faults that have shortcuts; menus that
/// offer those faults show these actions (with their shortcuts), never a second copy.
struct SharedFaultActions {
  QAction *powerOffAll = nullptr;
  QAction *dropRecord = nullptr;
};
/// Adds faults that act on the whole cluster or stream, in title case like every menu item.
void addWorldFaults(QMenu &menu, const model::WorldView &view, const ApplyFault &apply, const SharedFaultActions &shared);

} // namespace streamscope::ui
