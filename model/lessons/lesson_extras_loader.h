#pragma once
// Reads a step's scrub, fork, follow and show keys and a lesson's challenge, and the reshard
// action, with the lesson reader's own parsers (so their actions and expectations are checked
// exactly like a step's). Errors are JsonFieldErrors, located by the lesson loader.
// Contract: called by the lesson loader while it reads one file; no state of its own.
#include "lesson.h"
#include "model/json/json_fields.h"

#include <QJsonArray>
#include <QJsonValue>

#include <functional>

namespace streamscope::model {

struct LessonParts {
  std::function<std::vector<LessonAction>(const QJsonArray &, const QString &)> actions;
  std::function<Expectation(const QJsonValue &, const QString &)> expectation;
  std::function<std::vector<LessonHighlight>(const QJsonArray &, const QString &)> highlights;
  QByteArray scenario; ///< the scenario in force
};

/// The step's `scrub`, `fork`, `follow` and `show`, if given.
void readStepExtras(JsonFields &f, LessonStep &step, const LessonParts &parts);
/// The lesson's `challenge`, if given.
std::optional<Challenge> readChallenge(JsonFields &f, const LessonParts &parts);
/// `{"reshard": {"stream": "orders", "open_shards": 4}}` into `a`.
void readReshard(JsonFields &f, const QString &key, LessonAction &a, const QByteArray &scenario);

} // namespace streamscope::model
