#pragma once
// The Kinesis parts of a scenario file: the `kinesis` section (streams) and KCL-style
// applications in `consumers` (the Kinesis fault actions are rows of fault_table). Same
// rules as the rest of the loader: every value checked, errors name the JSON pointer.
// Contract: pure functions of their arguments; any thread.
#include "engine/world/scenario.h"
#include "json_fields.h"

namespace streamscope::model {

engine::KinesisConfig readKinesis(const QJsonObject &o);
const engine::StreamConfig *findStream(const engine::Scenario &s, const QString &name);
/// A `consumers` entry with "stream": a KCL-style application.
engine::KinesisAppConfig readApplication(const QJsonObject &o, const QString &pointer, const engine::Scenario &s);
/// Reads "stream", which must name a stream of the kinesis section.
void readStreamName(JsonFields &f, const engine::Scenario &s, std::string &out);
/// The Kinesis iterator type named in a file (`trim_horizon`, ...).
engine::IteratorType readIteratorType(JsonFields &f, const QString &key, const QStringList &allowed, std::optional<QString> fallback);

} // namespace streamscope::model
