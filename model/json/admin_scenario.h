#pragma once
// Scenario fault actions that change a running system rather than break it: add a broker,
// alter a topic's dynamic configs, add partitions, change the replication factor, change a
// producer's acks or keys. Same rules as the rest of the loader.
#include "engine/world/scenario.h"
#include "json_fields.h"

#include <QSet>

namespace streamscope::model {

/// Names the admin actions may refer to: producers, topics (including ones the scenario's
/// faults create) and the number of broker ids (including added brokers).
struct AdminNames {
  const QSet<QString> &producers;
  const QSet<QString> &topics;
  int brokers = 0;
};

bool isAdminAction(const QString &action);
/// Reads the action's keys into `fault` (`fault.action` is set from `action`).
void readAdminFault(JsonFields &f, const QString &action, const engine::Scenario &s, const AdminNames &names, engine::Fault &fault);
/// "acks": 0, 1, "all" or -1 (absent: all).
engine::Acks readAcks(JsonFields &f);

} // namespace streamscope::model
