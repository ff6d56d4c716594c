#include "main_window.h"

#include "canvas/stream_canvas.h"
#include "fault_menu.h"
#include "help_dialogs.h"
#include "inspector_panel.h"
#include "lesson_panel.h"
#include "model/history/recording_store.h"
#include "model/lessons/lesson_runner.h"
#include "model/settings/run_counters.h"
#include "presentation_mode.h"
#include "presenter_view.h"
#include "recent_files.h"
#include "settings_keys.h"
#include "speed_control.h"
#include "stall_label.h"
#include "timeline_bar.h"
#include "welcome_page.h"

#include <QCloseEvent>
#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QProgressDialog>
#include <QPushButton>
#include <QScreen>
#include <QSettings>
#include <QStackedWidget>
#include <QStatusBar>
#include <QStyle>
#include <QVBoxLayout>

namespace streamscope::ui {

MainWindow::MainWindow(model::SimulationController &controller, QWidget *parent) : QMainWindow(parent), m_controller(controller) {
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
  m_presentation = std::make_unique<PresentationMode>(*this,
                                                      PresentationParts{m_toolBar,
                                                                        {m_inspectorDock, m_settingsDock, m_branchDock, m_metricsDock, m_tablesDock},
                                                                        m_canvas,
                                                                        m_lessons,
                                                                        m_present,
                                                                        m_swapScreens,
                                                                        [this] { return makePresenterView(); }});
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
    if (!m_lessons->selectLessonById(id))
      return; // not found, or the user kept the current run
    m_lessonDock->show();
    showCanvas();
  });
  m_lessons->setLeaveGuard([this] { return mayReplaceSession(); });
  // Exploration: what the user changed since the run was loaded, saved or recorded.
  connect(&controller, &model::SimulationController::userActionApplied, this, [this] { ++m_explorationEdits; });
  connect(&controller, &model::SimulationController::branchesChanged, this, [this] { ++m_explorationEdits; });
  connect(&controller, &model::SimulationController::scenarioLoaded, this, [this] { m_savedEdits = m_explorationEdits; });
  connect(m_lessons, &LessonPanel::stepChanged, this, [this] {
    if (m_lessons->currentLessonId().isEmpty()) // a lesson just ended: what it did is not exploration
      m_savedEdits = m_explorationEdits;
  });

  m_clock = new QLabel(this);
  m_counters = new QLabel(this);
  m_counters->setToolTip(tr("Totals of both systems since the start. Throttled: Kinesis records refused for a shard's write limits "
                            "(1,000 records/s, 1 MiB/s). Reads throttled: GetRecords calls refused for a shard's shared read "
                            "limits (5 calls/s, 2 MiB/s)."));
  statusBar()->addWidget(m_clock);
  statusBar()->addWidget(new StallLabel(controller, this)); // the longest wait now, every frame
  statusBar()->addPermanentWidget(m_counters);

  connect(&controller, &model::SimulationController::frameReady, this, &MainWindow::updateStatus);
  connect(&controller, &model::SimulationController::playingChanged, this, [this](bool playing) {
    m_play->setText(playing ? tr("Pause") : tr("Play"));
    m_play->setIcon(style()->standardIcon(playing ? QStyle::SP_MediaPause : QStyle::SP_MediaPlay));
  });
  connect(m_canvas, &StreamCanvas::selectionChanged, m_inspector, &InspectorPanel::inspect);
  connect(m_canvas, &StreamCanvas::contextMenuWanted, this, &MainWindow::showItemMenu);
  connect(m_speed, &SpeedControl::speedChanged, &controller, &model::SimulationController::setSpeed);
  connect(m_speed, &SpeedControl::speedChanged, m_canvas, qOverload<>(&QWidget::update)); // its presenting header shows the speed
  connect(m_canvas, &StreamCanvas::presentingChanged, m_timeline, &TimelineBar::setPresenting);
  // Every way a scenario arrives (file, recording, lesson) starts at its own playback speed.
  connect(&controller, &model::SimulationController::scenarioLoaded, this, [this] {
    m_speed->setSpeed(m_controller.playbackSpeed());
    m_controller.setSpeed(m_speed->speed());
  });

  // The first time (no saved geometry) the window takes the whole available screen.
  if (const QScreen *screen = this->screen())
    setGeometry(screen->availableGeometry());
  else
    resize(1400, 860);
}

void MainWindow::restoreSettings() {
  const QSettings settings;
  const QByteArray geometry = settings.value(settings_keys::kWindowGeometry).toByteArray();
  if (!geometry.isEmpty())
    restoreGeometry(geometry);
  restoreState(settings.value(settings_keys::kWindowState).toByteArray());
}

void MainWindow::updateStatus() {
  if (!m_controller.hasSimulation())
    return;
  const model::WorldView &view = m_controller.view();
  m_clock->setText(tr("t = %1 s of %2 s").arg(model::toMs(view.now()) / 1000, 0, 'f', 3).arg(model::toMs(view.duration()) / 1000, 0, 'f', 0));
  const model::RunCounters c = model::runCounters(m_controller);
  m_counters->setText(tr("produced %1 · acknowledged %2 · acknowledged but lost %3 · consumed %4 · duplicates %5 · throttled %6 · reads throttled %7")
                          .arg(c.produced)
                          .arg(c.acknowledged)
                          .arg(c.acknowledgedButLost)
                          .arg(c.consumed)
                          .arg(c.duplicates)
                          .arg(c.throttled)
                          .arg(c.readThrottled));
}

void MainWindow::showWelcome() {
  m_controller.pause();
  m_welcome->setRecent(recentFiles());
  m_welcome->setLessons(m_lessons->lessonsWithProgress());
  m_welcome->setCourse(CourseMap::nodesFor(m_lessons->lessons(), LessonPanel::passedLessons()));
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

bool MainWindow::isPresenting() const { return m_presentation && m_presentation->isOn(); }

void MainWindow::setPresenting(bool presenting) {
  // A presentation clicker sends Page Down and Page Up; otherwise those keys scroll.
  const auto withPage = [presenting](Qt::Key arrow, Qt::Key page) {
    QList<QKeySequence> keys{QKeySequence(Qt::CTRL | arrow)};
    if (presenting)
      keys << QKeySequence(page);
    return keys;
  };
  m_nextLessonStep->setShortcuts(withPage(Qt::Key_Right, Qt::Key_PageDown));
  m_previousLessonStep->setShortcuts(withPage(Qt::Key_Left, Qt::Key_PageUp));
  m_presentation->set(presenting); // after: the presenter view lists the keys
}

QWidget *MainWindow::presenterView() const { return m_presentation ? m_presentation->presenterView() : nullptr; }

QWidget *MainWindow::makePresenterView() {
  auto *view =
      new PresenterView(m_controller, *m_lessons, {m_play, m_stepBack, m_step, m_previousLessonStep, m_nextLessonStep, m_leavePresent}, this);
  view->addActions(actions()); // the same actions, so every shortcut works in both windows
  return view;
}

QDialog *MainWindow::glossaryDialog() const { return m_glossary; }

void MainWindow::showGlossary(const QString &id) {
  if (!m_glossary)
    m_glossary = new GlossaryDialog(this);
  m_glossary->showTerm(id);
}

void MainWindow::showShortcuts() { showShortcutsDialog(this, actions()); }

void MainWindow::showItemMenu(const model::WorldItem &item, const QPoint &globalPos) {
  if (!m_controller.hasSimulation())
    return;
  QMenu menu(this);
  const auto apply = [this](const engine::Fault &f) { applyFault(f); };
  if (addItemFaults(menu, m_controller.view(), item, apply) > 0)
    menu.addSeparator();
  QMenu *world = menu.addMenu(tr("Whole System"));
  addWorldFaults(*world, m_controller.view(), apply, {m_powerOffAll, m_dropRecord});
  menu.exec(globalPos);
}

bool MainWindow::applyFault(const engine::Fault &fault) {
  if (const auto refused = m_controller.applyUserAction(fault)) {
    showError(tr("Refused"), *refused);
    return false;
  }
  return true;
}

void MainWindow::showError(const QString &title, const QString &message) {
  statusBar()->showMessage(QStringLiteral("%1: %2").arg(title, message), 10000);
  if (m_interactive)
    QMessageBox::warning(this, title, message);
}

MainWindow::~MainWindow() { m_controller.setLongWorkReporter({}); } // the controller may outlive the window

void MainWindow::closeEvent(QCloseEvent *event) {
  setRecording(QString());
  if (isPresenting())
    setPresenting(false);
  QSettings settings;
  settings.setValue(settings_keys::kWindowGeometry, saveGeometry());
  settings.setValue(settings_keys::kWindowState, saveState());
  event->accept();
}

} // namespace streamscope::ui
