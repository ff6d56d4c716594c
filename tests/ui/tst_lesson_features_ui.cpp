// The lesson player's step features, played offscreen with small fixture lessons: a scrub's
// slider and plot (each value on its own branch), a fork's futures to flip between, a
// followed record the canvas points at as it moves, a step that hides all but some things, and
// the closing challenge graded live whatever route the learner takes.
#include "canvas_menu.h"
#include "model/simulation_controller.h"
#include "ui/canvas/stream_canvas.h"
#include "ui/lesson_challenge.h"
#include "ui/lesson_extras.h"
#include "ui/lesson_panel.h"
#include "ui/lesson_scrub.h"

#include <QButtonGroup>
#include <QComboBox>
#include <QLabel>
#include <QPushButton>
#include <QSlider>
#include <QTemporaryDir>
#include <QTextBrowser>
#include <QtTest>
#include <qcustomplot.h>

using namespace streamscope;

namespace {

QByteArray fixture(const QByteArray &step, const QByteArray &challenge = {}) {
  QByteArray text = R"({
  "title": "Fixture",
  "scenario": "SCENARIO",
  "steps": [
    { "title": "lagging", "text": "x", "actions": [ { "run_until_ms": 5000 } ] },
    { "title": "featured", "text": "x", STEP "expect": [ "time_ms >= 5000" ] }
  ],
  "comparison": [ [ "a", "b", "c" ] ] CHALLENGE
})";
  return text.replace("SCENARIO", LESSON_DIR "/scenarios/lesson-acks1-lagging.json").replace("STEP", step).replace("CHALLENGE", challenge);
}

double value(const model::SimulationController &c, const QString &subject) {
  QString why;
  return model::Expectation::subjectValue(subject, c.world(), &why).value_or(-1);
}

struct Player {
  QTemporaryDir dir;
  model::SimulationController controller;
  ui::StreamCanvas canvas{controller};
  ui::LessonPanel panel{controller, canvas};

  explicit Player(const QByteArray &lesson) {
    QFile f(dir.filePath(QStringLiteral("01-fixture.json")));
    f.open(QIODevice::WriteOnly);
    f.write(lesson);
    f.close();
    panel.loadLessons(dir.path());
    panel.findChild<QComboBox *>()->setCurrentIndex(0);
  }
};

} // namespace

class TstLessonFeaturesUi : public QObject {
  Q_OBJECT
private slots:
  void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

  void aScrubPlotsTheOutcomeAndTheSliderShowsEachBranch() {
    Player p(fixture(R"("scrub": { "setting": "acks", "values": [ 1, "all" ],
        "actions": [ { "fault": { "action": "set_acks", "producer": "api", "acks": "$value" } }, { "run_for_ms": 1000 },
                     { "fault": { "action": "power_loss", "broker": 0 } }, { "run_for_ms": 500 } ],
        "measures": [ "acknowledged_lost" ], "expect": [ "acknowledged_lost decreases" ] },)"));
    QCOMPARE(p.panel.lessonCount(), 1);
    p.panel.playSteps(2);
    QCOMPARE(p.panel.stepIndex(), 1);
    QVERIFY2(p.panel.stepPassed(), qPrintable(p.panel.view()->toPlainText()));
    // "What the engine shows" speaks words: the series, and that it went as the lesson says.
    QVERIFY2(p.panel.view()->toPlainText().contains(QStringLiteral("As the lesson says: acknowledged_lost: ")),
             qPrintable(p.panel.view()->toPlainText()));
    QVERIFY(!p.panel.view()->toPlainText().contains(QStringLiteral("ok    ")));
    ui::ScrubView *scrub = p.panel.extras()->scrub();
    QVERIFY(scrub->isVisibleTo(&p.panel));
    QCOMPARE(scrub->plot()->graphCount(), 1);
    QCOMPARE(scrub->plot()->graph(0)->data()->size(), 2);
    QVERIFY(scrub->plot()->graph(0)->data()->at(0)->value > 0); // acks=1 lost records
    QCOMPARE(scrub->plot()->graph(0)->data()->at(1)->value, 0.0); // acks=all lost none
    QCOMPARE(scrub->slider()->value(), 1);
    QCOMPARE(p.controller.history().branches().size(), std::size_t{3});
    // The slider puts that value's branch on the canvas.
    scrub->slider()->setValue(0);
    QVERIFY(p.controller.history().branch().name.contains(QStringLiteral("acks = 1")));
    QCOMPARE(value(p.controller, QStringLiteral("acknowledged_lost")), scrub->plot()->graph(0)->data()->at(0)->value);
    QVERIFY(scrub->caption().contains(QStringLiteral("acks = 1")));
    scrub->slider()->setValue(1);
    QVERIFY(p.controller.history().branch().name.contains(QStringLiteral("acks = all")));
    QCOMPARE(value(p.controller, QStringLiteral("acknowledged_lost")), 0.0);
  }

  void aForkOffersItsFuturesAsButtons() {
    Player p(fixture(R"("fork": [
        { "name": "cut now", "actions": [ { "fault": { "action": "power_loss", "broker": 0 } }, { "run_for_ms": 200 } ] },
        { "name": "wait", "actions": [ { "run_for_ms": 200 } ] } ],)"));
    p.panel.playSteps(2);
    QVERIFY(p.panel.stepPassed());
    QButtonGroup *futures = p.panel.extras()->futures();
    QCOMPARE(futures->buttons().size(), 2);
    QCOMPARE(futures->buttons()[0]->text(), QStringLiteral("cut now"));
    QVERIFY(futures->buttons()[1]->isChecked());
    QCOMPARE(value(p.controller, QStringLiteral("broker 0 state")), 0.0); // running on "wait"
    futures->buttons()[0]->click();
    QCOMPARE(p.controller.history().branch().name, QStringLiteral("cut now"));
    QVERIFY(value(p.controller, QStringLiteral("broker 0 state")) != 0.0);
    futures->buttons()[1]->click();
    QCOMPARE(p.controller.history().branch().name, QStringLiteral("wait"));
  }

  void theCanvasFollowsOneRecord() {
    Player p(fixture(R"("follow": { "producer": "api", "record": 100 }, "highlight": [ { "broker": 2 } ],)"));
    p.panel.playSteps(2);
    QVERIFY(p.panel.stepPassed());
    // As soon as the step is checked the record is pointed at, with the step's own highlight.
    const auto cells = [&] {
      const auto &lit = p.canvas.highlights();
      return std::count_if(lit.begin(), lit.end(), [](const model::WorldItem &i) { return i.kind == model::WorldItem::Kind::LogCell; });
    };
    QCOMPARE(cells(), 3); // on the leader and both followers
    QCOMPARE(p.canvas.followed().size(), std::size_t{4}); // and marked apart: three cells and the group that read it
    QVERIFY(std::find(p.canvas.highlights().begin(), p.canvas.highlights().end(), model::WorldItem{model::WorldItem::Kind::Broker, 2}) !=
            p.canvas.highlights().end());
    QVERIFY2(p.panel.extras()->followed().contains(QStringLiteral("api's record 100 — Kafka: offset")), qPrintable(p.panel.extras()->followed()));
    // The leader loses power: the record survives on the followers, and the canvas follows it there.
    QVERIFY(!p.controller.applyUserAction(engine::Fault{0, engine::PowerLoss{0}}));
    p.controller.runTo(20000 * engine::kMillisecond);
    QVERIFY(cells() >= 2);
    // Leaving the lesson stops following.
    p.panel.leaveLesson();
    p.controller.runTo(21000 * engine::kMillisecond);
    QVERIFY(p.canvas.highlights().empty());
    QVERIFY(p.canvas.followed().empty());
  }

  void aStepCanShowOnlySomeThings() {
    Player p(fixture(R"("show": [ { "producer": "api" }, { "broker": 0 } ],)"));
    p.canvas.resize(1200, 700);
    p.canvas.show();
    QVERIFY(QTest::qWaitForWindowExposed(&p.canvas));
    p.panel.playSteps(2);
    QCOMPARE(p.canvas.shown().size(), std::size_t{2});
    p.canvas.refresh();
    const QRectF hidden = test::shapeRect(p.canvas.geometry(), {model::WorldItem::Kind::Broker, 1});
    const QRectF visible = test::shapeRect(p.canvas.geometry(), {model::WorldItem::Kind::Broker, 0});
    QVERIFY(!hidden.isEmpty() && !visible.isEmpty());
    const QImage image = p.canvas.grab().toImage();
    const auto uniform = [&](const QRectF &r) {
      const QRgb first = image.pixel(r.topLeft().toPoint() + QPoint(2, 2));
      for (int x = static_cast<int>(r.left()) + 2; x < r.right() - 2; x += 3)
        for (int y = static_cast<int>(r.top()) + 2; y < r.bottom() - 2; y += 3)
          if (image.pixel(x, y) != first)
            return false;
      return true;
    };
    QVERIFY(uniform(hidden)); // nothing of broker 1 is drawn
    QVERIFY(!uniform(visible));
    // A hidden thing cannot be clicked.
    QTest::mouseClick(&p.canvas, Qt::LeftButton, {}, hidden.center().toPoint());
    QVERIFY(!p.canvas.selected());
    QTest::mouseClick(&p.canvas, Qt::LeftButton, {}, (visible.topLeft() + QPointF(12, 6)).toPoint());
    QVERIFY(p.canvas.selected());
    // The next step shows everything again.
    p.panel.playSteps(1);
    QVERIFY(p.canvas.shown().empty());
  }

  void theChallengeIsGradedLiveByAnyRoute() {
    const QByteArray challenge = R"(, "challenge": { "goal": "Make this cluster lose an acknowledged record.", "hint": "The leader.",
        "done_when": [ "acknowledged_lost > 0" ], "solution": [ { "fault": { "action": "power_loss", "broker": 0 } }, { "run_for_ms": 100 } ] })";
    {
      Player p(fixture("", challenge));
      p.panel.playSteps(3);
      ui::ChallengeBox *box = p.panel.challenge();
      QVERIFY(box->isVisibleTo(&p.panel));
      QVERIFY(p.panel.view()->toPlainText().contains(QStringLiteral("Kafka and Kinesis compared"))); // below the challenge
      QVERIFY(!box->met());
      QVERIFY(box->status()->text().contains(QStringLiteral("Not yet")));
      // The learner's own route: the power cut made by hand from the canvas's actions, then run on.
      QVERIFY(!p.controller.applyUserAction(engine::Fault{0, engine::PowerLoss{0}}));
      p.controller.runTo(p.controller.world().now + 100 * engine::kMillisecond);
      QVERIFY(box->met());
      QVERIFY(box->status()->text().contains(QStringLiteral("Goal reached")));
      QVERIFY(!box->showMeButton()->isEnabled());
      p.panel.restart();
      QVERIFY(!box->isVisibleTo(&p.panel));
    }
    {
      Player p(fixture("", challenge));
      p.panel.playSteps(3);
      QSignalSpy reached(p.panel.challenge(), &ui::ChallengeBox::goalReached);
      p.panel.challenge()->showMeButton()->click();
      QVERIFY(p.panel.challenge()->met());
      QCOMPARE(reached.count(), 1);
    }
  }
};

QTEST_MAIN(TstLessonFeaturesUi)
#include "tst_lesson_features_ui.moc"
