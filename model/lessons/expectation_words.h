#pragma once
// Expectation subjects and their values as sentences, for the player's "What the engine
// shows": `broker 0 state` at 2 reads "broker 0 has lost power", `partition payments-0
// high_watermark` at 120 reads "payments-0's high watermark is at offset 120". Every subject
// of lessons/README.md has a sentence; an unknown one falls back to "SUBJECT is VALUE".
// Contract: pure functions of their arguments; any thread.
#include <QString>
#include <QStringList>

namespace streamscope::model {

/// `subject` (split into words, as Expectation parses it) having `value`, in words.
QString subjectInWords(const QStringList &subject, double value);

} // namespace streamscope::model
