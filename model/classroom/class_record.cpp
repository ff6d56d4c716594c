#include "class_record.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

namespace streamscope::classroom {
namespace {

/// A CSV field: quoted when it holds a comma, a quote or a line break (quotes doubled).
QString field(const QString &text) {
  if (!text.contains(QLatin1Char(',')) && !text.contains(QLatin1Char('"')) && !text.contains(QLatin1Char('\n')) && !text.contains(QLatin1Char('\r')))
    return text;
  return QLatin1Char('"') + QString(text).replace(QLatin1Char('"'), QStringLiteral("\"\"")) + QLatin1Char('"');
}

} // namespace

QString newSessionId() { return QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs); }

ClassRecord::ClassRecord(const QString &path) : m_connection(QStringLiteral("class-record-") + QUuid::createUuid().toString(QUuid::Id128)) {
  QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connection);
  db.setDatabaseName(path);
  if (!db.open()) {
    m_error = QObject::tr("cannot open the class record %1: %2").arg(path, db.lastError().text());
    return;
  }
  QSqlQuery q(db);
  if (!q.exec(QStringLiteral("CREATE TABLE IF NOT EXISTS class_answers(session TEXT NOT NULL, lesson TEXT NOT NULL, step INTEGER NOT NULL, "
                             "student TEXT NOT NULL, choice INTEGER NOT NULL, correct INTEGER NOT NULL, answer_ms INTEGER NOT NULL, "
                             "PRIMARY KEY (session, step, student))")))
    m_error = QObject::tr("cannot create the class record in %1: %2").arg(path, q.lastError().text());
}

ClassRecord::~ClassRecord() {
  { QSqlDatabase::database(m_connection, false).close(); }
  QSqlDatabase::removeDatabase(m_connection);
}

bool ClassRecord::add(const RecordedAnswer &a) {
  QSqlQuery q(QSqlDatabase::database(m_connection, false));
  q.prepare(QStringLiteral(
      "INSERT OR REPLACE INTO class_answers(session, lesson, step, student, choice, correct, answer_ms) VALUES (?, ?, ?, ?, ?, ?, ?)"));
  for (const QVariant &v : {QVariant(a.session), QVariant(a.lesson), QVariant(a.step), QVariant(a.student), QVariant(a.choice),
                            QVariant(a.correct ? 1 : 0), QVariant(a.answerMs)})
    q.addBindValue(v);
  if (q.exec())
    return true;
  m_error = QObject::tr("cannot record an answer: %1").arg(q.lastError().text());
  return false;
}

QStringList ClassRecord::sessions() const {
  QSqlQuery q(QSqlDatabase::database(m_connection, false));
  QStringList out;
  if (q.exec(QStringLiteral("SELECT DISTINCT session FROM class_answers ORDER BY session DESC")))
    while (q.next())
      out << q.value(0).toString();
  return out;
}

std::vector<RecordedAnswer> ClassRecord::answers(const QString &session) const {
  QSqlQuery q(QSqlDatabase::database(m_connection, false));
  q.prepare(QStringLiteral("SELECT lesson, step, student, choice, correct, answer_ms FROM class_answers WHERE session = ? ORDER BY step, student"));
  q.addBindValue(session);
  std::vector<RecordedAnswer> out;
  if (q.exec())
    while (q.next())
      out.push_back({session, q.value(0).toString(), q.value(1).toInt(), q.value(2).toString(), q.value(3).toInt(), q.value(4).toInt() != 0,
                     q.value(5).toLongLong()});
  return out;
}

std::vector<StepSummary> ClassRecord::summary(const QString &session) const {
  QSqlQuery q(QSqlDatabase::database(m_connection, false));
  q.prepare(QStringLiteral("SELECT lesson, step, COUNT(*), SUM(correct), AVG(answer_ms) FROM class_answers WHERE session = ? GROUP BY lesson, step "
                           "ORDER BY step"));
  q.addBindValue(session);
  std::vector<StepSummary> out;
  if (q.exec())
    while (q.next())
      out.push_back({q.value(0).toString(), q.value(1).toInt(), q.value(2).toInt(), q.value(3).toInt(), q.value(4).toDouble()});
  return out;
}

QString ClassRecord::csv(const QString &session) const {
  QString text = QStringLiteral("student,lesson,step,choice,correct,answer_ms\r\n");
  for (const RecordedAnswer &a : answers(session))
    text += QStringLiteral("%1,%2,%3,%4,%5,%6\r\n")
                .arg(field(a.student), field(a.lesson))
                .arg(a.step)
                .arg(a.choice)
                .arg(a.correct ? QStringLiteral("yes") : QStringLiteral("no"))
                .arg(a.answerMs);
  text += QStringLiteral("\r\nlesson,step,answered,correct,mean_answer_ms\r\n");
  for (const StepSummary &s : summary(session))
    text += QStringLiteral("%1,%2,%3,%4,%5\r\n").arg(field(s.lesson)).arg(s.step).arg(s.answered).arg(s.correct).arg(qRound64(s.meanAnswerMs));
  return text;
}

} // namespace streamscope::classroom
