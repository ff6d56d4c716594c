#pragma once
// The expectation subjects that read a setting or a position rather than a running total:
// a topic's configuration (`topic T replication_factor`), a producer's acks, a consumer
// group's position and committed offset per partition, a KCL application's checkpoint per
// shard, and the fewest availability zones holding any acknowledged record of a stream.
// Expectation (expectation.cpp) asks here first, so these subjects share its grammar, its
// load-time check and its evaluation; nothing else calls this file.
// Contract: pure reads of a World it is given (const); any thread that owns that World.
#include "engine/world/world.h"

#include <QString>
#include <QStringList>

#include <optional>

namespace streamscope::model::readouts {

/// True if `subject` (split into words) is one of the subjects this file answers,
/// judged by its first word and its field.
bool answers(const QStringList &subject);
/// REQUIRES: answers(subject). Why the subject is malformed, or nullopt.
std::optional<QString> check(const QStringList &subject);
/// REQUIRES: answers(subject) and check(subject) is nullopt. The value, or nullopt with `why`.
std::optional<double> value(const QStringList &subject, const engine::World &world, QString *why);
/// The fields this file adds to a subject's head ("topic", "group", ...), for messages.
QStringList fieldsOf(const QString &head);

} // namespace streamscope::model::readouts
