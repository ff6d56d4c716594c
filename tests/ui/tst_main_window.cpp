// The main window shows a live cluster and survives a bad scenario file.
#include "model/history/recording_store.h"
#include "model/json/scenario_loader.h"
#include "model/simulation_controller.h"
#include "ui/fault_menu.h"
#include "ui/inspector_panel.h"
#include "ui/lesson_panel.h"
#include "ui/main_window.h"
#include "ui/scenario_details_dialog.h"
#include "ui/settings_keys.h"
#include "ui/speed_control.h"
#include "ui/welcome_page.h"

#include <QDockWidget>
#include <QListWidget>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QScreen>
#include <QSettings>
#include <QStatusBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QTextBrowser>
#include <QTimer>
#include <QToolButton>
#include <QtTest>

using namespace streamscope;

class TstMainWindow : public QObject {
  Q_OBJECT
private slots:
  void initTestCase() { QStandardPaths::setTestModeEnabled(true); } // keep the user's settings and library out of it

  void showsLiveClusterState() {
    model::SimulationController controller;
    ui::MainWindow window(controller);
    QVERIFY(window.openScenario(QStringLiteral(SCENARIO_DIR "/calm-cluster.json")));
    window.show();
    controller.setSpeed(100);
    controller.play();
    QTRY_VERIFY_WITH_TIMEOUT(controller.world().now > 2 * engine::kSecond, 5000);
    const QList<QTableView *> tables = window.findChildren<QTableView *>();
    QCOMPARE(tables.size(), 3);
    QCOMPARE(tables[1]->model()->rowCount(), 3); // orders-0..2
    const QString hw = tables[1]->model()->index(0, 5).data().toString();
    QVERIFY2(hw.toLongLong() > 0, qPrintable(hw));
  }

  void welcomePageLeadsToTheDemoRecentFilesAndLessons() {
    QSettings().remove(QStringLiteral("recentScenarios"));
    model::SimulationController controller;
    ui::MainWindow window(controller);
    window.setInteractive(false);
    window.lessons()->loadLessons(QStringLiteral(LESSON_DIR));
    QVERIFY(window.openScenario(QStringLiteral(SCENARIO_DIR "/calm-cluster.json"))); // now a recent file
    window.show();
    controller.play();
    window.showWelcome();
    QVERIFY(window.isShowingWelcome());
    QVERIFY2(!controller.isPlaying(), "the simulation should wait behind the welcome page");
    ui::WelcomePage &page = *window.welcomePage();
    QCOMPARE(page.lessonList()->count(), window.lessons()->lessonCount());
    QVERIFY(page.lessonList()->item(0)->text().contains(QStringLiteral("log")));
    QVERIFY2(page.lessonList()->item(6)->text().startsWith(QStringLiteral("07 · ")), qPrintable(page.lessonList()->item(6)->text()));
    QCOMPARE(page.recentList()->count(), 1);
    QCOMPARE(page.recentList()->item(0)->text(), QStringLiteral("calm-cluster.json"));

    // The demo: the side-by-side first look, playing.
    QTest::mouseClick(page.demoButton(), Qt::LeftButton);
    QVERIFY(!window.isShowingWelcome());
    QVERIFY(controller.isPlaying());
    QVERIFY(controller.world().scenario.kafka && controller.world().scenario.kinesis);

    // A recent file opens from its row.
    window.showWelcome();
    emit page.recentList()->itemActivated(page.recentList()->item(0));
    QVERIFY(!window.isShowingWelcome());
    QCOMPARE(controller.world().scenario.name, model::loadScenarioFile(QStringLiteral(SCENARIO_DIR "/calm-cluster.json")).scenario->name);

    // A lesson starts in its dock.
    window.showWelcome();
    emit page.lessonList()->itemActivated(page.lessonList()->item(6));
    QVERIFY(!window.isShowingWelcome());
    QVERIFY(window.lessonDock()->isVisible());
    QCOMPARE(window.lessons()->currentLessonId(), window.lessons()->lessonsWithProgress().at(6).first);
    QVERIFY(window.lessons()->currentLessonId().startsWith(QStringLiteral("07")));
  }

  // The course map: one box per lesson, arrows from the lessons each builds on, the lessons
  // played to the end marked; a click on a box opens that lesson.
  void courseMapShowsPrerequisitesProgressAndOpensALesson() {
    model::SimulationController controller;
    ui::MainWindow window(controller);
    window.setInteractive(false);
    window.resize(1500, 900);
    window.lessons()->loadLessons(QStringLiteral(LESSON_DIR));
    const auto &lessons = window.lessons()->lessons();
    QSettings().setValue(QStringLiteral("lessons/passed"), QStringList{lessons[0].id, lessons[1].id});
    window.show();
    window.showWelcome();
    ui::CourseMap *map = window.welcomePage()->courseMap();
    QVERIFY(map->isVisible());
    QCOMPARE(map->nodes().size(), lessons.size());
    QVERIFY(map->nodes()[0].passed && map->nodes()[1].passed && !map->nodes()[2].passed);
    QVERIFY(map->nodes()[0].prerequisites.empty()); // the first lesson needs nothing
    for (std::size_t i = 1; i < map->nodes().size(); ++i) {
      QVERIFY2(!map->nodes()[i].prerequisites.empty(), qPrintable(map->nodes()[i].id)); // every later one builds on another
      for (int p : map->nodes()[i].prerequisites) {
        QVERIFY(p < static_cast<int>(i));
        QVERIFY(map->nodeRect(p).right() < map->nodeRect(static_cast<int>(i)).left()); // drawn left of it
      }
    }
    for (std::size_t i = 0; i < map->nodes().size(); ++i) // every box is on screen, none overlaps the next
      QVERIFY2(map->rect().contains(map->nodeRect(static_cast<int>(i))), qPrintable(map->nodes()[i].id));
    const QImage shot = map->grab().toImage();
    QVERIFY(shot.pixelColor(map->nodeRect(0).center() + QPoint(0, map->nodeRect(0).height() / 2 - 4)) !=
            shot.pixelColor(map->nodeRect(2).center() + QPoint(0, map->nodeRect(2).height() / 2 - 4))); // done looks different

    const int pick = static_cast<int>(lessons.size()) - 1;
    QTest::mouseClick(map, Qt::LeftButton, {}, map->nodeRect(pick).center());
    QVERIFY(!window.isShowingWelcome());
    QCOMPARE(window.lessons()->currentLessonId(), lessons[static_cast<std::size_t>(pick)].id);
    // Playing a lesson to the end marks it on the map.
    window.lessons()->playSteps(100);
    window.showWelcome();
    QVERIFY(map->nodes()[static_cast<std::size_t>(pick)].passed);
    QSettings().remove(QStringLiteral("lessons/passed"));
  }

  // Unsaved exploration (user actions, branches) is never dropped without asking; each answer.
  void unsavedExplorationIsAskedAbout() {
    model::SimulationController controller;
    ui::MainWindow window(controller);
    window.setInteractive(false);
    using Choice = ui::MainWindow::UnsavedChoice;
    QTemporaryDir dir;
    const QString calm = QStringLiteral(SCENARIO_DIR "/calm-cluster.json");
    const std::string calmName = model::loadScenarioFile(calm).scenario->name;
    const auto explore = [&] {
      QVERIFY(window.openScenario(calm));
      QVERIFY(!window.hasUnsavedExploration());
      controller.runTo(engine::kSecond);
      QVERIFY(window.applyFault(engine::Fault{0, engine::CrashBroker{2}}));
      QVERIFY(window.hasUnsavedExploration());
    };

    // Cancel: nothing opens (scenario, lesson, demo); the run keeps its action.
    explore();
    window.setUnsavedAnswer(Choice::Cancel);
    QVERIFY(!window.openScenario(calm));
    QVERIFY(!window.lessons()->selectLessonById(QStringLiteral("07")));
    QVERIFY(window.lessons()->currentLessonId().isEmpty());
    window.startDemo();
    QCOMPARE(controller.world().scenario.name, calmName);
    QCOMPARE(controller.userActions().size(), std::size_t{1});

    // Keep as recording: saved first, then the new scenario opens; the recording holds the action.
    const QString kept = QDir(dir.path()).filePath(QStringLiteral("kept.db"));
    window.setUnsavedAnswer(Choice::KeepAsRecording, kept);
    window.startDemo();
    QVERIFY(controller.world().scenario.kinesis);
    QVERIFY(QFile::exists(kept));
    window.setUnsavedAnswer(Choice::Cancel);
    QVERIFY(window.openRecording(kept)); // nothing unsaved in the demo: not asked
    QCOMPARE(controller.userActions().size(), std::size_t{1});
    QVERIFY(!window.hasUnsavedExploration());

    // Discard: the lesson opens and the action is gone.
    explore();
    window.setUnsavedAnswer(Choice::Discard);
    QVERIFY(window.lessons()->selectLessonById(QStringLiteral("07")));
    QVERIFY(window.lessons()->currentLessonId().startsWith(QStringLiteral("07")));

    // A saved run is not asked about.
    window.lessonDock()->close();
    explore();
    QVERIFY(window.saveRecording(QDir(dir.path()).filePath(QStringLiteral("saved.db"))));
    window.setUnsavedAnswer(Choice::Cancel);
    QVERIFY(window.openScenario(calm));
  }

  // The first window fills the available screen; presentation mode fills the whole screen.
  void windowFillsTheScreen() {
    QSettings().remove(QString(settings_keys::kWindowGeometry));
    model::SimulationController controller;
    ui::MainWindow window(controller);
    window.restoreSettings();
    QCOMPARE(window.geometry(), window.screen()->availableGeometry());
    window.show();
    window.setPresenting(true);
    QCOMPARE(window.geometry(), window.screen()->geometry());
    window.setPresenting(false);
  }

  // Reopening a recording restores the speed it was saved at; a file without one keeps the
  // speed of now (never the scenario's slow start).
  void recordingSavedAtTheStartReopens() {
    model::SimulationController controller;
    ui::MainWindow window(controller);
    window.setInteractive(false);
    QTemporaryDir dir;
    QVERIFY(window.openScenario(QStringLiteral(SCENARIO_DIR "/calm-cluster.json")));
    const QString atStart = QDir(dir.path()).filePath(QStringLiteral("start.db"));
    QVERIFY(window.saveRecording(atStart));
    QString error;
    QVERIFY2(model::readRecording(atStart, &error), qPrintable(error));
    QVERIFY2(window.openRecording(atStart), qPrintable(window.statusBar()->currentMessage()));
    QCOMPARE(controller.world().now, engine::SimTime{0});
  }

  void recordingKeepsItsSpeed() {
    model::SimulationController controller;
    ui::MainWindow window(controller);
    window.setInteractive(false);
    auto *speed = window.findChild<ui::SpeedControl *>();
    QVERIFY(speed);
    QTemporaryDir dir;
    QVERIFY(window.openScenario(QStringLiteral(SCENARIO_DIR "/calm-cluster.json")));
    controller.runTo(engine::kSecond);
    speed->setSpeed(4);
    const QString withSpeed = QDir(dir.path()).filePath(QStringLiteral("fast.db"));
    QVERIFY(window.saveRecording(withSpeed));
    speed->setSpeed(2);
    QVERIFY(window.openRecording(withSpeed));
    QCOMPARE(controller.speed(), 4.0);
    QCOMPARE(speed->speed(), 4.0);

    // A file written without the speed (as older versions did).
    const QString old = QDir(dir.path()).filePath(QStringLiteral("old.db"));
    {
      model::RecordingWriter writer;
      QString error;
      QVERIFY2(writer.create(old, window.scenarioText(), &error), qPrintable(error));
      QVERIFY2(writer.writeBatch(controller.history(), controller.simulation(), &error), qPrintable(error));
    }
    QVERIFY(!model::readRecording(old, nullptr)->playbackSpeed);
    speed->setSpeed(3);
    QVERIFY(window.openRecording(old));
    QCOMPARE(controller.speed(), 3.0);

    // A recording in progress follows the speed as it changes.
    QVERIFY(window.openScenario(QStringLiteral(SCENARIO_DIR "/calm-cluster.json")));
    const QString live = QDir(dir.path()).filePath(QStringLiteral("live.db"));
    QVERIFY(window.setRecording(live));
    controller.runTo(engine::kSecond);
    speed->setSpeed(8);
    QVERIFY(window.setRecording(QString()));
    const auto recorded = model::readRecording(live, nullptr);
    QVERIFY(recorded && recorded->playbackSpeed);
    QCOMPARE(*recorded->playbackSpeed, 8.0);
  }

  void recordFromNowOnStandsApartFromSaveRecording() {
    model::SimulationController controller;
    ui::MainWindow window(controller);
    QMenu *file = window.menuBar()->actions().at(0)->menu();
    const QList<QAction *> items = file->actions();
    qsizetype save = -1, record = -1;
    for (qsizetype i = 0; i < items.size(); ++i) {
      if (items[i]->text().contains(QStringLiteral("Save Re")))
        save = i;
      if (items[i]->text().contains(QStringLiteral("Record From Now On")))
        record = i;
    }
    QVERIFY(save >= 0 && record > save + 1);
    QVERIFY(items[record - 1]->isSeparator());
  }

  void inspectorTermsOpenTheGlossary() {
    model::SimulationController controller;
    ui::MainWindow window(controller);
    QVERIFY(window.openScenario(QStringLiteral(SCENARIO_DIR "/calm-cluster.json")));
    controller.runTo(3 * engine::kSecond);
    model::WorldItem strip;
    strip.kind = model::WorldItem::Kind::Replica;
    strip.a = 0;
    strip.b = controller.world().kafka.partitions[0].leader;
    window.inspector()->inspect(strip);
    QVERIFY(window.inspector()->toHtml().contains(QStringLiteral("glossary:")));
    QVERIFY(!window.glossaryDialog());
    emit window.inspector()->anchorClicked(QUrl(QStringLiteral("glossary:hw")));
    QVERIFY(window.glossaryDialog() && window.glossaryDialog()->isVisible());
    auto *text = window.glossaryDialog()->findChild<QTextBrowser *>();
    QVERIFY(text && text->toPlainText().contains(QStringLiteral("High watermark (HW)")));
  }

  void shortcutReferenceComesFromTheActions() {
    model::SimulationController controller;
    ui::MainWindow window(controller);
    QString text;
    QTimer::singleShot(0, [&] {
      for (QWidget *w : QApplication::topLevelWidgets())
        if (auto *box = qobject_cast<QMessageBox *>(w)) {
          text = box->text();
          box->accept();
        }
    });
    QMetaObject::invokeMethod(&window, "showShortcuts", Qt::DirectConnection);
    for (const char *expected : {"Space", "F5", "Ctrl+Right", "Power Off Every Broker", "Back"})
      QVERIFY2(text.contains(QString::fromLatin1(expected)), expected);
  }

  void saveScenarioAsAsksForANameAndCountsChanges() {
    model::SimulationController controller;
    ui::MainWindow window(controller);
    window.setInteractive(false);
    QVERIFY(window.openScenario(QStringLiteral(SCENARIO_DIR "/calm-cluster.json")));
    controller.runTo(2 * engine::kSecond);
    QVERIFY(window.applyFault(engine::Fault{0, engine::AddPartitions{"orders", 5}}));
    QVERIFY(window.applyFault(engine::Fault{0, engine::PowerLoss{1}}));

    // Ctrl+Shift+S is Save Scenario As, and the File menu shows it.
    QAction *save = nullptr;
    for (QAction *a : window.findChildren<QAction *>())
      if (a->text() == QStringLiteral("&Save Scenario As…"))
        save = a;
    QVERIFY(save);
    QCOMPARE(save->shortcut(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S));

    // The dialog comes prefilled with the running scenario's name and description.
    const QString oldName = QString::fromStdString(controller.scenario().name);
    QString prefilled;
    window.setScenarioDetailsAnswer([&](ui::ScenarioDetailsDialog &dialog) {
      prefilled = dialog.name();
      dialog.setDetails(QStringLiteral("Orders, grown to five"), QStringLiteral("Five partitions, broker 1 off."));
      dialog.accept();
    });
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("grown.json"));
    QVERIFY(window.saveScenarioTo(path));
    QCOMPARE(prefilled, oldName);
    const model::ScenarioLoadResult saved = model::loadScenarioFile(path);
    QVERIFY(saved.scenario);
    QCOMPARE(saved.scenario->name, std::string("Orders, grown to five"));
    QCOMPARE(saved.scenario->description, std::string("Five partitions, broker 1 off."));
    QCOMPARE(saved.scenario->faults.size(), std::size_t{2});
    // A settings change is not a fault: the message counts changes.
    const QString message = window.statusBar()->currentMessage();
    QVERIFY2(message.contains(QStringLiteral("with 2 changes made during the run")), qPrintable(message));
    QVERIFY2(!message.contains(QStringLiteral("fault")), qPrintable(message));

    // Cancelled: nothing written.
    window.setScenarioDetailsAnswer([](ui::ScenarioDetailsDialog &dialog) { dialog.reject(); });
    QVERIFY(!window.saveScenarioTo(dir.filePath(QStringLiteral("cancelled.json"))));
    QVERIFY(!QFileInfo::exists(dir.filePath(QStringLiteral("cancelled.json"))));
  }

  void faultMenusHaveTitlesAndOneSetOfActions() {
    model::SimulationController controller;
    ui::MainWindow window(controller);
    window.setInteractive(false);
    QVERIFY(window.openScenario(QStringLiteral(SCENARIO_DIR "/calm-cluster.json")));
    // The menu bar shows the title, the toolbar the title beside its icon.
    auto *menu = window.findChild<QMenu *>(QStringLiteral("faultMenu"));
    QVERIFY(menu);
    QCOMPARE(menu->menuAction()->text(), QStringLiteral("F&aults"));
    QVERIFY(menu->menuAction()->icon().isNull());
    auto *button = window.findChild<QToolButton *>(QStringLiteral("faultsButton"));
    QVERIFY(button);
    QCOMPARE(button->text(), QStringLiteral("Faults"));
    QCOMPARE(button->toolButtonStyle(), Qt::ToolButtonTextBesideIcon);
    QCOMPARE(button->menu(), menu);

    // Each whole-system fault appears once, in title case, with its shortcut.
    emit menu->aboutToShow();
    const auto count = [](const QMenu &m, const QString &text) {
      int n = 0;
      for (QAction *a : m.actions())
        n += a->text().remove(QLatin1Char('&')).compare(text, Qt::CaseInsensitive) == 0 ? 1 : 0;
      return n;
    };
    for (const QString &text : {QStringLiteral("Power Off Every Broker"), QStringLiteral("Drop a Record in Flight")}) {
      QCOMPARE(count(*menu, text), 1);
      for (QAction *a : menu->actions())
        if (a->text().compare(text, Qt::CaseInsensitive) == 0) {
          QCOMPARE(a->text(), text);
          QVERIFY(!a->shortcut().isEmpty());
        }
    }
    // The right-click menu's whole-system part offers the same actions.
    QAction power(QStringLiteral("Power Off Every Broker")), drop(QStringLiteral("Drop a Record in Flight"));
    QMenu world;
    ui::addWorldFaults(world, controller.view(), [](const model::Fault &) {}, {&power, &drop});
    QVERIFY(world.actions().contains(&power) && world.actions().contains(&drop));
    QCOMPARE(count(world, power.text()), 1);
    QCOMPARE(count(world, drop.text()), 1);
    QVERIFY(world.actions().contains(&power));
    // Losing a response (the records stay stored, the producer resends) is a whole-system fault too.
    model::Fault applied;
    QMenu responses;
    ui::addWorldFaults(responses, controller.view(), [&applied](const model::Fault &f) { applied = f; }, {&power, &drop});
    QAction *lose = nullptr;
    for (QAction *a : responses.actions())
      lose = a->text() == QStringLiteral("Drop a Response in Flight") ? a : lose;
    QVERIFY(lose);
    lose->trigger();
    QVERIFY(applied.as<model::DropResponse>());
  }

  void badScenarioKeepsTheCurrentSession() {
    model::SimulationController controller;
    ui::MainWindow window(controller);
    QVERIFY(window.openScenario(QStringLiteral(SCENARIO_DIR "/calm-cluster.json")));
    controller.stepEvent();
    const auto before = controller.world().events.count();
    QTimer::singleShot(0, [] { // dismiss the error dialog
      for (QWidget *w : QApplication::topLevelWidgets())
        if (auto *box = qobject_cast<QMessageBox *>(w))
          box->accept();
    });
    QVERIFY(!window.openScenario(QStringLiteral("/nonexistent.json")));
    QCOMPARE(controller.world().events.count(), before);
  }
};

QTEST_MAIN(TstMainWindow)
#include "tst_main_window.moc"
