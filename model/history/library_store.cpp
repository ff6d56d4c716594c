#include "library_store.h"

#include <QDir>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QUuid>

namespace streamscope::model {

QString sqliteVersion() {
  const QString name = QUuid::createUuid().toString();
  QString version;
  {
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
    db.setDatabaseName(QStringLiteral(":memory:"));
    if (db.open()) {
      QSqlQuery q(db);
      if (q.exec(QStringLiteral("SELECT sqlite_version()")) && q.next())
        version = q.value(0).toString();
    }
    db.close();
  }
  QSqlDatabase::removeDatabase(name);
  return version.isEmpty() ? QObject::tr("unavailable") : version;
}

LibraryStore::LibraryStore(const QString &path) : m_connection(QUuid::createUuid().toString()) {
  QDir().mkpath(QFileInfo(path).absolutePath());
  QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connection);
  db.setDatabaseName(path);
  if (!db.open()) {
    m_error = QStringLiteral("%1: %2").arg(path, db.lastError().text());
    return;
  }
  QSqlQuery q(db);
  q.exec(QStringLiteral("PRAGMA journal_mode=WAL"));
  if (!q.exec(QStringLiteral("CREATE TABLE IF NOT EXISTS entries(path TEXT PRIMARY KEY, kind TEXT NOT NULL, name TEXT NOT NULL,"
                             " systems TEXT NOT NULL, duration_ms INTEGER NOT NULL, saved_at TEXT NOT NULL)")) ||
      !q.exec(QStringLiteral("CREATE TABLE IF NOT EXISTS lesson_progress(lesson TEXT PRIMARY KEY, steps_done INTEGER NOT NULL,"
                             " steps INTEGER NOT NULL, completed INTEGER NOT NULL, answers TEXT NOT NULL)")))
    m_error = QStringLiteral("%1: %2").arg(path, q.lastError().text());
}

LibraryStore::~LibraryStore() {
  { QSqlDatabase::database(m_connection, false).close(); }
  QSqlDatabase::removeDatabase(m_connection);
}

QString LibraryStore::defaultPath() { return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/library.sqlite"); }

bool LibraryStore::remember(const LibraryEntry &e) {
  if (!ok())
    return false;
  QSqlQuery q(QSqlDatabase::database(m_connection, false));
  q.prepare(QStringLiteral("INSERT INTO entries(path, kind, name, systems, duration_ms, saved_at) VALUES (?, ?, ?, ?, ?, ?)"
                           " ON CONFLICT(path) DO UPDATE SET kind = excluded.kind, name = excluded.name, systems = excluded.systems,"
                           " duration_ms = excluded.duration_ms, saved_at = excluded.saved_at"));
  q.addBindValue(QFileInfo(e.path).absoluteFilePath());
  q.addBindValue(e.kind);
  q.addBindValue(e.name);
  q.addBindValue(e.systems);
  q.addBindValue(e.durationMs);
  q.addBindValue((e.savedAt.isValid() ? e.savedAt : QDateTime::currentDateTimeUtc()).toString(Qt::ISODateWithMs));
  return q.exec();
}

std::vector<LibraryEntry> LibraryStore::entries() const {
  std::vector<LibraryEntry> list;
  if (!ok())
    return list;
  QSqlQuery q(QSqlDatabase::database(m_connection, false));
  if (!q.exec(QStringLiteral("SELECT path, kind, name, systems, duration_ms, saved_at FROM entries ORDER BY saved_at DESC")))
    return list;
  while (q.next())
    list.push_back({q.value(0).toString(), q.value(1).toString(), q.value(2).toString(), q.value(3).toString(), q.value(4).toLongLong(),
                    QDateTime::fromString(q.value(5).toString(), Qt::ISODateWithMs)});
  return list;
}

bool LibraryStore::saveProgress(const LessonProgress &p) {
  if (!ok())
    return false;
  QSqlQuery q(QSqlDatabase::database(m_connection, false));
  q.prepare(QStringLiteral("INSERT INTO lesson_progress(lesson, steps_done, steps, completed, answers) VALUES (?, ?, ?, ?, ?)"
                           " ON CONFLICT(lesson) DO UPDATE SET steps_done = max(steps_done, excluded.steps_done), steps = excluded.steps,"
                           " completed = max(completed, excluded.completed), answers = excluded.answers"));
  q.addBindValue(p.lessonId);
  q.addBindValue(p.stepsDone);
  q.addBindValue(p.steps);
  q.addBindValue(p.completed ? 1 : 0);
  q.addBindValue(p.answers);
  return q.exec();
}

std::optional<LessonProgress> LibraryStore::progress(const QString &lessonId) const {
  if (!ok())
    return std::nullopt;
  QSqlQuery q(QSqlDatabase::database(m_connection, false));
  q.prepare(QStringLiteral("SELECT steps_done, steps, completed, answers FROM lesson_progress WHERE lesson = ?"));
  q.addBindValue(lessonId);
  if (!q.exec() || !q.next())
    return std::nullopt;
  return LessonProgress{lessonId, q.value(0).toInt(), q.value(1).toInt(), q.value(2).toInt() != 0, q.value(3).toString()};
}

bool LibraryStore::forget(const QString &path) {
  QSqlQuery q(QSqlDatabase::database(m_connection, false));
  q.prepare(QStringLiteral("DELETE FROM entries WHERE path = ?"));
  q.addBindValue(QFileInfo(path).absoluteFilePath());
  return q.exec();
}

} // namespace streamscope::model
