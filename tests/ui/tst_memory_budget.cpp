// The memory budget: playing pauses before the run goes over it, the Branches dock shows the
// memory against it, and the dialog's three ways on (drop history, lower the rate, go on) each
// do what they say. A tiny budget makes a few seconds of side-by-side enough.
#include "model/json/scenario_loader.h"
#include "model/settings/world_settings.h"
#include "model/simulation_controller.h"
#include "ui/branch_panel.h"
#include "ui/main_window.h"
#include "ui/memory_budget_dialog.h"

#include <algorithm>

#include <QDockWidget>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QtTest>

using namespace streamscope;
using engine::kSecond;

namespace {

void loadSideBySide(model::SimulationController &c) {
  const auto loaded = model::loadScenarioFile(QStringLiteral(SCENARIO_DIR "/side-by-side.json"));
  QVERIFY(loaded.scenario);
  c.load(*loaded.scenario);
}

/// Plays at full speed with a budget a little above what the run holds after `ranTo`, until it pauses.
void playIntoTheBudget(model::SimulationController &c, engine::SimTime ranTo) {
  c.runTo(ranTo);
  c.setMemoryBudget(c.memoryUse().held() + (std::size_t{1} << 20));
  c.setSpeed(50);
  QSignalSpy reached(&c, &model::SimulationController::memoryBudgetReached);
  c.play();
  QTRY_VERIFY_WITH_TIMEOUT(!c.isPlaying(), 20000);
  QCOMPARE(reached.count(), 1);
  QVERIFY(!c.simulation().finished());
}

QPushButton *button(QWidget *w, const char *name) { return w->findChild<QPushButton *>(QString::fromLatin1(name)); }

} // namespace

class TstMemoryBudget : public QObject {
  Q_OBJECT
private slots:
  void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

  void pausesBeforeCrossingTheBudget() {
    model::SimulationController c;
    loadSideBySide(c);
    playIntoTheBudget(c, 2 * kSecond);
    const model::MemoryUse use = c.memoryUse();
    QVERIFY(use.world > 0);
    QVERIFY(use.snapshots > 0);
    QVERIFY(use.metrics > 0);
    QVERIFY(use.process > use.held()); // the whole process holds more than the run's parts
    QVERIFY(c.simulation().now() > 2 * kSecond);
    // Still over: playing again asks again rather than going on.
    QSignalSpy reached(&c, &model::SimulationController::memoryBudgetReached);
    c.play();
    QTRY_VERIFY(!c.isPlaying());
    QCOMPARE(reached.count(), 1);
  }

  void goOnRaisesTheBudgetForThisRun() {
    model::SimulationController c;
    loadSideBySide(c);
    playIntoTheBudget(c, 2 * kSecond);
    const std::size_t budget = c.memoryBudget();
    ui::MemoryBudgetDialog dialog(c);
    auto *more = dialog.findChild<QSpinBox *>(QStringLiteral("moreMiB"));
    more->setValue(64);
    QTest::mouseClick(button(&dialog, "goOn"), Qt::LeftButton);
    QCOMPARE(dialog.choice(), ui::MemoryBudgetDialog::Choice::GoOn);
    QCOMPARE(c.memoryBudget(), budget + (std::size_t{64} << 20));
    QVERIFY(c.isPlaying());
    const engine::SimTime at = c.simulation().now();
    QTRY_VERIFY(c.simulation().now() > at + kSecond);
    c.pause();
    c.reset(); // a new run starts with the setting again
    QCOMPARE(c.memoryBudget(), budget);
  }

  void lowerTheRateIsARecordedUserAction() {
    model::SimulationController c;
    loadSideBySide(c);
    playIntoTheBudget(c, 2 * kSecond);
    std::vector<model::ControllerCommand> journal;
    c.setJournal([&](const model::ControllerCommand &command) { journal.push_back(command); });
    ui::MemoryBudgetDialog dialog(c);
    dialog.findChild<QSpinBox *>(QStringLiteral("ratePercent"))->setValue(25);
    QTest::mouseClick(button(&dialog, "lowerRate"), Qt::LeftButton);
    QCOMPARE(dialog.choice(), ui::MemoryBudgetDialog::Choice::LowerRate);
    c.pause();
    const auto settings = model::readWorldSettings(c);
    QCOMPARE(settings.producers.size(), std::size_t{1});
    QCOMPARE(settings.producers.front().rate, 500.0); // 2,000 records/s x 25%
    QCOMPARE(c.userActions().size(), std::size_t{1});
    QVERIFY(c.userActions().front().as<engine::SetRate>());
    QVERIFY(std::any_of(journal.begin(), journal.end(), [](const auto &cmd) { return cmd.kind == model::ControllerCommand::Kind::UserAction; }));
  }

  void dropHistoryFreesSnapshotsAndRefusesSeekingThere() {
    model::SimulationController c;
    loadSideBySide(c);
    playIntoTheBudget(c, 12 * kSecond);
    const std::size_t snapshots = c.history().snapshotBytes();
    const engine::SimTime now = c.simulation().now();
    ui::MemoryBudgetDialog dialog(c);
    dialog.findChild<QDoubleSpinBox *>(QStringLiteral("dropBefore"))->setValue(8);
    QTest::mouseClick(button(&dialog, "dropHistory"), Qt::LeftButton);
    QCOMPARE(dialog.choice(), ui::MemoryBudgetDialog::Choice::DropHistory);
    c.pause();
    QVERIFY(c.history().earliest() > 0);
    QVERIFY(c.history().earliest() <= 8 * kSecond);
    QVERIFY(c.history().snapshotBytes() < snapshots);
    // Going back before it is refused, with the reason; the run stays where it was.
    const engine::SimTime here = c.simulation().now();
    QVERIFY(here >= now);
    QSignalSpy refused(&c, &model::SimulationController::refused);
    c.seek(kSecond);
    QCOMPARE(refused.count(), 1);
    QVERIFY(refused.first().first().toString().contains(QStringLiteral("dropped")));
    QCOMPARE(c.simulation().now(), here);
    // After it, time travel still works and repeats the run exactly.
    const std::uint64_t hash = c.eventHash();
    c.seek(c.history().earliest() + kSecond);
    c.seek(here);
    QCOMPARE(c.eventHash(), hash);
  }

  void stayPausedDoesNothing() {
    model::SimulationController c;
    loadSideBySide(c);
    playIntoTheBudget(c, 2 * kSecond);
    const std::size_t budget = c.memoryBudget();
    ui::MemoryBudgetDialog dialog(c);
    dialog.show();
    QTest::keyClick(&dialog, Qt::Key_Escape);
    QCOMPARE(dialog.choice(), ui::MemoryBudgetDialog::Choice::StayPaused);
    QVERIFY(!c.isPlaying());
    QCOMPARE(c.memoryBudget(), budget);
    for (const char *name : {"dropHistory", "lowerRate", "goOn", "stayPaused"}) { // keyboard and tooltips
      QVERIFY2(!button(&dialog, name)->toolTip().isEmpty(), name);
      QVERIFY2(button(&dialog, name)->text().contains(QLatin1Char('&')), name);
    }
  }

  void theWindowAsksAndTheDockShowsTheBar() {
    model::SimulationController c;
    ui::MainWindow window(c);
    window.setInteractive(false);
    QVERIFY(window.openScenario(QStringLiteral(SCENARIO_DIR "/side-by-side.json")));
    auto *bar = window.findChild<ui::MemoryBar *>();
    QVERIFY(bar);
    playIntoTheBudget(c, 2 * kSecond);
    QTRY_VERIFY(window.findChild<ui::MemoryBudgetDialog *>());
    auto *progress = bar->findChild<QProgressBar *>(QStringLiteral("memoryBar"));
    bar->refresh();
    const model::MemoryUse use = c.memoryUse();
    // The bar stops at its end when a snapshot taken in the last frame carried the run past the budget.
    QCOMPARE(progress->value(), std::min(1000, static_cast<int>(static_cast<double>(use.held()) / static_cast<double>(use.budget) * 1000)));
    QVERIFY(progress->value() > 500); // paused within a frame's growth of the budget
    QVERIFY(bar->text().contains(QStringLiteral("budget")));
    QVERIFY(bar->text().contains(QStringLiteral("process")));
    QVERIFY(!progress->toolTip().isEmpty());
    // The setting in the Settings dock sets the controller's budget.
    auto *setting = window.findChild<QSpinBox *>(QStringLiteral("memoryBudget"));
    QVERIFY(setting);
    for (int mib : {1000, 4096}) { // whatever an earlier run saved, both are changes
      setting->setValue(mib);
      QCOMPARE(c.memoryBudget(), static_cast<std::size_t>(mib) << 20);
    }
  }
  /// The pictures in docs/screenshots (memory-budget-dock.png, memory-budget-dialog.png): run
  /// with STREAMSCOPE_SCREENSHOTS=DIR, under a real display (xvfb-run), to write them there.
  void screenshots() {
    const QString dir = qEnvironmentVariable("STREAMSCOPE_SCREENSHOTS");
    if (dir.isEmpty())
      QSKIP("set STREAMSCOPE_SCREENSHOTS=DIR to write the pictures");
    model::SimulationController c;
    ui::MainWindow window(c);
    window.setInteractive(false);
    window.resize(1600, 900);
    window.show();
    QVERIFY(window.openScenario(QStringLiteral(SCENARIO_DIR "/side-by-side.json")));
    auto *dock = window.findChild<QDockWidget *>(QStringLiteral("branchDock"));
    dock->show();
    dock->raise();
    c.runTo(3 * kSecond);
    c.seek(kSecond);
    c.applyUserAction(engine::brokerFault(0, engine::FaultAction::PowerLoss, 1)); // a second branch, for the list
    playIntoTheBudget(c, 6 * kSecond);
    QTRY_VERIFY(window.findChild<ui::MemoryBudgetDialog *>());
    auto *dialog = window.findChild<ui::MemoryBudgetDialog *>();
    QTest::qWait(300);
    window.findChild<ui::MemoryBar *>()->refresh();
    QVERIFY(window.grab().save(dir + QStringLiteral("/memory-budget-window.png")));
    QVERIFY(dock->grab().save(dir + QStringLiteral("/memory-budget-dock.png")));
    QVERIFY(dialog->grab().save(dir + QStringLiteral("/memory-budget-dialog.png")));
  }
};

QTEST_MAIN(TstMemoryBudget)
#include "tst_memory_budget.moc"
