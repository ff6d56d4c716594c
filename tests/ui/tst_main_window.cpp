// The main window shows a live cluster and survives a bad scenario file.
#include "model/json/scenario_loader.h"
#include "model/simulation_controller.h"
#include "ui/fault_menu.h"
#include "ui/inspector_panel.h"
#include "ui/lesson_panel.h"
#include "ui/main_window.h"
#include "ui/scenario_details_dialog.h"
#include "ui/welcome_page.h"

#include <QDockWidget>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
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
