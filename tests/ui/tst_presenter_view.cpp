// Presentation mode with a presenter view: with two screens the canvas goes to the projector
// and the presenter view, with the teacher notes, what is next, the clocks and the controls,
// to the lecturer's screen, following the lesson live; with one screen the teacher notes are
// never shown while presenting. Two screens come from the offscreen platform's configuration
// file (two_screens.json, see CMakeLists.txt); the one-screen tests run on the plain platform.
#include "model/simulation_controller.h"
#include "ui/canvas/stream_canvas.h"
#include "ui/lesson_panel.h"
#include "ui/main_window.h"
#include "ui/presenter_view.h"

#include <QAction>
#include <QDockWidget>
#include <QLabel>
#include <QPointer>
#include <QPushButton>
#include <QScreen>
#include <QTemporaryDir>
#include <QTextBrowser>
#include <QToolButton>
#include <QtTest>

#include <memory>

using namespace streamscope;

namespace {

/// A three-step lesson on the calm cluster; steps 1 and 2 have teacher notes.
QString writeLesson(const QTemporaryDir &dir) {
  QFile file(dir.filePath(QStringLiteral("01-presenting.json")));
  if (!file.open(QIODevice::WriteOnly))
    return {};
  file.write(QByteArray(R"({ "title": "Presenting", "summary": "A lesson to present.", "scenario": "SCENARIO",
    "steps": [
      { "title": "First step", "text": "The cluster starts.", "teacher_notes": "NOTE-ONE: point at the leader.",
        "actions": [ { "run_until_ms": 500 } ] },
      { "title": "Second step", "text": "Records flow.", "teacher_notes": "NOTE-TWO: ask about the offsets.",
        "actions": [ { "run_until_ms": 1000 } ] },
      { "title": "Third step", "text": "Everything is acknowledged. Nothing more happens here.",
        "actions": [ { "run_until_ms": 1500 } ] } ],
    "comparison": [ [ "aspect", "Kafka", "Kinesis" ] ] })")
                 .replace("SCENARIO", SCENARIO_DIR "/calm-cluster.json"));
  return dir.path();
}

/// The texts of every visible label and text browser in every visible window.
QStringList visibleTexts() {
  QStringList texts;
  for (QWidget *top : QApplication::topLevelWidgets()) {
    if (!top->isVisible())
      continue;
    for (QLabel *label : top->findChildren<QLabel *>())
      if (label->isVisible())
        texts << label->text();
    for (QTextBrowser *browser : top->findChildren<QTextBrowser *>())
      if (browser->isVisible())
        texts << browser->toPlainText();
  }
  return texts;
}

bool anyVisibleTextHas(const QString &needle) {
  const QStringList texts = visibleTexts();
  return std::any_of(texts.begin(), texts.end(), [&](const QString &t) { return t.contains(needle); });
}

QToolButton *buttonFor(QWidget *view, const QString &actionText) {
  for (QToolButton *b : view->findChildren<QToolButton *>())
    if (b->defaultAction() && b->defaultAction()->text() == actionText)
      return b;
  return nullptr;
}

QAction *actionNamed(QWidget &window, const QString &text) {
  for (QAction *a : window.actions())
    if (a->text().remove(QLatin1Char('&')) == text)
      return a;
  return nullptr;
}

struct Presenting {
  QTemporaryDir dir;
  model::SimulationController controller;
  ui::MainWindow window{controller};

  /// The window shown, the lesson at its first step with the teacher notes toggled on.
  bool start() {
    window.setInteractive(false);
    window.lessons()->loadLessons(writeLesson(dir));
    window.show();
    if (!QTest::qWaitForWindowExposed(&window))
      return false;
    window.lessonDock()->show();
    if (!window.lessons()->selectLessonById(QStringLiteral("01")))
      return false;
    window.lessons()->next();
    window.lessons()->notesButton()->setChecked(true);
    // Before presenting, the notes are on the screen: what presenting must change.
    return window.lessons()->view()->toPlainText().contains(QStringLiteral("NOTE-ONE"));
  }
};

} // namespace

class TstPresenterView : public QObject {
  Q_OBJECT
private slots:
  void initTestCase() { QStandardPaths::setTestModeEnabled(true); } // keep the user's library out of it

  void twoScreensPutTheCanvasOnTheProjectorAndTheNotesWithThePresenter() {
    const QList<QScreen *> screens = QGuiApplication::screens();
    if (screens.size() < 2)
      QSKIP("needs two screens: run as tst_presenter_view_two_screens");
    Presenting p;
    QVERIFY(p.start());
    QScreen *laptop = p.window.screen();
    QScreen *projector = laptop == screens[0] ? screens[1] : screens[0];
    const QRect before = p.window.geometry();

    p.window.setPresenting(true);
    QCOMPARE(p.window.geometry(), projector->geometry());
    QVERIFY(p.window.canvas()->isVisible());
    auto *view = qobject_cast<ui::PresenterView *>(p.window.presenterView());
    QVERIFY(view);
    QVERIFY(view->isVisible());
    QCOMPARE(view->screen(), laptop);
    QVERIFY(laptop->geometry().contains(view->geometry().center()));
    QVERIFY(view->width() >= laptop->availableGeometry().width() * 9 / 10); // the lecturer's whole screen
    // The lecturer's screen: the step, its notes, what comes next, the clocks.
    QVERIFY2(view->stepText().contains(QStringLiteral("First step")), qPrintable(view->stepText()));
    QVERIFY(view->notesText().contains(QStringLiteral("NOTE-ONE")));
    QVERIFY2(view->nextText().contains(QStringLiteral("Second step")), qPrintable(view->nextText()));
    QVERIFY(view->clockText().contains(QStringLiteral("presenting for 0:00:")));
    QVERIFY(view->clockText().contains(QStringLiteral("simulated t = 0.500 s")));
    // The projector's lesson text has no notes, though the toggle is on.
    QVERIFY(!p.window.lessons()->view()->toPlainText().contains(QStringLiteral("NOTE-ONE")));
    QVERIFY(!p.window.lessons()->notesButton()->isVisible());

    // Next from the presenter view's own button: both windows follow.
    QToolButton *next = buttonFor(view, QStringLiteral("Next Lesson Step"));
    QVERIFY(next);
    QVERIFY(!next->toolTip().isEmpty());
    next->click();
    QCOMPARE(p.window.lessons()->stepIndex(), 1);
    QVERIFY(view->notesText().contains(QStringLiteral("NOTE-TWO")));
    QVERIFY(view->stepText().contains(QStringLiteral("Records flow.")));
    // The next step's title and first sentence only.
    QVERIFY(view->nextText().contains(QStringLiteral("Third step")));
    QVERIFY(view->nextText().contains(QStringLiteral("Everything is acknowledged.")));
    QVERIFY(!view->nextText().contains(QStringLiteral("Nothing more")));
    QVERIFY(!p.window.lessons()->view()->toPlainText().contains(QStringLiteral("NOTE-TWO")));

    // The keys work in the presenter view: Page Up (a clicker) goes back a lesson step.
    view->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(view));
    QTest::keyClick(view, Qt::Key_PageUp);
    QCOMPARE(p.window.lessons()->stepIndex(), 0);
    QVERIFY(view->notesText().contains(QStringLiteral("NOTE-ONE")));
    // And in the projector's window: Page Down goes on.
    p.window.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&p.window));
    QTest::keyClick(&p.window, Qt::Key_PageDown);
    QCOMPARE(p.window.lessons()->stepIndex(), 1);
    QVERIFY(view->notesText().contains(QStringLiteral("NOTE-TWO")));

    // Swap the screens: the picture on the laptop, the presenter view on the projector.
    QAction *swap = actionNamed(p.window, QStringLiteral("Swap Presentation Screens"));
    QVERIFY(swap);
    swap->trigger();
    QCOMPARE(p.window.geometry(), laptop->geometry());
    QCOMPARE(view->screen(), projector);
    swap->trigger();
    QCOMPARE(p.window.geometry(), projector->geometry());
    QCOMPARE(view->screen(), laptop);

    // Esc in the presenter view leaves: it closes, the window is as it was, the notes return.
    view->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(view));
    const QPointer<QWidget> gone(view);
    QTest::keyClick(view, Qt::Key_Escape);
    QVERIFY(!p.window.isPresenting());
    QTRY_VERIFY(!gone);
    QVERIFY(!p.window.presenterView());
    QCOMPARE(p.window.geometry(), before);
    QCOMPARE(p.window.screen(), laptop);
    QVERIFY(p.window.lessons()->notesButton()->isVisible());
    QVERIFY(p.window.lessons()->view()->toPlainText().contains(QStringLiteral("NOTE-TWO")));
  }

  void oneScreenNeverShowsTheNotesWhilePresenting() {
    if (QGuiApplication::screens().size() != 1)
      QSKIP("needs one screen: run as tst_presenter_view");
    Presenting p;
    QVERIFY(p.start());
    const QRect before = p.window.geometry();
    QVERIFY(anyVisibleTextHas(QStringLiteral("NOTE-ONE")));

    p.window.setPresenting(true);
    QVERIFY(p.window.canvas()->presenting());
    QVERIFY(!p.window.presenterView()); // nowhere to put it where the room would not see it
    QVERIFY(p.window.findChildren<ui::PresenterView *>().isEmpty());
    QVERIFY(!anyVisibleTextHas(QStringLiteral("NOTE-ONE")));
    QVERIFY(!p.window.lessons()->notesButton()->isVisible());
    QVERIFY(p.window.lessons()->view()->toPlainText().contains(QStringLiteral("First step")));
    // Stepping on with the clicker's key: still no notes.
    p.window.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&p.window));
    QTest::keyClick(&p.window, Qt::Key_PageDown);
    QCOMPARE(p.window.lessons()->stepIndex(), 1);
    QVERIFY(!anyVisibleTextHas(QStringLiteral("NOTE-TWO")));

    QTest::keyClick(&p.window, Qt::Key_Escape);
    QVERIFY(!p.window.isPresenting());
    QCOMPARE(p.window.geometry(), before);
    QVERIFY(p.window.lessons()->notesButton()->isVisible());
    QVERIFY(p.window.lessons()->notesButton()->isChecked());
    QVERIFY(anyVisibleTextHas(QStringLiteral("NOTE-TWO")));
    // Page Down scrolls again outside presentation mode: it is no lesson step.
    QTest::keyClick(&p.window, Qt::Key_PageDown);
    QCOMPARE(p.window.lessons()->stepIndex(), 1);
  }

  // Without a lesson the presenter view says so and still has the clocks and the controls,
  // which are the window's own actions.
  void withoutALessonTheClockAndControlsRemain() {
    model::SimulationController controller;
    ui::MainWindow window(controller);
    window.setInteractive(false);
    QVERIFY(window.openScenario(QStringLiteral(SCENARIO_DIR "/calm-cluster.json")));
    window.show();
    auto *view = qobject_cast<ui::PresenterView *>(window.makePresenterView());
    QVERIFY(view);
    view->show();
    QVERIFY(QTest::qWaitForWindowExposed(view));
    QVERIFY(view->stepText().contains(QStringLiteral("No lesson is running")));
    QVERIFY(view->notesText().isEmpty());
    QVERIFY(view->clockText().contains(QStringLiteral("simulated t = 0.000 s")));
    for (const QString &control : {QStringLiteral("Play"), QStringLiteral("Step"), QStringLiteral("Back"), QStringLiteral("Next Lesson Step"),
                                   QStringLiteral("Previous Lesson Step"), QStringLiteral("Leave Presentation Mode")}) {
      QToolButton *b = buttonFor(view, control);
      QVERIFY2(b, qPrintable(control));
      QVERIFY2(!b->toolTip().isEmpty(), qPrintable(control));
    }
    QVERIFY(controller.lastStepWords().isEmpty());
    buttonFor(view, QStringLiteral("Step"))->click(); // the window's Step: one engine event
    QVERIFY(!controller.lastStepWords().isEmpty());
    controller.runTo(250 * engine::kMillisecond);
    QTRY_VERIFY(view->clockText().contains(QStringLiteral("simulated t = 0.250 s")));
    // Space plays and pauses from the presenter view too.
    view->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(view));
    QVERIFY(!controller.isPlaying());
    QTest::keyClick(view, Qt::Key_Space);
    QVERIFY(controller.isPlaying());
    QTest::keyClick(view, Qt::Key_Space);
    QVERIFY(!controller.isPlaying());
    delete view;
  }

  // The view takes its colours from the palette: dark backgrounds and light type in a dark one.
  void followsADarkPalette() {
    const QPalette before = QApplication::palette();
    QPalette dark;
    for (const auto &[role, colour] : {std::pair{QPalette::Window, QColor(32, 32, 32)},
                                       {QPalette::WindowText, QColor(235, 235, 235)},
                                       {QPalette::Base, QColor(22, 22, 22)},
                                       {QPalette::AlternateBase, QColor(48, 48, 48)},
                                       {QPalette::Text, QColor(235, 235, 235)},
                                       {QPalette::Button, QColor(45, 45, 45)},
                                       {QPalette::ButtonText, QColor(235, 235, 235)}})
      dark.setColor(role, colour);
    QApplication::setPalette(dark);
    {
      Presenting p;
      QVERIFY(p.start());
      std::unique_ptr<QWidget> view(p.window.makePresenterView());
      view->resize(1280, 800);
      view->show();
      QVERIFY(QTest::qWaitForWindowExposed(view.get()));
      const QImage shot = view->grab().toImage();
      for (const char *part : {"presenterStep", "presenterNotes", "presenterNext"}) {
        auto *label = view->findChild<QLabel *>(QLatin1String(part));
        QVERIFY(label);
        const QRect area(label->mapTo(view.get(), QPoint(0, 0)), label->size());
        int darkest = 255, lightest = 0;
        for (int y = area.top(); y <= area.bottom(); y += 2)
          for (int x = area.left(); x <= area.right(); x += 2) {
            const int l = QColor(shot.pixel(x, y)).lightness();
            darkest = std::min(darkest, l);
            lightest = std::max(lightest, l);
          }
        const int background = QColor(shot.pixel(area.bottomLeft() + QPoint(4, -4))).lightness();
        QVERIFY2(background < 80, part);
        QVERIFY2(lightest > 180, part); // its text
      }
    }
    QApplication::setPalette(before);
  }

  // While a step waits for its prediction, the presenter has its notes, and nothing is revealed yet.
  void notesOfAStepNotYetRunAreNotesNotItsReveal() {
    QTemporaryDir dir;
    QFile file(dir.filePath(QStringLiteral("01-asking.json")));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QByteArray(R"({ "title": "Asking", "summary": "A lesson that asks.", "scenario": "SCENARIO",
      "steps": [ { "title": "Guess", "text": "What happens next?", "reveal": "REVEALED-AFTER.", "teacher_notes": "NOTE-ASK: wait for answers.",
        "predict": { "question": "Which?", "choices": [ "This one", "That other one" ], "answer": 0, "explanation": "Because." },
        "actions": [ { "run_until_ms": 500 } ] } ],
      "comparison": [ [ "aspect", "Kafka", "Kinesis" ] ] })")
                   .replace("SCENARIO", SCENARIO_DIR "/calm-cluster.json"));
    file.close();
    model::SimulationController controller;
    ui::MainWindow window(controller);
    window.setInteractive(false);
    window.lessons()->loadLessons(dir.path());
    QVERIFY(window.lessons()->selectLessonById(QStringLiteral("01")));
    window.lessons()->next(); // the step asks; it has not run
    const model::RenderedStep waiting = window.lessons()->stepNarration();
    QVERIFY2(waiting.teacherNotes.contains(QStringLiteral("NOTE-ASK")), qPrintable(waiting.teacherNotes));
    QVERIFY2(waiting.reveal.isEmpty(), qPrintable(waiting.reveal));
    QCOMPARE(waiting.text, QStringLiteral("What happens next?"));
  }

  // What comes next: the next step's title and its first sentence; then the closing table.
  void nextStepIsItsTitleAndFirstSentence() {
    model::Lesson lesson;
    lesson.steps.resize(2);
    lesson.steps[0].title = QStringLiteral("One");
    lesson.steps[1].title = QStringLiteral("Two");
    lesson.steps[1].text = QStringLiteral("Watch **broker 0**. It fails at {{time_ms}} ms.\n\nMore.");
    const QString fromFirst = ui::PresenterView::nextStepMarkdown(lesson, 0);
    QVERIFY2(fromFirst.contains(QStringLiteral("Step 2 of 2:")) && fromFirst.contains(QStringLiteral("Two")), qPrintable(fromFirst));
    QVERIFY2(fromFirst.endsWith(QStringLiteral("Watch **broker 0**.")), qPrintable(fromFirst));
    QVERIFY(ui::PresenterView::nextStepMarkdown(lesson, -1).contains(QStringLiteral("Step 1 of 2:")));
    QVERIFY(ui::PresenterView::nextStepMarkdown(lesson, 1).contains(QStringLiteral("compared")));
    QVERIFY(ui::PresenterView::nextStepMarkdown(lesson, 2).contains(QStringLiteral("end of the lesson")));
  }
};

QTEST_MAIN(TstPresenterView)
#include "tst_presenter_view.moc"
