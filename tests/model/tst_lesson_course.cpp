// The course as a whole: concepts are taught before they are used (in the shipped order too),
// the prerequisite graph keeps only direct dependencies, a prediction's choices are shuffled
// by a stable seed, and every expectation subject reads as a sentence.
#include "model/lessons/course.h"
#include "model/lessons/expectation_words.h"
#include "model/lessons/lesson_checks.h"

#include <QDir>
#include <QtTest>

#include <algorithm>

using namespace streamscope::model;

namespace {

Lesson lessonWith(const QString &id, QStringList introduces, QStringList uses) {
  Lesson l;
  l.id = id;
  l.concepts = {std::move(introduces), std::move(uses)};
  return l;
}

QStringList words(const QString &subject) { return subject.split(QLatin1Char(' ')); }

} // namespace

class TstLessonCourse : public QObject {
  Q_OBJECT
private slots:
  void shippedCourseTeachesBeforeItUses() {
    const QDir dir(QStringLiteral(LESSON_DIR));
    QString error;
    const std::vector<Concept> known = loadConcepts(conceptsFileOf(dir.path()), &error);
    QVERIFY2(!known.empty(), qPrintable(error));
    QCOMPARE(known.front().id, QStringLiteral("log")); // the file's order, not sorted
    for (const Concept &c : known)
      QVERIFY2(!c.definition.isEmpty(), qPrintable(c.id));
    std::vector<Lesson> lessons;
    for (const QString &f : dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name)) {
      const LessonLoadResult r = loadLessonFile(dir.filePath(f));
      QVERIFY2(r.lesson, qPrintable(r.error));
      QVERIFY2(!r.lesson->concepts.introduces.isEmpty() || !r.lesson->concepts.uses.isEmpty(), qPrintable(f));
      lessons.push_back(*r.lesson);
    }
    const QStringList problems = conceptProblems(lessons, known);
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
    // Every concept of the list is taught by some lesson.
    for (const Concept &c : known)
      QVERIFY2(std::any_of(lessons.begin(), lessons.end(), [&](const Lesson &l) { return l.concepts.introduces.contains(c.id); }), qPrintable(c.id));
  }

  void problemsNameTheLessonAndTheConcept() {
    const std::vector<Lesson> lessons = {lessonWith(QStringLiteral("01-a"), {QStringLiteral("log")}, {QStringLiteral("offset")}),
                                         lessonWith(QStringLiteral("02-b"), {QStringLiteral("offset"), QStringLiteral("log")}, {}),
                                         lessonWith(QStringLiteral("03-c"), {}, {QStringLiteral("epoch"), QStringLiteral("nonsense")})};
    const std::vector<Concept> known = {{QStringLiteral("log"), QStringLiteral("d")},
                                        {QStringLiteral("offset"), QStringLiteral("d")},
                                        {QStringLiteral("epoch"), QStringLiteral("d")}};
    QCOMPARE(conceptProblems(lessons, known),
             (QStringList{QStringLiteral("01-a: uses \"offset\" before it is introduced (in 02-b)"),
                          QStringLiteral("02-b: introduces \"log\" again (already in 01-a)"),
                          QStringLiteral("03-c: unknown concept \"nonsense\" (not in course/concepts.json)"),
                          QStringLiteral("03-c: uses \"epoch\", which no lesson introduces"),
                          QStringLiteral("03-c: uses \"nonsense\", which no lesson introduces")}));
  }

  void prerequisitesAreDirect() {
    const std::vector<Lesson> lessons = {lessonWith(QStringLiteral("01"), {QStringLiteral("a")}, {}),
                                         lessonWith(QStringLiteral("02"), {QStringLiteral("b")}, {QStringLiteral("a")}),
                                         lessonWith(QStringLiteral("03"), {}, {QStringLiteral("a"), QStringLiteral("b")}),
                                         lessonWith(QStringLiteral("04"), {}, {QStringLiteral("a")})};
    const auto pre = lessonPrerequisites(lessons);
    QCOMPARE(pre[0], std::vector<int>{});
    QCOMPARE(pre[1], std::vector<int>{0});
    QCOMPARE(pre[2], std::vector<int>{1}); // 0 only through 1
    QCOMPARE(pre[3], std::vector<int>{0});
  }

  void choicesAreShuffledStably() {
    for (int n = 2; n <= 5; ++n) {
      const QList<int> order = shuffledChoiceOrder(n, choiceSeed(QStringLiteral("me"), QStringLiteral("07-acks"), 1));
      QList<int> sorted = order;
      std::sort(sorted.begin(), sorted.end());
      QList<int> identity;
      for (int i = 0; i < n; ++i)
        identity << i;
      QCOMPARE(sorted, identity); // a permutation
      QCOMPARE(shuffledChoiceOrder(n, choiceSeed(QStringLiteral("me"), QStringLiteral("07-acks"), 1)), order); // the same each time
    }
    // Over many learners, the right answer (index 1 of 3) lands in every place.
    QSet<int> places;
    for (int learner = 0; learner < 30; ++learner)
      places.insert(shuffledChoiceOrder(3, choiceSeed(QString::number(learner), QStringLiteral("07-acks"), 1)).indexOf(1));
    QCOMPARE(places.size(), 3);
  }

  void everySubjectReadsAsASentence_data() {
    QTest::addColumn<QString>("subject");
    QTest::addColumn<double>("value");
    QTest::addColumn<QString>("expected");
    const auto row = [](const char *s, double v, const char *e) { QTest::newRow(s) << QString::fromLatin1(s) << v << QString::fromUtf8(e); };
    row("broker 0 state", 2, "broker 0 has lost power");
    row("broker 1 state", 1, "broker 1 has crashed");
    row("broker 2 state", 0, "broker 2 is running");
    row("broker 0 fenced", 1, "the controller has fenced broker 0");
    row("broker 0 isolated", 0, "broker 0 can reach the network");
    row("broker 3 leads", 2, "broker 3 leads 2 partitions");
    for (const char *t : {"produced", "acknowledged", "acknowledged_lost", "consumed", "duplicates", "throttled", "failed", "retries", "time_ms"})
      row(t, 7, "7");
    row("acknowledged_lost", 12, "12 acknowledged records are lost");
    for (const char *f : {"kafka produced", "kinesis acknowledged", "kafka consumed", "kinesis duplicates"})
      row(f, 5, "5");
    row("kafka latency_p50_ms", 4.3, "half of Kafka's acknowledgements took at most 4.3 ms");
    row("kinesis latency_p99_ms", 30, "99% of Kinesis's acknowledgements took at most 30.0 ms");
    row("partition orders-0 leader", -1, "orders-0 has no leader: it is offline");
    row("partition orders-0 leader", 1, "broker 1 leads orders-0");
    for (const char *f :
         {"high_watermark", "leader_epoch", "isr_size", "replicas", "log_end_offset", "log_start_offset", "flushed", "unflushed", "records"})
      QTest::newRow(f) << QStringLiteral("partition orders-0 %1").arg(QLatin1String(f)) << 9.0 << QStringLiteral("orders-0");
    row("replica orders-0 2 in_isr", 0, "the replica of orders-0 on broker 2 is out of sync");
    for (const char *f : {"log_end_offset", "high_watermark", "flushed"})
      QTest::newRow(f) << QStringLiteral("replica orders-0 2 %1").arg(QLatin1String(f)) << 9.0 << QStringLiteral("on broker 2");
    for (const char *f : {"records", "table_size", "partitions", "replication_factor", "min_insync_replicas", "unclean_leader_election",
                          "flush_messages", "flush_ms", "retention_ms", "compacted"})
      QTest::newRow(f) << QStringLiteral("topic orders %1").arg(QLatin1String(f)) << 3.0 << QStringLiteral("topic orders");
    row("topic orders retention_ms", -1, "topic orders keeps records forever");
    row("producer web acks", -1, "producer web uses acks=all");
    for (const char *f : {"throttled_writes", "throttled_reads", "throttled", "records", "open", "sequence_digits", "sequence_increasing"})
      QTest::newRow(f) << QStringLiteral("shard 0 %1").arg(QLatin1String(f)) << 1.0 << QStringLiteral("shard 0");
    row("stream orders open_shards", 2, "stream orders has 2 open shards");
    row("stream orders min_zone_copies", 3, "in at least 3 zones");
    row("stream orders zones_down", 1, "stream orders has 1 availability zones down");
    for (const char *f : {"lag", "consumed", "duplicates", "generation", "members"})
      QTest::newRow(f) << QStringLiteral("group billing %1").arg(QLatin1String(f)) << 4.0 << QStringLiteral("group billing");
    row("group billing position 0", 100, "group billing reads partition 0 next at offset 100");
    row("group billing committed 1", -1, "group billing has committed nothing for partition 1");
    for (const char *f : {"consumed", "duplicates", "millis_behind_latest", "workers", "throttled"})
      QTest::newRow(f) << QStringLiteral("application kcl %1").arg(QLatin1String(f)) << 4.0 << QStringLiteral("application kcl");
    row("application kcl checkpoint 0", 10, "application kcl has checkpointed 10 of shard 0's records");
    row("zone 1 up", 0, "availability zone 1 is down");
    row("key key-3 partition 6", 5, "key key-3 goes to partition 5 of 6");
    row("key key-3 shard", 0, "key key-3 goes to shard 0");
  }

  void everySubjectReadsAsASentence() {
    QFETCH(QString, subject);
    QFETCH(double, value);
    QFETCH(QString, expected);
    QVERIFY2(!Expectation::subjectProblem(subject), qPrintable(subject)); // a real subject
    const QString sentence = subjectInWords(words(subject), value);
    QVERIFY2(sentence.contains(expected), qPrintable(sentence));
    QVERIFY2(!sentence.startsWith(subject + QStringLiteral(" is ")), qPrintable(sentence)); // not the checker's fallback
    QVERIFY2(!sentence.contains(QLatin1Char('_')) || sentence.contains(QLatin1Char('`')), qPrintable(sentence));
  }
};

QTEST_GUILESS_MAIN(TstLessonCourse)
#include "tst_lesson_course.moc"
