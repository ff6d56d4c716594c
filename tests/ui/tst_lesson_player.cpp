// The lesson player end to end: a lesson with a prediction and a try-it, played offscreen;
// the try-it is done by a simulated right-click on the canvas. A broken lesson is listed with
// its message instead of crashing the player. Live numbers show "…" until their step has run.
#include "canvas_menu.h"
#include "checking_build.h"
#include "model/history/library_store.h"
#include "model/lessons/lesson_checks.h"
#include "model/simulation_controller.h"
#include "ui/canvas/stream_canvas.h"
#include "ui/lesson_panel.h"
#include "ui/lesson_prediction.h"
#include "ui/main_window.h"

#include <QButtonGroup>
#include <QComboBox>
#include <QDir>
#include <QDockWidget>
#include <QLayout>
#include <QPushButton>
#include <QRadioButton>
#include <QSettings>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTextBrowser>
#include <QtTest>

using namespace streamscope;

namespace {

void answer(ui::LessonPanel *panel, int choice) {
  QVERIFY(panel->choices()->button(choice));
  panel->choices()->button(choice)->click();
  QTest::mouseClick(panel->answerButton(), Qt::LeftButton);
}

} // namespace

class TstLessonPlayer : public QObject {
  Q_OBJECT
private slots:
  void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

  void playsALessonEndToEnd() {
    model::SimulationController controller;
    ui::MainWindow window(controller);
    window.setInteractive(false);
    window.resize(1500, 900);
    window.show();
    window.lessonDock()->show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    ui::LessonPanel *panel = window.lessons();
    QCOMPARE(panel->lessonCount(), 27);
    auto *list = panel->findChild<QComboBox *>();
    const int acks = list->findText(QStringLiteral("acks=0, 1 and all"), Qt::MatchContains);
    QVERIFY(acks >= 0);
    list->setCurrentIndex(acks);
    QCOMPARE(panel->stepIndex(), -1);
    QVERIFY(panel->view()->toPlainText().contains(QStringLiteral("acks")));

    // Step 1: narration and actions; its expectations hold.
    QTest::mouseClick(panel->nextButton(), Qt::LeftButton);
    QCOMPARE(panel->stepIndex(), 0);
    QVERIFY(panel->stepPassed());
    QVERIFY(!window.canvas()->highlights().empty()); // payments-0 is pointed at

    // Step 2: predict, then the try-it: power off the leader from the canvas's menu.
    QTest::mouseClick(panel->nextButton(), Qt::LeftButton);
    QCOMPARE(panel->stepIndex(), 1);
    QVERIFY(!panel->nextButton()->isEnabled()); // must predict first
    QVERIFY(!panel->view()->toPlainText().contains(QStringLiteral("exist nowhere else"))); // the reveal waits
    answer(panel, 2);
    QVERIFY(!panel->nextButton()->isEnabled()); // now it waits for the learner
    QVERIFY(panel->view()->toPlainText().contains(QStringLiteral("Your prediction:"))); // revealed once the step has run
    QVERIFY(!panel->view()->toPlainText().contains(QStringLiteral("You predicted it")));
    ui::StreamCanvas *canvas = window.canvas();
    const QRectF broker = test::shapeRect(canvas->geometry(), {model::WorldItem::Kind::Broker, 0});
    QVERIFY(!broker.isEmpty());
    const QPoint at = (broker.topLeft() + QPointF(12, 6)).toPoint();
    QVERIFY(test::pickFromCanvasMenu(*canvas, at, QStringLiteral("Power off broker 0")));
    QVERIFY(panel->stepPassed());
    QVERIFY(panel->nextButton()->isEnabled());
    // What the engine shows, in words rather than checker text.
    QVERIFY2(panel->view()->toPlainText().contains(QStringLiteral("acknowledged records are lost")), qPrintable(panel->view()->toPlainText()));
    QVERIFY(panel->view()->toPlainText().contains(QStringLiteral("broker 0 has lost power")));
    QVERIFY(!panel->view()->toPlainText().contains(QStringLiteral("state is 2")));
    QVERIFY(panel->view()->toPlainText().contains(QStringLiteral("Right! You predicted it")));
    QVERIFY(panel->view()->toPlainText().contains(QStringLiteral("exist nowhere else"))); // the reveal, after the answer

    // Steps 3 to 6, one with a wrong prediction: the reveal says what happened.
    QTest::mouseClick(panel->nextButton(), Qt::LeftButton);
    QVERIFY(panel->stepPassed());
    QTest::mouseClick(panel->nextButton(), Qt::LeftButton);
    QVERIFY(panel->stepPassed());
    QTest::mouseClick(panel->nextButton(), Qt::LeftButton);
    answer(panel, 1);
    QVERIFY(panel->view()->toPlainText().contains(QStringLiteral("Not quite.")));
    QVERIFY(panel->view()->toPlainText().contains(QStringLiteral("what happened was")));
    QVERIFY(panel->stepPassed());
    QTest::mouseClick(panel->nextButton(), Qt::LeftButton);
    QVERIFY(panel->stepPassed());
    // Step 7 forks two futures; step 8 is a goal try-it, done here by Show me.
    QTest::mouseClick(panel->nextButton(), Qt::LeftButton);
    QVERIFY(panel->stepPassed());
    QTest::mouseClick(panel->nextButton(), Qt::LeftButton);
    QVERIFY(!panel->nextButton()->isEnabled());
    panel->showMe();
    QVERIFY(panel->stepPassed());
    QTest::mouseClick(panel->nextButton(), Qt::LeftButton);
    QCOMPARE(panel->stepIndex(), 8); // the challenge and the closing table
    QVERIFY(panel->view()->toPlainText().contains(QStringLiteral("Kafka and Kinesis compared")));

    // Back: the previous step again, from where it started: its try-it waits again.
    panel->back();
    QCOMPARE(panel->stepIndex(), 7);
    QVERIFY(!panel->nextButton()->isEnabled());
    panel->showMe();
    QVERIFY(panel->stepPassed());
  }

  void everyLessonPlaysInTheApp() {
    model::SimulationController controller;
    ui::StreamCanvas canvas(controller);
    ui::LessonPanel panel(controller, canvas);
    panel.loadLessons(QStringLiteral(LESSON_DIR));
    QCOMPARE(panel.lessonCount(), 27);
    auto *list = panel.findChild<QComboBox *>();
    const int every = test::kCheckingBuild ? 3 : 1; // tst_lesson_highlights plays them all there
    for (int l = 0; l < panel.lessonCount(); l += every) {
      list->setCurrentIndex(l);
      QCOMPARE(panel.stepIndex(), -1);
      for (int step = 0; panel.stepIndex() < 0 || panel.nextButton()->isEnabled() || panel.choices()->buttons().size() > 0; ++step) {
        panel.playSteps(1);
        if (!panel.choices()->buttons().isEmpty()) { // a prediction waits: answer it (wrong on purpose)
          panel.choices()->button(0)->setChecked(true);
          panel.answer();
        }
        if (!panel.nextButton()->isEnabled() && panel.stepIndex() < 100)
          panel.showMe(); // a try-it waits
        if (panel.view()->toPlainText().contains(QStringLiteral("Kafka and Kinesis compared")))
          break;
        QVERIFY2(panel.stepPassed(),
                 qPrintable(QStringLiteral("%1, step %2:\n%3").arg(list->itemText(l)).arg(step + 1).arg(panel.view()->toPlainText())));
        QVERIFY(step < 20);
      }
    }
  }

  void liveNumbersWaitForTheirStepThenStay() {
    QTemporaryDir dir;
    QFile file(dir.filePath(QStringLiteral("01-live.json")));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QByteArray(R"({ "title": "live", "scenario": "SCENARIO",
      "steps": [ { "title": "s", "text": "At {{time_ms}} ms, leader {{partition orders-0 leader}}.",
        "predict": { "question": "q", "choices": [ "a", "b" ], "answer": 0, "explanation": "Acknowledged: {{kafka acknowledged}}." },
        "actions": [ { "run_until_ms": 2000 } ], "expect": [ "acknowledged > 0" ] } ],
      "comparison": [ [ "acknowledged", "{{kafka acknowledged}}", "-" ] ] })")
                   .replace("SCENARIO", SCENARIO_DIR "/calm-cluster.json"));
    file.close();
    model::SimulationController controller;
    ui::StreamCanvas canvas(controller);
    ui::LessonPanel panel(controller, canvas);
    panel.show();
    panel.loadLessons(dir.path());
    QCOMPARE(panel.lessonCount(), 1);
    panel.selectLesson(0);
    panel.next();
    // Asked before the step runs: the numbers are not known yet.
    QVERIFY2(panel.view()->toPlainText().contains(QStringLiteral("At … ms, leader ….")), qPrintable(panel.view()->toPlainText()));
    answer(&panel, 0);
    QVERIFY(panel.stepPassed());
    QVERIFY2(panel.view()->toPlainText().contains(QStringLiteral("At 2000 ms, leader 0.")), qPrintable(panel.view()->toPlainText()));
    QVERIFY(panel.view()->toPlainText().contains(QRegularExpression(QStringLiteral("Acknowledged: [1-9][0-9]*\\."))));
    // The simulation runs on; the step keeps the values of its moment.
    controller.runTo(2 * controller.world().now); // to 4 s
    for (QPushButton *b : panel.findChildren<QPushButton *>())
      if (b->text() == QStringLiteral("Teacher notes"))
        b->toggle(); // re-renders the view
    QVERIFY(panel.view()->toPlainText().contains(QStringLiteral("At 2000 ms")));
    // With the teacher notes, the author sees the lesson's warnings.
    QVERIFY2(panel.view()->toPlainText().contains(QStringLiteral("For the author: step 1: no teacher notes")),
             qPrintable(panel.view()->toPlainText()));
    panel.next();
    QVERIFY(panel.view()->toPlainText().contains(QRegularExpression(QStringLiteral("acknowledged\\s+[1-9][0-9]*"))));
  }

  // Answer, the step runs, then the reveal: right or not, the explanation, why the chosen one
  // is wrong; "Try again" goes back to the step's start and asks again, in place.
  void aPredictionRunsThenRevealsAndCanBeTriedAgain() {
    QTemporaryDir dir;
    QFile file(dir.filePath(QStringLiteral("01-predict.json")));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QByteArray(R"({ "title": "predict", "scenario": "SCENARIO",
      "steps": [ { "title": "s", "text": "t",
        "predict": { "question": "q", "choices": [ "many", "none" ], "answer": 0, "explanation": "Explained.",
                     "why_not": [ null, "Not none: {{kafka acknowledged}} were acknowledged." ] },
        "actions": [ { "run_until_ms": 2000 } ], "expect": [ "acknowledged > 0" ] } ],
      "comparison": [ [ "acknowledged", "{{kafka acknowledged}}", "-" ] ] })")
                   .replace("SCENARIO", SCENARIO_DIR "/calm-cluster.json"));
    file.close();
    model::SimulationController controller;
    ui::StreamCanvas canvas(controller);
    ui::LessonPanel panel(controller, canvas);
    panel.show();
    panel.loadLessons(dir.path());
    panel.selectLesson(0);
    panel.next();
    const auto text = [&] { return panel.view()->toPlainText(); };
    QCOMPARE(controller.world().now, engine::SimTime{0});
    QVERIFY(!text().contains(QStringLiteral("Explained.")));
    QVERIFY(!panel.tryAgainButton()->isVisible());

    answer(&panel, 1); // wrong
    QCOMPARE(controller.world().now, 2 * engine::kSecond); // the step ran first
    QVERIFY2(text().contains(QStringLiteral("Not quite.")), qPrintable(text()));
    QVERIFY(text().contains(QStringLiteral("Explained.")));
    QVERIFY2(text().contains(QRegularExpression(QStringLiteral("Not none: [1-9][0-9]* were acknowledged\\."))), qPrintable(text()));
    QCOMPARE(panel.choices()->buttons().size(), 2); // the choices stay, the learner's checked
    QCOMPARE(panel.choices()->checkedId(), 1);
    QVERIFY(!panel.choices()->button(1)->isEnabled());
    QVERIFY(panel.tryAgainButton()->isVisible());

    QTest::mouseClick(panel.tryAgainButton(), Qt::LeftButton);
    QCOMPARE(panel.stepIndex(), 0);
    QCOMPARE(controller.world().now, engine::SimTime{0}); // the step's start
    QVERIFY(!text().contains(QStringLiteral("Not quite.")));
    QVERIFY(panel.answerButton()->isVisible());
    QVERIFY(panel.choices()->button(0)->isEnabled());

    answer(&panel, 0); // right
    QCOMPARE(controller.world().now, 2 * engine::kSecond);
    QVERIFY2(text().contains(QStringLiteral("Right!")), qPrintable(text()));
    QVERIFY(text().contains(QStringLiteral("Explained.")));
    QVERIFY(!text().contains(QStringLiteral("Not none")));
    QVERIFY(panel.stepPassed());
    // Both answers are kept in the library.
    const auto progress = model::LibraryStore(model::LibraryStore::defaultPath()).progress(panel.currentLessonId());
    QVERIFY(progress);
    QVERIFY2(progress->answers.contains(QStringLiteral("0:1,0:0")), qPrintable(progress->answers));
  }

  // The setup is shown first and the reveal only once the step has run; the choices come in an
  // order of their own for each learner, the same every time the step is asked.
  void revealsAfterTheRunAndShufflesChoicesPerLearner() {
    QTemporaryDir dir;
    QFile file(dir.filePath(QStringLiteral("01-reveal.json")));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QByteArray(R"({ "title": "reveal", "scenario": "SCENARIO",
      "steps": [ { "title": "s", "text": "Setup first.", "reveal": "Revealed at {{time_ms}} ms.", "teacher_notes": "n",
        "predict": { "question": "q", "choices": [ "alpha", "beta", "gamma", "delta", "epsilon" ], "answer": 3, "explanation": "e" },
        "actions": [ { "run_until_ms": 2000 } ], "expect": [ "broker 0 state == running" ] } ],
      "comparison": [ [ "a", "b", "c" ] ] })")
                   .replace("SCENARIO", SCENARIO_DIR "/calm-cluster.json"));
    file.close();
    model::SimulationController controller;
    ui::StreamCanvas canvas(controller);
    ui::LessonPanel panel(controller, canvas);
    panel.show();
    const auto shownOrder = [&] {
      QList<int> order;
      auto *box = panel.findChild<ui::PredictionBox *>();
      for (int i = 0; i < box->layout()->count(); ++i)
        if (auto *radio = qobject_cast<QRadioButton *>(box->layout()->itemAt(i)->widget()))
          order << panel.choices()->id(radio);
      return order;
    };
    const QStringList choices = {QStringLiteral("alpha"), QStringLiteral("beta"), QStringLiteral("gamma"), QStringLiteral("delta"),
                                 QStringLiteral("epsilon")};
    QList<QList<int>> orders;
    for (const QString &learner : {QStringLiteral("learner-a"), QStringLiteral("learner-b"), QStringLiteral("learner-c")}) {
      QSettings().setValue(QStringLiteral("lessons/learnerId"), learner);
      panel.loadLessons(dir.path());
      panel.selectLesson(0);
      panel.next();
      const QList<int> order = shownOrder();
      QCOMPARE(order, model::shuffledChoiceOrder(5, model::choiceSeed(learner, QStringLiteral("01-reveal"), 0)));
      for (int id = 0; id < 5; ++id)
        QCOMPARE(panel.choices()->button(id)->text(), choices[id]); // ids stay the lesson's indices
      panel.restart(); // asked again: the same order
      panel.next();
      QCOMPARE(shownOrder(), order);
      orders << order;
    }
    QVERIFY(orders[0] != orders[1] || orders[1] != orders[2]); // learners do not all see one order

    QVERIFY(panel.view()->toPlainText().contains(QStringLiteral("Setup first.")));
    QVERIFY(!panel.view()->toPlainText().contains(QStringLiteral("Revealed")));
    answer(&panel, 3);
    QVERIFY2(panel.view()->toPlainText().contains(QStringLiteral("Right!")), qPrintable(panel.view()->toPlainText()));
    QVERIFY(panel.view()->toPlainText().contains(QStringLiteral("Revealed at 2000 ms.")));
    QVERIFY(panel.view()->toPlainText().contains(QStringLiteral("broker 0 is running")));
  }

  // A lesson's highlights belong to the lesson: every way out of it leaves a clean canvas.
  void leavingALessonCleansTheCanvas() {
    model::SimulationController controller;
    ui::MainWindow window(controller);
    window.setInteractive(false);
    window.show();
    ui::LessonPanel *panel = window.lessons();
    const auto enterAcksLesson = [&] {
      window.lessonDock()->show();
      QVERIFY(panel->selectLessonById(QStringLiteral("09"))); // acks and power loss
      for (int steps = 1; steps < 8 && window.canvas()->highlights().empty(); ++steps) {
        panel->restart();
        panel->playSteps(steps);
      }
      QVERIFY(!window.canvas()->highlights().empty());
    };
    const auto clean = [&] {
      QVERIFY(window.canvas()->highlights().empty());
      QVERIFY(panel->currentLessonId().isEmpty());
    };
    QTemporaryDir dir;
    const QString recording = QDir(dir.path()).filePath(QStringLiteral("run.sqlite"));
    QVERIFY(window.openScenario(QStringLiteral(SCENARIO_DIR "/calm-cluster.json")));
    controller.runTo(engine::kSecond);
    QVERIFY(window.saveRecording(recording));

    enterAcksLesson(); // the demo, the route of the trial
    window.startDemo();
    clean();
    controller.reset();
    clean();

    enterAcksLesson(); // the dock's close button
    window.lessonDock()->close();
    clean();

    enterAcksLesson(); // the dock unticked
    window.lessonDock()->toggleViewAction()->trigger();
    clean();

    enterAcksLesson(); // a scenario
    QVERIFY(window.openScenario(QStringLiteral(SCENARIO_DIR "/calm-cluster.json")));
    clean();

    enterAcksLesson(); // a recording
    QVERIFY2(window.openRecording(recording), qPrintable(window.statusBar()->currentMessage()));
    clean();

    enterAcksLesson(); // another lesson: its summary, nothing pointed at
    QVERIFY(panel->selectLessonById(QStringLiteral("01")));
    QVERIFY(window.canvas()->highlights().empty());
    QVERIFY(panel->currentLessonId().startsWith(QStringLiteral("01")));
  }

  void aBrokenLessonIsShownNotFatal() {
    QTemporaryDir dir;
    QFile bad(dir.filePath(QStringLiteral("01-bad.json")));
    QVERIFY(bad.open(QIODevice::WriteOnly));
    bad.write("{ \"title\": \"x\", \"scenario\": \"nope.json\", \"steps\": [] }");
    bad.close();
    model::SimulationController controller;
    ui::StreamCanvas canvas(controller);
    ui::LessonPanel panel(controller, canvas);
    panel.loadLessons(dir.path());
    QCOMPARE(panel.lessonCount(), 0);
    QVERIFY2(panel.view()->toPlainText().contains(QStringLiteral("01-bad.json:1:")), qPrintable(panel.view()->toPlainText()));
  }
};

QTEST_MAIN(TstLessonPlayer)
#include "tst_lesson_player.moc"
