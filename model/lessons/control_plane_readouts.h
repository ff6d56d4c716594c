#pragma once
// The expectation subjects of Kafka's control plane: the controller quorum as a whole
// (`quorum has_leader`, `quorum leader`, `quorum epoch`, `quorum voters_running`, `quorum majority`,
// `quorum committed`), one controller (`controller 3000 active`, `running`, `epoch`,
// `log_end_offset`, `committed_offset`), and how far a broker has applied the metadata log
// (`broker 1 metadata_applied`). expectation_readouts.cpp asks here first.
// Contract: pure reads of a World it is given (const); any thread that owns that World.
#include "engine/world/world.h"

#include <QString>
#include <QStringList>

#include <optional>

namespace streamscope::model::control_plane_readouts {

bool answers(const QStringList &subject);
/// REQUIRES: answers(subject). Why the subject is malformed, or nullopt.
std::optional<QString> check(const QStringList &subject);
/// REQUIRES: answers(subject) and check(subject) is nullopt. The value, or nullopt with `why`.
std::optional<double> value(const QStringList &subject, const engine::World &world, QString *why);
/// REQUIRES: answers(subject). The subject with value `v`, as a sentence.
QString inWords(const QStringList &subject, double v);
/// The fields this file adds to a subject's head, for messages.
QStringList fieldsOf(const QString &head);

} // namespace streamscope::model::control_plane_readouts
