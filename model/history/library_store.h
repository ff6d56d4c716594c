#pragma once
// The user's library: every scenario and recording they saved or opened, with its name, date,
// systems and duration, in the application's own SQLite database (so it survives moving
// files around only as far as their paths do). Missing files are listed as missing. It also
// keeps each lesson's progress and the learner's predictions.
// Contract: GUI thread only; each LibraryStore owns its own database connection.
#include <QDateTime>
#include <QString>

#include <optional>
#include <vector>

namespace streamscope::model {

/// The version of the SQLite library Qt SQL uses (for the About box).
QString sqliteVersion();

struct LibraryEntry {
  QString path;
  QString kind; ///< "scenario" or "recording"
  QString name;
  QString systems; ///< "Kafka", "Kinesis" or "Kafka + Kinesis"
  qint64 durationMs = 0;
  QDateTime savedAt;
};

/// How far a learner got in a lesson, and the choices they made at its predictions.
struct LessonProgress {
  QString lessonId;
  int stepsDone = 0;
  int steps = 0;
  bool completed = false;
  QString answers; ///< "step:choice" pairs, comma-separated
};

class LibraryStore {
public:
  /// Opens (creating) the library at `path`. Check ok() and error().
  explicit LibraryStore(const QString &path);
  LibraryStore(const LibraryStore &) = delete;
  LibraryStore &operator=(const LibraryStore &) = delete;
  ~LibraryStore();

  bool ok() const { return m_error.isEmpty(); }
  const QString &error() const { return m_error; }
  /// Adds or refreshes the entry for entry.path.
  bool remember(const LibraryEntry &entry);
  /// Newest first.
  std::vector<LibraryEntry> entries() const;
  bool forget(const QString &path);
  bool saveProgress(const LessonProgress &progress);
  std::optional<LessonProgress> progress(const QString &lessonId) const;
  /// The default library file in the user's data folder.
  static QString defaultPath();

private:
  QString m_connection;
  QString m_error;
};

} // namespace streamscope::model
