#pragma once
// The expectation subjects of a Kinesis stream's status and capacity: `stream S updating`
// (a resharding, mode switch or on-demand scale-up is under way), `stream S updating_ms`
// (how long until it completes), `stream S on_demand`, `stream S closed_shards` (closed and
// still listed), `stream S scale_ups` (on-demand scale-ups completed), `stream S
// throttled_writes` (over its shards) and `stream S refusals` (its scenario's resharding and
// mode faults that Kinesis refused).
// expectation_readouts.cpp asks here first.
// Contract: pure reads of a World it is given (const); any thread that owns that World.
#include "engine/world/world.h"

#include <QString>
#include <QStringList>

#include <optional>

namespace streamscope::model::stream_capacity_readouts {

bool answers(const QStringList &subject);
/// REQUIRES: answers(subject). Why the subject is malformed, or nullopt.
std::optional<QString> check(const QStringList &subject);
/// REQUIRES: answers(subject) and check(subject) is nullopt. The value, or nullopt with `why`.
std::optional<double> value(const QStringList &subject, const engine::World &world, QString *why);
/// REQUIRES: answers(subject). The subject with value `v`, as a sentence.
QString inWords(const QStringList &subject, double v);
/// The fields this file adds to "stream", for messages.
QStringList fields();

} // namespace streamscope::model::stream_capacity_readouts
