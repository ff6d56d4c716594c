// Lesson files: the examples load; every error names file:line:column; expectations are
// parsed at load time and evaluated against the engine.
#include "model/lessons/claims.h"
#include "model/lessons/lesson.h"
#include "model/lessons/lesson_checks.h"
#include "model/lessons/lesson_runner.h"

#include <QDir>
#include <QTemporaryDir>
#include <QtTest>

using namespace streamscope::model;

namespace {

const char *kLesson = R"({
  "title": "t",
  "scenario": "SCENARIO",
  "steps": [
    { "title": "s1", "text": "hello", "actions": [ { "run_until_ms": 2000 } ],
      "expect": [ "acknowledged > 0", "partition orders-0 leader >= 0" ] }
  ],
  "comparison": [ [ "a", "b", "c" ] ]
})";

QString errorOf(const QByteArray &text) {
  const LessonLoadResult r = loadLessonText(text, QStringLiteral(LESSON_DIR "/test.json"));
  return r.lesson ? QString() : r.error;
}

QByteArray lesson() { return QByteArray(kLesson).replace("SCENARIO", "scenarios/calm-cluster.json"); }

} // namespace

class TstLessonLoader : public QObject {
  Q_OBJECT
private slots:
  void everyLessonLoads() {
    const QDir dir(QStringLiteral(LESSON_DIR));
    const QStringList files = dir.entryList({QStringLiteral("*.json")}, QDir::Files);
    QVERIFY(!files.isEmpty());
    for (const QString &f : files) {
      const LessonLoadResult r = loadLessonFile(dir.filePath(f));
      QVERIFY2(r.lesson, qPrintable(r.error));
      QVERIFY(!r.lesson->comparison.empty());
    }
  }

  void aGoodLessonRuns() {
    const LessonLoadResult r = loadLessonText(lesson(), QStringLiteral(LESSON_DIR "/test.json"));
    QVERIFY2(r.lesson, qPrintable(r.error));
    const LessonResult result = runLessonHeadless(*r.lesson);
    QVERIFY(result.passed());
    QCOMPARE(result.steps.size(), std::size_t{1});
  }

  void highlightsResolveAgainstTheWorld() {
    const QByteArray text = lesson().replace(
        "\"text\": \"hello\",",
        "\"text\": \"hello\", \"highlight\": [ { \"cells\": { \"partition\": \"orders-0\", \"broker\": 0, \"from\": 2, \"to\": 5 } },"
        " { \"messages\": \"replica_fetch\" }, { \"partition\": \"orders-1\" }, { \"group\": \"billing\" } ],");
    const LessonLoadResult r = loadLessonText(text, QStringLiteral(LESSON_DIR "/test.json"));
    QVERIFY2(r.lesson, qPrintable(r.error));
    SimulationController controller;
    QVERIFY(!startLesson(controller, *r.lesson));
    const auto items = resolveHighlights(controller.world(), r.lesson->steps[0].highlights);
    QCOMPARE(items.size(), std::size_t{3 + 1 + 3 + 1}); // three cells, a message kind, three replicas, a group
    QCOMPARE(items[0], (WorldItem{WorldItem::Kind::LogCell, 0, 0, 2}));
    QCOMPARE(items[3], (WorldItem{WorldItem::Kind::Message, 2, -1, -1})); // TransferKind::ReplicaFetchRequest
  }

  void aProducerHighlightCanNameOneSide() {
    const auto resolved = [&](const char *producer) {
      const QByteArray bothSystems = QByteArray(kLesson).replace("SCENARIO", "scenarios/first-look.json");
      const QByteArray text =
          QByteArray(bothSystems).replace("\"text\": \"hello\",", QByteArray("\"text\": \"hello\", \"highlight\": [ ") + producer + " ],");
      const LessonLoadResult r = loadLessonText(text, QStringLiteral(LESSON_DIR "/test.json"));
      if (!r.lesson)
        qFatal("%s", qPrintable(r.error));
      SimulationController controller;
      startLesson(controller, *r.lesson);
      return resolveHighlights(controller.world(), r.lesson->steps[0].highlights);
    };
    using Kind = WorldItem::Kind;
    QCOMPARE(resolved(R"({ "producer": "checkout" })").size(), std::size_t{2}); // both boxes
    const auto kafka = resolved(R"({ "producer": "checkout", "of": "kafka" })");
    QCOMPARE(kafka.size(), std::size_t{1});
    QCOMPARE(kafka[0].kind, Kind::KafkaProducer);
    const auto kinesis = resolved(R"({ "producer": "checkout", "of": "kinesis" })");
    QCOMPARE(kinesis.size(), std::size_t{1});
    QCOMPARE(kinesis[0].kind, Kind::KinesisProducer);
    const QByteArray wrong =
        lesson().replace("\"text\": \"hello\",", "\"text\": \"hello\", \"highlight\": [ { \"producer\": \"checkout\", \"of\": \"kafk\" } ],");
    QVERIFY(!loadLessonText(wrong, QStringLiteral(LESSON_DIR "/test.json")).lesson);
  }

  void aFalseClaimFails() {
    const QByteArray text = lesson().replace("acknowledged > 0", "acknowledged_lost > 0");
    const LessonLoadResult r = loadLessonText(text, QStringLiteral(LESSON_DIR "/test.json"));
    QVERIFY(r.lesson);
    const LessonResult result = runLessonHeadless(*r.lesson);
    QVERIFY(!result.passed());
    QVERIFY(result.steps[0].details.join(QLatin1Char('\n')).contains(QStringLiteral("FAIL  acknowledged_lost > 0 — acknowledged_lost is 0")));
  }

  void errors_data() {
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("expected");
    const QByteArray t = lesson();
    QTest::newRow("bad expectation subject") << QByteArray(t).replace("acknowledged > 0", "acknowledgd > 0")
                                             << QStringLiteral("test.json:6:19: expectation \"acknowledgd > 0\": unknown subject");
    QTest::newRow("no operator") << QByteArray(t).replace("acknowledged > 0", "acknowledged 0") << QStringLiteral("write SUBJECT OP VALUE");
    QTest::newRow("bad field") << QByteArray(t).replace("leader >= 0", "leeder >= 0") << QStringLiteral("unknown partition field \"leeder\"");
    QTest::newRow("missing scenario") << QByteArray(t).replace("scenarios/calm-cluster.json", "scenarios/nope.json")
                                      << QStringLiteral("test.json:3:15: cannot read scenario \"scenarios/nope.json\"");
    QTest::newRow("fault that does not fit") << QByteArray(t).replace("{ \"run_until_ms\": 2000 }",
                                                                      "{ \"fault\": { \"action\": \"crash_broker\", \"broker\": 7 } }")
                                             << QStringLiteral("this fault does not fit the lesson's scenario");
    QTest::newRow("two kinds in one action") << QByteArray(t).replace("{ \"run_until_ms\": 2000 }", "{ \"run_until_ms\": 2000, \"run_for_ms\": 5 }")
                                             << QStringLiteral("an action has exactly one of");
    QTest::newRow("no comparison") << QByteArray(t).replace("[ [ \"a\", \"b\", \"c\" ] ]", "[]")
                                   << QStringLiteral("a lesson ends with its Kafka-versus-Kinesis table");
    QTest::newRow("prediction answer out of range")
        << QByteArray(t).replace(
               "\"text\": \"hello\",",
               "\"text\": \"hello\", \"predict\": { \"question\": \"q\", \"choices\": [\"x\", \"y\"], \"answer\": 2, \"explanation\": \"e\" },")
        << QStringLiteral("\"answer\" must be between 0 and 1, not 2");
    QTest::newRow("unknown key") << QByteArray(t).replace("\"title\": \"s1\",", "\"title\": \"s1\", \"titel\": \"x\",")
                                 << QStringLiteral("unknown key \"titel\"");
    QTest::newRow("not json") << QByteArray("{ \"title\": ") << QStringLiteral("test.json:1:12: invalid JSON");
    // Live numbers: the position is the "{{" inside the string (line 5, column 38).
    QTest::newRow("unknown subject in braces") << QByteArray(t).replace("\"text\": \"hello\"", "\"text\": \"hello, {{kafka acked}} of them\"")
                                               << QStringLiteral("test.json:5:38: {{kafka acked}}: unknown kafka field \"acked\"");
    QTest::newRow("escapes before the braces count as one character")
        << QByteArray(t).replace("\"text\": \"hello\"", "\"text\": \"a\\nb\\\"c {{nope}}\"")
        << QStringLiteral("test.json:5:39: {{nope}}: unknown subject");
    QTest::newRow("unclosed braces") << QByteArray(t).replace("\"text\": \"hello\"", "\"text\": \"{{acknowledged\"")
                                     << QStringLiteral("test.json:5:31: \"{{\" without its closing \"}}\"");
    QTest::newRow("braces in a prediction question")
        << QByteArray(t).replace("\"text\": \"hello\",",
                                 "\"text\": \"hello\", \"predict\": { \"question\": \"more than {{acknowledged}}?\", "
                                 "\"choices\": [\"x\", \"y\"], \"answer\": 1, \"explanation\": \"e\" },")
        << QStringLiteral("\"question\" is shown before the step runs");
    QTest::newRow("braces in a choice") << QByteArray(t).replace(
                                               "\"text\": \"hello\",",
                                               "\"text\": \"hello\", \"predict\": { \"question\": \"q\", "
                                               "\"choices\": [\"x\", \"{{acknowledged}}\"], \"answer\": 1, \"explanation\": \"e\" },")
                                        << QStringLiteral("a choice is shown before the step runs");
    QTest::newRow("why_not of the wrong length")
        << QByteArray(t).replace("\"text\": \"hello\",",
                                 "\"text\": \"hello\", \"predict\": { \"question\": \"q\", \"choices\": [\"x\", \"y\"], \"answer\": 1, "
                                 "\"explanation\": \"e\", \"why_not\": [\"w\"] },")
        << QStringLiteral("test.json:5:");
    QTest::newRow("why_not of the wrong length says so")
        << QByteArray(t).replace("\"text\": \"hello\",",
                                 "\"text\": \"hello\", \"predict\": { \"question\": \"q\", \"choices\": [\"x\", \"y\"], \"answer\": 1, "
                                 "\"explanation\": \"e\", \"why_not\": [\"w\"] },")
        << QStringLiteral("\"why_not\" has one entry per choice (2), not 1");
    QTest::newRow("why_not with an unknown subject")
        << QByteArray(t).replace("\"text\": \"hello\",",
                                 "\"text\": \"hello\", \"predict\": { \"question\": \"q\", \"choices\": [\"x\", \"y\"], \"answer\": 1, "
                                 "\"explanation\": \"e\", \"why_not\": [\"only {{nope}}\", null] },")
        << QStringLiteral("{{nope}}: unknown subject");
    QTest::newRow("braces in a comparison cell with an unknown subject")
        << QByteArray(t).replace("[ \"a\", \"b\", \"c\" ]", "[ \"a\", \"{{kafka nothing}}\", \"c\" ]")
        << QStringLiteral("test.json:8:27: {{kafka nothing}}");
    QTest::newRow("unknown claim") << QByteArray(t).replace("\"title\": \"s1\",", "\"title\": \"s1\", \"claims\": [ \"C11\", \"C22\" ],")
                                   << QStringLiteral("test.json:5:41: unknown claim \"C22\"");
    QTest::newRow("claim named twice") << QByteArray(t).replace("\"title\": \"s1\",", "\"title\": \"s1\", \"claims\": [ \"C11\", \"C11\" ],")
                                       << QStringLiteral("claim \"C11\" is named twice");
  }

  void liveNumbersAndClaimsLoad() {
    const QByteArray text = lesson()
                                .replace("\"text\": \"hello\"",
                                         "\"text\": \"{{kafka acknowledged}} acknowledged, p50 {{kafka latency_p50_ms}} ms\", "
                                         "\"teacher_notes\": \"leader {{partition orders-0 leader}}\", \"claims\": [ \"C01\", \"C14\" ]")
                                .replace("[ \"a\", \"b\", \"c\" ]", "[ \"a\", \"{{kafka produced}}\", \"{{kinesis produced}}\" ]");
    const LessonLoadResult r = loadLessonText(text, QStringLiteral(LESSON_DIR "/test.json"));
    QVERIFY2(r.lesson, qPrintable(r.error));
    QCOMPARE(r.lesson->steps[0].claims, (QStringList{QStringLiteral("C01"), QStringLiteral("C14")}));
    const std::vector<ClaimCoverage> coverage = claimCoverage({*r.lesson});
    QCOMPARE(coverage.size(), std::size_t{21});
    QCOMPARE(coverage[0].steps, QStringList{QStringLiteral("test:1")}); // no leading number: the file's name
    QCOMPARE(coverage[0].expectations, 2);
    QVERIFY(coverage[13].shown());
    QVERIFY(!coverage[1].shown());
  }

  // The shipped course is held to what the loader warns about: no prediction gives its answer
  // away (the longest choice, or key words already in the setup), every step has teacher notes.
  void shippedLessonsHaveNoWarnings() {
    const QDir dir(QStringLiteral(LESSON_DIR));
    QStringList warnings;
    for (const QString &f : dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name)) {
      const LessonLoadResult r = loadLessonFile(dir.filePath(f));
      QVERIFY2(r.lesson, qPrintable(r.error));
      for (const QString &w : r.lesson->warnings)
        warnings << f + QStringLiteral(": ") + w;
      for (const LessonStep &step : r.lesson->steps)
        QVERIFY2(!step.teacherNotes.trimmed().isEmpty(), qPrintable(f + QStringLiteral(": ") + step.title));
    }
    QVERIFY2(warnings.isEmpty(), qPrintable(warnings.join(QLatin1Char('\n'))));
  }

  // Every lesson asks at least once, and the right answer is not always in the same place.
  void shippedPredictionsVaryTheirAnswer() {
    const QDir dir(QStringLiteral(LESSON_DIR));
    QMap<int, int> positions;
    int predictions = 0;
    for (const QString &f : dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name)) {
      const LessonLoadResult r = loadLessonFile(dir.filePath(f));
      QVERIFY2(r.lesson, qPrintable(r.error));
      int asked = 0;
      for (const LessonStep &step : r.lesson->steps)
        if (step.prediction) {
          ++asked;
          ++positions[step.prediction->answer];
        }
      QVERIFY2(asked > 0, qPrintable(f + QStringLiteral(" has no prediction")));
      predictions += asked;
    }
    for (auto it = positions.cbegin(); it != positions.cend(); ++it)
      QVERIFY2(it.value() * 2 <= predictions,
               qPrintable(QStringLiteral("choice %1 is right in %2 of %3").arg(it.key()).arg(it.value()).arg(predictions)));
  }

  void warnings_data() {
    QTest::addColumn<QByteArray>("step");
    QTest::addColumn<QString>("expected"); // empty: no warning
    const QByteArray predict = R"("predict": { "question": "q", "choices": CHOICES, "answer": 1, "explanation": "e" })";
    const auto step = [&](const char *text, const char *choices, const char *extra = "") {
      return QByteArray(R"({ "title": "s", "text": ")") + text + "\", " + extra + QByteArray(predict).replace("CHOICES", choices) +
          R"(, "teacher_notes": "n", "actions": [ { "run_until_ms": 1000 } ] })";
    };
    QTest::newRow("fair") << step("Broker 0 loses power.", R"([ "They survive in the page cache", "Lost", "Retried by the producer" ])") << QString();
    QTest::newRow("longest") << step("Broker 0 loses power.", R"([ "Kept", "They are lost with the page cache", "Retried" ])")
                             << QStringLiteral("step 1: the right choice is the longest");
    QTest::newRow("setup says it") << step("Its page cache is gone, so the records are lost forever.",
                                           R"([ "They survive in memory", "Lost forever", "Retried by the producer" ])")
                                   << QStringLiteral("step 1: the setup text already says the answer (lost, forever)");
    QTest::newRow("said in the reveal") << step("Broker 0 loses power.", R"([ "They survive in memory", "Lost forever", "Retried by the producer" ])",
                                                R"("reveal": "The records are lost forever.", )")
                                        << QString();
    QTest::newRow("no teacher notes") << QByteArray(R"({ "title": "s", "text": "t", "actions": [ { "run_until_ms": 1000 } ] })")
                                      << QStringLiteral("step 1: no teacher notes");
  }

  void warnings() {
    QFETCH(QByteArray, step);
    QFETCH(QString, expected);
    const QByteArray text =
        QByteArray(R"({ "title": "t", "scenario": "scenarios/calm-cluster.json", "steps": [ STEP ], "comparison": [ [ "a", "b", "c" ] ] })")
            .replace("STEP", step);
    const LessonLoadResult r = loadLessonText(text, QStringLiteral(LESSON_DIR "/test.json"));
    QVERIFY2(r.lesson, qPrintable(r.error)); // a warning never refuses the lesson
    if (expected.isEmpty())
      QVERIFY2(r.lesson->warnings.isEmpty(), qPrintable(r.lesson->warnings.join(QLatin1Char('\n'))));
    else
      QVERIFY2(r.lesson->warnings.join(QLatin1Char('\n')).contains(expected), qPrintable(r.lesson->warnings.join(QLatin1Char('\n'))));
  }

  void keyWordsAreTheRightChoicesOwn() {
    Prediction p;
    p.choices = {QStringLiteral("They survive in the page cache"), QStringLiteral("They are lost with the page cache"), QStringLiteral("Retried")};
    p.answer = 1;
    QCOMPARE(answerKeyWords(p), QStringList{QStringLiteral("lost")}); // "they", "with", "the": stop words; "page cache": in a wrong one
    QVERIFY(givesAway(QStringLiteral("Everything is lost."), answerKeyWords(p)));
    QVERIFY(!givesAway(QStringLiteral("Everything is gone."), answerKeyWords(p)));
  }

  void revealAndConceptsLoad() {
    const QByteArray text = lesson()
                                .replace("\"text\": \"hello\"", "\"text\": \"hello\", \"reveal\": \"at {{time_ms}} ms\"")
                                .replace("\"steps\":", "\"concepts\": { \"introduces\": [ \"log\" ], \"uses\": [ \"record\" ] }, \"steps\":");
    const LessonLoadResult r = loadLessonText(text, QStringLiteral(LESSON_DIR "/test.json"));
    QVERIFY2(r.lesson, qPrintable(r.error));
    QCOMPARE(r.lesson->concepts.introduces, QStringList{QStringLiteral("log")});
    QCOMPARE(r.lesson->concepts.uses, QStringList{QStringLiteral("record")});
    const LessonResult result = runLessonHeadless(*r.lesson);
    QCOMPARE(result.steps[0].rendered.reveal, QStringLiteral("at 2000 ms"));
    QVERIFY(errorOf(QByteArray(text).replace("\"record\" ]", "\"record\", 3 ]")).contains(QStringLiteral("a concept is a name")));
    QVERIFY(errorOf(QByteArray(text).replace("\"record\" ]", "\"record\", \"record\" ]")).contains(QStringLiteral("named twice")));
  }

  void aTryItGoalCanNeedSeveralConditions() {
    const QByteArray text = lesson().replace(
        "\"expect\":",
        "\"try\": { \"task\": \"Cut broker 0's power, only its.\", \"hint\": \"Its menu.\", \"done_when\": [ \"broker 0 state == powered_off\", "
        "\"broker 1 state == running\" ], \"solution\": [ { \"fault\": { \"action\": \"power_loss\", \"broker\": 0 } } ] }, \"expect\":");
    const LessonLoadResult r = loadLessonText(text, QStringLiteral(LESSON_DIR "/test.json"));
    QVERIFY2(r.lesson, qPrintable(r.error));
    const TryIt &tryIt = *r.lesson->steps[0].tryIt;
    QCOMPARE(tryIt.doneWhen.size(), std::size_t{2});
    SimulationController controller;
    QVERIFY(!startLesson(controller, *r.lesson));
    QVERIFY(!tryItDone(tryIt, controller.world()).holds);
    controller.applyUserAction(streamscope::engine::Fault{controller.world().now, streamscope::engine::PowerLoss{0}});
    QVERIFY(tryItDone(tryIt, controller.world()).holds);
    controller.applyUserAction(
        streamscope::engine::Fault{controller.world().now, streamscope::engine::PowerLoss{1}}); // another route too far: one condition fails
    const Expectation::Outcome outcome = tryItDone(tryIt, controller.world());
    QVERIFY(!outcome.holds);
    QVERIFY2(outcome.detail.contains(QStringLiteral("broker 1")), qPrintable(outcome.detail));
    QVERIFY(errorOf(QByteArray(text).replace("[ \"broker 0 state == powered_off\", \"broker 1 state == running\" ]", "[ ]"))
                .contains(QStringLiteral("at least one expectation")));
  }

  void errors() {
    QFETCH(QByteArray, text);
    QFETCH(QString, expected);
    const QString error = errorOf(text);
    QVERIFY2(!error.isEmpty(), "the lesson must be refused");
    QVERIFY2(error.contains(expected), qPrintable(error));
    QVERIFY2(error.contains(QStringLiteral("test.json:")), qPrintable(error));
  }
};

QTEST_GUILESS_MAIN(TstLessonLoader)
#include "tst_lesson_loader.moc"
