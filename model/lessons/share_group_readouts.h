#pragma once
// The expectation subjects of share groups (KIP-932): totals such as `share_group G archived`
// (acknowledged, released, rejected, archived, redelivered, delivered, processed,
// lock_expired, late_acknowledgements, out_of_order, members, idle_members) and per-partition values such
// as `share_group G spso 0` (spso, speo, available, acquired). expectation_readouts.cpp asks here.
// Contract: pure reads of a World it is given (const); any thread that owns that World.
#include "engine/world/world.h"

#include <QString>
#include <QStringList>

#include <optional>

namespace streamscope::model::share_group_readouts {

bool answers(const QStringList &subject);
/// REQUIRES: answers(subject). Why the subject is malformed, or nullopt.
std::optional<QString> check(const QStringList &subject);
/// REQUIRES: answers(subject) and check(subject) is nullopt. The value, or nullopt with `why`.
std::optional<double> value(const QStringList &subject, const engine::World &world, QString *why);
/// REQUIRES: answers(subject). The subject with value `v`, as a sentence.
QString inWords(const QStringList &subject, double v);
/// The fields of "share_group", for messages.
QStringList fields();

} // namespace streamscope::model::share_group_readouts
