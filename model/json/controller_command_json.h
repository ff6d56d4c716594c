#pragma once
// A controller command (controller_journal.h) as JSON, for sending to a follower:
// {"kind": "user_action", "fault": {...scenario "faults" entry...}, "join_group": false,
//  "after": {"branch", "at_us", "processed"}, "after_hash": "16 hex digits"}, with per kind
// "scenario" (load: the scenario text), "speed", "target" (run_to, seek, switch_branch) or
// "name" (fork_branch). Read strictly: anything missing or of the wrong type is an error.
// Contract: pure functions; any thread.
#include "model/controller_journal.h"

#include <QJsonObject>

#include <optional>

namespace streamscope::model {

/// `scenario` is the scenario running when the command was made (a fault's group may name
/// a Kinesis application).
QJsonObject commandToJson(const ControllerCommand &c, const engine::Scenario &scenario);
/// `scenarioJson` is the text of the scenario the follower runs (faults are read in its
/// context); ignored for a load, which brings its own. nullopt with `error` if malformed.
std::optional<ControllerCommand> commandFromJson(const QJsonObject &o, const QByteArray &scenarioJson, QString *error);

} // namespace streamscope::model
