#pragma once
// The expectation subjects of delivery guarantees: Kafka's transactions as a whole
// (`transactions committed`, `aborted`, `fenced`, `timed_out`, `open`, `fenced_writes`), a
// partition's last stable offset (`partition payments-0 last_stable_offset`), what a group was
// handed before it committed (`group G uncommitted_delivered`) and a pipeline's outputs
// (`pipeline P outputs`, `pipeline P duplicates_processed`). expectation_readouts.cpp asks here.
// Contract: pure reads of a World it is given (const); any thread that owns that World.
#include "engine/world/world.h"

#include <QString>
#include <QStringList>

#include <optional>

namespace streamscope::model::transaction_readouts {

bool answers(const QStringList &subject);
/// REQUIRES: answers(subject). Why the subject is malformed, or nullopt.
std::optional<QString> check(const QStringList &subject);
/// REQUIRES: answers(subject) and check(subject) is nullopt. The value, or nullopt with `why`.
std::optional<double> value(const QStringList &subject, const engine::World &world, QString *why);
/// REQUIRES: answers(subject). The subject with value `v`, as a sentence.
QString inWords(const QStringList &subject, double v);
/// The fields this file adds to a subject's head, for messages.
QStringList fieldsOf(const QString &head);

} // namespace streamscope::model::transaction_readouts
