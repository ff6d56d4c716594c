#pragma once
// An author's warnings about a lesson that loads and runs but teaches less well than it could:
// a prediction that gives its answer away (the right choice is the longest, or the step's
// setup text already says it), and a step without teacher notes. The loader attaches them to
// the lesson (Lesson::warnings); `streamscope-cli lesson` and the player list them.
// Contract: pure functions of their arguments; any thread.
#include "lesson.h"

#include <QStringList>

namespace streamscope::model {

/// The answer's key words: the content words of the right choice (lower case, stop words
/// and words under three letters left out) that appear in no wrong choice.
QStringList answerKeyWords(const Prediction &prediction);
/// True if most of `keyWords` (more than half, and at least one) occur as words in `text`.
bool givesAway(const QString &text, const QStringList &keyWords);

/// Every warning about `lesson`, each "step N: message".
QStringList lessonWarnings(const Lesson &lesson);

/// The order in which a learner sees a prediction's `count` choices: a permutation of
/// 0..count-1 that depends only on `seed` (stable across runs and platforms).
QList<int> shuffledChoiceOrder(int count, quint64 seed);
/// A seed for one learner, one lesson and one step (FNV-1a of the three).
quint64 choiceSeed(const QString &learner, const QString &lessonId, int step);

} // namespace streamscope::model
