#pragma once
// Scenario fault actions that change a running system rather than break it: add a broker,
// alter a topic's dynamic configs, add partitions, change the replication factor, change a
// producer's acks or keys. Same rules as the rest of the loader.
#include "engine/sim/scenario.h"
#include "json_fields.h"

#include <QSet>

namespace streamscope::model {

bool isAdminAction(const QString &action);
/// Reads the action's keys into `fault` (`fault.action` is set from `action`).
void readAdminFault(JsonFields &f, const QString &action, const engine::Scenario &s, const QSet<QString> &producers,
                    engine::Fault &fault);
/// "acks": 0, 1, "all" or -1 (absent: all).
engine::Acks readAcks(JsonFields &f);

} // namespace streamscope::model
