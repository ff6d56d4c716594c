#include "main_window.h"

#include "canvas/stream_canvas.h"
#include "fault_menu.h"
#include "inspector_panel.h"
#include "model/tables/cluster_table_models.h"
#include "model/json/fault_json.h"
#include "model/explain/glossary.h"
#include "model/history/library_store.h"
#include "model/history/recording_store.h"
#include "library_dialog.h"
#include "lesson_panel.h"
#include "model/lessons/lesson_runner.h"
#include "model/json/scenario_loader.h"
#include "settings_panel.h"
#include "speed_control.h"
#include "timeline_bar.h"
#include "branch_panel.h"
#include "metrics_panel.h"
#include "welcome_page.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QFile>
#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QSaveFile>
#include <QProgressDialog>
#include <QPushButton>
#include <QSettings>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QTextBrowser>
#include <QToolBar>
#include <QVBoxLayout>
#include <qcustomplot.h>

#include <limits>

namespace streamscope::ui {
namespace {

constexpr int kMaxRecent = 8;
const QString kRecentKey = QStringLiteral("recentScenarios");

QTableView *tableFor(QAbstractItemModel *model, QWidget *parent) {
  auto *view = new QTableView(parent);
  view->setModel(model);
  view->setAlternatingRowColors(true);
  view->setSelectionBehavior(QAbstractItemView::SelectRows);
  view->verticalHeader()->hide();
  view->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
  view->horizontalHeader()->setStretchLastSection(true);
  return view;
}

/// An action whose tooltip names its shortcut, so the keyboard is discoverable.
QAction *makeAction(QObject *parent, const QString &text, const QKeySequence &key, const QString &tip) {
  auto *a = new QAction(text, parent);
  a->setShortcut(key);
  const QString keyText = key.toString(QKeySequence::NativeText);
  a->setToolTip(keyText.isEmpty() ? tip : QStringLiteral("%1 (%2)").arg(tip, keyText));
  a->setStatusTip(tip);
  return a;
}

} // namespace

MainWindow::MainWindow(model::SimulationController &controller, QWidget *parent)
    : QMainWindow(parent), m_controller(controller) {
  setWindowTitle(tr("StreamScope"));
  m_canvas = new StreamCanvas(controller, this);
  m_timeline = new TimelineBar(controller, this);
  m_canvasPage = new QWidget(this);
  auto *column = new QVBoxLayout(m_canvasPage);
  column->setContentsMargins(0, 0, 0, 0);
  column->setSpacing(0);
  column->addWidget(m_canvas, 1);
  column->addWidget(m_timeline);
  m_welcome = new WelcomePage(this);
  m_pages = new QStackedWidget(this);
  m_pages->addWidget(m_canvasPage);
  m_pages->addWidget(m_welcome);
  setCentralWidget(m_pages);
  buildActions();
  buildDocks();
  buildMenus();
  m_controller.setLongWorkReporter([this](double share) {
    if (!m_interactive)
      return true;
    if (share >= 1.0) {
      delete m_longWork;
      m_longWork = nullptr;
      return true;
    }
    if (!m_longWork) {
      m_longWork = new QProgressDialog(tr("Computing the run up to there…"), tr("Stop Here"), 0, 1000, this);
      m_longWork->setWindowTitle(tr("Going forward"));
      m_longWork->setWindowModality(Qt::WindowModal);
      m_longWork->setMinimumDuration(400);
    }
    m_longWork->setValue(static_cast<int>(share * 1000));
    return !m_longWork->wasCanceled();
  });
  connect(m_welcome, &WelcomePage::demoRequested, this, &MainWindow::startDemo);
  connect(m_welcome, &WelcomePage::openScenarioRequested, this, &MainWindow::chooseScenario);
  connect(m_welcome, &WelcomePage::openRecordingRequested, m_openRecording, &QAction::trigger);
  connect(m_welcome, &WelcomePage::recentChosen, this, &MainWindow::openFile);
  connect(m_welcome, &WelcomePage::lessonChosen, this, [this](const QString &id) {
    m_lessonDock->show();
    m_lessons->selectLessonById(id);
    showCanvas();
  });

  m_clock = new QLabel(this);
  m_counters = new QLabel(this);
  statusBar()->addWidget(m_clock);
  statusBar()->addPermanentWidget(m_counters);

  connect(&controller, &model::SimulationController::frameReady, this, &MainWindow::updateStatus);
  connect(&controller, &model::SimulationController::playingChanged, this, [this](bool playing) {
    m_play->setText(playing ? tr("Pause") : tr("Play"));
    m_play->setIcon(style()->standardIcon(playing ? QStyle::SP_MediaPause : QStyle::SP_MediaPlay));
  });
  connect(m_canvas, &StreamCanvas::selectionChanged, m_inspector, &InspectorPanel::inspect);
  connect(m_canvas, &StreamCanvas::contextMenuWanted, this, &MainWindow::showItemMenu);
  connect(m_speed, &SpeedControl::speedChanged, &controller, &model::SimulationController::setSpeed);
  // Every way a scenario arrives (file, recording, lesson) starts at its own playback speed.
  connect(&controller, &model::SimulationController::scenarioLoaded, this, [this] {
    m_speed->setSpeed(m_controller.playbackSpeed());
    m_controller.setSpeed(m_speed->speed());
  });

  resize(1400, 860);
}

void MainWindow::restoreSettings() {
  const QSettings settings;
  restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
  restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
}

void MainWindow::buildActions() {
  m_open = makeAction(this, tr("&Open Scenario…"), QKeySequence::Open, tr("Open a scenario file"));
  m_open->setIcon(style()->standardIcon(QStyle::SP_DialogOpenButton));
  connect(m_open, &QAction::triggered, this, &MainWindow::chooseScenario);
  m_save = makeAction(this, tr("&Save Scenario As…"), QKeySequence::SaveAs, tr("Save the scenario with the faults you injected, so it replays them"));
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
  m_record = makeAction(this, tr("&Record…"), QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_R),
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
  connect(&m_controller, &model::SimulationController::frameReady, this, [this] {
    QString error;
    if (m_recorder && !m_recorder->writeBatch(m_controller.history(), m_controller.simulation(), &error)) {
      setRecording(QString());
      showError(tr("Recording stopped"), error);
    }
  });
  connect(&m_controller, &model::SimulationController::scenarioLoaded, this, [this] {
    if (m_recorder) // a recording holds one run
      setRecording(QString());
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
  m_stepBack = makeAction(this, tr("Back"), Qt::Key_Left, tr("Go back to just before the last event (time travel)"));
  m_stepBack->setIcon(style()->standardIcon(QStyle::SP_MediaSeekBackward));
  connect(m_stepBack, &QAction::triggered, &m_controller, &model::SimulationController::stepBack);
  m_step = makeAction(this, tr("Step"), Qt::Key_Right, tr("Run to the next engine event"));
  m_step->setIcon(style()->standardIcon(QStyle::SP_MediaSeekForward));
  connect(m_step, &QAction::triggered, &m_controller, &model::SimulationController::stepEvent);
  m_reset = makeAction(this, tr("Reset"), QKeySequence(Qt::CTRL | Qt::Key_R), tr("Restart the scenario from time zero with the same seed"));
  m_reset->setIcon(style()->standardIcon(QStyle::SP_BrowserReload));
  connect(m_reset, &QAction::triggered, &m_controller, &model::SimulationController::reset);
  m_speed = new SpeedControl(this);
  m_faster = makeAction(this, tr("Faster"), QKeySequence(Qt::Key_Plus), tr("Double the speed"));
  m_faster->setShortcuts({QKeySequence(Qt::Key_Plus), QKeySequence(Qt::Key_Equal)});
  connect(m_faster, &QAction::triggered, m_speed, &SpeedControl::faster);
  m_slower = makeAction(this, tr("Slower"), QKeySequence(Qt::Key_Minus), tr("Halve the speed"));
  connect(m_slower, &QAction::triggered, m_speed, &SpeedControl::slower);

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
  m_annotate = makeAction(this, tr("&Annotate"), Qt::Key_A, tr("Draw on the picture with the mouse"));
  m_annotate->setCheckable(true);
  connect(m_annotate, &QAction::toggled, m_canvas, &StreamCanvas::setAnnotating);
  m_clearInk = makeAction(this, tr("&Clear Annotations"), Qt::Key_C, tr("Remove everything drawn on the picture"));
  connect(m_clearInk, &QAction::triggered, m_canvas, &StreamCanvas::clearAnnotations);

  const auto apply = [this](const engine::Fault &f) { applyFault(f); };
  m_itemFaults = makeAction(this, tr("Faults on the Selection…"), Qt::Key_F, tr("Open the fault menu of the selected broker, consumer, shard or zone"));
  connect(m_itemFaults, &QAction::triggered, this, [this] {
    showItemMenu(m_canvas->selected(), m_canvas->mapToGlobal(m_canvas->geometry().rectOf(m_canvas->selected()).center().toPoint()));
  });
  m_dropRecord = makeAction(this, tr("Drop a Record in Flight"), QKeySequence(Qt::CTRL | Qt::Key_D),
                            tr("The next produce or PutRecords request to arrive is lost on the wire"));
  connect(m_dropRecord, &QAction::triggered, this, [apply] {
    apply(engine::Fault{0, engine::DropMessage{}});
  });
  m_powerOffAll = makeAction(this, tr("Power Off Every Broker"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O),
                             tr("A data-centre power cut: every record not yet flushed is gone"));
  connect(m_powerOffAll, &QAction::triggered, this, [apply] {
    apply(engine::Fault{0, engine::PowerLoss{-1}});
  });
  // Window-level actions keep their shortcuts while menus and toolbars are hidden.
  addActions({m_open, m_save, m_openRecording, m_saveRecording, m_record, m_library, m_showWelcome, m_exportPng, m_exportSvg, m_quit, m_play, m_stepBack, m_step, m_reset, m_faster, m_slower, m_zoomIn,
              m_zoomOut, m_fit, m_present, m_leavePresent, m_annotate, m_clearInk, m_itemFaults, m_dropRecord, m_powerOffAll});

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
  m_faultMenu = new QMenu(tr("Faults"), this);
  connect(m_faultMenu, &QMenu::aboutToShow, this, [this] {
    m_faultMenu->clear();
    if (!m_controller.hasSimulation())
      return;
    m_faultMenu->addActions({m_itemFaults, m_dropRecord, m_powerOffAll});
    m_faultMenu->addSeparator();
    addWorldFaults(*m_faultMenu, m_controller.world(), [this](const engine::Fault &f) { applyFault(f); });
    if (m_canvas->selected()) {
      m_faultMenu->addSeparator();
      addItemFaults(*m_faultMenu, m_controller.world(), m_canvas->selected(), [this](const engine::Fault &f) { applyFault(f); });
    }
  });
  QAction *faults = m_toolBar->addAction(style()->standardIcon(QStyle::SP_MessageBoxWarning), tr("Faults"));
  faults->setMenu(m_faultMenu);
  faults->setToolTip(tr("Inject a fault: power cuts, a dropped record, an AZ outage, or faults on the selected item"));
  connect(faults, &QAction::triggered, this, [this] { m_faultMenu->popup(QCursor::pos()); });
  m_toolBar->addSeparator();
  m_toolBar->addAction(m_zoomIn);
  m_toolBar->addAction(m_zoomOut);
  m_toolBar->addAction(m_fit);
  m_toolBar->addAction(m_present);
}

void MainWindow::buildDocks() {
  m_inspector = new InspectorPanel(m_controller, this);
  connect(m_inspector, &InspectorPanel::glossaryRequested, this, [this](const QString &id) { showGlossary(id); });
  m_inspectorDock = new QDockWidget(tr("Inspector"), this);
  m_inspectorDock->setObjectName(QStringLiteral("inspectorDock"));
  m_inspectorDock->setWidget(m_inspector);
  addDockWidget(Qt::RightDockWidgetArea, m_inspectorDock);

  m_settingsDock = new QDockWidget(tr("Settings"), this);
  m_settingsDock->setObjectName(QStringLiteral("settingsDock"));
  m_settingsDock->setWidget(new SettingsPanel(m_controller, [this](const engine::Fault &f) { applyFault(f); }, this));
  addDockWidget(Qt::RightDockWidgetArea, m_settingsDock);
  tabifyDockWidget(m_inspectorDock, m_settingsDock);
  m_inspectorDock->raise();

  m_branchDock = new QDockWidget(tr("Branches"), this);
  m_branchDock->setObjectName(QStringLiteral("branchDock"));
  m_branchDock->setWidget(new BranchPanel(m_controller, this));
  addDockWidget(Qt::RightDockWidgetArea, m_branchDock);
  tabifyDockWidget(m_settingsDock, m_branchDock);
  m_inspectorDock->raise();
  // The dock's title reports what time travel costs in memory.
  const auto showSnapshots = [this] {
    const auto &h = m_controller.history();
    m_branchDock->setWindowTitle(tr("Branches · %n snapshot(s), %1 MiB", nullptr, static_cast<int>(h.snapshotCount()))
                                     .arg(static_cast<double>(h.snapshotBytes()) / (1 << 20), 0, 'f', 1));
  };
  connect(&m_controller, &model::SimulationController::frameReady, this, [this, showSnapshots] {
    if (m_controller.frames() % 30 == 0 || !m_controller.isPlaying())
      showSnapshots();
  });
  // A new branch is news: show it.
  connect(&m_controller, &model::SimulationController::branchesChanged, this, [this] {
    if (m_controller.history().branches().size() > 1 && !m_presenting) {
      m_branchDock->show();
      m_branchDock->raise();
    }
  });

  m_metrics = new MetricsPanel(m_controller, this);
  m_metricsDock = new QDockWidget(tr("Metrics"), this);
  m_metricsDock->setObjectName(QStringLiteral("metricsDock"));
  m_metricsDock->setWidget(m_metrics);
  addDockWidget(Qt::BottomDockWidgetArea, m_metricsDock);
  m_metricsDock->toggleViewAction()->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_M));
  m_metricsDock->toggleViewAction()->setToolTip(tr("Show or hide the metric plots (Ctrl+M)"));
  connect(m_metricsDock, &QDockWidget::visibilityChanged, m_metrics, [this](bool visible) {
    if (!visible)
      return;
    if (m_metricsDock->height() < 200 && !m_metricsDock->isFloating()) // room for two plots at least
      resizeDocks({m_metricsDock}, {std::max(360, height() / 2 - 40)}, Qt::Vertical);
    m_metrics->refresh();
  });
  m_metricsDock->hide();
  m_toolBar->addAction(m_metricsDock->toggleViewAction());
  addAction(m_metricsDock->toggleViewAction());

  m_lessons = new LessonPanel(m_controller, *m_canvas, this);
  m_lessons->loadLessons(model::lessonDirectory());
  m_lessonDock = new QDockWidget(tr("Lessons"), this);
  m_lessonDock->setObjectName(QStringLiteral("lessonDock"));
  m_lessonDock->setWidget(m_lessons);
  addDockWidget(Qt::LeftDockWidgetArea, m_lessonDock);
  m_lessonDock->hide();
  m_lessonDock->toggleViewAction()->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_L));
  auto *nextStep = makeAction(this, tr("Next Lesson Step"), QKeySequence(Qt::CTRL | Qt::Key_Right), tr("The lesson's next step"));
  connect(nextStep, &QAction::triggered, m_lessons, &LessonPanel::next);
  auto *previousStep = makeAction(this, tr("Previous Lesson Step"), QKeySequence(Qt::CTRL | Qt::Key_Left),
                                  tr("Back to the lesson's previous step, from the state it started in"));
  connect(previousStep, &QAction::triggered, m_lessons, &LessonPanel::back);
  addActions({nextStep, previousStep, m_lessonDock->toggleViewAction()});
  m_toolBar->addAction(m_lessonDock->toggleViewAction());
  m_lessonActions = {m_lessonDock->toggleViewAction(), nextStep, previousStep};

  auto *tabs = new QTabWidget(this);
  tabs->addTab(tableFor(new model::BrokerTableModel(m_controller, this), tabs), tr("Brokers"));
  tabs->addTab(tableFor(new model::PartitionTableModel(m_controller, this), tabs), tr("Partitions"));
  tabs->addTab(tableFor(new model::GroupTableModel(m_controller, this), tabs), tr("Consumer groups"));
  m_tablesDock = new QDockWidget(tr("Tables"), this);
  m_tablesDock->setObjectName(QStringLiteral("tablesDock"));
  m_tablesDock->setWidget(tabs);
  addDockWidget(Qt::BottomDockWidgetArea, m_tablesDock);
  m_tablesDock->hide();
  tabifyDockWidget(m_tablesDock, m_metricsDock);
}

void MainWindow::buildMenus() {
  QMenu *file = menuBar()->addMenu(tr("&File"));
  file->addAction(m_open);
  m_recentMenu = file->addMenu(tr("Open &Recent"));
  connect(m_recentMenu, &QMenu::aboutToShow, this, &MainWindow::fillRecentMenu);
  file->addAction(m_save);
  file->addSeparator();
  file->addAction(m_openRecording);
  file->addAction(m_saveRecording);
  file->addAction(m_record);
  file->addAction(m_library);
  file->addSeparator();
  file->addAction(m_exportPng);
  file->addAction(m_exportSvg);
  file->addSeparator();
  file->addAction(m_quit);

  QMenu *sim = menuBar()->addMenu(tr("&Simulation"));
  sim->addActions({m_play, m_stepBack, m_step, m_reset});
  sim->addSeparator();
  sim->addActions({m_faster, m_slower});

  menuBar()->addMenu(m_faultMenu);

  QMenu *view = menuBar()->addMenu(tr("&View"));
  view->addAction(m_showWelcome);
  view->addSeparator();
  view->addActions({m_zoomIn, m_zoomOut, m_fit});
  view->addSeparator();
  view->addAction(m_present);
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

  QMenu *help = menuBar()->addMenu(tr("&Help"));
  QAction *keys = help->addAction(tr("&Keyboard Shortcuts"), this, &MainWindow::showShortcuts);
  keys->setShortcut(QKeySequence::HelpContents);
  addAction(keys);
  help->addAction(tr("&Glossary"), this, [this] { showGlossary(); })->setStatusTip(tr("Kafka and Kinesis terms, explained"));
  help->addAction(tr("&About StreamScope"), this, [this] {
    QMessageBox::about(this, tr("About StreamScope"),
                       tr("<h3>StreamScope %1</h3><p>Apache Kafka and Amazon Kinesis Data Streams, simulated and animated.</p>"
                          "<p>Qt %2 · QCustomPlot %3 · SQLite %4</p>")
                           .arg(QApplication::applicationVersion(), QString::fromLatin1(qVersion()),
                                QStringLiteral(QCUSTOMPLOT_VERSION_STR), model::sqliteVersion()));
  });
}

void MainWindow::showGlossary(const QString &id) {
  if (!m_glossary) {
    m_glossary = new QDialog(this);
    m_glossary->setWindowTitle(tr("Glossary"));
    m_glossary->resize(560, 640);
    auto *layout = new QVBoxLayout(m_glossary);
    auto *text = new QTextBrowser(m_glossary);
    text->setObjectName(QStringLiteral("glossaryText"));
    text->setHtml(model::glossaryHtml());
    layout->addWidget(text);
  }
  auto *text = m_glossary->findChild<QTextBrowser *>(QStringLiteral("glossaryText"));
  if (id.isEmpty())
    text->moveCursor(QTextCursor::Start);
  else
    text->scrollToAnchor(id);
  m_glossary->show();
  m_glossary->raise();
}

void MainWindow::showShortcuts() {
  // Built from the window's own actions, so the list cannot go out of date.
  QString html = QStringLiteral("<table cellpadding='3'>");
  QSet<QString> seen;
  for (QAction *a : actions()) {
    const QString keys = a->shortcuts().isEmpty() ? QString() : a->shortcut().toString(QKeySequence::NativeText);
    const QString name = a->text().remove(QLatin1Char('&')).remove(QStringLiteral("…"));
    if (keys.isEmpty() || seen.contains(name))
      continue;
    seen.insert(name);
    html += QStringLiteral("<tr><td><b>%1</b></td><td>%2</td><td>%3</td></tr>")
                .arg(keys.toHtmlEscaped(), name.toHtmlEscaped(), a->statusTip().toHtmlEscaped());
  }
  html += QStringLiteral("</table>");
  QMessageBox box(this);
  box.setWindowTitle(tr("Keyboard shortcuts"));
  box.setTextFormat(Qt::RichText);
  box.setText(html);
  box.exec();
}

void MainWindow::setPresenting(bool presenting) {
  if (presenting == m_presenting)
    return;
  m_presenting = presenting;
  if (presenting) {
    m_stateBeforePresenting = saveState();
    menuBar()->hide();
    statusBar()->hide();
    m_toolBar->hide();
    m_inspectorDock->hide(); // a lesson in progress stays: the class reads it from the screen
    m_settingsDock->hide();
    m_branchDock->hide();
    m_metricsDock->hide();
    m_tablesDock->hide();
    showFullScreen();
  } else {
    menuBar()->show();
    statusBar()->show();
    restoreState(m_stateBeforePresenting);
    showNormal();
  }
  m_canvas->setPresenting(presenting);
  // The lesson's text is read from the back of the room too.
  QFont lessonFont = font();
  if (presenting)
    lessonFont.setPointSizeF(lessonFont.pointSizeF() * 1.5);
  m_lessons->setFont(lessonFont);
  const QSignalBlocker block(m_present);
  m_present->setChecked(presenting);
}

void MainWindow::updateStatus() {
  if (!m_controller.hasSimulation())
    return;
  const auto &w = m_controller.world();
  m_clock->setText(tr("t = %1 s of %2 s").arg(engine::toMs(w.now) / 1000, 0, 'f', 3).arg(engine::toMs(w.scenario.duration) / 1000, 0, 'f', 0));
  // Both systems together; only Kafka loses acknowledged records, only Kinesis throttles.
  const auto &c = w.kafka.counters;
  const auto &k = w.kinesis.counters;
  m_counters->setText(tr("produced %1 · acknowledged %2 · acknowledged but lost %3 · consumed %4 · duplicates %5 · throttled %6")
                          .arg(c.produced + k.produced)
                          .arg(c.acknowledged + k.acknowledged)
                          .arg(c.lostSeen)
                          .arg(c.consumed + k.consumed)
                          .arg(c.duplicatesDelivered + k.duplicatesDelivered)
                          .arg(k.throttledWrites + k.throttledReads));
}

void MainWindow::chooseScenario() {
  const QString path = QFileDialog::getOpenFileName(this, tr("Open scenario"), QFileInfo(m_scenarioPath).path(), tr("Scenarios (*.json);;All files (*)"));
  if (!path.isEmpty())
    openScenario(path);
}

bool MainWindow::openScenario(const QString &path) { return useLoaded(model::loadScenarioFile(path), path); }

bool MainWindow::openScenarioText(const QByteArray &text, const QString &name) {
  return useLoaded(model::loadScenarioText(text, name), QString());
}

bool MainWindow::useLoaded(const model::ScenarioLoadResult &loaded, const QString &path) {
  if (!loaded.scenario) {
    showError(tr("Cannot open scenario"), loaded.error);
    return false;
  }
  m_scenarioText = loaded.text;
  m_scenarioPath = path;
  m_controller.load(*loaded.scenario, loaded.playbackSpeed);
  showCanvas();
  setWindowTitle(tr("%1 — StreamScope").arg(QString::fromStdString(loaded.scenario->name)));
  if (!path.isEmpty()) {
    rememberRecent(path);
    rememberInLibrary(path, false);
  }
  return true;
}

void MainWindow::showWelcome() {
  m_controller.pause();
  m_welcome->setRecent(QSettings().value(kRecentKey).toStringList());
  m_welcome->setLessons(m_lessons->lessonsWithProgress());
  m_pages->setCurrentWidget(m_welcome);
  m_welcome->demoButton()->setFocus();
}

bool MainWindow::isShowingWelcome() const { return m_pages->currentWidget() == m_welcome; }

void MainWindow::showCanvas() { m_pages->setCurrentWidget(m_canvasPage); }

void MainWindow::startDemo() {
  // The copy built into the program, or the installed one (builds without the resource).
  QFile builtin(QStringLiteral(":/scenarios/first-look.json"));
  QFile installed(QDir(model::lessonDirectory()).filePath(QStringLiteral("scenarios/first-look.json")));
  QFile &file = builtin.exists() ? builtin : installed;
  if (!file.open(QIODevice::ReadOnly)) {
    showError(tr("Cannot start the demo"), tr("%1: cannot open: %2").arg(file.fileName(), file.errorString()));
    return;
  }
  if (openScenarioText(file.readAll(), QStringLiteral("first-look.json")))
    m_controller.play();
}

bool MainWindow::openFile(const QString &path) {
  return model::isSqliteFile(path) ? openRecording(path) : openScenario(path);
}

bool MainWindow::openRecording(const QString &path) {
  QString error;
  const std::optional<model::Recording> recording = model::readRecording(path, &error);
  if (!recording) {
    showError(tr("Cannot open recording"), error);
    return false;
  }
  // Replaying a long recording takes seconds: show how far it is, and let it be cancelled.
  QProgressDialog progress(tr("Replaying %1 and checking it…").arg(QFileInfo(path).fileName()), tr("Cancel"), 0, 1000, this);
  progress.setWindowTitle(tr("Opening recording"));
  progress.setWindowModality(Qt::WindowModal);
  progress.setMinimumDuration(m_interactive ? 400 : std::numeric_limits<int>::max());
  const auto report = [&progress](double share) {
    progress.setValue(static_cast<int>(share * 1000));
    return !progress.wasCanceled();
  };
  if (const auto failed = m_controller.loadRecording(*recording, report)) {
    if (*failed == model::replayCancelledMessage()) {
      statusBar()->showMessage(tr("Opening %1 was cancelled; the current run is kept.").arg(QFileInfo(path).fileName()), 8000);
      return false;
    }
    showError(tr("Cannot open recording"), QStringLiteral("%1: %2").arg(path, *failed));
    return false;
  }
  progress.setValue(1000);
  m_scenarioText = recording->scenarioJson;
  m_scenarioPath.clear();
  showCanvas();
  setWindowTitle(tr("%1 (recording) — StreamScope").arg(QString::fromStdString(m_controller.scenario().name)));
  rememberRecent(path);
  rememberInLibrary(path, true);
  return true;
}

bool MainWindow::saveRecording(const QString &path) {
  if (!m_controller.hasSimulation())
    return false;
  QString error;
  model::RecordingWriter writer;
  QByteArray text = m_scenarioText;
  if (!writer.create(path, text, &error) || !writer.writeBatch(m_controller.history(), m_controller.simulation(), &error)) {
    showError(tr("Cannot save recording"), error);
    return false;
  }
  statusBar()->showMessage(tr("Saved the run to %1").arg(path), 6000);
  rememberRecent(path);
  rememberInLibrary(path, true);
  return true;
}

bool MainWindow::setRecording(const QString &path) {
  if (path.isEmpty()) {
    if (m_recorder) {
      m_recorder.reset();
      statusBar()->showMessage(tr("Recording saved to %1").arg(m_recordingPath), 6000);
      rememberRecent(m_recordingPath);
      rememberInLibrary(m_recordingPath, true);
    }
    const QSignalBlocker block(m_record);
    m_record->setChecked(false);
    return true;
  }
  if (!m_controller.hasSimulation())
    return false;
  auto recorder = std::make_unique<model::RecordingWriter>();
  QString error;
  if (!recorder->create(path, m_scenarioText, &error) || !recorder->writeBatch(m_controller.history(), m_controller.simulation(), &error)) {
    showError(tr("Cannot record"), error);
    return false;
  }
  m_recorder = std::move(recorder);
  m_recordingPath = path;
  const QSignalBlocker block(m_record);
  m_record->setChecked(true);
  statusBar()->showMessage(tr("Recording to %1").arg(path), 4000);
  return true;
}

void MainWindow::rememberInLibrary(const QString &path, bool recording) {
  model::LibraryStore library(model::LibraryStore::defaultPath());
  const engine::Scenario &s = m_controller.scenario();
  const QString systems = s.kafka && s.kinesis ? tr("Kafka + Kinesis") : s.kafka ? tr("Kafka") : tr("Kinesis");
  library.remember({path, recording ? QStringLiteral("recording") : QStringLiteral("scenario"), QString::fromStdString(s.name), systems,
                    s.duration / engine::kMillisecond, QDateTime::currentDateTimeUtc()});
}

void MainWindow::showLibrary() {
  model::LibraryStore library(model::LibraryStore::defaultPath());
  if (!library.ok()) {
    showError(tr("Cannot open the library"), library.error());
    return;
  }
  LibraryDialog dialog(library, this);
  if (dialog.exec() == QDialog::Accepted && !dialog.chosenPath().isEmpty())
    openFile(dialog.chosenPath());
}

void MainWindow::rememberRecent(const QString &path) {
  QSettings settings;
  QStringList recent = settings.value(kRecentKey).toStringList();
  const QString absolute = QFileInfo(path).absoluteFilePath();
  recent.removeAll(absolute);
  recent.prepend(absolute);
  settings.setValue(kRecentKey, recent.mid(0, kMaxRecent));
}

void MainWindow::fillRecentMenu() {
  m_recentMenu->clear();
  const QStringList recent = QSettings().value(kRecentKey).toStringList();
  for (const QString &path : recent)
    m_recentMenu->addAction(QFileInfo(path).fileName(), this, [this, path] { openFile(path); })->setToolTip(path);
  if (recent.isEmpty())
    m_recentMenu->addAction(tr("No recent scenarios or recordings"))->setEnabled(false);
}

void MainWindow::saveScenarioAs() {
  if (!m_controller.hasSimulation())
    return;
  const QString path = QFileDialog::getSaveFileName(this, tr("Save scenario"), m_scenarioPath, tr("Scenarios (*.json)"));
  if (path.isEmpty())
    return;
  QString error;
  const QByteArray text = model::withFaults(m_scenarioText, m_controller.scenario(), m_controller.userActions(), &error);
  QSaveFile file(path);
  if (text.isEmpty() || !file.open(QIODevice::WriteOnly) || file.write(text) != text.size() || !file.commit()) {
    showError(tr("Cannot save scenario"), error.isEmpty() ? tr("%1: %2").arg(path, file.errorString()) : error);
    return;
  }
  statusBar()->showMessage(tr("Saved %1 with %n injected fault(s)", nullptr, static_cast<int>(m_controller.userActions().size())).arg(path), 6000);
  rememberRecent(path);
  rememberInLibrary(path, false);
}

void MainWindow::exportView(bool svg) {
  const QString path = QFileDialog::getSaveFileName(this, svg ? tr("Export view as SVG") : tr("Export view as PNG"), QString(),
                                                    svg ? tr("SVG drawings (*.svg)") : tr("PNG images (*.png)"));
  if (path.isEmpty())
    return;
  const bool ok = svg ? m_canvas->exportSvg(path, m_canvas->size()) : m_canvas->exportPng(path, m_canvas->size());
  if (!ok)
    showError(tr("Cannot export the view"), tr("%1 could not be written.").arg(path));
  else
    statusBar()->showMessage(tr("Exported %1").arg(path), 5000);
}

void MainWindow::showItemMenu(const model::WorldItem &item, const QPoint &globalPos) {
  if (!m_controller.hasSimulation())
    return;
  QMenu menu(this);
  const auto apply = [this](const engine::Fault &f) { applyFault(f); };
  if (addItemFaults(menu, m_controller.world(), item, apply) > 0)
    menu.addSeparator();
  QMenu *world = menu.addMenu(tr("Whole system"));
  addWorldFaults(*world, m_controller.world(), apply);
  menu.exec(globalPos);
}

void MainWindow::applyFault(const engine::Fault &fault) {
  if (const auto refused = m_controller.applyUserAction(fault))
    showError(tr("Refused"), *refused);
}

void MainWindow::showError(const QString &title, const QString &message) {
  statusBar()->showMessage(QStringLiteral("%1: %2").arg(title, message), 10000);
  if (m_interactive)
    QMessageBox::warning(this, title, message);
}

MainWindow::~MainWindow() { m_controller.setLongWorkReporter({}); } // the controller may outlive the window

void MainWindow::closeEvent(QCloseEvent *event) {
  setRecording(QString());
  if (m_presenting)
    setPresenting(false);
  QSettings settings;
  settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
  settings.setValue(QStringLiteral("window/state"), saveState());
  event->accept();
}

} // namespace streamscope::ui
