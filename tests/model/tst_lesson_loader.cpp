// Lesson files: the examples load; every error names file:line:column; expectations are
// parsed at load time and evaluated against the engine.
#include "model/lessons/claims.h"
#include "model/lessons/lesson.h"
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
