#pragma once
// Faults back to scenario JSON: what the user did during a run is saved into the scenario's
// "faults" array, in the same form the loader reads, so reopening the file replays it.
// Contract: pure functions of their arguments; any thread.
#include "engine/world/scenario.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>

#include <optional>

#include <vector>

namespace streamscope::model {

/// One fault as a "faults" entry. `application` says the fault's group names a Kinesis
/// application (consumer actions), not a Kafka consumer group.
QJsonObject faultToJson(const engine::Fault &fault, bool application);

/// A "faults" entry read back with the scenario loader's own rules, in the context of the
/// scenario it belongs to (names of brokers, groups, streams). nullopt with `error` if invalid.
std::optional<engine::Fault> faultFromJson(const QByteArray &scenarioJson, const QJsonObject &fault, QString *error);

/// The scenario text with `faults` appended to its "faults" array (sorted by time with the
/// ones already there). Returns an empty array and sets `error` if the text is not a
/// JSON object.
QByteArray withFaults(const QByteArray &scenarioJson, const engine::Scenario &scenario, const std::vector<engine::Fault> &faults, QString *error);

/// The scenario text with its "name" and "description" replaced (an empty description is
/// left out). Returns an empty array if the text is not a JSON object.
QByteArray withDetails(const QByteArray &scenarioJson, const QString &name, const QString &description);

} // namespace streamscope::model
