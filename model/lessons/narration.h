#pragma once
// Live numbers in a lesson's narration. Markdown may embed any expectation subject in double
// braces, `{{partition payments-0 high_watermark}}`; the loader checks each one (so a typo is a
// load error) and the player and `streamscope-cli lesson --show-text` replace it with the
// engine's value at the step's moment: once its actions and its try-it have run, when its
// expectations are checked. Text shown before that moment (a prediction's question, a
// try-it's task) may hold no braces; checkNoBraces() finds them for the loader.
// Values are formatted for prose: whole numbers without decimals, latencies with one decimal,
// true/false for yes-or-no fields, broker states by name, acks -1 as "all". No unit is added;
// the author writes it.
// Contract: pure functions of their arguments; any thread that owns the World it reads.
#include "engine/world/world.h"

#include <QString>
#include <QStringList>

#include <optional>

namespace streamscope::model {

struct NarrationProblem {
  qsizetype at = 0; ///< index in the text of the "{{" at fault
  QString message;
};

/// Checks every `{{SUBJECT}}` of `markdown`: closed, and a subject Expectation knows.
std::optional<NarrationProblem> checkNarration(const QString &markdown);
/// For text shown before its step runs: a problem at the first "{{", or nullopt.
std::optional<NarrationProblem> checkNoBraces(const QString &text, const QString &where);
/// True if `markdown` embeds at least one subject.
bool hasLiveNumbers(const QString &markdown);

struct RenderedNarration {
  QString text;
  QStringList missing; ///< "SUBJECT: why" for each subject without a value now (shown as —)
};
/// REQUIRES: checkNarration(markdown) is nullopt. Each subject replaced by its value in `world`.
RenderedNarration renderNarration(const QString &markdown, const engine::World &world);
/// Each subject replaced by "…": the text before its moment (while a prediction is asked).
QString narrationBeforeItsMoment(const QString &markdown);
/// A subject's value as prose shows it ("12", "3.4", "true", "powered_off", "all").
QString formatSubjectValue(const QString &subject, double value);

} // namespace streamscope::model
