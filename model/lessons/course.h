#pragma once
// The course as a whole: the concepts lessons teach (lessons/course/concepts.json, one line of
// definition each), whether every concept is introduced by an earlier lesson before a lesson
// uses it, and the prerequisite graph that follows (lesson B depends on the lesson that
// introduces a concept B uses), which the welcome page draws as the course map.
// Contract: pure functions of their arguments (concept files read from disk); any thread.
#include "lesson.h"

#include <QString>

#include <vector>

namespace streamscope::model {

struct Concept {
  QString id; ///< "consumer-group"
  QString definition; ///< one line
};

/// The concepts of `path` (a JSON object of id to definition), in file order; empty with
/// `error` set if it cannot be read.
std::vector<Concept> loadConcepts(const QString &path, QString *error);
/// The concept list of a lesson folder: DIR/course/concepts.json.
QString conceptsFileOf(const QString &lessonDir);

/// Every concept problem of the course, lessons in the given order: a concept used before
/// any lesson introduced it, introduced twice, or (if `known` is not empty) not in the list.
/// Each as "LESSON-ID: uses \"x\" before it is introduced (first introduced by ID)" and so on.
QStringList conceptProblems(const std::vector<Lesson> &lessons, const std::vector<Concept> &known);

/// For each lesson, the indices of the earlier lessons it directly depends on: those that
/// introduce a concept it uses, less any that another of them already depends on.
std::vector<std::vector<int>> lessonPrerequisites(const std::vector<Lesson> &lessons);

} // namespace streamscope::model
