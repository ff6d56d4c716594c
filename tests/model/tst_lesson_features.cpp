// The lesson features beyond narration: a scrubbed setting run once per value on branches,
// a fork's named futures, a followed record, a step that shows only some things, and the
// closing challenge; loaded, run headless and checked against the engine.
#include "model/lessons/challenge.h"
#include "model/lessons/followed_record.h"
#include "model/lessons/lesson.h"
#include "model/lessons/lesson_futures.h"
#include "model/lessons/lesson_runner.h"

#include <QtTest>

using namespace streamscope;
using namespace streamscope::model;

namespace {

// acks=1 with followers 150 ms behind: a leader power cut takes acknowledged records.
const char *kLesson = R"({
  "title": "t",
  "scenario": "scenarios/lesson-acks1-lagging.json",
  "steps": [
    { "title": "lagging", "text": "x", "actions": [ { "run_until_ms": 5000 } ], "expect": [ "acknowledged > 0" ] },
    { "title": "scrubbed", "text": "x",
      STEP
      "expect": [ "time_ms >= 5000" ] }
  ],
  "comparison": [ [ "a", "b", "c" ] ]
  CHALLENGE
})";

const char *kScrub = R"("scrub": {
        "setting": "acks",
        "values": [ 1, "all" ],
        "actions": [ { "fault": { "action": "set_acks", "producer": "api", "acks": "$value" } }, { "run_for_ms": 1000 },
                     { "fault": { "action": "power_loss", "broker": 0 } }, { "run_for_ms": 500 } ],
        "measures": [ "acknowledged_lost", "kafka latency_p99_ms" ],
        "expect": [ "acknowledged_lost decreases", "acknowledged_lost == 0 at all", "acknowledged_lost > 0 at 1" ]
      },)";

QByteArray lessonWith(const QByteArray &step, const QByteArray &challenge = {}) {
  return QByteArray(kLesson).replace("STEP", step).replace("CHALLENGE", challenge);
}

Lesson load(const QByteArray &text) {
  const LessonLoadResult r = loadLessonText(text, QStringLiteral(LESSON_DIR "/test.json"));
  if (!r.lesson)
    qFatal("%s", qPrintable(r.error));
  return *r.lesson;
}

QString errorOf(const QByteArray &text) {
  const LessonLoadResult r = loadLessonText(text, QStringLiteral(LESSON_DIR "/test.json"));
  return r.lesson ? QString() : r.error;
}

} // namespace

class TstLessonFeatures : public QObject {
  Q_OBJECT
private slots:
  void aScrubRunsEachValueOnItsOwnBranch() {
    const Lesson lesson = load(lessonWith(kScrub));
    const Scrub &scrub = *lesson.steps[1].scrub;
    QCOMPARE(scrub.labels, (QStringList{QStringLiteral("1"), QStringLiteral("all")}));
    SimulationController controller;
    QVERIFY(!startLesson(controller, lesson));
    QVERIFY(!performActions(controller, lesson.steps[0].actions));
    const int origin = controller.history().current();
    const ScrubResult result = runScrub(controller, scrub);
    QVERIFY2(result.passed, qPrintable(result.details.join(QLatin1Char('\n'))));
    QCOMPARE(result.runs.size(), std::size_t{2});
    QCOMPARE(controller.history().branches().size(), std::size_t{3}); // main and one per value
    QVERIFY(result.runs[0].branch != origin && result.runs[1].branch != result.runs[0].branch);
    QCOMPARE(controller.history().current(), result.runs[1].branch); // left on the last value
    QCOMPARE(controller.history().branches()[static_cast<std::size_t>(result.runs[0].branch)].name, QStringLiteral("acks = 1"));
    QVERIFY(*result.series[0][0] > 0); // acks=1 lost acknowledged records
    QCOMPARE(*result.series[0][1], 0.0); // acks=all lost none
    QVERIFY(result.series[1][0].has_value());
    // Each value's branch holds its world: switching to the first shows its loss.
    controller.switchBranch(result.runs[0].branch);
    QString why;
    QCOMPARE(*Expectation::subjectValue(QStringLiteral("acknowledged_lost"), controller.world(), &why), *result.series[0][0]);
  }

  void aScrubIsDeterministic() {
    const Lesson lesson = load(lessonWith(kScrub));
    const auto series = [&] {
      SimulationController controller;
      startLesson(controller, lesson);
      performActions(controller, lesson.steps[0].actions);
      return runScrub(controller, *lesson.steps[1].scrub).series;
    };
    QCOMPARE(series(), series());
  }

  void aWrongTrendFails() {
    QByteArray scrub(kScrub);
    scrub.replace("acknowledged_lost decreases", "acknowledged_lost increases");
    const LessonResult result = runLessonHeadless(load(lessonWith(scrub)));
    QVERIFY(!result.passed());
    QVERIFY(result.steps[1].details.join(QLatin1Char('\n')).contains(QStringLiteral("expected to increase")));
  }

  void seriesTrendsAreCheckedBetweenNeighbours() {
    const QStringList labels{QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")};
    const QStringList measures{QStringLiteral("acknowledged_lost")};
    QString error;
    const auto down = SeriesExpectation::parse(QStringLiteral("acknowledged_lost decreases"), labels, measures, &error);
    const auto same = SeriesExpectation::parse(QStringLiteral("acknowledged_lost constant"), labels, measures, &error);
    QVERIFY(down && same);
    using S = std::vector<std::optional<double>>;
    QVERIFY(down->evaluateTrend(S{9, 3, 3}).holds); // never up, lower at the end
    QVERIFY(!down->evaluateTrend(S{9, 10, 3}).holds); // up between two neighbours
    QVERIFY(!down->evaluateTrend(S{3, 3, 3}).holds); // flat is not a decrease
    QVERIFY(!down->evaluateTrend(S{9, std::nullopt, 3}).holds); // a run without a value
    QVERIFY(same->evaluateTrend(S{3, 3, 3}).holds);
    QVERIFY(!same->evaluateTrend(S{3, 3, 4}).holds);
    QCOMPARE(down->evaluateTrend(S{9, std::nullopt, 3}).detail, QStringLiteral("acknowledged_lost: 9, —, 3 (expected to decrease)"));
  }

  void aLessonWithAScrubRunsHeadless() {
    const LessonResult result = runLessonHeadless(load(lessonWith(kScrub)));
    QVERIFY2(result.passed(), qPrintable(result.steps[1].details.join(QLatin1Char('\n'))));
    QVERIFY(result.steps[1].details.join(QLatin1Char('\n')).contains(QStringLiteral("ok    scrub")));
  }

  void forkedFuturesEachHaveABranch() {
    const Lesson lesson = load(lessonWith(R"("fork": [
        { "name": "acks=1", "actions": [ { "fault": { "action": "power_loss", "broker": 0 } }, { "run_for_ms": 200 } ],
          "expect": [ "acknowledged_lost > 0" ] },
        { "name": "acks=all", "actions": [ { "fault": { "action": "set_acks", "producer": "api", "acks": "all" } }, { "run_for_ms": 1000 },
          { "fault": { "action": "power_loss", "broker": 0 } }, { "run_for_ms": 200 } ], "expect": [ "acknowledged_lost == 0" ] } ],)"));
    QCOMPARE(lesson.steps[1].fork.size(), std::size_t{2});
    SimulationController controller;
    startLesson(controller, lesson);
    performActions(controller, lesson.steps[0].actions);
    const auto futures = runFutures(controller, lesson.steps[1].fork);
    QCOMPARE(futures.size(), std::size_t{2});
    QVERIFY2(futures[0].passed && futures[1].passed, qPrintable(futures[0].details.join(' ') + futures[1].details.join(' ')));
    QCOMPARE(controller.history().branches()[static_cast<std::size_t>(futures[1].branch)].name, QStringLiteral("acks=all"));
    controller.switchBranch(futures[0].branch);
    QCOMPARE(controller.world().kafka.brokers.size(), std::size_t{3});
    QString why;
    QVERIFY(*Expectation::subjectValue(QStringLiteral("acknowledged_lost"), controller.world(), &why) > 0);
    QVERIFY(runLessonHeadless(lesson).passed());
  }

  void aFollowedRecordIsFoundWhereItIs() {
    const Lesson lesson = load(lessonWith(R"("follow": { "producer": "api", "record": 3 },)"));
    const RecordPin pin = *lesson.steps[1].follow;
    SimulationController controller;
    startLesson(controller, lesson);
    QVERIFY(followedRecordItems(controller.world(), pin).empty()); // not produced yet
    performActions(controller, lesson.steps[0].actions);
    const auto items = followedRecordItems(controller.world(), pin);
    // By 5 s the record is on all three replicas (the followers lag only 150 ms) and read.
    int cells = 0, groups = 0;
    engine::kafka::Offset offset = -1;
    for (const WorldItem &i : items) {
      cells += i.kind == WorldItem::Kind::LogCell ? 1 : 0;
      groups += i.kind == WorldItem::Kind::Group ? 1 : 0;
      if (i.kind == WorldItem::Kind::LogCell)
        offset = i.c;
    }
    QCOMPARE(cells, 3);
    QCOMPARE(groups, 1);
    QVERIFY(offset >= 0 && offset < 20); // one of the first records of the only partition
    QVERIFY(describeFollowedRecord(controller.world(), pin).contains(QStringLiteral("offset %1 of payments-0 on brokers 0, 1, 2").arg(offset)));
  }

  void aFollowedKinesisRecordHasAShardEntry() {
    QByteArray text = lessonWith(R"("follow": { "producer": "web", "record": 0 },)");
    text.replace("lesson-acks1-lagging.json", "kinesis-throttling.json").replace("acknowledged > 0", "time_ms > 0");
    const Lesson lesson = load(text);
    SimulationController controller;
    startLesson(controller, lesson);
    performActions(controller, lesson.steps[0].actions);
    const auto items = followedRecordItems(controller.world(), *lesson.steps[1].follow);
    QVERIFY(!items.empty());
    QCOMPARE(items[0].kind, WorldItem::Kind::ShardRecord);
    QVERIFY(describeFollowedRecord(controller.world(), *lesson.steps[1].follow).contains(QStringLiteral("in 3 of 3 zones")));
  }

  void aStepShowsOnlySomeThings() {
    const Lesson lesson = load(lessonWith(R"("show": [ { "producer": "api" }, { "broker": 0 } ],)"));
    SimulationController controller;
    startLesson(controller, lesson);
    const auto shown = resolveHighlights(controller.world(), lesson.steps[1].show);
    QCOMPARE(shown.size(), std::size_t{2});
    QCOMPARE(shown[1], (WorldItem{WorldItem::Kind::Broker, 0}));
  }

  void aChallengeIsGradedByItsGoal() {
    const Lesson lesson = load(lessonWith("", R"(, "challenge": { "goal": "Lose an acknowledged record.", "hint": "h",
        "done_when": [ "acknowledged_lost > 0" ], "solution": [ { "fault": { "action": "power_loss", "broker": 0 } }, { "run_for_ms": 100 } ] })"));
    QVERIFY(lesson.challenge);
    const LessonResult result = runLessonHeadless(lesson);
    QVERIFY(result.challenge);
    QVERIFY2(result.passed(), qPrintable(result.challenge->details.join(QLatin1Char('\n'))));
    // Any route counts: a power cut made by hand reaches the goal just the same.
    SimulationController controller;
    startLesson(controller, lesson);
    performActions(controller, lesson.steps[0].actions);
    QVERIFY(!gradeChallenge(controller.world(), *lesson.challenge).met);
    QVERIFY(!controller.applyUserAction(engine::Fault{0, engine::PowerLoss{0}}));
    controller.runTo(controller.world().now + 100 * engine::kMillisecond);
    QVERIFY(gradeChallenge(controller.world(), *lesson.challenge).met);
  }

  void aChallengeAlreadyMetFails() {
    const LessonResult result = runLessonHeadless(load(lessonWith("", R"(, "challenge": { "goal": "g",
        "done_when": [ "acknowledged > 0" ], "solution": [ { "run_for_ms": 100 } ] })")));
    QVERIFY(!result.passed());
    QVERIFY(result.challenge->details.join(QLatin1Char('\n')).contains(QStringLiteral("already met")));
  }

  void aChallengeWhoseSolutionMissesFails() {
    const LessonResult result = runLessonHeadless(load(lessonWith("", R"(, "challenge": { "goal": "g",
        "done_when": [ "acknowledged_lost > 0" ], "solution": [ { "run_for_ms": 100 } ] })")));
    QVERIFY(!result.passed());
  }

  // One UpdateShardCount: UPDATING for the stream's 10 s, then the target's open shards.
  void aReshardActionReachesItsShardCount() {
    QByteArray text = lessonWith(R"("actions": [ { "reshard": { "stream": "clicks", "open_shards": 2 } }, { "run_for_ms": 9000 } ],)");
    text.replace("lesson-acks1-lagging.json", "kinesis-throttling.json").replace("acknowledged > 0", "time_ms > 0");
    text.replace(R"("expect": [ "time_ms >= 5000" ])", R"("expect": [ "stream clicks updating == true", "stream clicks open_shards == 1" ])");
    LessonResult result = runLessonHeadless(load(text));
    QVERIFY2(result.passed(), qPrintable(result.steps[1].details.join(QLatin1Char('\n'))));
    text.replace(R"({ "run_for_ms": 9000 })", R"({ "run_for_ms": 11000 })");
    text.replace(R"("stream clicks updating == true", "stream clicks open_shards == 1")",
                 R"("stream clicks updating == false", "stream clicks open_shards == 2")");
    result = runLessonHeadless(load(text));
    QVERIFY2(result.passed(), qPrintable(result.steps[1].details.join(QLatin1Char('\n'))));
  }

  // UpdateShardCount at most doubles the open shards: from one shard, three is refused.
  void aReshardBeyondDoubleIsRefused() {
    QByteArray text = lessonWith(R"("actions": [ { "reshard": { "stream": "clicks", "open_shards": 3 } } ],)");
    text.replace("lesson-acks1-lagging.json", "kinesis-throttling.json").replace("acknowledged > 0", "time_ms > 0");
    const LessonResult result = runLessonHeadless(load(text));
    QVERIFY(!result.passed());
    QVERIFY2(result.steps[1].details.join(QLatin1Char('\n')).contains(QStringLiteral("cannot scale up over double")),
             qPrintable(result.steps[1].details.join(QLatin1Char('\n'))));
  }

  void mistakesAreLoadErrors_data() {
    QTest::addColumn<QByteArray>("step");
    QTest::addColumn<QString>("message");
    QTest::newRow("one value")
        << QByteArray(R"("scrub": { "setting": "s", "values": [1], "actions": [ { "run_for_ms": "$value" } ], "measures": [ "acknowledged" ] },)")
        << "at least two values";
    QTest::newRow("no $value")
        << QByteArray(R"("scrub": { "setting": "s", "values": [1, 2], "actions": [ { "run_for_ms": 5 } ], "measures": [ "acknowledged" ] },)")
        << "$value";
    QTest::newRow("refused value")
        << QByteArray(
               R"("scrub": { "setting": "s", "values": [1, 7], "actions": [ { "fault": { "action": "set_acks", "producer": "api", "acks": "$value" } } ], "measures": [ "acknowledged" ] },)")
        << "does not fit";
    QTest::newRow("unknown measure")
        << QByteArray(R"("scrub": { "setting": "s", "values": [1, 2], "actions": [ { "run_for_ms": "$value" } ], "measures": [ "nonsense" ] },)")
        << "nonsense";
    QTest::newRow("trend of no measure")
        << QByteArray(
               R"("scrub": { "setting": "s", "values": [1, 2], "actions": [ { "run_for_ms": "$value" } ], "measures": [ "acknowledged" ], "expect": [ "consumed increases" ] },)")
        << "not one of the scrub's measures";
    QTest::newRow("at no value")
        << QByteArray(
               R"("scrub": { "setting": "s", "values": [1, 2], "actions": [ { "run_for_ms": "$value" } ], "measures": [ "acknowledged" ], "expect": [ "acknowledged > 0 at 3" ] },)")
        << "not one of the scrub's values";
    QTest::newRow("a load in a future")
        << QByteArray(R"("fork": [ { "name": "a", "actions": [ { "load": "scenarios/calm-cluster.json" } ] }, { "name": "b", "actions": [] } ],)")
        << "cannot load a scenario";
    QTest::newRow("one future") << QByteArray(R"("fork": [ { "name": "a", "actions": [] } ],)") << "at least two futures";
    QTest::newRow("same names") << QByteArray(R"("fork": [ { "name": "a", "actions": [] }, { "name": "a", "actions": [] } ],)") << "two futures";
    QTest::newRow("unknown producer") << QByteArray(R"("follow": { "producer": "nobody", "record": 1 },)") << "no producer";
    QTest::newRow("empty show") << QByteArray(R"("show": [],)") << "at least one";
    QTest::newRow("unknown stream") << QByteArray(R"("actions": [ { "reshard": { "stream": "x", "open_shards": 2 } } ],)") << "no stream";
  }
  void mistakesAreLoadErrors() {
    QFETCH(QByteArray, step);
    QFETCH(QString, message);
    const QString error = errorOf(lessonWith(step));
    QVERIFY2(error.contains(message), qPrintable(error));
    QVERIFY2(error.contains(QStringLiteral("test.json:")), qPrintable(error));
  }
};

QTEST_GUILESS_MAIN(TstLessonFeatures)
#include "tst_lesson_features.moc"
