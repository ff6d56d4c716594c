#pragma once
// The claims the lessons must show live: the 21 statements engineers commonly make when they
// compare Kafka and Kinesis, each with a short id (C01 to C21). docs/claims.md is the full
// table (each claim, what a lesson must show, and where); this is the list of ids the lesson
// loader accepts in a step's "claims" and `streamscope-cli lesson --claims` reports on.
// tst_claims checks that the two agree.
// Contract: constant data; any thread.
#include <QString>
#include <QStringList>

#include <vector>

namespace streamscope::model {

struct Claim {
  QString id; ///< "C01"
  QString title; ///< the claim in a few words (docs/claims.md states it in full)
};

/// Every claim, in order C01..C21.
const std::vector<Claim> &claims();
/// True if `id` is one of claims().
bool isKnownClaim(const QString &id);

struct Lesson;

/// Where one claim is shown: the steps that name it, and how many expectations they check.
struct ClaimCoverage {
  QString id;
  QStringList steps; ///< "LESSON:STEP" (lessonLabel, 1-based step), in the order given
  int expectations = 0; ///< the `expect` entries of those steps
  /// Shown: at least one step names it and checks an expectation.
  bool shown() const { return expectations > 0; }
};
/// One row per claim, C01 first, over `lessons` in the order given.
std::vector<ClaimCoverage> claimCoverage(const std::vector<Lesson> &lessons);
/// How a lesson is named in claim reports: the leading number of its file name ("07" for
/// 07-where-a-kafka-write-lands.json), or the whole name without extension if it has none.
QString lessonLabel(const Lesson &lesson);

} // namespace streamscope::model
