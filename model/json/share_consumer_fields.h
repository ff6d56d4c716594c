#pragma once
// Reads a "consumers" entry with "share_group" (KIP-932 share group members) and checks that
// entries naming one share group agree on its group-level settings.
// Contract: pure functions of their arguments (errors are thrown as JsonFieldError); any thread.
#include "engine/world/scenario.h"

#include <QJsonObject>
#include <QString>

namespace streamscope::model {

/// REQUIRES: `o` has "share_group". `s` holds the entries read so far.
engine::ShareConsumerConfig readShareConsumer(const QJsonObject &o, const QString &pointer, const engine::Scenario &s);
/// A fault that cannot apply to a share group (seek: it has no positions to move).
void checkShareGroupFault(const engine::Fault &fault, const QString &pointer, const engine::Scenario &s);

} // namespace streamscope::model
