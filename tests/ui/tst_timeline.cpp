// Time travel from the window: the timeline seeks, its markers jump, Left steps back, and
// acting in the past shows a new branch that can be switched back.
#include "model/history/recording_store.h"
#include "model/simulation_controller.h"
#include "ui/branch_panel.h"
#include "ui/main_window.h"
#include "ui/timeline_bar.h"

#include <QMenu>
#include <QMenuBar>
#include <QMouseEvent>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QWheelEvent>
#include <QtTest>

using namespace streamscope;

class TstTimeline : public QObject {
  Q_OBJECT
private slots:
  void initTestCase() { QStandardPaths::setTestModeEnabled(true); } // keep the user's settings and library out of it

  void timelineSeeksAndMarkersJump() {
    model::SimulationController controller;
    ui::MainWindow window(controller);
    window.setInteractive(false);
    window.resize(1400, 860);
    QVERIFY(window.openScenario(QStringLiteral(SCENARIO_DIR "/acks1-leader-power-loss.json")));
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    controller.runTo(20 * engine::kSecond);
    ui::TimelineBar *bar = window.timeline();
    // Click a third of the way along: the world goes back to that time.
    const engine::SimTime target = bar->timeAt(bar->xOf(10 * engine::kSecond));
    QTest::mouseClick(bar, Qt::LeftButton, {}, QPoint(static_cast<int>(bar->xOf(10 * engine::kSecond)), 14));
    QVERIFY(std::abs(controller.world().now - target) < engine::kSecond / 4);
    // Clicking next to the election marker lands exactly on it.
    const model::TimelineMarker *election = nullptr;
    for (const auto &m : controller.history().branch().markers)
      if (m.kind == model::MarkerKind::LeaderElection)
        election = &m;
    QVERIFY(election);
    const engine::SimTime at = election->at;
    QTest::mouseClick(bar, Qt::LeftButton, {}, QPoint(static_cast<int>(bar->xOf(at)) + 2, 14));
    QCOMPARE(controller.world().now, at);
    // Left arrow: one event back.
    const auto processed = controller.world().processed;
    QTest::keyClick(&window, Qt::Key_Left);
    QCOMPARE(controller.world().processed, processed - 1);
  }

  void longRunsAreLabelledInRoundMinutes() {
    model::SimulationController controller;
    ui::MainWindow window(controller);
    window.setInteractive(false);
    QVERIFY(window.openScenario(QStringLiteral(SCENARIO_DIR "/first-look.json"))); // 10 minutes long
    QCOMPARE(controller.view().duration(), 600 * engine::kSecond);
    for (const bool presenting : {false, true}) { // presenting: larger labels, fewer of them
      window.resize(1400, 860);
      window.setPresenting(presenting);
      window.show();
      QVERIFY(QTest::qWaitForWindowExposed(&window));
      const auto ticks = window.timeline()->ticks();
      QVERIFY(ticks.size() >= 4);
      const engine::SimTime step = ticks[1].first - ticks[0].first;
      // A step a clock is read in, so every label is a round time: never "3.3 min".
      QVERIFY2(QList<engine::SimTime>({30, 60, 120, 300}).contains(step / engine::kSecond), qPrintable(QString::number(step)));
      for (const auto &[t, label] : ticks) {
        QCOMPARE(t % step, engine::SimTime{0});
        QVERIFY2(!label.contains(QLatin1Char('.')), qPrintable(label));
      }
      window.setPresenting(false);
    }
  }

  void timelineZoomsAndMarkersHaveMenus() {
    model::SimulationController controller;
    ui::MainWindow window(controller);
    window.setInteractive(false);
    window.resize(1400, 860);
    QVERIFY(window.openScenario(QStringLiteral(SCENARIO_DIR "/acks1-leader-power-loss.json")));
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    controller.runTo(20 * engine::kSecond);
    ui::TimelineBar *bar = window.timeline();
    QVERIFY(!bar->isZoomed());
    const auto wholeTicks = bar->ticks();
    QVERIFY(!wholeTicks.isEmpty());
    // The wheel zooms around the pointer: the time under it stays put.
    const double x = bar->xOf(10 * engine::kSecond);
    const engine::SimTime under = bar->timeAt(x);
    const QPointF pos(x, 14);
    for (int i = 0; i < 12; ++i) {
      QWheelEvent wheel(pos, bar->mapToGlobal(pos), QPoint(), QPoint(0, 120), Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase, false);
      QApplication::sendEvent(bar, &wheel);
    }
    QVERIFY(bar->isZoomed());
    QVERIFY(bar->viewEnd() - bar->viewStart() < controller.view().duration() / 10);
    QVERIFY(std::abs(bar->timeAt(x) - under) < engine::kMillisecond * 5);
    // The tick labels follow: finer steps, with decimals.
    const auto zoomedTicks = bar->ticks();
    QVERIFY(zoomedTicks.size() >= 2);
    QVERIFY(zoomedTicks[1].first - zoomedTicks[0].first < wholeTicks[1].first - wholeTicks[0].first);
    QVERIFY(zoomedTicks[0].second.contains(QLatin1Char('.')));
    // Double-click: the whole run again.
    QTest::mouseDClick(bar, Qt::LeftButton, {}, pos.toPoint());
    QVERIFY(!bar->isZoomed());
    // Shift+drag chooses a range to zoom to.
    const QPoint from(static_cast<int>(bar->xOf(4 * engine::kSecond)), 14), to(static_cast<int>(bar->xOf(6 * engine::kSecond)), 14);
    const engine::SimTime nowBefore = controller.world().now;
    QTest::mousePress(bar, Qt::LeftButton, Qt::ShiftModifier, from);
    QMouseEvent move(QEvent::MouseMove, QPointF(to), bar->mapToGlobal(QPointF(to)), Qt::LeftButton, Qt::LeftButton, Qt::ShiftModifier);
    QApplication::sendEvent(bar, &move);
    QTest::mouseRelease(bar, Qt::LeftButton, Qt::ShiftModifier, to);
    QVERIFY(bar->isZoomed());
    QVERIFY(std::abs(bar->viewStart() - 4 * engine::kSecond) < engine::kSecond / 10);
    QVERIFY(std::abs(bar->viewEnd() - 6 * engine::kSecond) < engine::kSecond / 10);
    QCOMPARE(controller.world().now, nowBefore); // choosing a range does not seek
    bar->resetZoom();
    // A plain click a few pixels from a marker seeks there, not onto the marker.
    const model::TimelineMarker *election = nullptr;
    for (const auto &m : controller.history().branch().markers)
      if (m.kind == model::MarkerKind::LeaderElection)
        election = &m;
    QVERIFY(election);
    const engine::SimTime at = election->at;
    const int beside = static_cast<int>(std::lround(bar->xOf(at))) + 6;
    QTest::mouseClick(bar, Qt::LeftButton, {}, QPoint(beside, 14));
    QVERIFY(controller.world().now != at);
    QVERIFY(std::abs(controller.world().now - bar->timeAt(beside)) < engine::kSecond / 4);
    QVERIFY(!bar->markerMenu(beside));
    // On the marker: its menu jumps to just before it, or to it.
    auto menu = bar->markerMenu(bar->xOf(at));
    QVERIFY(menu);
    QAction *before = nullptr, *onIt = nullptr;
    for (QAction *a : menu->actions()) {
      if (a->text() == QStringLiteral("Jump to Just Before"))
        before = a;
      if (a->text() == QStringLiteral("Jump to It"))
        onIt = a;
    }
    QVERIFY(before && onIt);
    before->trigger();
    QCOMPARE(controller.world().now, at - 1);
    onIt->trigger();
    QCOMPARE(controller.world().now, at);
  }

  void shiftArrowsStepOneSimulatedSecond() {
    model::SimulationController controller;
    ui::MainWindow window(controller);
    window.setInteractive(false);
    QVERIFY(window.openScenario(QStringLiteral(SCENARIO_DIR "/first-look.json")));
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    controller.runTo(5 * engine::kSecond);
    QCOMPARE(controller.world().now, 5 * engine::kSecond);
    QTest::keyClick(&window, Qt::Key_Left, Qt::ShiftModifier);
    QCOMPARE(controller.world().now, 4 * engine::kSecond);
    QTest::keyClick(&window, Qt::Key_Right, Qt::ShiftModifier);
    QTest::keyClick(&window, Qt::Key_Right, Qt::ShiftModifier);
    QCOMPARE(controller.world().now, 6 * engine::kSecond);
    // Both are in the Simulation menu, with their keys in the tooltip.
    QMenu *sim = nullptr;
    for (QAction *a : window.menuBar()->actions())
      if (a->text().remove(QLatin1Char('&')) == QStringLiteral("Simulation"))
        sim = a->menu();
    QVERIFY(sim);
    int found = 0;
    for (QAction *a : sim->actions())
      if (a->shortcut() == QKeySequence(Qt::SHIFT | Qt::Key_Left) || a->shortcut() == QKeySequence(Qt::SHIFT | Qt::Key_Right)) {
        ++found;
        QVERIFY(a->toolTip().contains(a->shortcut().toString(QKeySequence::NativeText)));
      }
    QCOMPARE(found, 2);
  }

  void stepAndBackSayWhatHappened() {
    model::SimulationController controller;
    ui::MainWindow window(controller);
    window.setInteractive(false);
    QVERIFY(window.openScenario(QStringLiteral(SCENARIO_DIR "/acks1-leader-power-loss.json")));
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    controller.runTo(2 * engine::kSecond);
    QStatusBar *status = window.statusBar();
    // Step until a produce request arrives, and until a follower fetch moves a high watermark.
    QString produce, watermark;
    for (int i = 0; i < 5000 && (produce.isEmpty() || watermark.isEmpty()); ++i) {
      QTest::keyClick(&window, Qt::Key_Right);
      const QString said = status->currentMessage();
      QVERIFY2(said.startsWith(QStringLiteral("Step: ")), qPrintable(said));
      if (said.contains(QStringLiteral("produce request from producer")) && said.contains(QStringLiteral("arrived at broker")))
        produce = said;
      if (said.contains(QStringLiteral("follower fetch")) && said.contains(QStringLiteral("HW ")) && said.contains(QStringLiteral(" → ")))
        watermark = said;
    }
    QVERIFY(!produce.isEmpty());
    QVERIFY(!watermark.isEmpty());
    // Back names what it undid: the same words as the step that did it.
    QTest::keyClick(&window, Qt::Key_Right);
    const QString stepped = status->currentMessage().mid(QStringLiteral("Step: ").size());
    QTest::keyClick(&window, Qt::Key_Left);
    QCOMPARE(status->currentMessage(), QStringLiteral("Back: undid ") + stepped);
    // A user action undone is named as one.
    window.applyFault(engine::Fault{0, engine::CrashBroker{2}});
    QTest::keyClick(&window, Qt::Key_Left);
    QVERIFY2(status->currentMessage().contains(QStringLiteral("your action: crash broker 2")), qPrintable(status->currentMessage()));
  }

  void recordingsSaveAndReopenWithTheirBranches() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("run.db"));
    std::uint64_t hash = 0;
    engine::SimTime now = 0;
    {
      model::SimulationController controller;
      ui::MainWindow window(controller);
      window.setInteractive(false);
      QVERIFY(window.openScenario(QStringLiteral(SCENARIO_DIR "/first-look.json")));
      controller.runTo(6 * engine::kSecond);
      controller.seek(2 * engine::kSecond);
      window.applyFault(engine::Fault{0, engine::PowerLoss{0}});
      controller.runTo(4 * engine::kSecond);
      hash = controller.world().events.hash();
      now = controller.world().now;
      QVERIFY(window.saveRecording(path));
    }
    model::SimulationController controller;
    ui::MainWindow window(controller);
    window.setInteractive(false);
    QVERIFY(window.openFile(path));
    QCOMPARE(controller.history().branches().size(), std::size_t{2});
    QCOMPARE(controller.history().current(), 1);
    QCOMPARE(controller.world().now, now);
    QCOMPARE(controller.world().events.hash(), hash);
    QCOMPARE(window.findChild<ui::BranchPanel *>()->count(), 2);
    // A damaged file is refused and the session stays.
    QFile bad(dir.filePath(QStringLiteral("bad.db")));
    QVERIFY(bad.open(QIODevice::WriteOnly));
    bad.write("SQLite format 3");
    bad.close();
    QVERIFY(!window.openRecording(bad.fileName()));
    QCOMPARE(controller.world().events.hash(), hash);
  }

  void recordingAsItGoes() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("live.db"));
    model::SimulationController controller;
    ui::MainWindow window(controller);
    window.setInteractive(false);
    QVERIFY(window.openScenario(QStringLiteral(SCENARIO_DIR "/calm-cluster.json")));
    QVERIFY(window.setRecording(path));
    QVERIFY(window.isRecording());
    for (int s = 1; s <= 5; ++s) // each frame commits a batch
      controller.runTo(s * engine::kSecond);
    QString error;
    const auto partial = model::readRecording(path, &error); // readable while being written
    QVERIFY2(partial, qPrintable(error));
    QCOMPARE(partial->branches.front().explored, 5 * engine::kSecond);
    controller.runTo(7 * engine::kSecond);
    const auto hash = controller.world().events.hash();
    QVERIFY(window.setRecording(QString()));
    QVERIFY(!window.isRecording());
    model::SimulationController other;
    ui::MainWindow reopened(other);
    reopened.setInteractive(false);
    QVERIFY(reopened.openRecording(path));
    QCOMPARE(other.world().events.hash(), hash);
  }

  void actingInThePastShowsABranch() {
    model::SimulationController controller;
    ui::MainWindow window(controller);
    window.setInteractive(false);
    QVERIFY(window.openScenario(QStringLiteral(SCENARIO_DIR "/first-look.json")));
    window.show();
    controller.runTo(8 * engine::kSecond);
    const auto hashAtEight = controller.world().events.hash();
    controller.seek(3 * engine::kSecond);
    window.applyFault(engine::Fault{0, engine::CrashBroker{2}});
    auto *panel = window.findChild<ui::BranchPanel *>();
    QVERIFY(panel);
    QCOMPARE(panel->count(), 2);
    QVERIFY(panel->item(1)->text().contains(QStringLiteral("crash broker 2")));
    QVERIFY(panel->item(1)->font().bold());
    // Back to the first branch: its future is still there.
    emit panel->itemActivated(panel->item(0));
    QCOMPARE(controller.history().current(), 0);
    controller.runTo(8 * engine::kSecond);
    QCOMPARE(controller.world().events.hash(), hashAtEight);
  }
};

QTEST_MAIN(TstTimeline)
#include "tst_timeline.moc"
