#pragma once
// The kafka section's control-plane keys (metadata mode, KRaft controllers and
// their timeouts, ZooKeeper mode's session and load time) and faults' "controller" target.
// Readers throw JsonFieldError like every loader field; call from the loading thread.
#include "engine/world/scenario.h"
#include "fault_fields.h"
#include "json_fields.h"

#include <QJsonObject>

namespace streamscope::model {

/// Reads the control-plane keys into `k` (k.brokers, k.version and k.brokerSessionTimeout already read).
void readControlPlane(JsonFields &f, engine::KafkaConfig &k);
/// The controller ids a scenario's KRaft quorum has (empty in ZooKeeper mode).
QList<int> controllerIds(const engine::KafkaConfig &k);
/// A broker fault's target: "controller" (a KRaft controller id) or "broker" as readBroker.
/// Returns the broker (-1 for "all" or when a controller is named) and sets `controller`.
int readBrokerOrController(JsonFields &f, const FaultContext &ctx, bool allowAll, int &controller);
/// Writes "controller" when set, else "broker" (as brokerOrAll, or omitted when `omitAll`).
void writeBrokerOrController(QJsonObject &o, int broker, int controller, bool omitAll = false);

} // namespace streamscope::model
