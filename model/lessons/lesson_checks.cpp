#include "lesson_checks.h"

#include <QObject>
#include <QRegularExpression>
#include <QSet>

namespace streamscope::model {
namespace {

QStringList wordsOf(const QString &text) {
  static const QRegularExpression nonWord(QStringLiteral("[^a-z0-9.=]+"));
  QStringList words;
  for (QString w : text.toLower().split(nonWord, Qt::SkipEmptyParts)) {
    while (w.endsWith(QLatin1Char('.')))
      w.chop(1);
    if (!w.isEmpty())
      words << w;
  }
  return words;
}

/// Words that say nothing about which choice is right.
bool isStopWord(const QString &w) {
  static const QSet<QString> stop = {
      QStringLiteral("the"),   QStringLiteral("and"),     QStringLiteral("but"),   QStringLiteral("for"),   QStringLiteral("not"),
      QStringLiteral("are"),   QStringLiteral("was"),     QStringLiteral("were"),  QStringLiteral("its"),   QStringLiteral("it's"),
      QStringLiteral("has"),   QStringLiteral("have"),    QStringLiteral("had"),   QStringLiteral("with"),  QStringLiteral("from"),
      QStringLiteral("that"),  QStringLiteral("this"),    QStringLiteral("they"),  QStringLiteral("them"),  QStringLiteral("their"),
      QStringLiteral("then"),  QStringLiteral("than"),    QStringLiteral("what"),  QStringLiteral("when"),  QStringLiteral("which"),
      QStringLiteral("into"),  QStringLiteral("only"),    QStringLiteral("still"), QStringLiteral("all"),   QStringLiteral("any"),
      QStringLiteral("one"),   QStringLiteral("each"),    QStringLiteral("does"),  QStringLiteral("did"),   QStringLiteral("will"),
      QStringLiteral("would"), QStringLiteral("can"),     QStringLiteral("could"), QStringLiteral("more"),  QStringLiteral("most"),
      QStringLiteral("some"),  QStringLiteral("same"),    QStringLiteral("there"), QStringLiteral("other"), QStringLiteral("also"),
      QStringLiteral("been"),  QStringLiteral("being"),   QStringLiteral("over"),  QStringLiteral("about"), QStringLiteral("every"),
      QStringLiteral("none"),  QStringLiteral("nothing"), QStringLiteral("yes"),   QStringLiteral("just"),  QStringLiteral("out")};
  return w.size() < 3 || stop.contains(w);
}

} // namespace

QStringList answerKeyWords(const Prediction &p) {
  QSet<QString> wrong;
  for (int i = 0; i < p.choices.size(); ++i)
    if (i != p.answer)
      for (const QString &w : wordsOf(p.choices[i]))
        wrong.insert(w);
  QStringList keys;
  for (const QString &w : wordsOf(p.choices.value(p.answer)))
    if (!isStopWord(w) && !wrong.contains(w) && !keys.contains(w))
      keys << w;
  return keys;
}

bool givesAway(const QString &text, const QStringList &keyWords) {
  if (keyWords.isEmpty())
    return false;
  const QStringList words = wordsOf(text);
  qsizetype found = 0;
  for (const QString &k : keyWords)
    found += words.contains(k) ? 1 : 0;
  return found * 2 > keyWords.size();
}

QStringList lessonWarnings(const Lesson &lesson) {
  QStringList out;
  for (std::size_t i = 0; i < lesson.steps.size(); ++i) {
    const LessonStep &s = lesson.steps[i];
    const QString at = QObject::tr("step %1").arg(i + 1);
    if (s.teacherNotes.trimmed().isEmpty())
      out << QObject::tr("%1: no teacher notes (what to say, what students get wrong, how long it takes)").arg(at);
    if (!s.prediction)
      continue;
    const Prediction &p = *s.prediction;
    bool longest = true;
    for (int c = 0; c < p.choices.size(); ++c)
      longest = longest && (c == p.answer || p.choices[c].size() < p.choices[p.answer].size());
    if (longest)
      out << QObject::tr("%1: the right choice is the longest; make a wrong one as specific").arg(at);
    const QStringList keys = answerKeyWords(p);
    if (givesAway(s.text, keys))
      out << QObject::tr("%1: the setup text already says the answer (%2); move it to \"reveal\"").arg(at, keys.join(QStringLiteral(", ")));
  }
  return out;
}

quint64 choiceSeed(const QString &learner, const QString &lessonId, int step) {
  quint64 h = 14695981039346656037ULL;
  const QByteArray bytes = (learner + QLatin1Char('/') + lessonId + QLatin1Char('/') + QString::number(step)).toUtf8();
  for (const char c : bytes) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ULL;
  }
  return h;
}

QList<int> shuffledChoiceOrder(int count, quint64 seed) {
  QList<int> order;
  for (int i = 0; i < count; ++i)
    order << i;
  // Fisher-Yates with a fixed generator (splitmix64), so the order is the same everywhere.
  quint64 x = seed;
  for (int i = count - 1; i > 0; --i) {
    x += 0x9E3779B97F4A7C15ULL;
    quint64 z = x;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    z ^= z >> 31;
    order.swapItemsAt(i, static_cast<int>(z % static_cast<quint64>(i + 1)));
  }
  return order;
}

} // namespace streamscope::model
