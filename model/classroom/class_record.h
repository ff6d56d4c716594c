#pragma once
// The class record: every answer of every classroom session, per step, in the teacher's
// library database (SQLite), exportable as CSV (student name, lesson, step, choice, correct,
// time to answer) with a per-step summary. A student's later answer to the same step replaces
// the earlier one, as the live tally does.
// Contract: GUI thread (or the CLI's main thread); each ClassRecord owns its own connection.
#include <QDateTime>
#include <QString>

#include <vector>

namespace streamscope::classroom {

struct RecordedAnswer {
  QString session; ///< the session's id (its start, ISO 8601 with milliseconds)
  QString lesson;
  int step = 0;
  QString student;
  int choice = 0;
  bool correct = false;
  qint64 answerMs = 0;
};

struct StepSummary {
  QString lesson;
  int step = 0;
  int answered = 0;
  int correct = 0;
  double meanAnswerMs = 0;
};

class ClassRecord {
public:
  /// Opens (creating) the record in the database at `path`. Check ok() and error().
  explicit ClassRecord(const QString &path);
  ClassRecord(const ClassRecord &) = delete;
  ClassRecord &operator=(const ClassRecord &) = delete;
  ~ClassRecord();
  bool ok() const { return m_error.isEmpty(); }
  const QString &error() const { return m_error; }

  bool add(const RecordedAnswer &answer);
  /// The sessions recorded, newest first.
  QStringList sessions() const;
  std::vector<RecordedAnswer> answers(const QString &session) const;
  std::vector<StepSummary> summary(const QString &session) const;
  /// The session's answers as CSV (RFC 4180: a header line, quoted fields where needed),
  /// then a blank line and the per-step summary.
  QString csv(const QString &session) const;

private:
  QString m_connection;
  QString m_error;
};

/// A new session id: now, in UTC, ISO 8601 with milliseconds.
QString newSessionId();

} // namespace streamscope::classroom
