#include "course.h"

#include "model/json/json_load.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QObject>
#include <QRegularExpression>

#include <algorithm>
#include <map>

namespace streamscope::model {

QString conceptsFileOf(const QString &lessonDir) { return QDir(lessonDir).filePath(QStringLiteral("course/concepts.json")); }

std::vector<Concept> loadConcepts(const QString &path, QString *error) {
  QString why;
  const std::optional<QByteArray> text = readJsonFile(path, why);
  std::vector<Concept> out;
  if (!text) {
    if (error)
      *error = why;
    return out;
  }
  QJsonParseError parse;
  const QJsonDocument doc = QJsonDocument::fromJson(*text, &parse);
  if (!doc.isObject()) {
    if (error)
      *error = QObject::tr("%1: not a JSON object of concept to definition").arg(path);
    return out;
  }
  // QJsonObject sorts its keys; the file's order is the reading order, so take it from the text.
  static const QRegularExpression key(QStringLiteral("^\\s*\"([a-z0-9-]+)\"\\s*:"), QRegularExpression::MultilineOption);
  const QJsonObject o = doc.object();
  for (auto m = key.globalMatch(QString::fromUtf8(*text)); m.hasNext();) {
    const QString id = m.next().captured(1);
    if (o.contains(id))
      out.push_back({id, o.value(id).toString()});
  }
  return out;
}

QStringList conceptProblems(const std::vector<Lesson> &lessons, const std::vector<Concept> &known) {
  QStringList problems;
  std::map<QString, QString> introducedBy;
  const auto isKnown = [&](const QString &id) {
    if (known.empty())
      return true;
    for (const Concept &c : known)
      if (c.id == id)
        return true;
    return false;
  };
  // Where each concept is introduced, anywhere in the course, to say so when it comes too late.
  std::map<QString, QString> anywhere;
  for (const Lesson &l : lessons)
    for (const QString &c : l.concepts.introduces)
      anywhere.emplace(c, l.id);
  for (const Lesson &l : lessons) {
    for (const QString &c : l.concepts.introduces + l.concepts.uses)
      if (!isKnown(c))
        problems << QObject::tr("%1: unknown concept \"%2\" (not in course/concepts.json)").arg(l.id, c);
    for (const QString &c : l.concepts.uses)
      if (!introducedBy.count(c) && !l.concepts.introduces.contains(c)) {
        const auto later = anywhere.find(c);
        problems << (later == anywhere.end() ? QObject::tr("%1: uses \"%2\", which no lesson introduces").arg(l.id, c)
                                             : QObject::tr("%1: uses \"%2\" before it is introduced (in %3)").arg(l.id, c, later->second));
      }
    for (const QString &c : l.concepts.introduces) {
      if (introducedBy.count(c))
        problems << QObject::tr("%1: introduces \"%2\" again (already in %3)").arg(l.id, c, introducedBy[c]);
      else
        introducedBy.emplace(c, l.id);
    }
  }
  return problems;
}

std::vector<std::vector<int>> lessonPrerequisites(const std::vector<Lesson> &lessons) {
  std::map<QString, int> introducedAt;
  std::vector<std::vector<int>> out(lessons.size());
  for (std::size_t i = 0; i < lessons.size(); ++i) {
    for (const QString &c : lessons[i].concepts.uses) {
      const auto it = introducedAt.find(c);
      if (it != introducedAt.end() && std::find(out[i].begin(), out[i].end(), it->second) == out[i].end())
        out[i].push_back(it->second);
    }
    std::sort(out[i].begin(), out[i].end());
    for (const QString &c : lessons[i].concepts.introduces)
      introducedAt.emplace(c, static_cast<int>(i));
  }
  // Keep only direct prerequisites: drop j when another prerequisite of i already depends on
  // it (directly or not), so the map shows the course's shape rather than every pair.
  std::vector<std::vector<bool>> reaches(lessons.size(), std::vector<bool>(lessons.size(), false));
  for (std::size_t i = 0; i < lessons.size(); ++i)
    for (int j : out[i]) {
      reaches[i][static_cast<std::size_t>(j)] = true;
      for (std::size_t k = 0; k < lessons.size(); ++k)
        if (reaches[static_cast<std::size_t>(j)][k])
          reaches[i][k] = true;
    }
  for (auto &prereqs : out) {
    std::vector<int> direct;
    for (int j : prereqs) {
      bool implied = false;
      for (int k : prereqs)
        implied = implied || (k != j && reaches[static_cast<std::size_t>(k)][static_cast<std::size_t>(j)]);
      if (!implied)
        direct.push_back(j);
    }
    prereqs = direct;
  }
  return out;
}

} // namespace streamscope::model
