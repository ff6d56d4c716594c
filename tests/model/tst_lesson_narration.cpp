// Live numbers in lesson narration: a {{SUBJECT}} shows the engine's value at the moment the
// step's expectations are checked (after its actions), formatted for prose; a subject with no
// value then fails the step. Also the read-out subjects the claims need (topic settings,
// producer acks, group positions, KCL checkpoints, zone copies of a stream).
#include "model/lessons/lesson.h"
#include "model/lessons/lesson_runner.h"
#include "model/lessons/narration.h"

#include <QtTest>

using namespace streamscope::model;

namespace {

const char *kLesson = R"({
  "title": "t",
  "scenario": "scenarios/side-by-side.json",
  "steps": [
    { "title": "s1",
      "text": "At {{time_ms}} ms: {{kafka acknowledged}} acknowledged, p50 {{kafka latency_p50_ms}} ms, leader {{partition orders-0 leader}}.",
      "teacher_notes": "HW {{partition orders-0 high_watermark}}",
      "actions": [ { "run_until_ms": 4000 } ],
      "expect": [ "acknowledged > 0" ] },
    { "title": "s2",
      "text": "Zone 1 is up: {{zone 1 up}}; copies {{stream orders min_zone_copies}}.",
      "predict": { "question": "q", "choices": [ "a", "b" ], "answer": 0, "explanation": "p99 {{kinesis latency_p99_ms}}" },
      "actions": [ { "fault": { "action": "az_outage", "az": 1 } }, { "run_for_ms": 2000 } ],
      "expect": [ "zone 1 up == false" ] }
  ],
  "comparison": [ [ "acknowledged", "{{kafka acknowledged}}", "{{kinesis acknowledged}}" ] ]
})";

Lesson load(const QByteArray &text) {
  const LessonLoadResult r = loadLessonText(text, QStringLiteral(LESSON_DIR "/test.json"));
  if (!r.lesson)
    qFatal("%s", qPrintable(r.error));
  return *r.lesson;
}

/// The subject's value after `steps` steps of `lesson`, played independently of the runner.
QString valueAfter(const Lesson &lesson, int steps, const QString &subject) {
  SimulationController controller;
  startLesson(controller, lesson);
  for (int i = 0; i < steps; ++i)
    performActions(controller, lesson.steps[static_cast<std::size_t>(i)].actions);
  QString why;
  const auto value = Expectation::subjectValue(subject, controller.world(), &why);
  return value ? formatSubjectValue(subject, *value) : why;
}

} // namespace

class TstLessonNarration : public QObject {
  Q_OBJECT
private slots:
  void rendersTheValuesOfTheStepsMoment() {
    const Lesson lesson = load(kLesson);
    const LessonResult result = runLessonHeadless(lesson);
    QVERIFY(result.passed());
    const QString expected =
        QStringLiteral("At 4000 ms: %1 acknowledged, p50 %2 ms, leader %3.")
            .arg(valueAfter(lesson, 1, QStringLiteral("kafka acknowledged")), valueAfter(lesson, 1, QStringLiteral("kafka latency_p50_ms")),
                 valueAfter(lesson, 1, QStringLiteral("partition orders-0 leader")));
    QCOMPARE(result.steps[0].rendered.text, expected);
    QVERIFY(result.steps[0].rendered.text.contains(QRegularExpression(QStringLiteral("p50 [0-9]+\\.[0-9] ms")))); // one decimal
    QCOMPARE(result.steps[0].rendered.teacherNotes,
             QStringLiteral("HW ") + valueAfter(lesson, 1, QStringLiteral("partition orders-0 high_watermark")));
    // Step 2 is taken after the zone went down: records since then are in two zones only.
    QCOMPARE(result.steps[1].rendered.text, QStringLiteral("Zone 1 is up: false; copies 2."));
    QCOMPARE(result.steps[1].rendered.explanation, QStringLiteral("p99 ") + valueAfter(lesson, 2, QStringLiteral("kinesis latency_p99_ms")));
    QCOMPARE(result.comparison.size(), std::size_t{1});
    QCOMPARE(result.comparison[0][1], valueAfter(lesson, 2, QStringLiteral("kafka acknowledged")));
    QCOMPARE(result.comparison[0][2], valueAfter(lesson, 2, QStringLiteral("kinesis acknowledged")));
  }

  void beforeItsMomentTheNumbersAreHidden() {
    QCOMPARE(narrationBeforeItsMoment(QStringLiteral("HW {{partition orders-0 high_watermark}}, p50 {{kafka latency_p50_ms}} ms")),
             QStringLiteral("HW …, p50 … ms"));
  }

  void aSubjectWithoutAValueFailsTheStep() {
    // Before any Kinesis acknowledgement there is no latency to show.
    const Lesson lesson = load(QByteArray(kLesson)
                                   .replace("\"p99 {{kinesis latency_p99_ms}}\"", "\"e\"")
                                   .replace("{{kafka latency_p50_ms}}", "{{kinesis latency_p50_ms}}")
                                   .replace("{ \"run_until_ms\": 4000 }", "{ \"run_until_ms\": 1 }"));
    const LessonResult result = runLessonHeadless(lesson);
    QVERIFY(!result.steps[0].passed);
    QVERIFY(result.steps[0].rendered.text.contains(QStringLiteral("p50 — ms")));
    QVERIFY2(result.steps[0].details.join(QLatin1Char('\n')).contains(QStringLiteral("FAIL  text {{kinesis latency_p50_ms}}: no kinesis record")),
             qPrintable(result.steps[0].details.join(QLatin1Char('\n'))));
  }

  void formatsForProse() {
    QCOMPARE(formatSubjectValue(QStringLiteral("kafka latency_p50_ms"), 4.26), QStringLiteral("4.3"));
    QCOMPARE(formatSubjectValue(QStringLiteral("kinesis latency_p99_ms"), 20), QStringLiteral("20.0"));
    QCOMPARE(formatSubjectValue(QStringLiteral("partition orders-0 high_watermark"), 1204), QStringLiteral("1204"));
    QCOMPARE(formatSubjectValue(QStringLiteral("time_ms"), 1500.5), QStringLiteral("1500.5"));
    QCOMPARE(formatSubjectValue(QStringLiteral("replica orders-0 2 in_isr"), 1), QStringLiteral("true"));
    QCOMPARE(formatSubjectValue(QStringLiteral("broker 0 state"), 2), QStringLiteral("powered_off"));
    QCOMPARE(formatSubjectValue(QStringLiteral("producer checkout acks"), -1), QStringLiteral("all"));
    QCOMPARE(formatSubjectValue(QStringLiteral("producer checkout acks"), 1), QStringLiteral("1"));
  }

  void zonesDownCountsWhicheverZoneIsDown() {
    const Lesson lesson = load(kLesson);
    QCOMPARE(valueAfter(lesson, 1, QStringLiteral("stream orders zones_down")), QStringLiteral("0"));
    QCOMPARE(valueAfter(lesson, 2, QStringLiteral("stream orders zones_down")), QStringLiteral("1"));
    QCOMPARE(valueAfter(lesson, 2, QStringLiteral("stream nope zones_down")), QStringLiteral("no stream \"nope\""));
  }

  void readOuts_data() {
    QTest::addColumn<QString>("expectation");
    QTest::addColumn<bool>("holds");
    for (const char *e :
         {"topic orders partitions == 4", "topic orders replication_factor == 3", "topic orders min_insync_replicas == 2",
          "topic orders unclean_leader_election == false", "topic orders flush_messages == -1", "topic orders flush_ms == -1",
          "topic orders retention_ms == 604800000", "topic orders compacted == false", "producer checkout acks == all",
          "stream orders min_zone_copies == 3", "group billing position 0 > 0", "group billing position 0 >= group billing committed 0",
          "group billing committed 3 > 0", "application billing-kcl checkpoint 0 > 0", "application billing-kcl checkpoint 0 <= shard 0 records"})
      QTest::newRow(e) << QString::fromLatin1(e) << true;
    // The run totals read the right counters (consumed and duplicates were once swapped).
    QTest::newRow("total consumed") << QStringLiteral("consumed >= group billing consumed") << true;
    QTest::newRow("total duplicates") << QStringLiteral("duplicates < consumed") << true;
    QTest::newRow("nothing lost on the wire: nothing stored twice") << QStringLiteral("duplicates_stored == 0") << true;
    QTest::newRow("nothing resent: nothing reordered") << QStringLiteral("reordered_stored == 0") << true;
    QTest::newRow("acks is not 1") << QStringLiteral("producer checkout acks == 1") << false;
    QTest::newRow("no such group partition") << QStringLiteral("group billing position 9 >= 0") << false;
  }

  void readOuts() {
    QFETCH(QString, expectation);
    QFETCH(bool, holds);
    const Lesson lesson =
        load(QByteArray(kLesson).replace("\"acknowledged > 0\"", (QStringLiteral("\"%1\"").arg(expectation)).toUtf8()).replace("4000", "12000"));
    const LessonResult result = runLessonHeadless(lesson);
    QVERIFY2(result.steps[0].passed == holds, qPrintable(result.steps[0].details.join(QLatin1Char('\n'))));
  }

  void readOutsAreCheckedWhenTheLessonLoads_data() {
    QTest::addColumn<QString>("expectation");
    QTest::addColumn<QString>("error");
    QTest::newRow("group position without a partition")
        << QStringLiteral("group billing position > 0") << QStringLiteral("write \"group G position P");
    QTest::newRow("application checkpoint with a name")
        << QStringLiteral("application a checkpoint x > 0") << QStringLiteral("write \"application A checkpoint S");
    QTest::newRow("producer field") << QStringLiteral("producer checkout linger > 0") << QStringLiteral("write \"producer NAME acks\"");
    QTest::newRow("topic setting misspelt") << QStringLiteral("topic orders replication > 0")
                                            << QStringLiteral("unknown topic field \"replication\" (known: table_size, records, partitions");
  }

  void readOutsAreCheckedWhenTheLessonLoads() {
    QFETCH(QString, expectation);
    QFETCH(QString, error);
    const LessonLoadResult r =
        loadLessonText(QByteArray(kLesson).replace("\"acknowledged > 0\"", (QStringLiteral("\"%1\"").arg(expectation)).toUtf8()),
                       QStringLiteral(LESSON_DIR "/test.json"));
    QVERIFY(!r.lesson);
    QVERIFY2(r.error.contains(error), qPrintable(r.error));
  }
};

QTEST_GUILESS_MAIN(TstLessonNarration)
#include "tst_lesson_narration.moc"
