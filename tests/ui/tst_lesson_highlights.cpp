// Every step of every lesson, played through the lesson panel as a learner plays it (predictions
// answered, try-its shown), on a 1280x720 screen, in the desktop layout and presenting: what
// the step highlights is drawn, inside the canvas, out of the veil, and the captions that
// describe it (the numbers its text points at) are whole and in full contrast. And the
// numbers the text quotes are the status bar's at the same moment.
#include "canvas_checks.h"
#include "checking_build.h"
#include "model/lessons/lesson.h"
#include "projector_screen.h"
#include "ui/lesson_panel.h"
#include "ui/main_window.h"

#include <QAbstractButton>
#include <QButtonGroup>
#include <QDir>
#include <QDockWidget>
#include <QLabel>
#include <QRegularExpression>
#include <QScreen>
#include <QStatusBar>
#include <QTextBrowser>
#include <QtTest>
#include <functional>

using namespace streamscope;

namespace {

struct LessonWindow {
  model::SimulationController controller;
  ui::MainWindow window{controller};
  model::Lesson lesson;
  LessonWindow(const QString &file, bool presenting) {
    window.setInteractive(false);
    const model::LessonLoadResult loaded = model::loadLessonFile(file);
    if (!loaded.lesson)
      qFatal("%s", qPrintable(loaded.error));
    lesson = *loaded.lesson;
    window.resize(1280, 720);
    window.show();
    window.lessonDock()->show();
    if (!window.lessons()->selectLessonById(lesson.id))
      qFatal("no lesson %s", qPrintable(lesson.id));
    if (presenting)
      window.setPresenting(true); // full screen: the test's screen is a 1280x720 projector
    QCoreApplication::processEvents();
  }
  /// The next step, as a learner takes it: Next, the right answer if it asks, Show me if it asks.
  /// `asking` (optional) is called while a prediction waits for its answer (the step not yet run).
  void playStep(int index, const std::function<void()> &asking = {}) {
    ui::LessonPanel &panel = *window.lessons();
    panel.next();
    const model::LessonStep &step = lesson.steps[static_cast<std::size_t>(index)];
    if (step.prediction) {
      if (asking) {
        QCoreApplication::processEvents();
        window.canvas()->refresh();
        asking();
      }
      panel.choices()->button(step.prediction->answer)->setChecked(true);
      panel.answer();
    }
    if (step.tryIt)
      panel.showMe();
    QCoreApplication::processEvents();
    window.canvas()->refresh();
  }
  QString statusCounters() const {
    for (const QLabel *label : window.statusBar()->findChildren<QLabel *>())
      if (label->text().contains(QStringLiteral("acknowledged but lost")))
        return label->text();
    return {};
  }
};

QStringList lessonFiles() {
  QStringList files;
  for (const QString &name : QDir(QStringLiteral(LESSON_DIR)).entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name))
    files << QDir(QStringLiteral(LESSON_DIR)).filePath(name);
  return files;
}

} // namespace

class TstLessonHighlights : public QObject {
  Q_OBJECT
private slots:
  void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

  void everyHighlightIsInTheClear_data() {
    QTest::addColumn<QString>("file");
    QTest::addColumn<bool>("presenting");
    const QStringList files = lessonFiles();
    QVERIFY(files.size() >= 15);
    for (const QString &file : files)
      for (const bool presenting : {false, true})
        if (!test::kCheckingBuild || presenting == (files.indexOf(file) % 2 == 1)) // there each lesson once
          QTest::addRow("%s%s", qPrintable(QFileInfo(file).baseName()), presenting ? " presenting" : "") << file << presenting;
  }

  void everyHighlightIsInTheClear() {
    QFETCH(QString, file);
    QFETCH(bool, presenting);
    LessonWindow w(file, presenting);
    QStringList problems;
    int highlighted = 0;
    ui::StreamCanvas &canvas = *w.window.canvas();
    const QSize screen = QGuiApplication::primaryScreen()->size();
    if (presenting) // the projector's screen, the lesson taking its third
      QVERIFY2(canvas.width() <= screen.width() * 0.7 && canvas.height() < screen.height(),
               qPrintable(QStringLiteral("%1x%2").arg(canvas.width()).arg(canvas.height())));
    for (int i = 0; i < static_cast<int>(w.lesson.steps.size()); ++i) {
      w.playStep(i, [&] { // the question shows the step's highlights on the world before it runs
        for (const QString &p : test::highlightProblems(canvas, canvas.grab().toImage()))
          problems << QStringLiteral("step %1 (asking): %2").arg(i + 1).arg(p);
      });
      QCOMPARE(w.window.lessons()->stepIndex(), i);
      const QImage image = canvas.grab().toImage();
      highlighted += canvas.highlights().empty() ? 0 : 1;
      for (const QString &p : test::highlightProblems(canvas, image))
        problems << QStringLiteral("step %1: %2").arg(i + 1).arg(p);
    }
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
    QVERIFY(highlighted > 0 || w.lesson.steps.size() < 2); // the lesson points at something
  }

  void theCheckSeesADimmedCaption() {
    // The check itself: a strip caption under the veil (its strip not highlighted) is reported.
    LessonWindow w(QStringLiteral(LESSON_DIR "/09-acks-and-power-loss.json"), false);
    w.playStep(0);
    ui::StreamCanvas &canvas = *w.window.canvas();
    QVERIFY(!canvas.highlights().empty());
    QVERIFY(test::highlightProblems(canvas, canvas.grab().toImage()).isEmpty());
    canvas.setHighlights({{model::WorldItem::Kind::Broker, 1}}); // broker 1: its own strip caption is clear...
    QVERIFY(test::highlightProblems(canvas, canvas.grab().toImage()).isEmpty());
    canvas.setHighlights({{model::WorldItem::Kind::Group, 0}}); // ...and a strip the step does not point at is dimmed
    const ui::CanvasLabel *caption = nullptr;
    for (const ui::CanvasLabel &l : canvas.geometry().labels)
      if (l.owner.kind == model::WorldItem::Kind::Replica)
        caption = &l;
    QVERIFY(caption);
    QVERIFY(test::darkestIn(canvas.grab().toImage(), caption->rect) > 90);
  }

  void acksLessonShowsTheFollowersCells() {
    // Step 1 points at the hatched cells at the end of the lagging followers' strips.
    LessonWindow w(QStringLiteral(LESSON_DIR "/09-acks-and-power-loss.json"), true);
    w.playStep(0);
    const ui::CanvasGeometry &g = w.window.canvas()->geometry();
    const model::KafkaView &k = w.controller.view().kafka();
    for (int broker : {1, 2}) {
      const ui::StripGeometry *s = g.strip(0, broker);
      QVERIFY(s);
      const model::ReplicaLog &log = k.partitions[0].logOf(broker);
      QVERIFY(log.leo() < k.partitions[0].logOf(0).leo()); // lagging
      QVERIFY(s->cellWidth > 0);
      QVERIFY2(s->first + 5 <= log.leo(),
               qPrintable(QStringLiteral("broker %1 shows from %2, its log ends at %3").arg(broker).arg(s->first).arg(log.leo())));
      QVERIFY(log.highWatermark() < log.leo()); // the cells it shows include hatched ones
    }
  }

  void aFollowerFarBehindShowsItsLogAsABar() {
    // Step 3: the new leader is some 1,400 records ahead of the other follower, more than cells
    // can show side by side: every strip becomes a proportional bar, so that follower's log end
    // is still drawn (not an empty strip).
    LessonWindow w(QStringLiteral(LESSON_DIR "/09-acks-and-power-loss.json"), true);
    for (int i = 0; i < 3; ++i)
      w.playStep(i);
    const model::KafkaView &k = w.controller.view().kafka();
    const int leader = k.partitions[0].leader;
    QVERIFY(leader > 0);
    const int follower = 3 - leader; // brokers 1 and 2: the other one
    QVERIFY(k.partitions[0].logOf(leader).leo() - k.partitions[0].logOf(follower).leo() > 500);
    const ui::StripGeometry *s = w.window.canvas()->geometry().strip(0, follower);
    QVERIFY(s);
    QVERIFY2(s->cellWidth == 0 || s->first < k.partitions[0].logOf(follower).leo(), "the follower's newest records are not drawn");
  }

  void acksLessonLostCountIsTheStatusBars() {
    // Step 3: "Lost for good: N acknowledged records", and the status bar at the same moment.
    LessonWindow w(QStringLiteral(LESSON_DIR "/09-acks-and-power-loss.json"), false);
    for (int i = 0; i < 3; ++i)
      w.playStep(i);
    const QString text = w.window.lessons()->view()->toPlainText();
    const QRegularExpressionMatch panel = QRegularExpression(QStringLiteral("Lost for good: ([\\d,]+) acknowledged")).match(text);
    QVERIFY2(panel.hasMatch(), qPrintable(text));
    const QRegularExpressionMatch status = QRegularExpression(QStringLiteral("acknowledged but lost ([\\d,]+)")).match(w.statusCounters());
    QVERIFY2(status.hasMatch(), qPrintable(w.statusCounters()));
    QCOMPARE(status.captured(1).remove(QLatin1Char(',')), panel.captured(1).remove(QLatin1Char(',')));
    const int lost = panel.captured(1).remove(QLatin1Char(',')).toInt();
    QVERIFY(lost > 0);
    // Step 2 counted those on no other broker right after the power cut; records then inside a
    // fetch response may have landed on a follower since, so lost for good is never more.
    QVERIFY(w.controller.world().kafka.counters.lostSeen >= lost);
  }
};

PROJECTOR_TEST_MAIN(TstLessonHighlights, 1280, 720)
#include "tst_lesson_highlights.moc"
