// A controller follows another's journal: every command sent through JSON, applied by a
// ControllerFollower, and the follower's place and event hash equal the leader's after each
// one — through runs, seeks back, steps, user actions in the past (forks), branch switches,
// action groups, resets and whole lessons with their forks and scrubs; a follower that joins
// late catches up by replaying the journal; a malformed command is refused with the reason.
#include "example_scenario.h"

#include "model/controller_follower.h"
#include "model/json/controller_command_json.h"
#include "model/json/fault_json.h"
#include "model/lessons/lesson.h"
#include "model/lessons/lesson_runner.h"

#include <QFile>
#include <QJsonDocument>
#include <QtTest>

using namespace streamscope;
using model::ControllerCommand;

namespace {

QByteArray scenarioText(const char *name) { return test::exampleScenarioText(name); }

/// A leader whose every command goes through JSON to a follower at once, and is kept for
/// followers that join later.
struct Classroom {
  model::SimulationController leader, follower;
  model::ControllerFollower follow{follower};
  std::vector<QJsonObject> journal;
  QStringList failures;
  int followed = 0;

  Classroom() {
    leader.setJournal([this](const ControllerCommand &c) {
      const QJsonObject json = model::commandToJson(c, leader.scenario());
      journal.push_back(json);
      // Through text, as the network carries it.
      const QJsonObject received = QJsonDocument::fromJson(QJsonDocument(json).toJson(QJsonDocument::Compact)).object();
      QString error;
      const auto command = model::commandFromJson(received, follower.scenarioJson(), &error);
      if (!command)
        failures << error;
      else if (const auto failed = follow.apply(*command))
        failures << *failed;
      ++followed;
    });
  }
};

/// A fresh follower replaying a whole journal; the failures, if any.
QStringList replay(const std::vector<QJsonObject> &journal, model::SimulationController &late) {
  model::ControllerFollower follow(late);
  QStringList failures;
  for (const QJsonObject &json : journal) {
    QString error;
    const auto command = model::commandFromJson(json, late.scenarioJson(), &error);
    if (!command)
      failures << error;
    else if (const auto failed = follow.apply(*command))
      failures << *failed;
  }
  return failures;
}

engine::Fault fault(const QByteArray &scenario, const char *json) {
  QString error;
  const auto f = model::faultFromJson(scenario, QJsonDocument::fromJson(json).object(), &error);
  if (!f)
    qFatal("test fault %s: %s", json, qPrintable(error));
  return *f;
}

} // namespace

class TstControllerFollower : public QObject {
  Q_OBJECT
private slots:
  void followsEveryKindOfCommand() {
    Classroom room;
    const QByteArray text = scenarioText("first-look.json");
    const auto loaded = model::loadScenarioText(text, QStringLiteral("first-look.json"));
    QVERIFY(loaded.scenario);
    room.leader.load(*loaded.scenario, loaded.playbackSpeed, text);
    room.leader.setSpeed(4);
    room.leader.runTo(2 * engine::kSecond);
    QVERIFY(!room.leader.applyUserAction(fault(text, R"({"at_ms": 0, "action": "power_loss", "broker": 1})")));
    room.leader.runTo(5 * engine::kSecond);
    room.leader.seek(1 * engine::kSecond); // back in time
    QVERIFY(!room.leader.applyUserAction(fault(text, R"({"at_ms": 0, "action": "slow_broker", "broker": 2, "extra_latency_ms": 80})")));
    QCOMPARE(room.leader.history().branches().size(), std::size_t{2}); // acting in the past forked
    room.leader.runTo(3 * engine::kSecond);
    for (int i = 0; i < 5; ++i)
      room.leader.stepEvent();
    room.leader.stepBack();
    room.leader.switchBranch(0);
    room.leader.forkBranch(QStringLiteral("mine"));
    QVERIFY(!room.leader.applyUserActions({fault(text, R"({"at_ms": 0, "action": "restart_broker", "broker": 1})"),
                                           fault(text, R"({"at_ms": 0, "action": "slow_broker", "broker": 0, "extra_latency_ms": 20})")}));
    room.leader.runUntilCondition([](const engine::World &w) { return w.processed % 97 == 0; }, 8 * engine::kSecond);
    room.leader.seek(7 * engine::kSecond);
    room.leader.play();
    room.leader.pause();
    room.leader.reset();
    room.leader.runTo(1500 * engine::kMillisecond);
    QVERIFY2(room.failures.isEmpty(), qPrintable(room.failures.join(QLatin1Char('\n'))));
    QVERIFY(room.followed > 20);
    QCOMPARE(room.follower.place(), room.leader.place());
    QCOMPARE(room.follower.eventHash(), room.leader.eventHash());
    QCOMPARE(room.follower.history().branches().size(), room.leader.history().branches().size());
    QCOMPARE(room.follow.leaderSpeed(), 4.0);

    // Late: one replay of the whole journal reaches the same place.
    model::SimulationController late;
    const QStringList failures = replay(room.journal, late);
    QVERIFY2(failures.isEmpty(), qPrintable(failures.join(QLatin1Char('\n'))));
    QCOMPARE(late.place(), room.leader.place());
    QCOMPARE(late.eventHash(), room.leader.eventHash());
  }

  void followsWholeLessons_data() {
    QTest::addColumn<QString>("file");
    for (const char *name : {"08-replication-isr-high-watermark.json", "09-acks-and-power-loss.json", "13-throughput-limits.json",
                             "23-on-demand-versus-provisioned.json"})
      QTest::addRow("%s", name) << QStringLiteral(LESSON_DIR "/") + QString::fromLatin1(name);
  }

  void followsWholeLessons() {
    QFETCH(QString, file);
    const model::LessonLoadResult loaded = model::loadLessonFile(file);
    QVERIFY2(loaded.lesson, qPrintable(loaded.error));
    Classroom room;
    const model::LessonResult result = model::runLessonHeadless(*loaded.lesson, room.leader);
    QVERIFY(result.passed());
    QVERIFY2(room.failures.isEmpty(), qPrintable(room.failures.join(QLatin1Char('\n'))));
    QCOMPARE(room.follower.eventHash(), room.leader.eventHash());
    QCOMPARE(room.follower.history().branches().size(), room.leader.history().branches().size());
  }

  void refusesMalformedCommands_data() {
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("reason");
    const QByteArray after = R"("after": {"branch": 0, "at_us": 0, "processed": 0}, "after_hash": "0000000000000000")";
    QTest::addRow("unknown kind") << QByteArray(R"({"kind": "explode", )" + after + "}") << "unknown command kind";
    QTest::addRow("no place") << QByteArray(R"({"kind": "step_event", "after_hash": "0000000000000000"})") << "\"after\" needs";
    QTest::addRow("negative time") << QByteArray(R"({"kind": "run_to", "target": {"branch": 0, "at_us": -5, "processed": 0}, )" + after + "}")
                                   << "\"target\" needs";
    QTest::addRow("bad hash") << QByteArray(R"({"kind": "step_back", "after": {"branch": 0, "at_us": 0, "processed": 0}, "after_hash": "xyz"})")
                              << "16 hexadecimal digits";
    QTest::addRow("speed") << QByteArray(R"({"kind": "speed", "speed": 5000, )" + after + "}") << "\"speed\" needs";
    QTest::addRow("fault") << QByteArray(R"({"kind": "user_action", "fault": {"action": "power_loss", "broker": 99}, "join_group": false, )" + after +
                                         "}")
                           << "the user action's fault";
    QTest::addRow("load") << QByteArray(R"({"kind": "load", "speed": 1, )" + after + "}") << "needs \"scenario\"";
  }

  void refusesMalformedCommands() {
    QFETCH(QByteArray, json);
    QFETCH(QString, reason);
    QString error;
    QVERIFY(!model::commandFromJson(QJsonDocument::fromJson(json).object(), scenarioText("first-look.json"), &error));
    QVERIFY2(error.contains(reason), qPrintable(error));
  }

  void outOfStepIsReported() {
    model::SimulationController leader, follower;
    const QByteArray text = scenarioText("first-look.json");
    const auto loaded = model::loadScenarioText(text, QStringLiteral("x"));
    std::vector<ControllerCommand> journal;
    leader.setJournal([&](const ControllerCommand &c) { journal.push_back(c); });
    leader.load(*loaded.scenario, 1, text);
    leader.runTo(engine::kSecond);
    model::ControllerFollower follow(follower);
    QVERIFY(!follow.apply(journal[0]));
    ControllerCommand wrong = journal[1];
    wrong.afterHash ^= 1; // as if the leader's engine had done something else
    const auto failed = follow.apply(wrong);
    QVERIFY(failed && failed->contains(QStringLiteral("out of step")));
  }
};

QTEST_MAIN(TstControllerFollower)
#include "tst_controller_follower.moc"
