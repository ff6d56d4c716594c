// MainWindow, part: its actions (with their shortcuts), the toolbar, the fault menu and the
// menu bar. Window-level actions keep their shortcuts while menus and toolbars are hidden.
#include "main_window.h"

#include "classroom/classroom_ui.h"
#include "live/connect_kafka_dialog.h"
#include "live/connect_kinesis_dialog.h"

#include "action_factory.h"
#include "canvas/stream_canvas.h"
#include "fault_menu.h"
#include "help_dialogs.h"
#include "presentation_mode.h"
#include "recent_files.h"
#include "speed_control.h"

#include <QAction>
#include <QDockWidget>
#include <QFileDialog>
#include <QMenu>
#include <QMenuBar>
#include <QStatusBar>
#include <QStyle>
#include <QToolBar>
#include <QToolButton>
#include <algorithm>

namespace streamscope::ui {

void MainWindow::buildActions() {
  m_open = makeAction(this, tr("&Open Scenario…"), QKeySequence::Open, tr("Open a scenario file"));
  m_open->setIcon(style()->standardIcon(QStyle::SP_DialogOpenButton));
  connect(m_open, &QAction::triggered, this, &MainWindow::chooseScenario);
  m_connectKafka = makeAction(this, tr("&Connect to Kafka…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_K),
                              tr("Show a real Kafka cluster (or librdkafka's mock cluster) live, probe its durability, mirror it here"));
  connect(m_connectKafka, &QAction::triggered, this, [this] {
    ConnectKafkaDialog dialog(this);
    if (dialog.exec() == QDialog::Accepted)
      openLiveKafka(dialog.connection(), dialog.mockBrokers());
  });
  m_connectKinesis = makeAction(this, tr("Connect to Kine&sis…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N),
                                tr("Show a real Kinesis stream (AWS, LocalStack or kinesalite) live and probe its durability"));
  connect(m_connectKinesis, &QAction::triggered, this, [this] {
    ConnectKinesisDialog dialog(this);
    if (dialog.exec() == QDialog::Accepted)
      openLiveKinesis(dialog.options(), dialog.stream(), dialog.createShards());
  });
  m_save =
      makeAction(this, tr("&Save Scenario As…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S),
                 tr("Save the scenario, with a name and description, and the faults and settings changes made during the run, so it replays them"));
  m_save->setIcon(style()->standardIcon(QStyle::SP_DialogSaveButton));
  connect(m_save, &QAction::triggered, this, &MainWindow::saveScenarioAs);
  m_openRecording = makeAction(this, tr("Open &Recording…"), QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_O),
                               tr("Open a recorded run: it replays exactly, with its branches, and you can seek at once"));
  connect(m_openRecording, &QAction::triggered, this, [this] {
    const QString path = QFileDialog::getOpenFileName(this, tr("Open recording"), QString(), tr("Recordings (*.db *.sqlite);;All files (*)"));
    if (!path.isEmpty())
      openRecording(path);
  });
  m_saveRecording = makeAction(this, tr("Save Re&cording As…"), QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_S),
                               tr("Save the whole run, with every branch and the metric series, as one SQLite file"));
  connect(m_saveRecording, &QAction::triggered, this, [this] {
    const QString path = QFileDialog::getSaveFileName(this, tr("Save recording"), QString(), tr("Recordings (*.db)"));
    if (!path.isEmpty())
      saveRecording(path);
  });
  m_record = makeAction(this, tr("&Record From Now On…"), QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_R),
                        tr("Record the run to a file as it goes (one transaction per frame), or stop recording"));
  m_record->setCheckable(true);
  connect(m_record, &QAction::triggered, this, [this](bool on) {
    if (!on) {
      setRecording(QString());
      return;
    }
    const QString path = QFileDialog::getSaveFileName(this, tr("Record to"), QString(), tr("Recordings (*.db)"));
    if (path.isEmpty() || !setRecording(path))
      m_record->setChecked(false);
  });
  m_library = makeAction(this, tr("&Library…"), QKeySequence(Qt::CTRL | Qt::Key_L), tr("Your saved and opened scenarios and recordings"));
  connect(m_library, &QAction::triggered, this, &MainWindow::showLibrary);
  m_showWelcome = makeAction(this, tr("&Welcome Page"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_H),
                             tr("Back to the first screen: the demo, recent files and the lessons"));
  connect(m_showWelcome, &QAction::triggered, this, &MainWindow::showWelcome);
  m_exportPng = makeAction(this, tr("Export View as &PNG…"), QKeySequence(Qt::CTRL | Qt::Key_E), tr("Save the canvas as a PNG image"));
  connect(m_exportPng, &QAction::triggered, this, [this] { exportView(false); });
  m_exportSvg = makeAction(this, tr("Export View as S&VG…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E), tr("Save the canvas as an SVG drawing"));
  connect(m_exportSvg, &QAction::triggered, this, [this] { exportView(true); });
  m_quit = makeAction(this, tr("&Quit"), QKeySequence::Quit, tr("Quit StreamScope"));
  connect(m_quit, &QAction::triggered, this, &QWidget::close);

  m_play = makeAction(this, tr("Play"), Qt::Key_Space, tr("Play or pause the simulation"));
  m_play->setIcon(style()->standardIcon(QStyle::SP_MediaPlay));
  connect(m_play, &QAction::triggered, &m_controller, &model::SimulationController::togglePlay);
  m_stepBack =
      makeAction(this, tr("Back"), Qt::Key_Left, tr("Go back to just before the last event (time travel); the status bar says what was undone"));
  m_stepBack->setIcon(style()->standardIcon(QStyle::SP_MediaSeekBackward));
  connect(m_stepBack, &QAction::triggered, this, [this] {
    m_controller.stepBack();
    statusBar()->showMessage(m_controller.lastStepWords(), 15000); // what it undid, in words
  });
  m_step = makeAction(this, tr("Step"), Qt::Key_Right, tr("Run to the next engine event; the status bar says what happened"));
  m_step->setIcon(style()->standardIcon(QStyle::SP_MediaSeekForward));
  connect(m_step, &QAction::triggered, this, [this] {
    m_controller.stepEvent();
    statusBar()->showMessage(m_controller.lastStepWords(), 15000); // what it ran, in words
  });
  m_secondBack = makeAction(this, tr("Back One Second"), QKeySequence(Qt::SHIFT | Qt::Key_Left), tr("Go back one simulated second (time travel)"));
  connect(m_secondBack, &QAction::triggered, this, [this] { stepSeconds(-1); });
  m_secondForward = makeAction(this, tr("Forward One Second"), QKeySequence(Qt::SHIFT | Qt::Key_Right), tr("Run one simulated second forward"));
  connect(m_secondForward, &QAction::triggered, this, [this] { stepSeconds(1); });
  m_reset = makeAction(this, tr("Reset"), QKeySequence(Qt::CTRL | Qt::Key_R), tr("Restart the scenario from time zero with the same seed"));
  m_reset->setIcon(style()->standardIcon(QStyle::SP_BrowserReload));
  connect(m_reset, &QAction::triggered, &m_controller, &model::SimulationController::reset);
  m_speed = new SpeedControl(this);
  m_faster = makeAction(this, tr("Faster"), QKeySequence(Qt::Key_Plus), tr("Double the speed"));
  m_faster->setShortcuts({QKeySequence(Qt::Key_Plus), QKeySequence(Qt::Key_Equal)});
  connect(m_faster, &QAction::triggered, m_speed, &SpeedControl::faster);
  m_slower = makeAction(this, tr("Slower"), QKeySequence(Qt::Key_Minus), tr("Halve the speed"));
  connect(m_slower, &QAction::triggered, m_speed, &SpeedControl::slower);
  keepRecording(); // once the speed control exists: a recording keeps its speed changes

  m_zoomIn = makeAction(this, tr("Zoom &In"), QKeySequence::ZoomIn, tr("Show more detail"));
  connect(m_zoomIn, &QAction::triggered, m_canvas, &StreamCanvas::zoomIn);
  m_zoomOut = makeAction(this, tr("Zoom &Out"), QKeySequence::ZoomOut, tr("Show more of the picture"));
  connect(m_zoomOut, &QAction::triggered, m_canvas, &StreamCanvas::zoomOut);
  m_fit = makeAction(this, tr("&Fit to Window"), QKeySequence(Qt::CTRL | Qt::Key_0), tr("Show everything at once"));
  connect(m_fit, &QAction::triggered, m_canvas, &StreamCanvas::fitToWindow);
  m_present = makeAction(this, tr("&Presentation Mode"), Qt::Key_F5, tr("Full screen, large type, high contrast, keyboard stepping"));
  m_present->setCheckable(true);
  connect(m_present, &QAction::toggled, this, &MainWindow::setPresenting);
  m_leavePresent = makeAction(this, tr("Leave Presentation Mode"), Qt::Key_Escape, tr("Back to the normal window"));
  connect(m_leavePresent, &QAction::triggered, this, [this] { setPresenting(false); });
  m_swapScreens = makeAction(this, tr("S&wap Presentation Screens"), QKeySequence(Qt::SHIFT | Qt::Key_F5),
                             tr("With two screens: the picture on this screen and the presenter view on the other, or back"));
  m_swapScreens->setCheckable(true);
  connect(m_swapScreens, &QAction::toggled, this, [this](bool swapped) { m_presentation->setScreensSwapped(swapped); });
  m_annotate = makeAction(this, tr("&Annotate"), Qt::Key_A, tr("Draw on the picture with the mouse"));
  m_annotate->setCheckable(true);
  connect(m_annotate, &QAction::toggled, m_canvas, &StreamCanvas::setAnnotating);
  m_clearInk = makeAction(this, tr("&Clear Annotations"), Qt::Key_C, tr("Remove everything drawn on the picture"));
  connect(m_clearInk, &QAction::triggered, m_canvas, &StreamCanvas::clearAnnotations);

  const auto apply = [this](const engine::Fault &f) { applyFault(f); };
  m_itemFaults =
      makeAction(this, tr("Faults on the Selection…"), Qt::Key_F, tr("Open the fault menu of the selected broker, consumer, shard or zone"));
  connect(m_itemFaults, &QAction::triggered, this, [this] {
    showItemMenu(m_canvas->selected(), m_canvas->mapToGlobal(m_canvas->geometry().rectOf(m_canvas->selected()).center().toPoint()));
  });
  m_dropRecord = makeAction(this, tr("Drop a Record in Flight"), QKeySequence(Qt::CTRL | Qt::Key_D),
                            tr("The next produce or PutRecords request to arrive is lost on the wire"));
  connect(m_dropRecord, &QAction::triggered, this, [apply] { apply(engine::Fault{0, model::DropMessage{}}); });
  m_powerOffAll = makeAction(this, tr("Power Off Every Broker"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O),
                             tr("A data-centre power cut: every record not yet flushed is gone"));
  connect(m_powerOffAll, &QAction::triggered, this, [apply] { apply(engine::Fault{0, model::PowerLoss{-1}}); });
  // Window-level actions keep their shortcuts while menus and toolbars are hidden.
  addActions({m_open,          m_connectKafka, m_connectKinesis, m_save,     m_openRecording, m_saveRecording, m_record,     m_library,
              m_showWelcome,   m_exportPng,    m_exportSvg,      m_quit,     m_play,          m_stepBack,      m_step,       m_secondBack,
              m_secondForward, m_reset,        m_faster,         m_slower,   m_zoomIn,        m_zoomOut,       m_fit,        m_present,
              m_leavePresent,  m_swapScreens,  m_annotate,       m_clearInk, m_itemFaults,    m_dropRecord,    m_powerOffAll});

  m_toolBar = addToolBar(tr("Simulation"));
  m_toolBar->setObjectName(QStringLiteral("simulationToolBar"));
  m_toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
  m_toolBar->addAction(m_open);
  m_toolBar->addAction(m_save);
  m_toolBar->addSeparator();
  m_toolBar->addAction(m_stepBack);
  m_toolBar->addAction(m_play);
  m_toolBar->addAction(m_step);
  m_toolBar->addAction(m_reset);
  m_toolBar->addWidget(m_speed);
  m_toolBar->addSeparator();
  m_faultMenu = new QMenu(tr("F&aults"), this);
  m_faultMenu->setObjectName(QStringLiteral("faultMenu"));
  connect(m_faultMenu, &QMenu::aboutToShow, this, [this] {
    m_faultMenu->clear();
    if (!m_controller.hasSimulation())
      return;
    m_faultMenu->addAction(m_itemFaults);
    m_faultMenu->addSeparator();
    const auto apply = [this](const engine::Fault &f) { applyFault(f); };
    addWorldFaults(*m_faultMenu, m_controller.view(), apply, {m_powerOffAll, m_dropRecord});
    if (m_canvas->selected()) {
      m_faultMenu->addSeparator();
      addItemFaults(*m_faultMenu, m_controller.view(), m_canvas->selected(), apply);
    }
  });
  // A tool button of its own: giving a toolbar action the menu would make it the menu's
  // action everywhere, so the menu bar would show the toolbar's icon instead of the title.
  auto *faults = new QToolButton(m_toolBar);
  faults->setObjectName(QStringLiteral("faultsButton"));
  faults->setIcon(style()->standardIcon(QStyle::SP_MessageBoxWarning));
  faults->setText(tr("Faults"));
  faults->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
  faults->setPopupMode(QToolButton::InstantPopup);
  faults->setMenu(m_faultMenu);
  faults->setToolTip(tr("Inject a fault: power cuts, a dropped record, an AZ outage, or faults on the selected item"));
  m_toolBar->addWidget(faults);
  m_toolBar->addSeparator();
  m_toolBar->addAction(m_zoomIn);
  m_toolBar->addAction(m_zoomOut);
  m_toolBar->addAction(m_fit);
  m_toolBar->addAction(m_present);
}

void MainWindow::stepSeconds(int seconds) {
  if (!m_controller.hasSimulation())
    return;
  m_controller.seek(std::max<model::SimTime>(0, m_controller.view().now() + seconds * model::kSecond));
}

void MainWindow::buildMenus() {
  QMenu *file = menuBar()->addMenu(tr("&File"));
  file->addAction(m_open);
  m_recentMenu = file->addMenu(tr("Open &Recent"));
  connect(m_recentMenu, &QMenu::aboutToShow, this, [this] { fillRecentFilesMenu(*m_recentMenu, [this](const QString &path) { openFile(path); }); });
  file->addAction(m_save);
  file->addSeparator();
  file->addAction(m_openRecording);
  file->addAction(m_saveRecording);
  file->addSeparator(); // kept apart from Save Recording As…, which it is easily mistaken for
  file->addAction(m_record);
  file->addSeparator();
  file->addAction(m_library);
  file->addSeparator();
  file->addAction(m_connectKafka);
  file->addAction(m_connectKinesis);
  file->addSeparator();
  file->addAction(m_exportPng);
  file->addAction(m_exportSvg);
  file->addSeparator();
  file->addAction(m_quit);

  QMenu *sim = menuBar()->addMenu(tr("&Simulation"));
  sim->addActions({m_play, m_stepBack, m_step, m_secondBack, m_secondForward, m_reset});
  sim->addSeparator();
  sim->addActions({m_faster, m_slower});

  menuBar()->addMenu(m_faultMenu);

  QMenu *view = menuBar()->addMenu(tr("&View"));
  view->addAction(m_showWelcome);
  view->addSeparator();
  view->addActions({m_zoomIn, m_zoomOut, m_fit});
  view->addSeparator();
  view->addAction(m_present);
  view->addAction(m_swapScreens);
  view->addAction(m_annotate);
  view->addAction(m_clearInk);
  view->addSeparator();
  view->addAction(m_inspectorDock->toggleViewAction());
  view->addAction(m_settingsDock->toggleViewAction());
  view->addAction(m_branchDock->toggleViewAction());
  view->addAction(m_metricsDock->toggleViewAction());
  view->addAction(m_tablesDock->toggleViewAction());

  QMenu *lessons = menuBar()->addMenu(tr("&Lessons"));
  lessons->addActions(m_lessonActions);
  m_classroom = new ClassroomUi(*this, m_controller, *m_lessons, [this] { return m_scenarioText; });
  menuBar()->addMenu(m_classroom->menu());
  addActions(m_classroom->menu()->actions());

  QMenu *help = menuBar()->addMenu(tr("&Help"));
  QAction *keys = help->addAction(tr("&Keyboard Shortcuts"), this, &MainWindow::showShortcuts);
  keys->setShortcut(QKeySequence::HelpContents);
  addAction(keys);
  help->addAction(tr("&Glossary"), this, [this] { showGlossary(); })->setStatusTip(tr("Kafka and Kinesis terms, explained"));
  help->addAction(tr("&About StreamScope"), this, [this] { showAboutDialog(this); });
}

} // namespace streamscope::ui
